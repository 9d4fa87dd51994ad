import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Store, STORE_FILE_NAME } from '../../src/store/store.js';
import { SCHEMA_VERSION, documentSchema } from '../../src/store/schema.js';
import { migrate } from '../../src/store/migrations.js';
import { demo } from '../helpers/harness.js';
import { answerCardOf } from '../helpers/load-client.js';
import { BotUnderTest } from './bot-under-test.js';

/**
 * Stores written by earlier versions of the bot must open with this one. tests/fixtures/store-v<n>.json is a real
 * document of schema version n (made by tests/fixtures/make-store-v1.ts through the bot itself); each must load,
 * migrate when older, and keep its content. When the schema moves to version n+1, store-v<n>.json stays as it is
 * (it stands for the stores in production) and a migration step from n is added; this test then runs it.
 */

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const fixtureFile = (v: number) => join(fixtures, `store-v${v}.json`);
const versions = Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1);
const refuseSeed = () => Promise.reject(new Error('a fixture store must not be seeded over'));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stark-fixture-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('store fixtures of every schema version', () => {
  it(`there is a fixture for every version from 1 to the current ${SCHEMA_VERSION}`, () => {
    expect(versions.filter((v) => !existsSync(fixtureFile(v)))).toEqual([]);
  });

  for (const v of versions) {
    it(`store-v${v}.json loads with the current code${v < SCHEMA_VERSION ? ', migrated, with the original kept beside it' : ' as it is, without being rewritten'}`, async () => {
      const text = await readFile(fixtureFile(v), 'utf8');
      const raw = JSON.parse(text) as { schemaVersion: number; needs: { needs: Array<{ title: string }> }; meetings: { meetings: Array<{ id: string }> } };
      expect(raw.schemaVersion).toBe(v);
      await writeFile(join(dir, STORE_FILE_NAME), text);
      const store = await Store.open({ dataDir: dir, seed: refuseSeed, backupsToKeep: 0 });
      expect(store.doc.schemaVersion).toBe(SCHEMA_VERSION);
      expect(documentSchema.safeParse(store.doc).success).toBe(true);
      // What people put in is still there.
      expect(store.doc.needs.needs.map((n) => n.title)).toEqual(raw.needs.needs.map((n) => n.title));
      expect(store.doc.meetings.meetings.map((m) => m.id)).toEqual(raw.meetings.meetings.map((m) => m.id));
      await store.close();
      if (v < SCHEMA_VERSION) {
        expect(await readFile(join(dir, `${STORE_FILE_NAME}.v${v}.bak`), 'utf8')).toBe(text);
        expect(JSON.parse(await readFile(join(dir, STORE_FILE_NAME), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
      } else {
        expect(await readFile(join(dir, STORE_FILE_NAME), 'utf8')).toBe(text);
        expect((await readdir(dir)).filter((f) => f.endsWith('.bak'))).toEqual([]);
      }
    });
  }

  it('store-v1.json holds data in every section, so a migration has something to carry over', async () => {
    // Read as the current code reads it: migrated to the current version, then validated.
    const migrated = migrate(JSON.parse(await readFile(fixtureFile(1), 'utf8')) as Record<string, unknown>);
    if (!migrated.ok) throw new Error(`store-v1.json does not migrate: ${migrated.reason}`);
    const doc = documentSchema.parse(migrated.doc);
    expect(Object.keys(doc.conversationRefs).length).toBeGreaterThan(0);
    expect(Object.keys(doc.preferences).length).toBeGreaterThan(0);
    expect(doc.processedActivities.length).toBeGreaterThan(0);
    expect(doc.needs.needs.length).toBeGreaterThan(1);
    expect(doc.needs.rounds.length).toBeGreaterThan(0);
    expect(doc.needs.needs.some((n) => n.supports.length > 0)).toBe(true);
    expect(doc.meetings.meetings[0]?.invitees.some((i) => i.answer)).toBe(true);
    expect(doc.outbox.entries.length).toBeGreaterThan(0);
  });

  it('the bot starts on store-v1.json and serves the people in it: their needs, meetings and language', async () => {
    const b = await BotUnderTest.start({ storeText: await readFile(fixtureFile(1), 'utf8') });
    try {
      const mine = await b.client.invoke(demo.vasterasDirector, 'needs.list', { scope: 'mine' });
      expect(JSON.stringify(answerCardOf(mine.body))).toContain('Fixturbehov Västerås');
      const meetingId = b.store.doc.meetings.meetings[0]!.id;
      const invitation = await b.client.invoke(demo.vasterasDirector, 'meeting.refresh', { meetingId });
      expect(JSON.stringify(answerCardOf(invitation.body))).toContain('Fixturdialog');
      // The stored language choice (English) wins over a Swedish Teams client.
      const help = await b.client.say(demo.eskilstunaDirector, 'hjälp', { locale: 'sv-SE' });
      expect(help.status).toBe(200);
      expect(JSON.stringify(b.connector.delivered.at(-1)?.body)).toContain('Hello');
    } finally {
      await b.close();
    }
  });
});
