import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { StoreValueError } from '../change-recorder.js';
import type { CollectionChange, CommitChanges } from '../change-set.js';
import type { CommitBatch, LoadedDocument, Persistence, PreparedCommit } from '../persistence.js';
import { SCHEMA_VERSION, type StoreDocument } from '../schema.js';
import { StoreLoadError } from '../store-errors.js';
import { createPool, databaseLocation } from './connection.js';
import { DatabaseSchemaError, LOCK_APP, runSqlMigrations, STARTUP_LOCK } from './migrations.js';
import { COLLECTION_TABLES, OUTBOX_TABLE, tableOf, type CollectionTable } from './tables.js';

/**
 * The store's persistence in PostgreSQL, for one or several instances of the bot (STARK_DATABASE_URL).
 *
 * Layout (tables.ts, migrations.ts): one table per record kind, one row per record (`id`, `pos`, `payload jsonb`),
 * and `stark_values` for everything else, keyed by dot path. The document decomposes as follows: a top-level key
 * that is a record collection → its table; a top-level object → a marker row `k` ({}) and per property either its
 * collection's table or a row `k.p`; any other top-level value → a row `k`. Loading reverses it.
 *
 * A group commit is one transaction with the rows its change set names (change-set.ts): the records that were
 * added, removed or changed (by id), the values that were written. Nothing else is rewritten, so a commit costs what
 * it changed, not the document's size. `prepare` builds the statements synchronously; `write` runs them in one
 * transaction; a failed transaction's statements are carried into the next commit's (they are idempotent upserts and
 * deletes by id), so what the store holds in memory still reaches the database.
 *
 * Several instances: each holds its own working copy and writes only the rows its own commits change (never a whole
 * table, except when seeding or migrating at start, under STARTUP_LOCK), so instances do not overwrite each other's
 * records; an outbox entry never goes back from sent/failed to pending (the delivery logs' claims rely on it).
 */
export interface PgPersistenceOptions {
  url: string;
  /** A pool to use instead of one made from the URL (it is then not closed here). */
  pool?: pg.Pool;
  /** For pg_stat_activity (who holds a connection). */
  applicationName?: string;
  onEvent?: (event: string, fields: Record<string, string | number | boolean | null>) => void;
}

interface Shadow {
  /** The array's elements as last written (identity), with their row ids and positions. */
  elements: unknown[];
  ids: string[];
  pos: number[];
}

interface Statement {
  text: string;
  values: unknown[];
}

type Rows = Array<{ id: string; pos: number; json: string }>;

const FRONT_DROP_LIMIT = 4_096;
const MAX_ARRAY_LENGTH = 2 ** 28;
/** Rows per INSERT statement when a whole table is written. */
const CHUNK = 2_000;

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

function getAt(doc: unknown, parts: readonly string[]): unknown {
  let at = doc;
  for (const p of parts) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[p];
  }
  return at;
}

/** JSON text for a jsonb column. PostgreSQL's jsonb cannot hold U+0000 in a string: such a value is refused. */
export function jsonFor(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new StoreValueError('notJson');
  if (json.includes('\\u0000') && /(^|[^\\])(\\\\)*\\u0000/.test(json)) throw new StoreValueError('notJson');
  return json;
}

/** `[{"id":…,"pos":…,"payload":…}, …]` from rows whose payload is JSON text already. */
const rowsJson = (rows: Rows): string => `[${rows.map((r) => `{"id":${JSON.stringify(r.id)},"pos":${r.pos},"payload":${r.json}}`).join(',')}]`;

