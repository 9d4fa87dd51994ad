import { copyFile, mkdir, readdir, readFile, unlink, constants, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DurableJsonFile, fsyncDirectory } from './durable-file.js';
import { documentSchema, PROCESSED_ACTIVITY_LIMIT, SCHEMA_VERSION, type StoreDocument } from './schema.js';
import { migrate } from './migrations.js';
import { serializeDocument } from './serialize.js';
import { ChangeRecorder, StoreValueError } from './change-recorder.js';
import { stockholmDate } from '../domain/time.js';

export const STORE_FILE_NAME = 'stark.json';

/** Start-up refuses to go on with a store it cannot trust; the message names the file and the problem. */
export class StoreLoadError extends Error {
  constructor(readonly file: string, readonly problem: string) {
    super(`Cannot open the store ${file}: ${problem}. The file was left untouched.`);
    this.name = 'StoreLoadError';
  }
}

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
}

export interface StoreStatus {
  file: string;
  schemaVersion: number;
  flushes: number;
  pendingWrites: number;
  lastFlushAt: string | null;
  lastError: string | null;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
  /** The mutation's recorded writes, kept until its flush is on disk: a flush that cannot serialise undoes them. */
  changes: ChangeRecorder;
}

/** A write that was undone in memory and never reached the disk; the store goes on taking other writes. */
export class StoreWriteRejected extends Error {
  constructor(readonly reason: string) {
    super(`the change was not stored: ${reason}`);
    this.name = 'StoreWriteRejected';
  }
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
  private lastFlushAt: Date | null = null;
  private lastError: string | null = null;
  private snapshotting: Promise<void> = Promise.resolve();

  private constructor(
    private readonly low: Low<StoreDocument>,
    private readonly adapter: DurableJsonFile<StoreDocument>,
    private readonly options: Required<Omit<StoreOptions, 'seed' | 'onBackupError' | 'onCommit'>> & Pick<StoreOptions, 'onBackupError' | 'onCommit'>,
  ) {}

  static async open(options: StoreOptions): Promise<Store> {
    const opts = { now: () => new Date(), backupsToKeep: 14, ...options };
    await mkdir(opts.dataDir, { recursive: true });
    const file = join(opts.dataDir, STORE_FILE_NAME);
    const adapter = new DurableJsonFile<StoreDocument>(file, serializeDocument);
    await adapter.removeStaleTemp();

    let raw: unknown;
    try {
      raw = await adapter.read();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const problem = err instanceof SyntaxError ? `it is not valid JSON (${err.message})` : `it cannot be read (${code ?? String(err)})`;
      throw new StoreLoadError(file, problem);
    }

    let doc: StoreDocument;
    let mustWrite = false;
    if (raw === null) {
      doc = await options.seed();
      mustWrite = true;
    } else {
      if (typeof raw !== 'object' || Array.isArray(raw)) throw new StoreLoadError(file, 'it does not hold a JSON object');
      const migrated = migrate(raw as Record<string, unknown>);
      if (!migrated.ok) {
        const problem =
          migrated.reason === 'newerVersion'
            ? `it has schema version ${migrated.version}, newer than this bot's ${SCHEMA_VERSION} (start a newer release of the bot)`
            : migrated.reason === 'noVersion'
              ? 'it has no schemaVersion'
              : `no migration from schema version ${migrated.version}`;
        throw new StoreLoadError(file, problem);
      }
      const parsed = documentSchema.safeParse(migrated.doc);
      if (!parsed.success) {
        const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
        throw new StoreLoadError(file, `it fails validation (${first.join('; ')})`);
      }
      doc = parsed.data;
      if (migrated.from !== migrated.to) {
        // Keep the pre-migration file beside the new one: a migration must never be the only copy.
        await copyFile(file, join(opts.dataDir, `${STORE_FILE_NAME}.v${migrated.from}.bak`), constants.COPYFILE_EXCL).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        });
        mustWrite = true;
      }
    }

    const store = new Store(new Low(adapter, doc), adapter, opts);
    if (mustWrite) await store.update(() => undefined);
    return store;
  }

  /** The current document, for reads. Never mutate it outside `update`. */
  get doc(): Readonly<StoreDocument> {
    return this.low.data;
  }

  get file(): string {
    return this.adapter.file;
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
    let text: string;
    try {
      // Serialised here, synchronously, before any I/O: the batch is then exactly the mutations since the last
      // flush, so undoing them (newest first) gives back the document as it is on disk.
      text = serializeDocument(this.low.data);
    } catch (err) {
      for (const w of [...batch].reverse()) w.changes.undo();
      const rejected = new StoreWriteRejected(err instanceof RangeError ? 'tooDeep' : 'notSerialisable');
      for (const w of batch) w.reject(rejected);
      this.kick();
      return;
    }
    this.inFlight = this.adapter
      .writeText(text)
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

  /** Finishes every write in flight, then refuses new ones (SIGTERM). */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  status(): StoreStatus {
    return {
      file: this.adapter.file,
      schemaVersion: this.low.data.schemaVersion,
      flushes: this.flushes,
      pendingWrites: this.waiting.length + (this.inFlight ? 1 : 0),
      lastFlushAt: this.lastFlushAt?.toISOString() ?? null,
      lastError: this.lastError,
    };
  }

  /** At most one snapshot a day (Stockholm date), keeping the newest `backupsToKeep`. */
  private snapshotIfDue(): void {
    if (this.options.backupsToKeep <= 0 || this.closed) return;
    const today = stockholmDate(this.options.now());
    if (this.low.data.backups.lastSnapshotDate === today) return;
    this.low.data.backups.lastSnapshotDate = today;
    this.snapshotting = this.snapshotting.then(() => this.takeSnapshot(today)).catch((err: unknown) => this.options.onBackupError?.(err));
  }

  /** Resolves when no snapshot is being copied (erasure rewrites the backups after the live store, src/store/backup-erasure.ts). */
  snapshotsSettled(): Promise<void> {
    return this.snapshotting;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  // The copy needs no flush first: the file is only ever replaced by an atomic rename, so copyFile sees a whole file.
  private async takeSnapshot(day: string): Promise<void> {
    const dir = join(this.options.dataDir, 'backups');
    await mkdir(dir, { recursive: true });
    const target = join(dir, `${STORE_FILE_NAME.replace(/\.json$/, '')}-${day}.json`);
    // Copy to a temp name, fsync, rename: a snapshot under its final name is always whole, even after a crash.
    // Today's snapshot is kept if it is already there and whole (an earlier run made it); a torn one is replaced.
    const whole = await readFile(target, 'utf8').then(
      (text) => {
        try {
          JSON.parse(text);
          return true;
        } catch {
          return false;
        }
      },
      () => false,
    );
    if (!whole) {
      const tmp = `${target}.tmp`;
      await copyFile(this.adapter.file, tmp);
      const handle = await open(tmp, 'r+');
      try {
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

export { SCHEMA_VERSION };
