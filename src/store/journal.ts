import { createHash, webcrypto } from 'node:crypto';
import { open, readFile, rename, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncDirectory } from './durable-file.js';
import { serializeDocument } from './serialize.js';
import { StoreLoadError } from './store-errors.js';
import { documentSchema, SCHEMA_VERSION, type StoreDocument } from './schema.js';
import { schemaFingerprint } from './schema-shape.js';
import { RECORD_ARRAYS, type CommitChanges } from './change-set.js';
import { keepPreMigrationCopy } from './snapshot-file.js';
import type { CommitBatch, LoadedDocument, Persistence, PreparedCommit } from './persistence.js';

/**
 * The embedded store's persistence: a JSON snapshot of the whole document (`stark.json`, the same file as before
 * the journal, readable by anything that reads JSON) and an append-only journal beside it (`stark.journal`) of what
 * each group commit changed since the snapshot.
 *
 * A commit is one appended line and one fdatasync, however large the document: the journal holds only the records
 * the commit changed (change-set.ts: a need, a meeting, an outbox entry, a field), not the document.
 *
 * Journal lines (UTF-8, one per line; JSON never contains a raw newline):
 *
 *   H 0 <check> {"format":1,"snapshotSha256":…,"snapshotBytes":…,"schemaVersion":…,"schemaFingerprint":…|null,"baseSeq":S}
 *   C <seq> <check> [op, op, …]
 *
 * `<check>` is the first 16 hex digits of SHA-256 over "<kind> <seq> <json>". The header names the snapshot the
 * journal continues (its SHA-256) and the schema it was written for; the commits follow with seq S+1, S+2 … Ops:
 * ["v", path, value] sets the value at path (keys and array indexes), ["d", path] deletes it, ["s", path, start,
 * deleteCount, items] splices the array at path. Replaying them in order onto the snapshot gives the document.
 *
 * Start-up: the snapshot is trusted (revived without full validation, revive.ts) when the journal's header names
 * its checksum and the current schema's fingerprint (schema-shape.ts); otherwise it is validated in full. A last
 * line that is incomplete or fails its check (the process died while appending) is dropped with a log line and
 * cut off; a line that fails its check with good lines after it, a gap in the seqs, or a journal that names another
 * snapshot refuses to start and touches nothing.
 *
 * Compaction: when the journal passes `compactBytes` (and at close, and after a start on a snapshot it did not write), the document is serialised at a commit
 * boundary and written as the new snapshot in the background while commits go on appending; then, between two
 * commits: the new journal (header + the commits made meanwhile) is written as `stark.journal.next` and fsynced,
 * `stark.json.next` is renamed over `stark.json`, `stark.journal.next` over `stark.journal`, and the directory is
 * fsynced. A crash between the two renames leaves a snapshot that only `stark.journal.next` names: start-up finishes
 * the rename. Any other leftover `.next` file is removed.
 */

export const JOURNAL_SUFFIX = '.journal';
const FORMAT = 1;

/** By default the journal is compacted past this size or half the snapshot's, whichever is more. */
export const DEFAULT_COMPACT_BYTES = 8 * 1024 * 1024;

type Path = Array<string | number>;

/** How far into an array a front removal is looked for (see opsFor). */
const FRONT_DROP_LIMIT = 4_096;

/** More elements than any JSON text can hold: such an array cannot be stored. */
const MAX_ARRAY_LENGTH = 2 ** 28;
export type JournalOp = ['v', Path, unknown] | ['d', Path] | ['s', Path, number, number, unknown[]];

interface Header {
  format: number;
  snapshotSha256: string;
  snapshotBytes: number;
  schemaVersion: number;
  /** null: the snapshot was not written by this journal (a file from before it, or edited): validate it fully. */
  schemaFingerprint: string | null;
  baseSeq: number;
}

export interface JournalOptions {
  /** The snapshot file, e.g. <dataDir>/stark.json; the journal is the same name with `.journal` for `.json`. */
  file: string;
  compactBytes?: number;
  onEvent?: (event: string, fields: Record<string, string | number | boolean | null>) => void;
}

let fingerprint: string | null = null;
const currentFingerprint = (): string => (fingerprint ??= schemaFingerprint(documentSchema));