function upsertRows(c: CollectionTable, all: Rows): Statement[] {
  const out: Statement[] = [];
  // One row per id in a statement (ON CONFLICT cannot touch a row twice): the last one wins, as in the array.
  const byId = new Map<string, Rows[number]>();
  for (const r of all) {
    byId.delete(r.id);
    byId.set(r.id, r);
  }
  const rows = [...byId.values()];
  // An outbox entry never goes back to pending once sent or failed: an instance whose copy is behind cannot undo
  // another's delivery (src/outbound/pg-delivery-log.ts).
  const guard = c.table === OUTBOX_TABLE ? ` WHERE ${c.table}.state = 'pending' OR EXCLUDED.payload->>'state' <> 'pending'` : '';
  for (let i = 0; i < rows.length; i += CHUNK) {
    out.push({
      text: `INSERT INTO ${c.table} (id, pos, payload) SELECT r.id, r.pos, r.payload FROM jsonb_to_recordset($1::jsonb) AS r(id text, pos double precision, payload jsonb) ON CONFLICT (id) DO UPDATE SET pos = EXCLUDED.pos, payload = EXCLUDED.payload${guard}`,
      values: [rowsJson(rows.slice(i, i + CHUNK))],
    });
  }
  return out;
}

const deleteRows = (c: CollectionTable, ids: string[]): Statement[] => (ids.length === 0 ? [] : [{ text: `DELETE FROM ${c.table} WHERE id = ANY($1::text[])`, values: [ids] }]);

function upsertValues(values: Array<{ path: string; json: string }>): Statement[] {
  if (values.length === 0) return [];
  const json = `[${values.map((v) => `{"path":${JSON.stringify(v.path)},"value":${v.json}}`).join(',')}]`;
  return [{ text: `INSERT INTO stark_values (path, value) SELECT r.path, r.value FROM jsonb_to_recordset($1::jsonb) AS r(path text, value jsonb) ON CONFLICT (path) DO UPDATE SET value = EXCLUDED.value`, values: [json] }];
}

export class PgPersistence implements Persistence {
  readonly location: string;
  readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly shadows = new Map<string, Shadow>();
  /** Row ids and positions as loaded, per array, until opened() pairs them with the validated document's elements. */
  private loaded = new Map<string, { ids: string[]; pos: number[] }>();
  /** Statements of a transaction that failed: run first in the next one. */
  private carry: Statement[] = [];
  /** Made-up row ids: unique per instance and start (a random prefix), then a counter. */
  private readonly idPrefix = randomBytes(6).toString('hex');
  private nextId = 0;
  private startup: pg.PoolClient | null = null;
  private replacing = false;
  /** The document is open (loaded, seeded or migrated): from now on only commits write. */
  private started = false;
  private preMigration: { version: number; json: string } | null = null;
  private commits = 0;
  private lastCommitMs = 0;
  private statements = 0;

  constructor(private readonly options: PgPersistenceOptions) {
    this.location = databaseLocation(options.url);
    this.pool = options.pool ?? createPool(options.url, { applicationName: options.applicationName ?? `stark-store pid ${process.pid}` });
    this.ownsPool = !options.pool;
  }

  private newId(): string {
    return `${this.idPrefix}-${(this.nextId++).toString(36)}`;
  }

