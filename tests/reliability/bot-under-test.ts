import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/server.js';
import { memoryLogger } from '../../src/observability/logger.js';
import type { BotFeature } from '../../src/bot/feature.js';
import { buildSeedDocument } from '../../src/store/seed.js';
import { STORE_FILE_NAME } from '../../src/store/store.js';
import type { StoreDocument } from '../../src/store/schema.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { testLimits } from '../helpers/harness.js';
import { LoadClient } from '../helpers/load-client.js';

/**
 * The real bot in this process (like tests/helpers/harness.ts) with what the reliability tests need on top: its own
 * feature list, a prepared store document, and a LoadClient that posts exactly the bodies a test builds.
 */
export class BotUnderTest {
  private constructor(
    readonly bot: RunningBot,
    readonly connector: FakeConnector,
    readonly client: LoadClient,
    readonly dataDir: string,
    readonly log: ReturnType<typeof memoryLogger>,
  ) {}

  static async start(
    options: { features?: BotFeature[]; prepare?: (doc: StoreDocument) => void; storeText?: string; env?: Record<string, string>; now?: () => Date } = {},
  ): Promise<BotUnderTest> {
    const connector = await new FakeConnector().start();
    const dataDir = await mkdtemp(join(tmpdir(), 'stark-reliability-'));
    if (options.storeText !== undefined) {
      // A store file as it is (a fixture of an older version, say): the bot must open it as it would in production.
      await writeFile(join(dataDir, STORE_FILE_NAME), options.storeText);
    } else if (options.prepare) {
      const doc = await buildSeedDocument({ now: options.now?.() ?? new Date() });
      options.prepare(doc);
      await mkdir(dataDir, { recursive: true });
      await writeFile(join(dataDir, STORE_FILE_NAME), JSON.stringify(doc));
    }
    const log = memoryLogger();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STARK_DATA_DIR: dataDir, STARK_BACKUPS_KEEP: '0', ...testLimits, ...options.env });
    const bot = await startBot({ config, log, runJobs: false, ...(options.features ? { features: options.features } : {}), ...(options.now ? { now: options.now } : {}) });
    return new BotUnderTest(bot, connector, new LoadClient(bot.url, connector.url), dataDir, log);
  }

  get store() {
    return this.bot.services.store;
  }

  /** Waits until proactive sends and the writes they cause are done, so a snapshot of the document is stable. */
  async settle(): Promise<void> {
    await this.bot.services.messenger.drain();
    await this.store.flush();
  }

  /** Log entries at error level with this event name. */
  errors(event?: string): Array<Record<string, unknown>> {
    return this.log.entries.filter((e) => e.level === 'error' && (event === undefined || e.event === event));
  }

  async close(): Promise<void> {
    this.client.close();
    await this.bot.close();
    await this.connector.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
