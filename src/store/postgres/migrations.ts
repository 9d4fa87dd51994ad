import type { PoolClient } from 'pg';
import { ALL_TABLES } from './tables.js';

/**
 * The PostgreSQL schema as plain, versioned SQL: migration N runs once, in its own transaction, in order, and is
 * recorded in `stark_schema_migrations`. They run at start under an advisory lock (MIGRATION_LOCK), so instances
 * starting together apply each one exactly once; an instance that finds a version newer than it knows refuses to
 * start (a newer release migrated the database). Never edit a released migration: add the next one.
 *
 * This is the database's schema, not the document's: the document's schema version and its migrations
 * (src/store/migrations.ts) apply to the document loaded from these tables as they do to the file store's.
 */
export interface SqlMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const recordTable = (table: string): string => `
CREATE TABLE ${table} (
  id text PRIMARY KEY,
  pos double precision NOT NULL,
  payload jsonb NOT NULL
);
CREATE INDEX ${table}_pos ON ${table} (pos, id);`;

export const SQL_MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    name: 'tables per record kind',
    sql: [
      // A value may be JSON null (backups.lastSnapshotDate): SQL NULL here, read back as null.
      `CREATE TABLE stark_values (path text PRIMARY KEY, value jsonb);`,
      // The document as it was before a document-schema migration rewrote the tables (never the only copy).
      `CREATE TABLE stark_document_copies (id bigserial PRIMARY KEY, schema_version integer NOT NULL, taken_at timestamptz NOT NULL DEFAULT now(), document jsonb NOT NULL);`,
      ...ALL_TABLES.filter((t) => t !== 'stark_values').map(recordTable),
      // The delivery log's state as a column: the instances look for pending entries without reading every payload.
      `ALTER TABLE outbox_entries ADD COLUMN state text GENERATED ALWAYS AS (payload->>'state') STORED;`,
      `CREATE INDEX outbox_entries_pending ON outbox_entries (pos, id) WHERE state = 'pending';`,
    ].join('\n'),
  },
];

/** Advisory lock keys (two-int form): the application's number and what is locked. */
export const LOCK_APP = 0x53544b; // "STK"
export const MIGRATION_LOCK = 1;
/** Held shared by every running bot for its lifetime; an admin command that writes takes it exclusively. */
export const INSTANCE_LOCK = 2;
/** Held from load until the document is open (seeded or migrated): instances starting together seed once. */
export const STARTUP_LOCK = 3;

export class DatabaseSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseSchemaError';
  }
}

/** Applies the migrations the database lacks, under the migration lock. Returns the versions applied now. */
export async function runSqlMigrations(client: PoolClient, migrations: readonly SqlMigration[] = SQL_MIGRATIONS): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_APP, MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS stark_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM stark_schema_migrations ORDER BY version');
    const have = new Set(rows.map((r) => r.version));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...have].filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new DatabaseSchemaError(`the database has schema migration ${Math.max(...unknown)}, newer than this bot knows (${Math.max(...known)}): start a newer release of the bot`);
    }
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (have.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO stark_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_APP, MIGRATION_LOCK]).catch(() => undefined);
  }
}
