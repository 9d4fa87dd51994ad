// Durable write throughput of the store itself: N concurrent writers, each awaiting its acknowledged
// (on-disk) write before it starts the next, on a document at 10× size.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Store } from '../src/store/store.js';
import { PgPersistence } from '../src/store/postgres/pg-persistence.js';
import type { StoreDocument } from '../src/store/schema.js';
import { writeDocument } from './data.js';
import { percentile } from './load-generator.js';

export interface StoreWriteResult {
  writers: number;
  durationMs: number;
  writes: number;
  writesPerSecond: number;
  flushes: number;
  /** Mean mutations carried by one flush (group commit). */
  writesPerFlush: number;
  /** Mean wall time of one flush (the journal: serialise the changed records, append, fdatasync). */
  msPerFlush: number;
  ackP50: number;
  ackP99: number;
  documentBytes: number;
}

/**
 * `databaseUrl`: the PostgreSQL store instead of the journal, in a schema of its own made here and dropped after
 * (the server's own durability settings: synchronous_commit as configured, fsync at every commit by default).
 */
export async function storeWriteThroughput(p: { doc: StoreDocument; writers: number; durationMs: number; databaseUrl?: string }): Promise<StoreWriteResult & { backend: 'journal' | 'postgres' }> {
  const dir = await mkdtemp(join(tmpdir(), 'stark-bench-writes-'));
  let dropSchema: (() => Promise<void>) | null = null;
  try {
    let url: string | null = null;
    if (p.databaseUrl) {
      const schema = `bench_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: p.databaseUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      dropSchema = async () => {
        const c = new pg.Client({ connectionString: p.databaseUrl });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      };
      const u = new URL(p.databaseUrl);
      u.searchParams.set('options', `-c search_path=${schema}`);
      url = u.toString();
    } else await writeDocument(dir, p.doc);
    const open = () =>
      Store.open({
        dataDir: dir,
        // PostgreSQL: the first open seeds the schema with the bench document.
        seed: () => (url ? Promise.resolve(structuredClone(p.doc)) : Promise.reject(new Error('the bench document is missing'))),
        backupsToKeep: 0,
        ...(url ? { persistence: new PgPersistence({ url, applicationName: 'stark bench' }) } : {}),
      });
    // The store as the bot leaves it: its own snapshot and journal (the first open validates the generated file
    // and folds it into a snapshot of its own at close).
    const first = await open();
    await first.update((doc) => void (doc.backups.lastSnapshotDate = null));
    await first.close();
    const store = await open();
    const people = store.doc.people.map((x) => x.aadObjectId);
    const documentBytes = Buffer.byteLength(JSON.stringify(store.doc));
    // A warm-up so the first flushes (cold JIT, page cache) do not count.
    await Promise.all(Array.from({ length: p.writers }, (_, w) => store.update((doc) => void (doc.preferences[people[w % people.length] ?? ''] = { language: 'sv' }))));
    const flushesBefore = store.status().flushes;
    const acks: number[] = [];
    let n = 0;
    const start = performance.now();
    const end = start + p.durationMs;
    const writer = async (w: number) => {
      while (performance.now() < end) {
        const i = n++;
        const person = people[(w * 31 + i) % people.length] ?? '';
        const t0 = performance.now();
        // As a turn writes: once per activity id, with a small change of one person's record.
        await store.updateOnce(`bench-write-${i}`, (doc) => {
          doc.preferences[person] = { language: i % 2 === 0 ? 'sv' : 'en' };
        });
        acks.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: p.writers }, (_, w) => writer(w)));
    const elapsed = performance.now() - start;
    const flushes = store.status().flushes - flushesBefore;
    await store.close();
    acks.sort((a, b) => a - b);
    return {
      backend: url ? 'postgres' : 'journal',
      writers: p.writers,
      durationMs: elapsed,
      writes: acks.length,
      writesPerSecond: (acks.length / elapsed) * 1000,
      flushes,
      writesPerFlush: flushes > 0 ? acks.length / flushes : 0,
      msPerFlush: flushes > 0 ? elapsed / flushes : 0,
      ackP50: percentile(acks, 50),
      ackP99: percentile(acks, 99),
      documentBytes,
    };
  } finally {
    await dropSchema?.().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
