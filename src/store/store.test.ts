import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDurableDocument } from './journal.js';
import { Store, StoreLoadError, STORE_FILE_NAME } from './store.js';
import { buildSeedDocument } from './seed.js';
import { migrate, type MigrationStep } from './migrations.js';
import { SCHEMA_VERSION } from './schema.js';

let dir: string;
const seed = () => buildSeedDocument({ now: new Date('2027-01-01T08:00:00Z') });
const onDisk = async (d: string) => (await readDurableDocument(join(d, STORE_FILE_NAME))) as { processedActivities: string[] };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stark-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('group commit', () => {
  it('each caller is acknowledged only once its own mutation is on disk', async () => {
    const store = await Store.open({ dataDir: dir, seed, backupsToKeep: 0 });
    const checks = Array.from({ length: 200 }, (_, i) =>
      store
        .update((doc) => {
          doc.processedActivities.push(`m${i}`);
        })
        .then(async () => (await onDisk(dir)).processedActivities.includes(`m${i}`)),
    );
    expect(await Promise.all(checks)).toEqual(Array(200).fill(true));
    await store.close();
  });

  it('mutations that arrive during a flush are written together: far fewer flushes than mutations', async () => {
    const store = await Store.open({ dataDir: dir, seed, backupsToKeep: 0 });
    const before = store.status().flushes;
    await Promise.all(Array.from({ length: 300 }, (_, i) => store.update((doc) => doc.processedActivities.push(`x${i}`))));
    const flushes = store.status().flushes - before;
    expect(flushes).toBeGreaterThanOrEqual(1);
    expect(flushes).toBeLessThan(30);
    expect((await onDisk(dir)).processedActivities.filter((a) => a.startsWith('x'))).toHaveLength(300);
    await store.close();
  });

  it('updateOnce records an activity id with its mutation and refuses the same id again', async () => {
    const store = await Store.open({ dataDir: dir, seed, backupsToKeep: 0 });
    let applied = 0;
    const first = await store.updateOnce('act-1', () => ++applied);
    const again = await store.updateOnce('act-1', () => ++applied);
    expect(first).toEqual({ duplicate: false, result: 1 });
    expect(again).toEqual({ duplicate: true });
    expect(applied).toBe(1);
    await store.close();
  });

  it('a closed store refuses writes; close waits for writes in flight', async () => {
    const store = await Store.open({ dataDir: dir, seed, backupsToKeep: 0 });
    const pending = store.update((doc) => doc.processedActivities.push('last'));
    await store.close();
    await pending;
    expect((await onDisk(dir)).processedActivities).toContain('last');
    await expect(store.update(() => undefined)).rejects.toThrow(/closed/);
  });

  it('a reopened store holds what was written', async () => {
    const store = await Store.open({ dataDir: dir, seed, backupsToKeep: 0 });
    await store.update((doc) => doc.processedActivities.push('kept'));
    await store.close();
    const again = await Store.open({ dataDir: dir, seed: () => Promise.reject(new Error('must not seed twice')), backupsToKeep: 0 });
    expect(again.doc.processedActivities).toContain('kept');
    await again.close();
  });
});

describe('refusing to start on a file it cannot trust', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['not JSON', '{"schemaVersion": 1, "people": [', /not valid JSON/],
    ['not an object', '[1,2,3]', /JSON object/],
    ['failing validation', JSON.stringify({ schemaVersion: SCHEMA_VERSION, people: 'nobody' }), /fails validation/],
    ['a newer schema', JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1 }), /newer than this bot/],
    ['no schema version', JSON.stringify({ people: [] }), /no schemaVersion/],
  ];
  for (const [what, content, message] of cases) {
    it(`a file ${what} → an error naming the file and the problem; the file is unchanged`, async () => {
      const file = join(dir, STORE_FILE_NAME);
      await writeFile(file, content);
      const error = await Store.open({ dataDir: dir, seed, backupsToKeep: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreLoadError);
      expect((error as Error).message).toContain(file);
      expect((error as Error).message).toMatch(message);
      expect(await readFile(file, 'utf8')).toBe(content);
    });
  }

  it('a temp file left by a crash mid-write is removed and the store itself is kept', async () => {
    const store = await Store.open({ dataDir: dir, seed, backupsToKeep: 0 });
    await store.update((doc) => doc.processedActivities.push('before-crash'));
    await store.close();
    await writeFile(join(dir, `.${STORE_FILE_NAME}.tmp`), '{"half": ');
    const again = await Store.open({ dataDir: dir, seed, backupsToKeep: 0 });
    expect(again.doc.processedActivities).toContain('before-crash');
    expect(await readdir(dir)).not.toContain(`.${STORE_FILE_NAME}.tmp`);
    await again.close();
  });
});

describe('migrations', () => {
  const steps: Record<number, MigrationStep> = {
    0: (doc) => ({ ...doc, renamed: doc.old, old: undefined }),
    1: (doc) => ({ ...doc, added: [] }),
  };
  it('runs every step from the file\'s version to the current one, in order', () => {
    const result = migrate({ schemaVersion: 0, old: 'x' }, steps, 2);
    expect(result).toEqual({ ok: true, from: 0, to: 2, doc: { schemaVersion: 2, renamed: 'x', old: undefined, added: [] } });
  });
  it('refuses a newer version and a version with no path', () => {
    expect(migrate({ schemaVersion: 3 }, steps, 2)).toMatchObject({ ok: false, reason: 'newerVersion', version: 3 });
    expect(migrate({ schemaVersion: 0 }, { 1: steps[1]! }, 2)).toMatchObject({ ok: false, reason: 'noPath', version: 0 });
  });
  it('the current version needs no step', () => {
    expect(migrate({ schemaVersion: SCHEMA_VERSION })).toMatchObject({ ok: true, from: SCHEMA_VERSION, to: SCHEMA_VERSION });
  });
});

describe('daily snapshots', () => {
  it('at most one snapshot a Stockholm day, keeping the newest N', async () => {
    let now = new Date('2027-03-01T10:00:00Z');
    const store = await Store.open({ dataDir: dir, seed, backupsToKeep: 2, now: () => now });
    const snapshots = async () => (await readdir(join(dir, 'backups')).catch(() => [] as string[])).sort();
    for (const iso of ['2027-03-01T11:00:00Z', '2027-03-01T22:30:00Z', '2027-03-02T09:00:00Z', '2027-03-03T09:00:00Z']) {
      now = new Date(iso);
      await store.update((doc) => doc.processedActivities.push(iso));
      await store.flush();
      await new Promise((r) => setTimeout(r, 50));
    }
    // 22:30 UTC on 1 March is 23:30 in Stockholm: still 1 March. Kept: the newest two days.
    expect(await snapshots()).toEqual(['stark-2027-03-02.json', 'stark-2027-03-03.json']);
    await store.close();
  });
});
