import { z } from 'zod';
import type { Meeting } from './meetings/meeting.js';
import type { NeedState } from './needs/need.js';

/**
 * The audit record: who did what to which thing, when, and what changed. One entry per leadership action (booking,
 * changing or cancelling a meeting, changing who is invited, reviewing or merging a need, opening a needs round,
 * exporting the needs, a roster change). Entries are only ever appended; each carries its place in
 * the record (`seq`), so a gap or a reordering is visible.
 *
 * Values are kept short (AUDIT_VALUE_MAX): the record says what changed, it is not a second copy of the data.
 */
export const auditActions = [
  'meeting.scheduled',
  'meeting.changed',
  'meeting.cancelled',
  'meeting.inviteeAdded',
  'meeting.inviteeRemoved',
  'need.reviewed',
  'need.merged',
  'needs.roundOpened',
  'export.downloaded',
  'roster.changed',
  /** A person's personal data was erased (#14): the entry names the pseudonym and counts, never what was erased. */
  'person.erased',
  'records.agendaChanged',
  'records.noticeSent',
  'records.changesAnnounced',
  'records.attendanceRecorded',
  'records.decisionRecorded',
  'records.perCapsulamOpened',
  'records.perCapsulamClosed',
  'records.actionCreated',
  'records.actionUpdated',
  'records.minutesDrafted',
  'records.minutesEdited',
  'records.signatoriesNamed',
  'records.minutesApproved',
  'records.minutesChangeRequested',
  'records.minutesJusterat',
  'poll.created',
  'poll.finalised',
  'poll.cancelled',
] as const;
export const auditActionSchema = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const AUDIT_VALUE_MAX = 300;
/** The actor of changes made from the command line (`npm run admin`), not through Teams. */
export const ADMIN_ACTOR = 'admin';

export const auditChangeSchema = z
  .object({ field: z.string().min(1).max(64), from: z.string().max(AUDIT_VALUE_MAX).optional(), to: z.string().max(AUDIT_VALUE_MAX).optional() })
  .strict();
export type AuditChange = z.infer<typeof auditChangeSchema>;

export const auditSubjectSchema = z
  .object({ kind: z.enum(['meeting', 'need', 'needsRound', 'export', 'roster', 'decision', 'action', 'perCapsulam', 'poll']), id: z.string().min(1).max(100) })
  .strict();
export type AuditSubject = z.infer<typeof auditSubjectSchema>;

export const auditEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    at: z.string().datetime(),
    /** The person's AAD object id, or ADMIN_ACTOR. */
    actorId: z.string().min(1).max(64),
    action: auditActionSchema,
    subject: auditSubjectSchema,
    changes: z.array(auditChangeSchema).max(50),
  })
  .strict();
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** An entry before the record gives it its place. */
export type AuditEvent = Omit<AuditEntry, 'seq'>;

const short = (value: string | number | undefined | null): string | undefined => {
  if (value === undefined || value === null) return undefined;
  const s = String(value);
  const chars = Array.from(s);
  return chars.length > AUDIT_VALUE_MAX ? `${chars.slice(0, AUDIT_VALUE_MAX - 1).join('')}…` : s;
};

/** A change with its values cut to size; an absent value is left out (not "undefined"). */
export function change(field: string, from?: string | number | null, to?: string | number | null): AuditChange {
  const f = short(from);
  const t = short(to);
  return { field, ...(f !== undefined ? { from: f } : {}), ...(t !== undefined ? { to: t } : {}) };
}

const MEETING_FIELDS = ['type', 'title', 'start', 'end', 'place', 'onlineUrl', 'agenda', 'rsvpBy', 'status'] as const;

/** The fields of a meeting that differ between two versions of it, with both values. */
export function meetingChanges(before: Meeting | null, after: Meeting): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const field of MEETING_FIELDS) {
    const from = before ? before[field] : undefined;
    if (from !== after[field]) changes.push(change(field, from, after[field]));
  }
  return changes;
}

/** A need's state as one short value: the status, and the plan year/area, motivation or merge target. */
export function needStateValue(state: NeedState): string {
  switch (state.status) {
    case 'ingar-i-programplan':
      return `${state.status} (${state.plan.area} ${state.plan.year})`;
    case 'sammanslagen':
      return `${state.status} (#${state.mergedInto})`;
    default:
      return state.status;
  }
}

/** The newest entries first, at most `limit`, optionally only those by one actor or about one kind of thing. */
export function latestEntries(entries: readonly AuditEntry[], { limit, actorId, kind }: { limit: number; actorId?: string; kind?: AuditSubject['kind'] }): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) {
    const e = entries[i]!;
    if (actorId !== undefined && e.actorId !== actorId) continue;
    if (kind !== undefined && e.subject.kind !== kind) continue;
    out.push(e);
  }
  return out;
}
