import { connect, type Socket } from 'node:net';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLimits } from '../../src/domain/limits.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { STORE_FILE_NAME } from '../../src/store/store.js';
import { BotUnderTest } from '../reliability/bot-under-test.js';
import { generatedPeople } from '../reliability/generated-people.js';
import { demo } from '../helpers/harness.js';
import { NOW } from './security-fixtures.js';

/*
 * What held before issue 11 and must keep holding. Covered here: path traversal on downloads, files 0600, slow
 * clients (slowloris), 1,000 concurrent turns — now with the per-person limits at their defaults. Covered where they
 * were: token tampering on downloads (tests/protocol/cost-downloads.test.ts), CSV/xlsx formula injection
 * (src/bot/spreadsheet.test.ts, tests/protocol/needs-lists.test.ts), .ics injection (src/bot/meetings/ics.test.ts),
 * card markdown escaping (src/cards/*.test.ts), refused permission escalation (tests/reliability/permissions.test.ts),
 * cross-tenant refusal (tests/protocol/foundation.test.ts), prototype pollution and oversized bodies
 * (tests/reliability/hostile-input.test.ts).
 */

const PEOPLE = generatedPeople(1_000, 31, 'staff');
const defaults = Object.fromEntries(Object.entries(defaultLimits).map(([kind, l]) => [`STARK_LIMIT_${kind.toUpperCase()}`, String(l.max)]));
let b: BotUnderTest;

beforeAll(async () => {
  b = await BotUnderTest.start({ now: () => NOW, env: { ...defaults, STARK_BACKUPS_KEEP: '2' }, prepare: (doc) => void doc.people.push(...PEOPLE) });
});
afterAll(async () => {
  await b.close();
});

describe('what holds today keeps holding', () => {
  it('no path leads from /downloads to a file on disk: traversal, encoded or not, is refused without content', async () => {
    for (const path of ['/downloads/..%2F..%2Fstark.json', '/downloads/%2e%2e%2f%2e%2e%2fstark.json', '/downloads/..%5c..%5cstark.json', '/downloads/stark.json', '/downloads/%00', `/downloads/${'.'.repeat(3000)}`, '/downloads/keys%2Flink-signing.key']) {
      const res = await b.client.raw('GET', path, undefined, {});
      expect([400, 404], path).toContain(res.status);
      expect(res.text, path).not.toContain('schemaVersion');
      if (res.status === 404 && res.text) expect([catalogues.sv.core.downloadExpired, catalogues.en.core.downloadExpired], path).toContain(res.text);
    }
  });

  it('the store, its backups and the key file are readable by the bot\'s user only (0600)', async () => {
    await b.client.say(demo.leader, 'english');
    await b.settle();
    await new Promise((r) => setTimeout(r, 200)); // the daily snapshot follows the flush
    const files = [join(b.dataDir, STORE_FILE_NAME), join(b.dataDir, 'keys', 'link-signing.key'), ...(await readdir(join(b.dataDir, 'backups'))).map((f) => join(b.dataDir, 'backups', f))];
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) expect((await stat(file)).mode & 0o777, file).toBe(0o600);
  });

  it('200 clients sending their headers a byte at a time do not stop the bot answering others', async () => {
    const port = Number(new URL(b.bot.url).port);
    const sockets: Socket[] = [];
    const timers: NodeJS.Timeout[] = [];
    try {
      for (let i = 0; i < 200; i++) {
        const s = connect(port, '127.0.0.1');
        s.on('error', () => undefined);
        s.write('POST /api/messages HTTP/1.1\r\nHost: x\r\n');
        timers.push(setInterval(() => s.write('X'), 500));
        sockets.push(s);
      }
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      const r = await b.client.say(demo.vasterasDirector, 'hjälp');
      expect(r.status).toBe(200);
      expect(await b.client.healthz()).toBe(200);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      timers.forEach((t) => clearInterval(t));
      sockets.forEach((s) => s.destroy());
    }
  });

  it('1,000 people writing at once, with the per-person limits at their defaults: every turn is answered, none refused', async () => {
    const results = await Promise.all(PEOPLE.map((p) => b.client.say(p.aadObjectId, 'hjälp')));
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    await b.settle();
    const answered = new Set(b.connector.delivered.map((c) => c.conversationId));
    expect(PEOPLE.filter((p) => !answered.has(`a:personal-${p.aadObjectId}`))).toEqual([]);
    const limited = b.log.entries.filter((e) => e.event === 'limit.reached');
    expect(limited).toEqual([]);
  }, 120_000);
});