const check = (kind: string, seq: number, json: string): string => createHash('sha256').update(`${kind} ${seq} ${json}`).digest('hex').slice(0, 16);
const line = (kind: string, seq: number, json: string): string => `${kind} ${seq} ${check(kind, seq, json)} ${json}\n`;

async function sha256(data: Uint8Array): Promise<string> {
  // Off the event loop (the thread pool): a 37 MB snapshot takes ~100 ms to hash.
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', data)).toString('hex');
}

export const journalFileOf = (file: string): string => join(dirname(file), basename(file).replace(/\.json$/, '') + JOURNAL_SUFFIX);

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

interface ParsedJournal {
  header: Header;
  commits: Array<{ seq: number; ops: JournalOp[] }>;
  /** Bytes of the journal up to the end of the last good line. */
  goodBytes: number;
  /** Bytes after it (a torn last line), dropped. */
  tornBytes: number;
}

type JournalProblem = { problem: string };

/** Parses a journal; a problem (not a throw) when it cannot be trusted. */
export function parseJournal(buf: Buffer): ParsedJournal | JournalProblem {
  const lines: Array<{ start: number; end: number; complete: boolean }> = [];
  let start = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(10, start);
    if (nl === -1) {
      lines.push({ start, end: buf.length, complete: false });
      break;
    }
    lines.push({ start, end: nl, complete: true });
    start = nl + 1;
  }
  const parsed: Array<{ kind: string; seq: number; json: string } | null> = lines.map(({ start: s, end, complete }) => {
    if (!complete) return null;
    const text = buf.toString('utf8', s, end);
    const m = /^([HC]) (\d+) ([0-9a-f]{16}) /.exec(text);
    if (!m) return null;
    const json = text.slice(m[0].length);
    const seq = Number(m[2]);
    return check(m[1]!, seq, json) === m[3] ? { kind: m[1]!, seq, json } : null;
  });
  let lastGood = -1;
  parsed.forEach((p, i) => {
    if (p) lastGood = i;
  });
  if (lastGood === -1 || !parsed[0] || parsed[0].kind !== 'H') return { problem: 'its header line is missing or damaged' };
  const bad = parsed.findIndex((p, i) => i <= lastGood && p === null);
  if (bad !== -1) return { problem: `line ${bad + 1} of ${lastGood + 1} fails its checksum, with good lines after it` };
  let header: Header;
  try {
    header = JSON.parse(parsed[0].json) as Header;
  } catch {
    return { problem: 'its header is not JSON' };
  }
  if (header.format !== FORMAT) return { problem: `it has format ${String(header.format)}, not ${FORMAT}` };
  const commits: ParsedJournal['commits'] = [];
  for (let i = 1; i <= lastGood; i++) {
    const p = parsed[i]!;
    const expected = header.baseSeq + i;
    if (p.kind !== 'C' || p.seq !== expected) return { problem: `line ${i + 1} is commit ${p.seq}, expected ${expected}` };
    commits.push({ seq: p.seq, ops: JSON.parse(p.json) as JournalOp[] });
  }
  const goodBytes = lines[lastGood]!.end + 1;
  return { header, commits, goodBytes, tornBytes: buf.length - goodBytes };
}

function container(doc: unknown, path: Path): Record<string | number, unknown> {
  let at = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (next === null || typeof next !== 'object') throw new Error(`no object at ${path.join('.')}`);
    at = next as Record<string | number, unknown>;
  }
  return at;
}

/** Applies journal ops to a plain JSON document, in place. */
export function applyOps(doc: Record<string, unknown>, ops: readonly JournalOp[]): void {
  for (const op of ops) {
    const path = op[1];
    if (op[0] === 's') {
      const arr = path.length === 0 ? null : container(doc, path)[path[path.length - 1]!];
      if (!Array.isArray(arr)) throw new Error(`no array at ${path.join('.')}`);
      arr.splice(op[2], op[3], ...op[4]);
      continue;
    }
    const parent = container(doc, path);
    const key = path[path.length - 1]!;
    if (op[0] === 'v') {
      if (Array.isArray(parent) && typeof key === 'number') parent[key] = op[2];
      else Object.defineProperty(parent, key, { value: op[2], enumerable: true, writable: true, configurable: true });
    } else if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
    else delete parent[key];
  }
}

const getAt = (doc: unknown, parts: readonly string[]): unknown => {
  let at = doc;
  for (const p of parts) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[p];
  }
  return at;
};

