import type { Repositories } from './repositories.js';

/** A commit that was already made for this activity id (a redelivered activity or a repeated card press). */
export type WriteResult<T> = { duplicate: true } | { duplicate: false; result: T };

/**
 * How a use case reads and commits, whatever the backend (the embedded file store now, PostgreSQL beside it).
 * `write` runs `fn` against the repositories and commits everything it changed together, once per activity id; a
 * throw inside `fn` changes nothing. `fn` is synchronous: decide from what is read, then change.
 */
export interface UnitOfWork {
  read<T>(fn: (repos: Repositories) => T): T;
  write<T>(activityId: string | undefined, fn: (repos: Repositories) => T): Promise<WriteResult<T>>;
  /** Whether a write for this activity id was already committed (a redelivered activity or a repeated card press). */
  seen(activityId: string | undefined): boolean;
}
