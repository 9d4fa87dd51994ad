import { change, meetingChanges, type AuditEntry } from '../../domain/audit.js';
import { createMeeting, type Meeting } from '../../domain/meetings/meeting.js';
import { validateScheduleForm, type ScheduleFormInput, type ScheduleFormResult } from '../../domain/meetings/schedule-form.js';
import { can } from '../../domain/permissions.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';

export interface ScheduleMeetingCommand {
  activityId: string | undefined;
  /** The new meeting's id: the form's draft id, so the same form sent twice books one meeting. */
  id: string;
  input: ScheduleFormInput;
}

export type ScheduleMeetingValue =
  /** The form goes back: errors to correct, or weekend/holiday warnings to confirm. */
  | { kind: 'form'; result: Exclude<ScheduleFormResult, { ok: true }> }
  /** This form booked its meeting before (a double click, a second device). */
  | { kind: 'exists'; meeting: Meeting }
  /** Booked, with the invitations queued in the same commit; `audit` unset when the commit was already made. */
  | { kind: 'scheduled'; meeting: Meeting; audit?: AuditEntry };

/**
 * Programme leadership books a meeting: the form checked, the invitees taken from the roster, the meeting stored with
 * every invitation queued and the audit entry, in one commit.
 */
export async function scheduleMeeting(deps: { uow: UnitOfWork }, actor: Actor, command: ScheduleMeetingCommand, now: Date): Promise<Outcome<ScheduleMeetingValue, 'notAllowed'>> {
  if (!can(actor.person, 'meetings.schedule')) return refused('notAllowed');
  const result = validateScheduleForm({ input: command.input, now });
  if (!result.ok) return done({ kind: 'form', result });
  const { id } = command;
  const already = deps.uow.read((repos) => repos.meetings.get(id));
  if (already) return done({ kind: 'exists', meeting: already });
  const { meeting, notify } = createMeeting({ id, draft: result.draft, organiserId: actor.person.aadObjectId, people: deps.uow.read((repos) => repos.people.all()), now });
  const booked = await deps.uow.write(command.activityId, (repos) => {
    if (repos.meetings.get(id)) return undefined;
    repos.meetings.put(meeting);
    repos.meetings.queueNotices({ meeting, notify, eventId: 'created', now });
    return repos.audit.append({ at: now, actorId: actor.person.aadObjectId, action: 'meeting.scheduled', subject: { kind: 'meeting', id }, changes: [...meetingChanges(null, meeting), change('invitees', undefined, meeting.invitees.length)] });
  });
  const audit = booked.duplicate ? undefined : booked.result;
  return done({ kind: 'scheduled', meeting, ...(audit ? { audit } : {}) });
}
