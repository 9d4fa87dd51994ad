import { mkdir, readdir, readFile, unlink, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { fsyncDirectory } from './durable-file.js';
import { documentSchema, PROCESSED_ACTIVITY_LIMIT, SCHEMA_VERSION, type StoreDocument } from './schema.js';
import { migrate } from './migrations.js';
import { serializeDocument } from './serialize.js';
import { ChangeRecorder, StoreValueError } from './change-recorder.js';
import { describeChanges, emptyChanges } from './change-set.js';
import type { Persistence } from './persistence.js';
import { JournalPersistence } from './journal.js';
import { reviveDocument } from './revive.js';
import { StoreLoadError, StoreWriteRejected } from './store-errors.js';
import { stockholmDate } from '../domain/time.js';

export { StoreLoadError, StoreWriteRejected };

export const STORE_FILE_NAME = 'stark.json';

export interface StoreOptions {
  dataDir: string;
  /** Builds the first document when no file exists yet. */
  seed: () => Promise<StoreDocument>;
  now?: () => Date;
  /** Daily snapshots kept in <dataDir>/backups; 0 turns snapshots off. */
  backupsToKeep?: number;
  onBackupError?: (err: unknown) => void;
  /** Called after each group commit (flush) with how long it took: the store-commit-latency metric. */
  onCommit?: (commit: { durationMs: number; ok: boolean }) => void;
  /** Where the document is kept; default: the journal beside the snapshot in `dataDir` (journal.ts). */
  persistence?: Persistence;
  /** The journal is compacted into a new snapshot when it passes this size (default journal.ts DEFAULT_COMPACT_BYTES). */
  compactBytes?: number;
  /** Log lines of the store itself (e.g. a torn journal record dropped at start). */
  onEvent?: (event: string, fields: Record<string, string | number | boolean | null>) => void;
}

export interface StoreStatus {
  file: string;
  schemaVersion: number;
  flushes: number;
  pendingWrites: number;
  lastFlushAt: string | null;
  lastError: string | null;
  persistence?: Record<string, number | string | null>;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
  /** The mutation's recorded writes, kept until its flush is on disk: a flush that cannot serialise undoes them. */
  changes: ChangeRecorder;
}

type ResolvedOptions = Required<Omit<StoreOptions, 'seed' | 'onBackupError' | 'onCommit' | 'persistence' | 'onEvent' | 'compactBytes'>> & Pick<StoreOptions, 'onBackupError' | 'onCommit'>;

/** The default persistence for a data directory: the journal beside the snapshot (journal.ts). */
export function defaultPersistence(options: Pick<StoreOptions, 'dataDir' | 'onEvent' | 'compactBytes'>): Persistence {
  return new JournalPersistence({ file: join(options.dataDir, STORE_FILE_NAME), ...(options.compactBytes !== undefined ? { compactBytes: options.compactBytes } : {}), ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
}

/**
 * The bot's one document, held in memory (lowdb) and written durably with group commit: a mutation is applied in
 * memory at once; mutations that arrive while a write is in flight are written together in the next flush; each
 * caller's promise resolves only when a flush that contains its mutation is on disk. The document is serialised
 * once per flush, however many mutations it carries.
 *
 * A mutation works on a draft of the document (change-recorder.ts): what it writes is checked to be storable, and
 * its writes are undone when it throws, when it writes something that is not (a value too deep to serialise, a
 * cycle, a function), or when the flush that would carry it cannot serialise the document. The caller then gets an
 * error, the document is as before the mutation, and the store keeps taking other writes.
 */
export class Store {
  private readonly waiting: Waiter[] = [];
  private inFlight: Promise<void> | null = null;
  private closed = false;
  private flushes = 0;
  private seq = 0;
  private lastFlushAt: Date | null = null;
  private lastError: string | null = null;

  private constructor(
    private readonly low: Low<StoreDocument>,
    private readonly persistence: Persistence,
    private readonly options: ResolvedOptions,
  ) {}

  static async open(options: StoreOptions): Promise<Store> {
    const opts: ResolvedOptions = { now: () => new Date(), backupsToKeep: 14, ...options };
    await mkdir(opts.dataDir, { recursive: true });
    const persistence = options.persistence ?? defaultPersistence(options);
    const where = persistence.location;
    const loaded = await persistence.load();

    let doc: StoreDocument;
    let rewrite: { migratedFrom?: number } | null = null;
    if (loaded.raw === null) {
      doc = await options.seed();
      rewrite = {};
    } else {
      const migrated = migrate(loaded.raw);
      if (!migrated.ok) {
        const problem =
          migrated.reason === 'newerVersion'
            ? `it has schema version ${migrated.version}, newer than this bot's ${SCHEMA_VERSION} (start a newer release of the bot)`
            : migrated.reason === 'noVersion'
              ? 'it has no schemaVersion'
              : `no migration from schema version ${migrated.version}`;
        throw new StoreLoadError(where, problem);
      }
      if (loaded.trusted && migrated.from === migrated.to) {
        // Written by this bot for this schema and checked whole by its checksum: no second validation.
        doc = reviveDocument(migrated.doc);
      } else {
        const parsed = documentSchema.safeParse(migrated.doc);
        if (!parsed.success) {
          const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
          throw new StoreLoadError(where, `it fails validation (${first.join('; ')})`);
        }
        doc = parsed.data;
        if (migrated.from !== migrated.to) rewrite = { migratedFrom: migrated.from };
      }
    }

    const lowAdapter = { read: () => Promise.resolve(null), write: (data: StoreDocument) => persistence.replaceAll(data, {}) };
    await removeTornSnapshots(join(opts.dataDir, 'backups'));
    persistence.opened?.(doc);
    if (rewrite) await persistence.replaceAll(doc, rewrite);
    return new Store(new Low<StoreDocument>(lowAdapter, doc), persistence, opts);
  }

  /** The current document, for reads. Never mutate it outside `update`. */
  get doc(): Readonly<StoreDocument> {
    return this.low.data;
  }

  /** Where the document is kept (the snapshot file of the embedded store). */
  get file(): string {
    return this.persistence.location;
  }

  /**
   * Applies `mutate` to the document now and resolves with its result once the change is durable on disk.
   */
  update<T>(mutate: (doc: StoreDocument) => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    const changes = new ChangeRecorder();
    let result: T;
    try {
      result = mutate(changes.draft(this.low.data));
    } catch (err) {
      changes.undo();
      return Promise.reject(err instanceof StoreValueError ? new StoreWriteRejected(err.reason) : err);
    } finally {
      changes.stop();
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ resolve: () => resolve(result), reject, changes });
      this.kick();
    });
  }

  /**
   * Records an activity id in the same write as the mutation; returns `duplicate` without mutating when the id
   * was recorded before (a redelivered activity or a repeated invoke).
   */
  updateOnce<T>(activityId: string | undefined, mutate: (doc: StoreDocument) => T): Promise<{ duplicate: true } | { duplicate: false; result: T }> {
    return this.update((doc) => {
      // Looked up in the document itself, not through the draft: a read of 5,000 ids needs no recording.
      if (activityId && this.low.data.processedActivities.includes(activityId)) return { duplicate: true as const };
      const result = mutate(doc);
      if (activityId) {
        doc.processedActivities.push(activityId);
        if (doc.processedActivities.length > PROCESSED_ACTIVITY_LIMIT) doc.processedActivities.splice(0, doc.processedActivities.length - PROCESSED_ACTIVITY_LIMIT);
      }
      return { duplicate: false as const, result };
    });
  }

  private kick(): void {
    if (this.inFlight || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.waiting.length);
    const started = performance.now();
    const committed = (ok: boolean) => {
      try {
        this.options.onCommit?.({ durationMs: performance.now() - started, ok });
      } catch {
        // A metric must never fail a commit.
      }
    };
    const changes = emptyChanges();
    for (const w of batch) describeChanges(w.changes.writes(), changes);
    let write: () => Promise<void>;
    try {
      // Prepared here, synchronously, before any I/O: the batch is then exactly the mutations since the last
      // commit, so undoing them (newest first) gives back the document as it is durable.
      write = this.persistence.prepare({ seq: this.seq + 1, doc: this.low.data, changes }).write;
    } catch (err) {
      for (const w of [...batch].reverse()) w.changes.undo();
      const tooDeep = err instanceof RangeError || (err instanceof StoreValueError && err.reason === 'tooDeep');
      const rejected = new StoreWriteRejected(tooDeep ? 'tooDeep' : 'notSerialisable');
      for (const w of batch) w.reject(rejected);
      this.kick();
      return;
    }
    this.seq++;
    this.inFlight = write()
      .then(
        () => {
          committed(true);
          this.flushes++;
          this.lastFlushAt = this.options.now();
          this.lastError = null;
          for (const w of batch) w.resolve();
        },
        (err: unknown) => {
          committed(false);
          this.lastError = err instanceof Error ? err.message : String(err);
          for (const w of batch) w.reject(err);
        },
      )
      .finally(() => {
        this.inFlight = null;
        this.snapshotIfDue();
        this.kick();
      });
  }

  /** Resolves when everything applied so far is on disk. */
  async flush(): Promise<void> {
    while (this.inFlight || this.waiting.length > 0) {
      if (this.waiting.length > 0 && !this.inFlight) this.kick();
      await this.inFlight?.catch(() => undefined);
    }
  }

  /**
   * Writes the document whole as a new base (the journal's snapshot, with an empty journal), so that nothing written
   * before survives in the files: erasure (GDPR Art. 17) must not leave the person in earlier journal records. Runs
   * between commits; writes that arrive meanwhile wait and are committed after it. The base is a copy taken at one
   * instant, so a mutation applied while it is written is journaled against that copy, never lost.
   */
  async rewriteWhole(): Promise<void> {
    for (;;) {
      await this.flush();
      if (!this.inFlight && this.waiting.length === 0) break;
    }
    if (this.closed) throw new Error('the store is closed');
    const base = structuredClone(this.low.data);
    const rewrite = this.persistence.replaceAll(base, {});
    this.inFlight = rewrite.then(
      () => undefined,
      () => undefined,
    ).finally(() => {
      this.inFlight = null;
      this.kick();
    });
    await rewrite;
  }

  /** Finishes every write in flight, then refuses new ones (SIGTERM). */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    await this.backupWritten?.catch(() => undefined);
    await this.persistence.close(this.low.data);
  }

  status(): StoreStatus {
    return {
      file: this.persistence.location,
      schemaVersion: this.low.data.schemaVersion,
      flushes: this.flushes,
      pendingWrites: this.waiting.length + (this.inFlight ? 1 : 0),
      lastFlushAt: this.lastFlushAt?.toISOString() ?? null,
      lastError: this.lastError,
      ...(this.persistence.status ? { persistence: this.persistence.status() } : {}),
    };
  }

  private backupWritten: Promise<void> | null = null;

  /**
   * At most one snapshot a day (Stockholm date), keeping the newest `backupsToKeep`. Taken between commits, when
   * the document in memory is exactly what is durable.
   */
  private snapshotIfDue(): void {
    if (this.options.backupsToKeep <= 0 || this.closed || this.backupWritten || this.waiting.length > 0) return;
    const today = stockholmDate(this.options.now());
    if (this.low.data.backups.lastSnapshotDate === today) return;
    let text: string;
    try {
      text = serializeDocument(this.low.data);
    } catch (err) {
      this.options.onBackupError?.(err);
      return;
    }
    void this.update((doc) => {
      doc.backups.lastSnapshotDate = today;
    }).catch(() => undefined);
    this.backupWritten = this.takeSnapshot(today, text)
      .catch((err: unknown) => this.options.onBackupError?.(err))
      .finally(() => {
        this.backupWritten = null;
      });
  }

  /** Resolves when no snapshot is being written (erasure rewrites the backups after the live store, src/store/backup-erasure.ts). */
  snapshotsSettled(): Promise<void> {
    return this.backupWritten ?? Promise.resolve();
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  private async takeSnapshot(day: string, text: string): Promise<void> {
    const dir = join(this.options.dataDir, 'backups');
    await mkdir(dir, { recursive: true });
    const target = join(dir, `${STORE_FILE_NAME.replace(/\.json$/, '')}-${day}.json`);
    // Write to a temp name, fsync, rename: a snapshot under its final name is always whole, even after a crash.
    // Today's snapshot is kept if it is already there and whole (an earlier run made it); a torn one is replaced.
    const whole = await readFile(target, 'utf8').then(
      (existing) => {
        try {
          JSON.parse(existing);
          return true;
        } catch {
          return false;
        }
      },
      () => false,
    );
    if (!whole) {
      const tmp = `${target}.tmp`;
      const handle = await open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, target);
      await fsyncDirectory(dir);
    }
    const snapshots = (await readdir(dir)).filter((f) => /^stark-\d{4}-\d{2}-\d{2}\.json$/.test(f)).sort();
    for (const old of snapshots.slice(0, Math.max(0, snapshots.length - this.options.backupsToKeep))) await unlink(join(dir, old));
  }
}

/** A daily snapshot a crash cut off while it was written (its temp file): never a backup, so removed at start. */
async function removeTornSnapshots(dir: string): Promise<void> {
  const files = await readdir(dir).catch(() => [] as string[]);
  for (const f of files) if (f.endsWith('.tmp')) await unlink(join(dir, f)).catch(() => undefined);
}

export { SCHEMA_VERSION };
