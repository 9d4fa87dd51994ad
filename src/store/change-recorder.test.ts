import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { types } from 'node:util';
import { ChangeRecorder, MAX_VALUE_DEPTH } from './change-recorder.js';
import { readDurableDocument } from './journal.js';
import { Store, StoreWriteRejected, STORE_FILE_NAME } from './store.js';
import { buildSeedDocument } from './seed.js';

let dir: string;
const seed = () => buildSeedDocument({ now: new Date('2027-01-01T08:00:00Z') });
const onDisk = async () => (await readDurableDocument(join(dir, STORE_FILE_NAME))) as { processedActivities: string[]; preferences: Record<string, unknown> };
const nested = (levels: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stark-recorder-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('undoing a mutation', () => {
  it('sets, deletes, pushes and splices are put back exactly, newest first', () => {
    const doc = { list: ['a', 'b', 'c', 'd'], map: { x: 1, y: { z: 2 } } as Record<string, unknown> };
    const before = JSON.stringify(doc);
    const r = new ChangeRecorder();
    const d = r.draft(doc);
    d.list.push('e', 'f');
    d.list.splice(1, 2);
    d.list.length = 1;
    d.map.x = 5;
    delete d.map.y;
    d.map.w = { deep: [1, 2] };
    expect(JSON.stringify(doc)).not.toBe(before);
    r.undo();
    expect(JSON.stringify(doc)).toBe(before);
    expect(doc.list).toHaveLength(4);
  });

  it('no draft is ever stored: an object read through the draft and written elsewhere is the object itself', () => {
    const doc = { a: { inner: { v: 1 } }, b: null as unknown };
    const d = new ChangeRecorder().draft(doc);
    d.b = { copy: d.a.inner, list: [d.a] };
    expect(types.isProxy(doc.b)).toBe(false);
    expect(types.isProxy((doc.b as { copy: unknown }).copy)).toBe(false);
    expect(types.isProxy((doc.b as { list: unknown[] }).list[0])).toBe(false);
    expect((doc.b as { copy: unknown }).copy).toBe(doc.a.inner);
  });

  it(`values deeper than ${MAX_VALUE_DEPTH} levels, cycles, functions and class instances are refused before they are written`, () => {
    const doc: Record<string, unknown> = {};
    const d = new ChangeRecorder().draft(doc);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const bad of [nested(MAX_VALUE_DEPTH + 1), cycle, { f: () => 1 }, new Map(), 10n]) {
      expect(() => {
        d.x = bad;
      }).toThrow(/refused/);
      expect(doc).toEqual({});
    }
    d.ok = nested(MAX_VALUE_DEPTH - 1);
    expect(doc.ok).toBeDefined();
  });
});

describe('the store keeps taking writes after a bad one', () => {
  it('a mutation that throws half-way leaves the document as it was', async () => {
    const store = await Store.open({ dataDir: dir, seed, backupsToKeep: 0 });
    const before = JSON.stringify(store.doc);
    await expect(
      store.update((doc) => {
        doc.processedActivities.push('half');
        doc.preferences['someone'] = { language: 'en' };
        throw new Error('a bug half-way');
      }),
    ).rejects.toThrow('a bug half-way');
    expect(JSON.stringify(store.doc)).toBe(before);
    await store.close();
  });

  it('a value 100 000 levels deep is refused to its caller; the writes around it land on disk', async () => {
    const store = await Store.open({ dataDir: dir, seed, backupsToKeep: 0 });
    const results = await Promise.allSettled([
      store.update((doc) => doc.processedActivities.push('before')),
      store.update((doc) => {
        (doc.preferences as Record<string, unknown>)['deep'] = nested(100_000);
      }),
      store.update((doc) => doc.processedActivities.push('after')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(StoreWriteRejected);
    expect((await onDisk()).processedActivities).toEqual(expect.arrayContaining(['before', 'after']));
    expect((await onDisk()).preferences).not.toHaveProperty('deep');
    expect(store.status().lastError).toBeNull();
    await store.close();
  });

  it('a flush that cannot serialise the document undoes its batch and rejects it; the next write lands', async () => {
    const store = await Store.open({ dataDir: dir, seed, backupsToKeep: 0 });
    const before = JSON.stringify(store.doc);
    // A sparse array of 2^31 holes passes the value check (it holds nothing) but no JSON string can hold it.
    await expect(
      store.update((doc) => {
        doc.processedActivities.length = 2 ** 31;
      }),
    ).rejects.toBeInstanceOf(StoreWriteRejected);
    expect(JSON.stringify(store.doc)).toBe(before);
    await store.update((doc) => doc.processedActivities.push('still-writing'));
    expect((await onDisk()).processedActivities).toContain('still-writing');
    await store.close();
  });
});