/**
 * The document as it is durable in `file` + its journal, as plain JSON: for tools and tests. Changes nothing. A
 * compaction running beside it can swap the snapshot between the two reads; the journal that continues the snapshot
 * read (the current one or the compaction's next one) is applied, and the read is tried again when neither does.
 */
export async function readDurableDocument(file: string): Promise<Record<string, unknown> | null> {
  for (let attempt = 1; ; attempt++) {
    const snapshot = await readOptional(file);
    if (!snapshot) return null;
    const sha = await sha256(snapshot);
    const doc = JSON.parse(snapshot.toString('utf8')) as Record<string, unknown>;
    let continues = false;
    let sawJournal = false;
    for (const candidate of [journalFileOf(file), `${journalFileOf(file)}.next`]) {
      const journal = await readOptional(candidate);
      if (!journal) continue;
      sawJournal = true;
      const parsed = parseJournal(journal);
      if ('problem' in parsed) {
        if (candidate === journalFileOf(file)) throw new Error(`${candidate}: ${parsed.problem}`);
        continue;
      }
      if (parsed.header.snapshotSha256 !== sha) continue;
      for (const c of parsed.commits) applyOps(doc, c.ops);
      continues = true;
      break;
    }
    if (continues || !sawJournal || attempt >= 5) return doc;
  }
}

interface Compaction {
  baseSeq: number;
  /** Lines of commits appended to the old journal meanwhile; those after baseSeq are carried into the new one. */
  carried: Array<{ seq: number; bytes: Buffer }>;
  done: Promise<void>;
}

export class JournalPersistence implements Persistence {
  readonly location: string;
  private readonly journalFile: string;
  private handle: FileHandle | null = null;
  /** The header to write when the journal is first needed (a snapshot that had no journal yet). */
  private pendingHeader: Header | null = null;
  private journalBytes = 0;
  private snapshotBytes = 0;
  private lastSeq = 0;
  private baseTrusted = false;
  /** Arrays as last written: what a commit's splice op is computed against (identity of elements). */
  private readonly shadows = new Map<string, unknown[]>();
  /** Serialises appends and the compaction's swap: one file operation on the journal at a time. */
  private chain: Promise<void> = Promise.resolve();
  private compaction: Compaction | null = null;
  /** A failed append may have left part of a line: the next commit rewrites everything instead of appending. */
  private broken = false;
  private compactions = 0;
  /** Commits in the journal now (after its header). */
  private commitsInJournal = 0;

  constructor(private readonly options: JournalOptions) {
    this.location = options.file;
    this.journalFile = journalFileOf(options.file);
  }

  /** An explicit size as given; by default at least half the snapshot (compacting costs a snapshot's write). */
  private compactAt(): number {
    return this.options.compactBytes ?? Math.max(DEFAULT_COMPACT_BYTES, this.snapshotBytes / 2);
  }

  private get nextSnapshot(): string {
    return `${this.location}.next`;
  }

  private get nextJournal(): string {
    return `${this.journalFile}.next`;
  }

