import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDurableDocument } from './journal.js';
import { Store, STORE_FILE_NAME } from './store.js';
import { buildSeedDocument } from './seed.js';
import { fileUnitOfWork } from './unit-of-work.js';

let dir: string;
let store: Store;
const seed = () => buildSeedDocument({ now: new Date('2027-01-01T08:00:00Z') });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stark-uow-'));
  store = await Store.open({ dataDir: dir, seed, backupsToKeep: 0 });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('file unit of work', () => {
  it('commits a change and its audit entry together, durably', async () => {
    const uow = fileUnitOfWork(store);
    const someone = uow.read((r) => r.people.all()[0]!);
    const out = await uow.write('act-1', (r) => {
      r.people.put({ ...someone, title: 'Ny titel' });
      return r.audit.append({ at: new Date('2027-01-02T09:00:00Z'), actorId: 'admin', action: 'roster.changed', subject: { kind: 'roster', id: someone.aadObjectId }, changes: [{ field: 'title', to: 'Ny titel' }] }).seq;
    });
    expect(out).toEqual({ duplicate: false, result: 1 });
    const onDisk = (await readDurableDocument(join(dir, STORE_FILE_NAME))) as unknown as { people: { aadObjectId: string; title: string }[]; audit: { entries: unknown[] } };
    expect(onDisk.people.find((p) => p.aadObjectId === someone.aadObjectId)?.title).toBe('Ny titel');
    expect(onDisk.audit.entries).toHaveLength(1);
  });

  it('does nothing the second time for the same activity id', async () => {
    const uow = fileUnitOfWork(store);
    const before = uow.read((r) => r.people.all().length);
    const first = await uow.write('act-2', (r) => r.people.remove(r.people.all()[0]!.aadObjectId));
    const again = await uow.write('act-2', (r) => r.people.remove(r.people.all()[0]!.aadObjectId));
    expect(first).toEqual({ duplicate: false, result: true });
    expect(again).toEqual({ duplicate: true });
    expect(uow.read((r) => r.people.all().length)).toBe(before - 1);
  });

  it('knows an activity id once its write is committed, and not before', async () => {
    const uow = fileUnitOfWork(store);
    expect(uow.seen('act-3')).toBe(false);
    expect(uow.seen(undefined)).toBe(false);
    await uow.write('act-3', (r) => r.people.all().length);
    expect(uow.seen('act-3')).toBe(true);
  });

  it('leaves the store as it was when the write throws', async () => {
    const uow = fileUnitOfWork(store);
    const before = JSON.stringify(store.doc.people);
    await expect(
      uow.write(undefined, (r) => {
        r.people.remove(r.people.all()[0]!.aadObjectId);
        throw new Error('refused half-way');
      }),
    ).rejects.toThrow('refused half-way');
    expect(JSON.stringify(store.doc.people)).toBe(before);
  });
});
