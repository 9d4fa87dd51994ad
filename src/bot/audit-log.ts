import { change, type AuditAction, type AuditChange, type AuditEntry, type AuditSubject } from '../domain/audit.js';
import type { StoreDocument } from '../store/schema.js';
import { appendAudit } from '../store/sections/audit.js';
import type { LogFields } from '../observability/logger.js';
import type { Services, Turn } from './feature.js';

/**
 * Leadership actions go into the audit record in the same store write as the change itself, and into the structured
 * log once that write is on disk: by person id, action and the names of the fields that changed — never their values
 * or anything a person typed (the record in the store has the values; the log goes to places the store does not).
 */
export interface Recorded {
  entry: AuditEntry;
  log: LogFields;
}

export function recordAudit(
  doc: StoreDocument,
  event: { at: Date; actorId: string; action: AuditAction; subject: AuditSubject; changes: readonly AuditChange[] },
): Recorded {
  const entry = appendAudit(doc.audit, {
    at: event.at.toISOString(),
    actorId: event.actorId,
    action: event.action,
    subject: event.subject,
    changes: event.changes.map((c) => change(c.field.slice(0, 64), c.from, c.to)),
  });
  return { entry, log: auditLogFields(entry) };
}

const auditLogFields = (entry: AuditEntry): LogFields => ({
  seq: entry.seq,
  actorId: entry.actorId,
  action: entry.action,
  subject: `${entry.subject.kind}:${entry.subject.id}`,
  fields: entry.changes.map((c) => c.field),
});

/** After a use case's commit is durable: the audit entry it made, into the structured log. */
export function logAuditEntry(services: Pick<Services, 'log'>, entry: AuditEntry | undefined): void {
  if (entry) services.log.info('audit', auditLogFields(entry));
}

/** Inside a handler's store mutation: the turn's person did `action` to `subject`. */
export const auditTurn = (turn: Turn, doc: StoreDocument, action: AuditAction, subject: AuditSubject, changes: readonly AuditChange[]): Recorded =>
  recordAudit(doc, { at: turn.now, actorId: turn.person.aadObjectId, action, subject, changes });

/** After the write is durable. */
export function logAudit(services: Pick<Services, 'log'>, recorded: Recorded | undefined | null): void {
  if (recorded) services.log.info('audit', recorded.log);
}