  async load(): Promise<LoadedDocument> {
    // A temp file of the whole-file store a crash may have left (durable-file.ts); never the target itself.
    await unlink(join(dirname(this.location), `.${basename(this.location)}.tmp`)).catch(() => undefined);
    const refuse = (file: string, problem: string): never => {
      throw new StoreLoadError(file, problem);
    };
    let snapshot: Buffer | null;
    let journal: Buffer | null;
    let nextJournal: Buffer | null;
    try {
      snapshot = await readOptional(this.location);
      journal = await readOptional(this.journalFile);
      nextJournal = await readOptional(this.nextJournal);
    } catch (err) {
      return refuse(this.location, `it cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    if (!snapshot) {
      if (journal) refuse(this.journalFile, `there is a journal but no snapshot ${basename(this.location)} (restore the snapshot, or move the journal away to start empty)`);
      return { raw: null, trusted: false };
    }
    const snapshotSha = await sha256(snapshot);
    this.snapshotBytes = snapshot.length;

    let parsed: ParsedJournal | null = null;
    let finishRename = false;
    if (journal) {
      const p = parseJournal(journal);
      if ('problem' in p) return refuse(this.journalFile, `the journal cannot be trusted: ${p.problem}`);
      if (p.header.snapshotSha256 === snapshotSha) parsed = p;
      else {
        const n = nextJournal ? parseJournal(nextJournal) : null;
        if (n && !('problem' in n) && n.header.snapshotSha256 === snapshotSha) {
          // A compaction renamed the snapshot and died before renaming the journal: finish it below.
          parsed = n;
          finishRename = true;
        } else {
          refuse(
            this.journalFile,
            `the journal continues another snapshot than ${basename(this.location)} (checksum differs; was the snapshot replaced by hand? To start from the snapshot alone, move the journal away)`,
          );
        }
      }
    }

    let raw: unknown;
    try {
      raw = JSON.parse(snapshot.toString('utf8'));
    } catch (err) {
      return refuse(this.location, `it is not valid JSON (${(err as Error).message})`);
    }
    snapshot = null;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return refuse(this.location, 'it does not hold a JSON object');
    const doc = raw as Record<string, unknown>;

    if (parsed) {
      try {
        for (const c of parsed.commits) applyOps(doc, c.ops);
      } catch (err) {
        return refuse(this.journalFile, `a commit does not apply to the snapshot (${(err as Error).message})`);
      }
      this.lastSeq = parsed.commits.at(-1)?.seq ?? parsed.header.baseSeq;
      this.baseTrusted = parsed.header.schemaFingerprint !== null;
      const trusted = parsed.header.schemaFingerprint === currentFingerprint() && parsed.header.schemaVersion === SCHEMA_VERSION;
      // Everything checked: only now change files.
      if (finishRename) {
        await rename(this.nextJournal, this.journalFile);
        await fsyncDirectory(dirname(this.location));
        this.options.onEvent?.('store.compactionFinished', { journal: this.journalFile });
      }
      if (parsed.tornBytes > 0) {
        await truncate(this.journalFile, parsed.goodBytes);
        this.options.onEvent?.('store.journalTornTail', { journal: this.journalFile, droppedBytes: parsed.tornBytes, keptCommits: parsed.commits.length });
      }
      this.journalBytes = parsed.goodBytes;
      this.commitsInJournal = parsed.commits.length;
      await this.removeLeftovers(finishRename);
      return { raw: doc, trusted };
    }
    // A snapshot without a journal: from before the journal, or the first start after one was moved away. It is
    // validated in full; its journal is started on the first commit and names it untrusted until compacted.
    this.pendingHeader = { format: FORMAT, snapshotSha256: snapshotSha, snapshotBytes: this.snapshotBytes, schemaVersion: SCHEMA_VERSION, schemaFingerprint: null, baseSeq: 0 };
    this.baseTrusted = false;
    await this.removeLeftovers(false);
    return { raw: doc, trusted: false };
  }

  private async removeLeftovers(keepNextJournal: boolean): Promise<void> {
    await unlink(this.nextSnapshot).catch(() => undefined);
    if (!keepNextJournal) await unlink(this.nextJournal).catch(() => undefined);
  }

  opened(doc: StoreDocument): void {
    this.shadows.clear();
    for (const path of RECORD_ARRAYS) {
      const arr = getAt(doc, path.split('.'));
      this.shadows.set(path, Array.isArray(arr) ? arr.slice() : []);
    }
  }

  async replaceAll(doc: StoreDocument, why: { migratedFrom?: number }): Promise<void> {
    if (why.migratedFrom !== undefined) await keepPreMigrationCopy(this.location, why.migratedFrom);
    await this.settled();
    const text = serializeDocument(doc);
    await this.runExclusive(() => this.rewrite(text, this.lastSeq));
    this.opened(doc);
  }

  prepare(batch: CommitBatch): PreparedCommit {
    const doc = batch.doc as StoreDocument;
    if (this.broken) {
      // The journal may end in part of a line: write the whole document as a new snapshot and journal instead.
      const text = serializeDocument(doc);
      const seq = ++this.lastSeq;
      this.opened(doc);
      const pending = this.compaction?.done ?? Promise.resolve();
      const write = pending.then(() =>
        this.runExclusive(async () => {
          await this.rewrite(text, seq);
          this.broken = false;
        }),
      );
      return { write: () => write };
    }
    const ops = this.opsFor(doc, batch.changes);
    if (ops.length === 0) return { write: () => this.chain };
    const seq = this.lastSeq + 1;
    const bytes = Buffer.from(line('C', seq, JSON.stringify(ops)), 'utf8');
    this.commitShadows(doc, batch.changes);
    this.lastSeq = seq;
    const write = this.runExclusive(() => this.append(bytes, seq));
    if (!this.compaction && (this.journalBytes + bytes.length > this.compactAt() || !this.baseTrusted)) {
      this.startCompaction(doc, seq);
    }
    return { write: () => write };
  }

  /** The ops of one commit; does not change the shadows (commitShadows does, once the ops are serialised). */
  private opsFor(doc: StoreDocument, changes: CommitChanges): JournalOp[] {
    const ops: JournalOp[] = [];
    const whole = [...changes.values].sort((a, b) => a.split('.').length - b.split('.').length);
    for (const path of whole) {
      const parts = path.split('.');
      const v = getAt(doc, parts);
      ops.push(v === undefined ? ['d', parts] : ['v', parts, v]);
    }
    const covered = (path: string) => whole.some((w) => path === w || path.startsWith(`${w}.`));
    for (const [path, change] of changes.collections) {
      if (covered(path)) continue;
      const parts = path.split('.');
      const current = getAt(doc, parts);
      if (change.kind === 'map') {
        if (current === null || typeof current !== 'object') {
          ops.push(current === undefined ? ['d', parts] : ['v', parts, current]);
          continue;
        }
        for (const key of change.keys) {
          const v = (current as Record<string, unknown>)[key];
          ops.push(v === undefined ? ['d', [...parts, key]] : ['v', [...parts, key], v]);
        }
        continue;
      }
      if (!Array.isArray(current)) {
        ops.push(current === undefined ? ['d', parts] : ['v', parts, current]);
        continue;
      }
      // No JSON text could hold it (V8's strings end at 2^29 characters); refuse before walking it.
      if (current.length > MAX_ARRAY_LENGTH) throw new RangeError(`${path} has ${current.length} elements`);
      let fresh: [number, number] = [0, 0];
      if (change.membership) {
        let old = this.shadows.get(path) ?? [];
        // A bounded list that drops its oldest entries as it grows (processed activity ids, submissions): the
        // front removal as its own op, not the whole list again.
        if (old.length > 0 && current.length > 0 && old[0] !== current[0]) {
          const dropped = old.indexOf(current[0], 1);
          if (dropped > 0 && dropped <= FRONT_DROP_LIMIT) {
            ops.push(['s', parts, 0, dropped, []]);
            old = old.slice(dropped);
          }
        }
        let start = 0;
        while (start < old.length && start < current.length && old[start] === current[start]) start++;
        let tail = 0;
        while (tail < old.length - start && tail < current.length - start && old[old.length - 1 - tail] === current[current.length - 1 - tail]) tail++;
        const items = current.slice(start, current.length - tail);
        const removed = old.length - start - tail;
        if (removed > 0 || items.length > 0) ops.push(['s', parts, start, removed, items]);
        fresh = [start, start + items.length];
      }
      for (const record of change.records) {
        const at = current.indexOf(record);
        if (at >= 0 && !(at >= fresh[0] && at < fresh[1])) ops.push(['v', [...parts, at], record]);
      }
    }
    return ops;
  }

  private commitShadows(doc: StoreDocument, changes: CommitChanges): void {
    const touched = new Set<string>();
    for (const [path, change] of changes.collections) if (change.kind === 'array' && change.membership) touched.add(path);
    for (const w of changes.values) for (const path of RECORD_ARRAYS) if (path === w || path.startsWith(`${w}.`)) touched.add(path);
    for (const path of touched) {
      const arr = getAt(doc, path.split('.'));
      this.shadows.set(path, Array.isArray(arr) ? arr.slice() : []);
    }
  }

  private runExclusive(fn: () => Promise<void>): Promise<void> {
    const run = this.chain.then(fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async settled(): Promise<void> {
    await this.chain;
    await this.compaction?.done.catch(() => undefined);
  }

  private async append(bytes: Buffer, seq: number): Promise<void> {
    try {
      if (!this.handle) {
        if (this.pendingHeader) {
          await this.writeJournal(this.journalFile, this.pendingHeader, []);
          await fsyncDirectory(dirname(this.location));
          this.pendingHeader = null;
        }
        this.handle = await open(this.journalFile, 'a', 0o600);
        this.journalBytes = (await this.handle.stat()).size;
      }
      await this.handle.write(bytes);
      await this.handle.datasync();
    } catch (err) {
      this.broken = true;
      throw err;
    }
    this.journalBytes += bytes.length;
    this.commitsInJournal++;
    this.compaction?.carried.push({ seq, bytes });
  }

  /** Writes a journal file whole: header and lines, fsynced. */
  private async writeJournal(file: string, header: Header, lines: readonly Buffer[]): Promise<number> {
    const head = Buffer.from(line('H', 0, JSON.stringify(header)), 'utf8');
    const tmp = file === this.journalFile ? `${file}.tmp` : file;
    const handle = await open(tmp, 'w', 0o600);
    let size = head.length;
    try {
      await handle.write(head);
      for (const l of lines) {
        await handle.write(l);
        size += l.length;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (tmp !== file) await rename(tmp, file);
    return size;
  }

  /** The document as the new snapshot with an empty journal; run exclusively. */
  private async rewrite(text: string, baseSeq: number): Promise<void> {
    await this.swap(await this.writeSnapshotNext(text), baseSeq, []);
  }

  /** Writes stark.json.next and fsyncs it; returns its SHA-256. */
  private async writeSnapshotNext(text: string): Promise<string> {
    const bytes = Buffer.from(text, 'utf8');
    const handle = await open(this.nextSnapshot, 'w', 0o600);
    try {
      await handle.write(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.snapshotBytes = bytes.length;
    return sha256(bytes);
  }

  /** The new journal (header + carried commits) → .next, fsync; both renames; fsync of the directory. Exclusive. */
  private async swap(sha: string, baseSeq: number, carried: ReadonlyArray<{ seq: number; bytes: Buffer }>): Promise<void> {
    await this.handle?.close();
    this.handle = null;
    const kept = carried.filter((c) => c.seq > baseSeq).map((c) => c.bytes);
    const header: Header = { format: FORMAT, snapshotSha256: sha, snapshotBytes: this.snapshotBytes, schemaVersion: SCHEMA_VERSION, schemaFingerprint: currentFingerprint(), baseSeq };
    const size = await this.writeJournal(this.nextJournal, header, kept);
    await rename(this.nextSnapshot, this.location);
    await rename(this.nextJournal, this.journalFile);
    await fsyncDirectory(dirname(this.location));
    this.pendingHeader = null;
    this.journalBytes = size;
    this.commitsInJournal = kept.length;
    this.baseTrusted = true;
    this.compactions++;
  }

  private startCompaction(doc: StoreDocument, baseSeq: number): void {
    let text: string;
    try {
      text = serializeDocument(doc);
    } catch (err) {
      this.options.onEvent?.('store.compactionFailed', { error: err instanceof Error ? err.message : String(err) });
      return;
    }
    const compaction: Compaction = { baseSeq, carried: [], done: Promise.resolve() };
    this.compaction = compaction;
    compaction.done = (async () => {
      const sha = await this.writeSnapshotNext(text);
      await this.runExclusive(() => this.swap(sha, baseSeq, compaction.carried));
    })()
      .catch((err: unknown) => {
        this.options.onEvent?.('store.compactionFailed', { error: err instanceof Error ? err.message : String(err) });
        return unlink(this.nextSnapshot).catch(() => undefined);
      })
      .finally(() => {
        if (this.compaction === compaction) this.compaction = null;
      });
  }

  async close(doc: StoreDocument): Promise<void> {
    await this.settled();
    // Leave a snapshot that holds everything (and an empty journal), so the file alone is current after a clean stop.
    if (this.commitsInJournal > 0 || this.broken) {
      const text = serializeDocument(doc);
      await this.runExclusive(() => this.rewrite(text, this.lastSeq)).catch((err: unknown) => {
        this.options.onEvent?.('store.compactionFailed', { error: err instanceof Error ? err.message : String(err) });
      });
    }
    await this.handle?.close();
    this.handle = null;
  }

  status(): Record<string, number | string | null> {
    return { journalBytes: this.journalBytes, snapshotBytes: this.snapshotBytes, compactions: this.compactions, lastSeq: this.lastSeq };
  }

  /** For tests: resolves when a compaction in progress has finished. */
  async idle(): Promise<void> {
    await this.settled();
  }
}