  async load(): Promise<LoadedDocument> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw new StoreLoadError(this.location, `the database cannot be reached (${err instanceof Error ? err.message : String(err)})`);
    }
    try {
      await runSqlMigrations(client);
      await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_APP, STARTUP_LOCK]);
      this.startup = client;
    } catch (err) {
      client.release();
      if (err instanceof DatabaseSchemaError) throw new StoreLoadError(this.location, err.message);
      throw new StoreLoadError(this.location, `its schema cannot be brought up to date (${err instanceof Error ? err.message : String(err)})`);
    }
    try {
      const raw = await this.read(client);
      if (raw && raw.schemaVersion !== SCHEMA_VERSION && typeof raw.schemaVersion === 'number') this.preMigration = { version: raw.schemaVersion, json: JSON.stringify(raw) };
      return { raw, trusted: false };
    } catch (err) {
      await this.releaseStartup();
      throw err instanceof StoreLoadError ? err : new StoreLoadError(this.location, `it cannot be read (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  /** The document as the tables hold it (one consistent snapshot), or null when they hold nothing. */
  private async read(client: pg.PoolClient): Promise<Record<string, unknown> | null> {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const values = await client.query<{ path: string; value: unknown }>('SELECT path, value FROM stark_values');
      const doc: Record<string, unknown> = {};
      let any = values.rows.length > 0;
      const byDepth = [...values.rows].sort((a, b) => a.path.split('.').length - b.path.split('.').length);
      for (const { path, value } of byDepth) {
        const parts = path.split('.');
        if (parts.length === 1) doc[parts[0]!] = value;
        else {
          const parent = (isPlainObject(doc[parts[0]!]) ? doc[parts[0]!] : (doc[parts[0]!] = {})) as Record<string, unknown>;
          parent[parts[1]!] = value;
        }
      }
      this.loaded = new Map();
      for (const c of COLLECTION_TABLES) {
        const { rows } = await client.query<{ id: string; pos: number; payload: unknown }>(`SELECT id, pos, payload FROM ${c.table} ORDER BY pos, id`);
        if (rows.length > 0) any = true;
        let parent = doc;
        for (const p of c.parts.slice(0, -1)) parent = (isPlainObject(parent[p]) ? parent[p] : (parent[p] = {})) as Record<string, unknown>;
        const key = c.parts[c.parts.length - 1]!;
        if (c.kind === 'map') {
          const map: Record<string, unknown> = {};
          for (const r of rows) map[r.id] = r.payload;
          parent[key] = map;
        } else {
          parent[key] = rows.map((r) => r.payload);
          this.loaded.set(c.path, { ids: rows.map((r) => r.id), pos: rows.map((r) => Number(r.pos)) });
        }
      }
      await client.query('COMMIT');
      return any ? doc : null;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  private releasing: Promise<void> = Promise.resolve();

  private releaseStartup(): Promise<void> {
    const client = this.startup;
    if (!client) return this.releasing;
    this.startup = null;
    this.releasing = client
      .query('SELECT pg_advisory_unlock($1, $2)', [LOCK_APP, STARTUP_LOCK])
      .then(() => client.release(), (err: unknown) => client.release(err instanceof Error ? err : true));
    return this.releasing;
  }

  opened(doc: StoreDocument): void {
    this.shadows.clear();
    for (const c of COLLECTION_TABLES) {
      if (c.kind !== 'array') continue;
      const arr = getAt(doc, c.parts);
      const elements = Array.isArray(arr) ? arr.slice() : [];
      const loaded = this.loaded.get(c.path);
      if (loaded && loaded.ids.length === elements.length) this.shadows.set(c.path, { elements, ids: loaded.ids, pos: loaded.pos });
      else {
        // Not as loaded (a seeded document, or validation dropped something): made-up ids, written by replaceAll.
        this.shadows.set(c.path, { elements, ids: elements.map((e) => c.naturalId?.(e) ?? this.newId()), pos: elements.map((_, i) => i + 1) });
      }
    }
    this.loaded = new Map();
    // The store calls replaceAll right after this when the document must be rewritten; otherwise start-up is over.
    setImmediate(() => {
      if (this.replacing) return;
      this.started = true;
      void this.releaseStartup();
    });
  }

  async replaceAll(doc: StoreDocument, why: { migratedFrom?: number }): Promise<void> {
    if (this.started) {
      // After start (Store.rewriteWhole, for erasure): the rows already are the durable state — every commit wrote
      // its changes in place, and there is no journal of earlier versions to purge (old row versions are PostgreSQL's
      // dead tuples, reclaimed by autovacuum). Rewriting the tables from this instance's copy would also drop what
      // other instances wrote meanwhile, so nothing is done.
      return;
    }
    this.replacing = true;
    try {
      this.opened(doc);
      const statements: Statement[] = [];
      if (why.migratedFrom !== undefined && this.preMigration) {
        statements.push({ text: 'INSERT INTO stark_document_copies (schema_version, document) VALUES ($1, $2::jsonb)', values: [this.preMigration.version, this.preMigration.json] });
      }
      statements.push({ text: `DELETE FROM stark_values`, values: [] });
      for (const c of COLLECTION_TABLES) statements.push({ text: `DELETE FROM ${c.table}`, values: [] });
      statements.push(...this.wholeDocument(doc));
      await this.transaction(statements);
      this.preMigration = null;
    } finally {
      this.replacing = false;
      this.started = true;
      await this.releaseStartup();
    }
  }

  /** Every row of the document (after its tables were emptied). */
  private wholeDocument(doc: StoreDocument): Statement[] {
    const out: Statement[] = [];
    for (const k of Object.keys(doc)) out.push(...this.insertSubtree(doc as unknown as Record<string, unknown>, k));
    return out;
  }

  /** Rows for the top-level key `k` as the document holds it now (nothing of it is in the tables). */
  private insertSubtree(doc: Record<string, unknown>, k: string): Statement[] {
    const v = doc[k];
    if (v === undefined) return [];
    const own = tableOf(k);
    if (own) return this.insertCollection(own, v);
    if (!isPlainObject(v)) return upsertValues([{ path: k, json: jsonFor(v) }]);
    const values = [{ path: k, json: '{}' }];
    const out: Statement[] = [];
    for (const [p, pv] of Object.entries(v)) {
      if (pv === undefined) continue;
      const c = tableOf(`${k}.${p}`);
      if (c) out.push(...this.insertCollection(c, pv));
      else values.push({ path: `${k}.${p}`, json: jsonFor(pv) });
    }
    return [...upsertValues(values), ...out];
  }

  /** All rows of a collection as the document holds it (its table emptied first by the caller); resets its shadow. */
  private insertCollection(c: CollectionTable, value: unknown): Statement[] {
    if (c.kind === 'map') {
      const map = isPlainObject(value) ? value : {};
      return upsertRows(c, Object.entries(map).filter(([, v]) => v !== undefined).map(([id, v]) => ({ id, pos: 0, json: jsonFor(v) })));
    }
    const elements = Array.isArray(value) ? value.slice() : [];
    const shadow = this.shadows.get(c.path);
    // Keep the ids an element already has (so a rewrite is a rewrite of the same rows), make up the others.
    const known = new Map<unknown, string>();
    if (shadow) shadow.elements.forEach((e, i) => known.set(e, shadow.ids[i]!));
    const ids = elements.map((e) => c.naturalId?.(e) ?? known.get(e) ?? this.newId());
    const pos = elements.map((_, i) => i + 1);
    this.shadows.set(c.path, { elements, ids, pos });
    return upsertRows(c, elements.map((e, i) => ({ id: ids[i]!, pos: pos[i]!, json: jsonFor(e) })));
  }

  prepare(batch: CommitBatch): PreparedCommit {
    const doc = batch.doc as unknown as Record<string, unknown>;
    const statements = this.statementsFor(doc, batch.changes);
    const all = [...this.carry, ...statements];
    this.carry = [];
    if (all.length === 0) return { write: () => Promise.resolve() };
    const write = this.transaction(all).catch((err: unknown) => {
      this.carry = [...all, ...this.carry];
      throw err;
    });
    // Settled either way before the store's next prepare; an unhandled rejection is the caller's (it awaits write()).
    write.catch(() => undefined);
    return { write: () => write };
  }

  private statementsFor(doc: Record<string, unknown>, changes: CommitChanges): Statement[] {
    const out: Statement[] = [];
    const whole = [...changes.values].sort((a, b) => a.split('.').length - b.split('.').length);
    const rewritten = new Set<string>();
    for (const path of whole) {
      const parts = path.split('.');
      const c = tableOf(path);
      if (c) {
        out.push({ text: `DELETE FROM ${c.table}`, values: [] });
        out.push(...this.insertCollection(c, getAt(doc, parts)));
        rewritten.add(path);
        continue;
      }
      if (parts.length === 1) {
        const k = parts[0]!;
        out.push({ text: `DELETE FROM stark_values WHERE path = $1 OR left(path, length($1) + 1) = $1 || '.'`, values: [k] });
        for (const under of COLLECTION_TABLES.filter((t) => t.parts[0] === k)) {
          out.push({ text: `DELETE FROM ${under.table}`, values: [] });
          rewritten.add(under.path);
          if (getAt(doc, under.parts) === undefined) this.shadows.set(under.path, { elements: [], ids: [], pos: [] });
        }
        out.push(...this.insertSubtree(doc, k));
        continue;
      }
      if (rewritten.has(parts[0]!) || whole.includes(parts[0]!)) continue;
      const v = getAt(doc, parts);
      if (v === undefined) out.push({ text: 'DELETE FROM stark_values WHERE path = $1', values: [path] });
      else out.push(...upsertValues([{ path, json: jsonFor(v) }]));
    }
    for (const [path, change] of changes.collections) {
      if (rewritten.has(path) || whole.some((w) => path.startsWith(`${w}.`))) continue;
      const c = tableOf(path);
      if (!c) {
        // A collection without a table of its own (added after the last migration): written whole as a value.
        const v = getAt(doc, path.split('.'));
        out.push(...(v === undefined ? [{ text: 'DELETE FROM stark_values WHERE path = $1', values: [path] }] : upsertValues([{ path, json: jsonFor(v) }])));
        continue;
      }
      out.push(...this.collectionStatements(c, change, getAt(doc, c.parts)));
    }
    return out;
  }

  private collectionStatements(c: CollectionTable, change: CollectionChange, current: unknown): Statement[] {
    if (c.kind === 'map') {
      const map = isPlainObject(current) ? current : {};
      const gone: string[] = [];
      const rows: Rows = [];
      for (const key of change.keys) {
        const v = map[key];
        if (v === undefined) gone.push(key);
        else rows.push({ id: key, pos: 0, json: jsonFor(v) });
      }
      return [...deleteRows(c, gone), ...upsertRows(c, rows)];
    }
    if (!Array.isArray(current)) return [{ text: `DELETE FROM ${c.table}`, values: [] }, ...this.insertCollection(c, [])];
    // No JSON could hold it (V8's strings end at 2^29 characters): refused before walking it.
    if (current.length > MAX_ARRAY_LENGTH) throw new RangeError(`${c.path} has ${current.length} elements`);
    const old = this.shadows.get(c.path) ?? { elements: [], ids: [], pos: [] };
    let shadow = old;
    const deletes: string[] = [];
    const upserts = new Map<number, true>();
    if (change.membership) {
      const diff = this.diff(c, old, current);
      shadow = diff.shadow;
      deletes.push(...diff.deletes);
      for (const i of diff.fresh) upserts.set(i, true);
    }
    for (const record of change.records) {
      const at = current.indexOf(record);
      if (at >= 0) upserts.set(at, true);
    }
    this.shadows.set(c.path, shadow);
    const rows: Rows = [...upserts.keys()].sort((a, b) => a - b).map((i) => ({ id: shadow.ids[i]!, pos: shadow.pos[i]!, json: jsonFor(current[i]) }));
    // Deletes first: an element removed and added again in one commit (same natural id) ends up present.
    return [...deleteRows(c, deletes), ...upsertRows(c, rows)];
  }

  /**
   * Old shadow → the array now: which rows go (ids), which elements are new or moved (indexes into `current`, to be
   * upserted with their new position), and the new shadow. Elements are matched by identity, in order: a common
   * front and back first (the usual append), a front removal (a bounded list dropping its oldest), then the middle.
   */
  private diff(c: CollectionTable, old: Shadow, current: unknown[]): { deletes: string[]; fresh: number[]; shadow: Shadow } {
    const o = old.elements;
    let from = 0;
    if (o.length > 0 && current.length > 0 && o[0] !== current[0]) {
      const dropped = o.indexOf(current[0], 1);
      if (dropped > 0 && dropped <= FRONT_DROP_LIMIT) from = dropped;
    }
    let head = 0;
    while (from + head < o.length && head < current.length && o[from + head] === current[head]) head++;
    let tail = 0;
    while (tail < o.length - from - head && tail < current.length - head && o[o.length - 1 - tail] === current[current.length - 1 - tail]) tail++;

    const ids: string[] = new Array<string>(current.length);
    const pos: number[] = new Array<number>(current.length);
    const kept: boolean[] = new Array<boolean>(current.length).fill(false);
    for (let i = 0; i < head; i++) {
      ids[i] = old.ids[from + i]!;
      pos[i] = old.pos[from + i]!;
      kept[i] = true;
    }
    for (let t = 0; t < tail; t++) {
      const i = current.length - 1 - t;
      const j = o.length - 1 - t;
      ids[i] = old.ids[j]!;
      pos[i] = old.pos[j]!;
      kept[i] = true;
    }
    const deletes: string[] = old.ids.slice(0, from);
    // The middle: match in order by identity.
    const midOld = new Map<unknown, number[]>();
    for (let j = from + head; j < o.length - tail; j++) {
      const list = midOld.get(o[j]);
      if (list) list.push(j);
      else midOld.set(o[j], [j]);
    }
    const used = new Set<number>();
    let last = from + head - 1;
    for (let i = head; i < current.length - tail; i++) {
      const list = midOld.get(current[i]);
      const j = list?.find((x) => x > last && !used.has(x));
      if (j === undefined) continue;
      used.add(j);
      last = j;
      ids[i] = old.ids[j]!;
      pos[i] = old.pos[j]!;
      kept[i] = true;
    }
    for (let j = from + head; j < o.length - tail; j++) if (!used.has(j)) deletes.push(old.ids[j]!);

    // New elements: ids (natural or made up) and positions between their kept neighbours.
    const fresh: number[] = [];
    let renumber = false;
    let i = 0;
    while (i < current.length) {
      if (kept[i]) {
        i++;
        continue;
      }
      let end = i;
      while (end < current.length && !kept[end]) end++;
      const left = i > 0 ? pos[i - 1]! : undefined;
      const right = end < current.length ? pos[end]! : undefined;
      const n = end - i;
      for (let k = 0; k < n; k++) {
        const el = current[i + k];
        ids[i + k] = c.naturalId?.(el) ?? this.newId();
        let p: number;
        if (left === undefined && right === undefined) p = k + 1;
        else if (right === undefined) p = left! + k + 1;
        else if (left === undefined) p = right - (n - k);
        else p = left + ((right - left) * (k + 1)) / (n + 1);
        pos[i + k] = p;
        fresh.push(i + k);
      }
      i = end;
    }
    for (let k = 1; k < pos.length && !renumber; k++) if (!(pos[k]! > pos[k - 1]!)) renumber = true;
    if (renumber) {
      // No room left between two positions (many inserts at one place): every row gets its index as position.
      for (let k = 0; k < pos.length; k++) pos[k] = k + 1;
      return { deletes, fresh: current.map((_, k) => k), shadow: { elements: current.slice(), ids, pos } };
    }
    return { deletes, fresh, shadow: { elements: current.slice(), ids, pos } };
  }

  private async transaction(statements: readonly Statement[]): Promise<void> {
    const started = performance.now();
    const client = await this.pool.connect();
    let ok = false;
    try {
      await client.query('BEGIN');
      for (const s of statements) await client.query(s.text, s.values);
      await client.query('COMMIT');
      ok = true;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release(!ok);
    }
    this.commits++;
    this.statements += statements.length;
    this.lastCommitMs = performance.now() - started;
  }

  async close(): Promise<void> {
    if (this.carry.length > 0) {
      const carried = this.carry;
      this.carry = [];
      await this.transaction(carried).catch((err: unknown) => this.options.onEvent?.('store.commitFailed', { error: err instanceof Error ? err.message : String(err) }));
    }
    await this.releaseStartup();
    if (this.ownsPool) await this.pool.end();
  }

  status(): Record<string, number | string | null> {
    return { backend: 'postgres', commits: this.commits, statements: this.statements, lastCommitMs: Math.round(this.lastCommitMs * 10) / 10, carried: this.carry.length };
  }
}
