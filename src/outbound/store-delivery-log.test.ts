import { afterAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../store/store.js';
import { buildSeedDocument } from '../store/seed.js';
import { StoreDeliveryLog } from './store-delivery-log.js';
import { deliveryLogContract } from './testing/delivery-log-contract.js';

const dirs: string[] = [];
let current: { dir: string; store: Store } | undefined;
const seed = () => buildSeedDocument({ now: new Date('2027-01-01T08:00:00Z') });

afterAll(async () => {
  await current?.store.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

// The durable log: every write goes through the store, and `reopen` loads a new store from the same file, as a
// restart does.
deliveryLogContract('store delivery log', {
  async create() {
    await current?.store.close();
    const dir = await mkdtemp(join(tmpdir(), 'stark-outbox-'));
    dirs.push(dir);
    current = { dir, store: await Store.open({ dataDir: dir, seed, backupsToKeep: 0 }) };
    return new StoreDeliveryLog(current.store);
  },
  async reopen() {
    if (!current) throw new Error('create first');
    await current.store.close();
    current = { dir: current.dir, store: await Store.open({ dataDir: current.dir, seed, backupsToKeep: 0 }) };
    return new StoreDeliveryLog(current.store);
  },
});
