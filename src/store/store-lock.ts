import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

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
  constructor(readonly file: string, readonly holder: LockHolder | null) {
    super(
      holder
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
