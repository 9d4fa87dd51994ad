import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { LOCAL_TEST_DATABASE_URL } from './postgres-server.js';

/** The run's PostgreSQL server (postgres-global-setup.ts sets it; the local server when a file runs on its own). */
export const testServerUrl = (): string => process.env.STARK_TEST_DATABASE_URL ?? LOCAL_TEST_DATABASE_URL;

export interface TestSchema {
  /** The server URL with `search_path` set to this schema: everything the store creates lands in it. */
  url: string;
  schema: string;
  drop(): Promise<void>;
}

/** A schema of its own for one test (or file), so parallel test files never share tables. */
export async function freshSchema(prefix = 't'): Promise<TestSchema> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const base = testServerUrl();
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  // Commits need not wait for the disk in tests (nothing here survives a power cut): the suite stays fast.
  u.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=off`);
  return {
    url: u.toString(),
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
