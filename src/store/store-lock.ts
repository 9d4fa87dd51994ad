import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { StoreLoadError } from './store-errors.js';

/**
 * One writer per store: the running bot holds `<dataDir>/stark.lock` (its pid, host and since when) for as long as
 * it runs, and `npm run admin` commands that write (person erase) take the same lock, so they refuse while the bot
 * runs instead of becoming a second writer whose changes the bot would overwrite. A lock left by a process that is
 * gone (a crash, a kill) is taken over; one from another host cannot be checked and is treated as held.
 */
export const LOCK_FILE_NAME = 'stark.lock';

const lockSchema = z.object({ pid: z.number().int().positive(), host: z.string().max(255), purpose: z.string().max(40), since: z.string().max(40) }).strip();
export type LockHolder = z.infer<typeof lockSchema>;

export class StoreLockedError extends Error {
  constructor(readonly file: string, readonly holder: LockHolder | null, database = false) {
    super(
      database
        ? `the store ${file} is in use${holder ? ` by ${holder.purpose} (pid ${holder.pid} on ${holder.host}, connected since ${holder.since})` : ''}; stop it first (a database lock goes with its connection)`
        : holder
          ? `the store is in use by ${holder.purpose} (pid ${holder.pid} on ${holder.host}, since ${holder.since}); stop it first, or remove ${file} if that process is gone`
          : `the store is locked (${file} cannot be read); remove it if no bot is running`,
    );
    this.name = 'StoreLockedError';
  }
}

/** Lock files this process holds (a pid alone cannot tell this process's lock from a stale one left by an earlier one). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null | 'gone' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : null;
  }
  try {
    const parsed = lockSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether a process that is still there holds the lock (null: nobody, or a stale lock). */
export function lockHolder(dataDir: string): LockHolder | null {
  const file = join(dataDir, LOCK_FILE_NAME);
  const holder = readHolder(file);
  if (holder === 'gone') return null;
  if (holder === null) throw new StoreLockedError(file, null);
  if (holder.host !== hostname()) return holder;
  if (holder.pid === process.pid) return held.has(file) ? holder : null;
  return alive(holder.pid) ? holder : null;
}

export interface StoreLock {
  readonly file: string;
  release(): void;
}

/** Takes the store's lock or throws StoreLockedError naming who holds it. */
export function acquireStoreLock(dataDir: string, purpose: string, now: Date = new Date()): StoreLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = lockHolder(dataDir);
      if (holder) throw new StoreLockedError(file, holder);
      // Stale: its process is gone. Remove it and try again (another starter may win the race: then it holds it).
      try {
        unlinkSync(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), purpose, since: now.toISOString() }));
    } finally {
      closeSync(fd);
    }
    held.add(file);
    return {
      file,
      release() {
        if (!held.delete(file)) return;
        const holder = readHolder(file);
        if (holder !== 'gone' && holder !== null && holder.pid === process.pid) {
          try {
            unlinkSync(file);
          } catch {
            // Already gone.
          }
        }
      },
    };
  }
  throw new StoreLockedError(file, null);
}

/**
 * The same rule on PostgreSQL (STARK_DATABASE_URL), where several bots share one store: every running bot holds the
 * database's instance lock *shared* (pg_advisory_lock_shared) on a connection of its own for as long as it runs; an
 * admin command that writes takes it *exclusively*, so it refuses while any bot runs, and a bot refuses to start while
 * such a command runs. The lock goes with its connection: a bot that is killed releases it at once, nothing is left
 * to clean up. Holders are named from pg_stat_activity (application_name carries purpose, pid and host).
 */
export async function acquireDatabaseLock(url: string, purpose: string, mode: 'shared' | 'exclusive'): Promise<StoreLock> {
  const { default: pg } = await import('pg');
  const { LOCK_APP, INSTANCE_LOCK } = await import('./postgres/migrations.js');
  const { databaseLocation } = await import('./postgres/connection.js');
  const where = databaseLocation(url);
  const tag = `stark-lock|${purpose.slice(0, 24)}|${process.pid}|${hostname().slice(0, 20)}`;
  const client = new pg.Client({ connectionString: url, application_name: tag.slice(0, 63), connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    throw new StoreLoadError(where, `the database cannot be reached (${err instanceof Error ? err.message : String(err)})`);
  }
  let got: boolean;
  try {
    const fn = mode === 'shared' ? 'pg_try_advisory_lock_shared' : 'pg_try_advisory_lock';
    got = (await client.query<{ got: boolean }>(`SELECT ${fn}($1, $2) AS got`, [LOCK_APP, INSTANCE_LOCK])).rows[0]?.got === true;
    if (!got) {
      // Who holds it in the way: an exclusive holder stops a bot; any holder stops an exclusive taker.
      const { rows } = await client.query<{ application_name: string; backend_start: Date }>(
        `SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objid = $2 AND l.granted AND l.pid <> pg_backend_pid() ${mode === 'shared' ? "AND l.mode = 'ExclusiveLock'" : ''}
          ORDER BY a.backend_start LIMIT 1`,
        [LOCK_APP, INSTANCE_LOCK],
      );
      const row = rows[0];
      const [, who, pid, host] = row?.application_name.split('|') ?? [];
      const holder: LockHolder | null = row ? { purpose: who ?? row.application_name, pid: Number(pid) || 1, host: host ?? 'unknown', since: row.backend_start.toISOString() } : null;
      await client.end().catch(() => undefined);
      throw new StoreLockedError(where, holder, true);
    }
  } catch (err) {
    if (!(err instanceof StoreLockedError)) await client.end().catch(() => undefined);
    throw err;
  }
  let released = false;
  return {
    file: where,
    release() {
      if (released) return;
      released = true;
      void client.end().catch(() => undefined);
    },
  };
}

/** The store's lock for the configured backend: the lock file in `dataDir`, or the database's instance lock. */
export async function acquireConfiguredStoreLock(
  target: { dataDir: string; databaseUrl?: string },
  purpose: string,
  role: 'bot' | 'writer',
  now: Date = new Date(),
): Promise<StoreLock> {
  if (target.databaseUrl) return acquireDatabaseLock(target.databaseUrl, purpose, role === 'bot' ? 'shared' : 'exclusive');
  return acquireStoreLock(target.dataDir, purpose, now);
}
