import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import yaml from 'yaml';
import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID, loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/server.js';
import { memoryLogger } from '../../src/observability/logger.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
export const screenshotDir = join(root, 'test-results', 'e2e');
/** Where the screenshots the README shows are kept (committed). */
export const docsScreenshotDir = join(root, 'docs', 'screenshots');

/** Debian's chromium (apt-get install chromium); CHROMIUM_PATH overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

/**
 * Without a browser the e2e tests are skipped with a notice — except under CI, where a missing browser must fail
 * the run rather than hide the tests.
 */
export function requireBrowserOrSkip(): boolean {
  if (hasChromium) return true;
  if (process.env.CI) throw new Error(`E2E tests need Chromium at ${chromiumPath} (CI installs Debian's chromium in .ci/run).`);
  process.stderr.write(`\n  NOTICE: e2e tests skipped — no Chromium at ${chromiumPath}. Install it with: apt-get install -y chromium\n\n`);
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface PlaygroundUser {
  aadObjectId: string;
  [key: string]: unknown;
}

/**
 * A directory holding the project's Playground config with `aadObjectId` as the current user (swapped with that
 * entry of `users`, as README › Play another role says to do by hand), for the Playground to start in.
 */
async function playgroundConfigAs(aadObjectId: string): Promise<string> {
  const config = yaml.parse(await readFile(join(root, '.m365agentsplayground.yml'), 'utf8')) as { currentUser: PlaygroundUser; users: PlaygroundUser[] };
  const i = config.users.findIndex((u) => u.aadObjectId === aadObjectId);
  if (i < 0) throw new Error(`${aadObjectId} is not among the Playground's users`);
  const current = config.currentUser;
  config.currentUser = config.users[i] as PlaygroundUser;
  config.users[i] = current;
  const dir = await mkdtemp(join(tmpdir(), 'stark-playground-'));
  await writeFile(join(dir, '.m365agentsplayground.yml'), yaml.stringify(config));
  return dir;
}

/** The bot (on a fresh store) and the Agents Playground against it, with headless Chromium on the chat page. */
export class PlaygroundSession {
  private constructor(
    readonly bot: RunningBot,
    private readonly playground: ChildProcess,
    private readonly browser: Browser,
    readonly page: Page,
    private readonly dataDir: string,
    private readonly configDir: string | undefined,
  ) {}

  /**
   * `as`: the aadObjectId of another of the Playground's users to chat as (default: its configured current user).
   * `now`: the bot's clock (default: the real one), for a test that moves past a meeting.
   */
  static async start(options: { as?: string; viewport?: { width: number; height: number }; now?: () => Date } = {}): Promise<PlaygroundSession> {
    const dataDir = await mkdtemp(join(tmpdir(), 'stark-e2e-'));
    const configDir = options.as ? await playgroundConfigAs(options.as) : undefined;
    const bot = await startBot({
      config: loadConfig({ PORT: '0', HOST: '127.0.0.1', STARK_DATA_DIR: dataDir, STARK_BACKUPS_KEEP: '0' }),
      log: memoryLogger(),
      runJobs: false,
      ...(options.now ? { now: options.now } : {}),
    });
    const port = await freePort();
    const playground = spawn(
      process.execPath,
      [require.resolve('@microsoft/m365agentsplayground/cli.js'), '-e', `${bot.url}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
      // The Playground's server takes the activities' locale from its own process locale (LANG), as Teams takes
      // it from the user's Teams language: the demo director uses Teams in Swedish.
      { cwd: configDir ?? root, env: { ...process.env, BROWSER: 'none', LANG: 'sv_SE.UTF-8', LC_ALL: 'sv_SE.UTF-8' }, stdio: 'ignore' },
    );
    await waitFor(`http://127.0.0.1:${port}/`, 60_000);
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // The Playground sends the browser's language as the activity locale, as Teams sends the user's Teams language.
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 1000 }, locale: 'sv-SE' });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole('textbox').first().waitFor({ timeout: 30_000 });
    return new PlaygroundSession(bot, playground, browser, page, dataDir, configDir);
  }

  /**
   * A card action by someone other than the Playground's user (the programme leader, say), posted to the running bot
   * as Teams would post it from that person's own personal chat; replies go to the Playground's connector.
   * `inPlayground`: the Playground's own user clicking in its chat (their chat stays the one the bot writes to).
   */
  async invokeAs(person: { aadObjectId: string; id: string; name: string }, verb: string, data: Record<string, unknown>, options: { inPlayground?: boolean } = {}): Promise<Response> {
    const ref = Object.values(this.bot.services.store.doc.conversationRefs)[0];
    if (!ref) throw new Error('the Playground has not talked to the bot yet');
    return fetch(`${this.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: randomUUID(),
        channelId: 'msteams',
        serviceUrl: ref.serviceUrl,
        locale: 'sv-SE',
        from: { id: person.id, aadObjectId: person.aadObjectId, name: person.name },
        recipient: { id: ref.bot.id, name: 'STARK' },
        conversation: { id: options.inPlayground ? ref.conversation.id : `e2e-${person.id}-${randomUUID()}`, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
        channelData: { tenant: { id: DEMO_TENANT_ID } },
        value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } } },
      }),
    });
  }

  /** Types a message into the chat box and sends it. */
  async say(text: string): Promise<void> {
    const box = this.page.locator('[contenteditable="true"][role="textbox"]').first();
    await box.click();
    // The Playground's editor (Lexical) reacts to key events, not to a programmatic fill.
    await this.page.keyboard.type(text, { delay: 20 });
    await this.page.keyboard.press('Enter');
  }

  /** The page (or only `of`, e.g. one card) as `<dir>/<name>.png`; `dir` defaults to test-results/e2e. */
  async screenshot(name: string, options: { dir?: string; of?: Locator } = {}): Promise<string> {
    const dir = options.dir ?? screenshotDir;
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${name}.png`);
    if (options.of) await options.of.screenshot({ path });
    else await this.page.screenshot({ path, fullPage: false });
    return path;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    this.playground.kill('SIGTERM');
    await this.bot.close();
    await rm(this.dataDir, { recursive: true, force: true });
    if (this.configDir) await rm(this.configDir, { recursive: true, force: true });
  }
}
