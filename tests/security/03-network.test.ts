import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_FRAMEWORK_SERVICE_URLS, loadConfig, UNSAFE_NETWORK } from '../../src/config.js';
import { startBot } from '../../src/server.js';
import { memoryLogger } from '../../src/observability/logger.js';
import { serviceUrlAllowed } from '../../src/bot/edge.js';
import { BotFrameworkKeys } from '../helpers/bot-framework-tokens.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { conversationOf, demo, type Harness } from '../helpers/harness.js';
import { BOT_ID, bookMeeting, startWithCredentials } from './security-fixtures.js';

/*
 * Issue 11, point 3: without credentials the bot listens on 127.0.0.1 only, and refuses another address unless a
 * loudly named variable says so; the log prints the address actually bound. With credentials the bot sends to
 * Microsoft's Bot Framework hosts only (an allow-list the tests point at their fake connector).
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stark-network-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `npm run bot` (src/main.ts) with this environment until it prints that it listens, or exits. */
function runBot(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('listening on')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('3. who can reach the bot, and whom the bot talks to', () => {
  it('without credentials and without HOST, the bot binds 127.0.0.1, says so in its log, and is not reachable on another interface', async () => {
    const config = loadConfig({ PORT: '0', STARK_DATA_DIR: join(dir, 'local'), STARK_BACKUPS_KEEP: '0' });
    expect(config.host).toBe('127.0.0.1');
    const log = memoryLogger();
    const bot = await startBot({ config, log, runJobs: false });
    try {
      const bound = bot.server.address() as AddressInfo;
      expect(bound.address).toBe('127.0.0.1');
      expect(log.entries.find((e) => e.event === 'bot.ready')).toMatchObject({ address: '127.0.0.1', port: bound.port, mode: 'local' });
      expect((await fetch(`http://127.0.0.1:${bound.port}/healthz`)).status).toBe(200);
      // Every other IPv4 address of this machine: nothing listens there.
      const others = Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((i) => i.family === 'IPv4' && !i.internal);
      for (const i of others) await expect(fetch(`http://${i.address}:${bound.port}/healthz`), i.address).rejects.toThrow();
    } finally {
      await bot.close();
    }
  });

  it(`npm run bot with HOST=0.0.0.0 and no credentials refuses to start, naming ${UNSAFE_NETWORK}; with it set to "yes" it starts and logs the address it bound`, async () => {
    const refused = await runBot({ HOST: '0.0.0.0', PORT: '0', STARK_DATA_DIR: join(dir, 'refused') });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('HOST');
    expect(refused.err).toContain(UNSAFE_NETWORK);
    expect(refused.out).not.toContain('listening on');

    const allowed = await runBot({ HOST: '0.0.0.0', PORT: '0', STARK_DATA_DIR: join(dir, 'allowed'), [UNSAFE_NETWORK]: 'yes', STARK_LOG_LEVEL: 'info' });
    const ready = allowed.out.split('\n').find((l) => l.includes('"bot.ready"'));
    expect(ready && (JSON.parse(ready) as { address: string }).address).toBe('0.0.0.0');
    expect(allowed.out).toContain('listening on http://0.0.0.0:');
  });

  it('with credentials, the allow-list is Microsoft\'s Bot Framework hosts unless configured, matched by scheme, host and path', () => {
    const config = loadConfig({ BOT_ID, BOT_PASSWORD: 'x', BOT_TENANT_ID: '00000000-0000-0000-0000-000000000001', STARK_DATA_DIR: dir });
    expect(config.host).toBe('0.0.0.0');
    expect(config.allowedServiceUrls).toEqual([...BOT_FRAMEWORK_SERVICE_URLS]);
    const allowed = config.allowedServiceUrls;
    for (const ok of ['https://smba.trafficmanager.net/emea/', 'https://smba.trafficmanager.net/teams/', 'https://smba.infra.gcc.teams.microsoft.com/teams/']) expect(serviceUrlAllowed(ok, allowed), ok).toBe(true);
    for (const bad of ['https://smba.trafficmanager.net.evil.example/', 'http://smba.trafficmanager.net/emea/', 'https://evil.example/smba.trafficmanager.net/', 'https://user@smba.trafficmanager.net/', 'javascript:alert(1)']) {
      expect(serviceUrlAllowed(bad, allowed), bad).toBe(false);
    }
    // Local mode (the Agents Playground on localhost) has no list.
    expect(loadConfig({ STARK_DATA_DIR: dir }).allowedServiceUrls).toBeNull();
  });

  describe('with credentials', () => {
    let keys: BotFrameworkKeys;
    let h: Harness;
    let evil: FakeConnector;
    beforeAll(async () => {
      keys = await new BotFrameworkKeys().start();
      h = await startWithCredentials(keys);
      evil = await new FakeConnector().start();
    });
    afterAll(async () => {
      await h.close();
      await evil.close();
      await keys.close();
    });

    it('an activity whose serviceUrl is not an allowed host is refused with 403 and an empty body, even with a valid token for it, and nothing is sent there', async () => {
      const a = h.activity(demo.leader, { type: 'message', text: 'hjälp', serviceUrl: evil.url });
      const r = await h.post(a);
      expect(r.status).toBe(403);
      expect(r.text).toBe('');
      expect(evil.calls).toEqual([]);
      // The same activity at the allowed host is answered there.
      const ok = await h.say(demo.leader, 'hjälp');
      expect(ok.status).toBe(200);
      expect(ok.replies.length).toBe(1);
    });

    it('a stored conversation reference that points anywhere else is never used to send', async () => {
      await h.say(demo.vasterasDirector, 'hej');
      await h.services.store.update((doc) => {
        doc.conversationRefs[demo.vasterasDirector]!.serviceUrl = evil.url;
      });
      await bookMeeting(h, 'Dialog med omdirigering');
      await h.services.messenger.drain();
      expect(evil.calls).toEqual([]);
      expect(h.connector.messagesIn(conversationOf(demo.vasterasDirector)).filter((m) => JSON.stringify(m).includes('Dialog med omdirigering'))).toEqual([]);
    });
  });
});
