import type { AuditAction, AuditChange, AuditSubject } from '../domain/audit.js';
import type { Organisation } from '../domain/organisations.js';
import type { Person } from '../domain/people.js';

/**
 * The application layer (src/app): one module per use case, each a function of (deps, actor, validated command)
 * that checks permissions with `can()` once, uses the domain, commits once through a UnitOfWork, and returns a
 * typed outcome plus the notices to send. No botbuilder, no cards, no catalogue, no store document shape: every
 * channel (Teams, the admin command line, a future web page) calls the same functions.
 */

/** Who acts. `onBehalfOf` is set when a delegate acts for someone else (shown as "för <namn>" and audited). */
export interface Actor {
  person: Person;
  organisation: Organisation;
  onBehalfOf?: Person;
}

/** The actor of changes made without Teams (`npm run admin`). */
export const ADMIN_ACTOR_ID = 'admin';

/**
 * A message the use case decided to send to one person, as data: the channel renders it (card, language) and
 * queues it. `key` makes the send idempotent (the same key is delivered once); `replaces` updates an earlier message.
 */
export interface Notice {
  key: string;
  personId: string;
  kind: string;
  data: unknown;
  replaces?: string;
}

/** An expected outcome: done (with the notices to send) or refused for a reason the channel turns into text. */
export type Outcome<V, R extends string = never> = { ok: true; value: V; notices: Notice[] } | { ok: false; reason: R };

export const done = <V>(value: V, notices: Notice[] = []): { ok: true; value: V; notices: Notice[] } => ({ ok: true, value, notices });
export const refused = <R extends string>(reason: R): { ok: false; reason: R } => ({ ok: false, reason });

/** What a use case records in the audit record, in the same commit as the change. */
export interface AuditNote {
  at: Date;
  actorId: string;
  action: AuditAction;
  subject: AuditSubject;
  changes: readonly AuditChange[];
}

/** The time source of every use case (tests pass a fixed clock). */
export interface Clock {
  now(): Date;
}
