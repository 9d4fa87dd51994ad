import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { RECORD_ARRAYS, RECORD_MAPS } from './change-set.js';
import { JournalPersistence } from './journal.js';
import { migrate } from './migrations.js';
import type { Persistence } from './persistence.js';
import { PgPersistence } from './postgres/pg-persistence.js';
import { documentSchema, type StoreDocument } from './schema.js';
import { StoreLoadError } from './store-errors.js';

/**
 * Moving a store between backends: the embedded file store (a data directory: snapshot + journal) and PostgreSQL
 * (a URL). `npm run admin -- store copy --from <dir|url> --to <dir|url>` (scripts/admin.ts). The source is read as
 * the bot would open it (journal replayed, migrated to the current schema, validated), written whole into the
 * target, which must be empty, and read back from the target: the copy is accepted only when the record counts and
 * the checksum of the logical content (canonical JSON: keys sorted, instants as ISO strings) are the same on both
 * sides. Nothing is written to the source (a journal's torn last record is cut off, as at any start).
 */

export const STORE_FILE = 'stark.json';

export const isDatabaseUrl = (where: string): boolean => /^postgres(ql)?:\/\//.test(where);

export function persistenceFor(where: string): Persistence {
  return isDatabaseUrl(where) ? new PgPersistence({ url: where, applicationName: 'stark store copy' }) : new JournalPersistence({ file: join(where, STORE_FILE) });
}

/** Canonical JSON: object keys sorted at every level, no undefined, Dates as ISO strings. */
export function canonicalJson(value: unknown): string {
  const plain: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
  const walk = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(walk).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return `{${Object.keys(o)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${walk(o[k])}`)
        .join(',')}}`;
    }
    return JSON.stringify(v);
  };
  return walk(plain);
}

export interface StoreSummary {
  /** Records per collection (change-set.ts) and the document's schema version. */
  counts: Record<string, number>;
  /** SHA-256 of the canonical JSON of the whole document. */
  checksum: string;
}

const getAt = (doc: unknown, path: string): unknown => path.split('.').reduce<unknown>((at, k) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined), doc);

export function summarise(doc: StoreDocument): StoreSummary {
  const counts: Record<string, number> = {};
  for (const path of RECORD_ARRAYS) {
    const v = getAt(doc, path);
    counts[path] = Array.isArray(v) ? v.length : 0;
  }
  for (const path of RECORD_MAPS) {
    const v = getAt(doc, path);
    counts[path] = v !== null && typeof v === 'object' ? Object.keys(v).length : 0;
  }
  return { counts, checksum: createHash('sha256').update(canonicalJson(doc)).digest('hex') };
}

/** The document in `where` as the bot would open it (migrated, validated); null when there is none. Changes nothing. */
export async function readStore(where: string): Promise<StoreDocument | null> {
  const p = persistenceFor(where);
  try {
    const loaded = await p.load();
    if (loaded.raw === null) return null;
    const migrated = migrate(loaded.raw);
    if (!migrated.ok) throw new StoreLoadError(p.location, `it has schema version ${String(migrated.version)}, which this bot cannot read`);
    const parsed = documentSchema.safeParse(migrated.doc);
    if (!parsed.success) throw new StoreLoadError(p.location, `it fails validation (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`);
    return parsed.data;
  } finally {
    // A database reader holds its start-up lock until closed; a journal reader must not compact (nothing written).
    if (p instanceof PgPersistence) await p.close();
  }
}

export class StoreCopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreCopyError';
  }
}

export interface CopyResult {
  from: string;
  to: string;
  source: StoreSummary;
  target: StoreSummary;
}

/** Copies the store at `from` into the empty store at `to`, then verifies the copy (counts and checksum). */
export async function copyStore(from: string, to: string): Promise<CopyResult> {
  const doc = await readStore(from);
  if (!doc) throw new StoreCopyError(`there is no store at ${persistenceFor(from).location}`);
  const source = summarise(doc);
  const target = persistenceFor(to);
  try {
    const existing = await target.load();
    if (existing.raw !== null) throw new StoreCopyError(`${target.location} already holds a store: copy only into an empty one (nothing was changed)`);
    target.opened?.(doc);
    await target.replaceAll(doc, {});
  } finally {
    await target.close(doc);
  }
  const copied = await readStore(to);
  if (!copied) throw new StoreCopyError(`the copy in ${target.location} cannot be read back`);
  const result: CopyResult = { from: persistenceFor(from).location, to: target.location, source, target: summarise(copied) };
  const differing = Object.keys(source.counts).filter((k) => source.counts[k] !== result.target.counts[k]);
  if (differing.length > 0 || source.checksum !== result.target.checksum) {
    throw new StoreCopyError(
      `the copy in ${target.location} differs from the source (${differing.length > 0 ? `counts of ${differing.join(', ')}` : 'checksum'}): do not use it`,
    );
  }
  return result;
}
