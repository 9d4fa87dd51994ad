import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { buildSeedDocument } from '../../src/store/seed.js';
import { PgPersistence } from '../../src/store/postgres/pg-persistence.js';
import { PgDeliveryLog } from '../../src/outbound/pg-delivery-log.js';
import type { OutboundJob } from '../../src/outbound/outbound-job.js';
import { deliveryLogContract } from '../../src/outbound/testing/delivery-log-contract.js';
import { freshSchema, type TestSchema } from '../helpers/postgres.js';

const seed = () => buildSeedDocument({ now: new Date('2027-01-01T08:00:00Z') });
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function instance(schema: TestSchema): Promise<{ store: Store; log: PgDeliveryLog; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'stark-pg-outbox-'));
  const persistence = new PgPersistence({ url: schema.url });
  const store = await Store.open({ dataDir: dir, seed, backupsToKeep: 0, persistence });
  const log = new PgDeliveryLog(store, persistence.pool, { url: schema.url });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await log.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  };
  cleanups.push(close);
  return { store, log, close };
}

let current: { schema: TestSchema; close(): Promise<void> } | undefined;
deliveryLogContract('PostgreSQL delivery log', {
  async create() {
    const schema = await freshSchema('outbox');
    cleanups.push(() => schema.drop());
    const i = await instance(schema);
    current = { schema, close: i.close };
    return i.log;
  },
  async reopen() {
    if (!current) throw new Error('create first');
    await current.close();
    const i = await instance(current.schema);
    current = { schema: current.schema, close: i.close };
    return i.log;
  },
});

const job = (key: string): OutboundJob => ({ key, conversationKey: `c-${key}`, tenantId: 't1', payload: { text: key } });

describe('PostgreSQL delivery log: two instances on one database', () => {
  it('a key is claimed by one instance at a time; once sent there, the other never claims it', async () => {
    const schema = await freshSchema('claims');
    cleanups.push(() => schema.drop());
    const a = await instance(schema);
    const b = await instance(schema);
    await a.log.enqueue([job('k1'), job('k2')]);
    expect(await a.log.claim('k1')).toBe(true);
    expect(await a.log.claim('k1')).toBe(true); // a retry by the holder
    expect(await b.log.claim('k1')).toBe(false);
    // b never enqueued k1: it sees it as pending in the table, and queues nothing twice.
    expect((await b.log.pending()).map((j) => j.key)).toEqual(['k1', 'k2']);
    expect((await b.log.unclaimedPending()).map((j) => j.key)).toEqual(['k2']);
    await b.log.enqueue([job('k1'), job('k3')]);
    await a.log.markSent('k1', { sentAt: 1, attempts: 1 });
    expect(await b.log.claim('k1')).toBe(false);
    expect(await b.log.isDone('k1')).toBe(true);
    // k2 was a's; b sends it (a foreign entry: its outcome goes straight to the row).
    expect(await b.log.claim('k2')).toBe(true);
    await b.log.markSent('k2', { sentAt: 2, attempts: 1 });
    expect(await a.log.isDone('k2')).toBe(true);
    expect((await a.log.pending()).map((j) => j.key)).toEqual(['k3']);
    await a.close();
    await b.close();
  });

  it('an instance whose connection goes (a kill) frees its claims at once; a stale copy cannot put a sent entry back to pending', async () => {
    const schema = await freshSchema('claims');
    cleanups.push(() => schema.drop());
    const a = await instance(schema);
    const b = await instance(schema);
    await a.log.enqueue([job('m1'), job('m2')]);
    expect(await a.log.claim('m1')).toBe(true);
    expect(await b.log.claim('m1')).toBe(false);
    await a.log.close(); // as a SIGKILL does: the session ends, the claim with it
    expect(await b.log.claim('m1')).toBe(true);
    await b.log.markSent('m1', { sentAt: 5, attempts: 1 });
    // a's store still holds m1 as pending; a retry note it writes through its store must not undo the delivery.
    await a.store.update((doc) => {
      const e = doc.outbox.entries.find((x) => x.key === 'm1');
      if (e) e.attempts = 3;
    });
    expect(await b.log.isDone('m1')).toBe(true);
    expect((await b.log.pending()).map((j) => j.key)).toEqual(['m2']);
    await a.close();
    await b.close();
  });
});
