import type { StoreDocument } from './schema.js';
import type { CommitChanges } from './change-set.js';

/**
 * The seam between the store's working copy and where it is kept.
 *
 * `Store` (store.ts) holds the whole document in memory and owns everything about writing it: mutations on a draft
 * (ChangeRecorder), undo of a mutation that throws or cannot be stored, group commit (the mutations that arrive
 * while a commit is in flight go together in the next one), idempotency (`updateOnce`), migrations and validation on
 * open, the commit metric and daily backups. A `Persistence` only keeps the document durable: it loads it once, is
 * told after every group commit what the commit changed, and acknowledges when that is durable. Two
 * implementations: the append-only journal beside a JSON snapshot (journal.ts, the embedded default) and, for
 * several instances, a database.
 *
 * The store calls, in this order and never concurrently:
 *   load()                       once, at open;
 *   opened(doc)                  with the validated document (optional);
 *   replaceAll(doc, …)           when the loaded document cannot be kept as it is (first start: seeded; migrated to a
 *                                newer schema; loaded from a file this persistence did not write itself);
 *   prepare(batch) → write()     once per group commit, one after the other: `prepare` runs synchronously at the
 *                                moment the batch is complete, `write` makes it durable. The next `prepare` comes only
 *                                after the previous `write` settled;
 *   close(doc)                   once, with nothing in flight; no calls after it.
 */
export interface Persistence {
  /** Where the data lives, for messages and status (a file path; a database without its password). */
  readonly location: string;

  /**
   * Reads the document as plain JSON data (instants as ISO strings), unmigrated and unvalidated, or null when there
   * is none yet. `trusted`: the persistence wrote exactly this data itself, for the current schema (the store then
   * skips full validation: see revive.ts). Throws StoreLoadError (store-errors.ts) when the data cannot be trusted
   * to be whole (then it must leave everything as it found it).
   */
  load(): Promise<LoadedDocument>;

  /**
   * The document the store works on from now (after load and validation, or after replaceAll), before any mutation:
   * what the first batch's changes are relative to.
   */
  opened?(doc: StoreDocument): void;

  /** Makes `doc` the whole durable state. `migratedFrom`: the schema version of what was loaded, to keep a copy of. */
  replaceAll(doc: StoreDocument, why: { migratedFrom?: number }): Promise<void>;

  /**
   * Takes a complete batch. Runs synchronously, before any later mutation: `batch.doc` is exactly the state to be
   * made durable, and `batch.changes` says what changed since the previous batch. Whatever is needed from the
   * document must be copied or serialised here. Throwing rejects the batch: the store undoes its mutations and
   * fails their callers (use StoreValueError / RangeError for a value that cannot be stored).
   */
  prepare(batch: CommitBatch): PreparedCommit;

  /** Finishes anything in the background (e.g. compaction) and releases files or connections. */
  close(doc: StoreDocument): Promise<void>;

  /** What the persistence wants the store's status to show (sizes, counts); optional. */
  status?(): Record<string, number | string | null>;
}

export interface LoadedDocument {
  raw: Record<string, unknown> | null;
  trusted: boolean;
}

export interface CommitBatch {
  /** 1, 2, 3 … per store instance: the order of commits. */
  readonly seq: number;
  /** The working copy after every mutation of the batch. Read only; do not keep references into it past `prepare`. */
  readonly doc: Readonly<StoreDocument>;
  /** What the batch's mutations wrote (change-set.ts). */
  readonly changes: CommitChanges;
}

export interface PreparedCommit {
  /** Resolves when the batch is durable (fsync, transaction committed); rejects when it is not. */
  write(): Promise<void>;
}
