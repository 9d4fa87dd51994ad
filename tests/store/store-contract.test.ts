import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store, STORE_FILE_NAME } from '../../src/store/store.js';
import { readDurableDocument } from '../../src/store/journal.js';
import { PgPersistence } from '../../src/store/postgres/pg-persistence.js';
import { contractSeed, storeContract, type StorePlace } from '../helpers/store-contract.js';
import { freshSchema } from '../helpers/postgres.js';

/** The one store contract (tests/helpers/store-contract.ts), against each backend. */

storeContract({
  name: 'embedded journal',
  async fresh(): Promise<StorePlace> {
    const dir = await mkdtemp(join(tmpdir(), 'stark-contract-'));
    const opened: Store[] = [];
    return {
      async open(options = {}) {
        const store = await Store.open({ dataDir: dir, seed: options.seed ?? contractSeed, backupsToKeep: 0 });
        opened.push(store);
        return store;
      },
      durable: () => readDurableDocument(join(dir, STORE_FILE_NAME)),
      async cleanup() {
        for (const s of opened.reverse()) await s.close().catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
});

storeContract({
  name: 'PostgreSQL',
  propertyRuns: 10,
  async fresh(): Promise<StorePlace> {
    const schema = await freshSchema('contract');
    const dir = await mkdtemp(join(tmpdir(), 'stark-contract-pg-'));
    const opened: Store[] = [];
    return {
      async open(options = {}) {
        const store = await Store.open({ dataDir: dir, seed: options.seed ?? contractSeed, backupsToKeep: 0, persistence: new PgPersistence({ url: schema.url }) });
        opened.push(store);
        return store;
      },
      async durable() {
        const reader = new PgPersistence({ url: schema.url });
        try {
          return (await reader.load()).raw;
        } finally {
          await reader.close();
        }
      },
      async cleanup() {
        for (const s of opened.reverse()) await s.close().catch(() => undefined);
        await schema.drop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
});
