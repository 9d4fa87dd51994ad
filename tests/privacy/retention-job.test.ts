import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRetention } from '../../src/app/privacy/apply-retention.js';
import { defaultRetention } from '../../src/domain/privacy/retention.js';
import { serializeDocument } from '../../src/store/serialize.js';
import { Store, STORE_FILE_NAME } from '../../src/store/store.js';
import { fileUnitOfWork } from '../../src/store/unit-of-work.js';
import { other, storeWithEverything, subject } from '../fixtures/privacy-person.js';

let dir: string;
let store: Store;
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(now: Date): Promise<Store> {
  dir = await mkdtemp(join(tmpdir(), 'stark-retention-'));
  await writeFile(join(dir, STORE_FILE_NAME), serializeDocument(await storeWithEverything()));
  store = await Store.open({ dataDir: dir, seed: () => Promise.reject(new Error('no seed')), now: () => now, backupsToKeep: 0 });
  return store;
}

describe('the daily retention run', () => {
  it('inside every window it clears nothing', async () => {
    const now = new Date('2026-04-20T10:00:00Z');
    await open(now);
    const before = serializeDocument({ ...store.doc, privacy: { ...store.doc.privacy, lastRetentionDate: null } });
    const out = await applyRetention({ uow: fileUnitOfWork(store), policy: defaultRetention }, now);
    expect(out).toEqual({ ok: true, value: { ran: true, counts: { rsvpComments: 0, deliveryLog: 0, closedNeedContacts: 0, formerMembers: 0 } }, notices: [] });
    expect(serializeDocument({ ...store.doc, processedActivities: [], privacy: { ...store.doc.privacy, lastRetentionDate: null } })).toBe(before.replace(/"processedActivities":\[[^\]]*\]/, '"processedActivities":[]'));
  });

  it('clears what is outside, once a day: the same day again writes nothing; counts only', async () => {
    const now = new Date('2026-10-20T10:00:00Z');
    await open(now);
    const out = await applyRetention({ uow: fileUnitOfWork(store), policy: defaultRetention }, now);
    // The April meeting and the March poll ended > 90 days ago: their four comments go; the sent reminder's log entry is > 30 days old.
    expect(out.ok && out.value.counts).toEqual({ rsvpComments: 4, deliveryLog: 1, closedNeedContacts: 0, formerMembers: 0 });
    const text = serializeDocument(store.doc);
    expect(text).not.toContain(subject.comments[0]);
    expect(text).not.toContain(subject.comments[3]);
    expect(text).not.toContain(other.comment);
    // The coming meeting's comment is inside its window.
    expect(text).toContain(subject.comments[1]);
    const after = serializeDocument(store.doc);
    const again = await applyRetention({ uow: fileUnitOfWork(store), policy: defaultRetention }, new Date('2026-10-20T18:00:00Z'));
    expect(again.ok && again.value).toEqual({ ran: false, counts: null });
    expect(serializeDocument(store.doc)).toBe(after);
    // Forced again: the rules themselves are idempotent.
    const forced = await applyRetention({ uow: fileUnitOfWork(store), policy: defaultRetention }, now, { force: true });
    expect(forced.ok && forced.value.counts).toEqual({ rsvpComments: 0, deliveryLog: 0, closedNeedContacts: 0, formerMembers: 0 });
  });
});
