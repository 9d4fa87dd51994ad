import { meetingChanges, type AuditEntry } from '../../domain/audit.js';
import { cancelMeeting as cancelMeetingRecord, changeMeeting as changeMeetingRecord, type ChangeRefusal } from '../../domain/meetings/change.js';
import type { Meeting } from '../../domain/meetings/meeting.js';
import { validateScheduleForm, type ScheduleFormInput, type ScheduleFormResult } from '../../domain/meetings/schedule-form.js';
import { can } from '../../domain/permissions.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';

export interface ChangeMeetingCommand {
  activityId: string | undefined;
  meetingId: string;
  /** Names the change in message keys (the click's activity id, unique per click in Teams). */
  eventId: string;
  input: ScheduleFormInput;
}

export type ChangeMeetingValue =
  | { kind: 'form'; result: Exclude<ScheduleFormResult, { ok: true }>; meeting: Meeting }
  | { kind: 'unchanged' }
  /** The same activity again: nothing changed. */
  | { kind: 'again' }
  /** Moved or changed: the invitees told and every earlier card brought up to date, in the same commit as the change. */
  | { kind: 'changed'; meeting: Meeting; outcome: 'rescheduled' | 'updated'; audit: AuditEntry };

export type ChangeMeetingRefusal = 'notAllowed' | 'notFound' | ChangeRefusal;

/** Leadership changes a booked meeting through the scheduling form. */
export async function changeMeeting(deps: { uow: UnitOfWork }, actor: Actor, command: ChangeMeetingCommand, now: Date): Promise<Outcome<ChangeMeetingValue, ChangeMeetingRefusal>> {
  if (!can(actor.person, 'meetings.schedule')) return refused('notAllowed');
  const { meetingId, eventId } = command;
  const existing = deps.uow.read((repos) => repos.meetings.get(meetingId));
  if (!existing) return refused('notFound');
  const form = validateScheduleForm({ input: command.input, now });
  if (!form.ok) return done({ kind: 'form', result: form, meeting: existing });
  const saved = await deps.uow.write(command.activityId, (repos) => {
    const current = repos.meetings.get(meetingId);
    if (!current) return { ok: false as const, reason: 'notFound' as const };
    const r = changeMeetingRecord({ meeting: current, draft: form.draft, now });
    if (!r.ok || r.outcome === 'unchanged') return r;
    repos.meetings.queueCardUpdates({ meeting: r.meeting, now });
    repos.meetings.put(r.meeting);
    repos.meetings.queueNotices({ meeting: r.meeting, notify: r.notify, eventId, now });
    const audit = repos.audit.append({ at: now, actorId: actor.person.aadObjectId, action: 'meeting.changed', subject: { kind: 'meeting', id: meetingId }, changes: meetingChanges(current, r.meeting) });
    return { ok: true as const, outcome: r.outcome, meeting: r.meeting, audit };
  });
  if (saved.duplicate) return done({ kind: 'again' });
  const r = saved.result;
  if (!r.ok) return refused(r.reason);
  if (!('audit' in r)) return done({ kind: 'unchanged' });
  return done({ kind: 'changed', meeting: r.meeting, outcome: r.outcome, audit: r.audit });
}

export interface CancelMeetingCommand {
  activityId: string | undefined;
  meetingId: string;
  eventId: string;
}

/** Leadership cancels a meeting: everyone invited is told and every card of it updated, in the commit that cancels. */
export async function cancelMeeting(
  deps: { uow: UnitOfWork },
  actor: Actor,
  command: CancelMeetingCommand,
  now: Date,
): Promise<Outcome<{ kind: 'cancelled'; meeting: Meeting; audit: AuditEntry } | { kind: 'again' }, 'notAllowed' | 'notFound' | 'alreadyCancelled' | 'meetingOver'>> {
  if (!can(actor.person, 'meetings.schedule')) return refused('notAllowed');
  const { meetingId, eventId } = command;
  if (!deps.uow.read((repos) => repos.meetings.get(meetingId))) return refused('notFound');
  const saved = await deps.uow.write(command.activityId, (repos) => {
    const current = repos.meetings.get(meetingId);
    if (!current) return { ok: false as const, reason: 'notFound' as const };
    const r = cancelMeetingRecord({ meeting: current, now });
    if (!r.ok) return r;
    repos.meetings.queueCardUpdates({ meeting: r.meeting, now });
    repos.meetings.put(r.meeting);
    repos.meetings.queueNotices({ meeting: r.meeting, notify: r.notify, eventId, now });
    const audit = repos.audit.append({ at: now, actorId: actor.person.aadObjectId, action: 'meeting.cancelled', subject: { kind: 'meeting', id: meetingId }, changes: meetingChanges(current, r.meeting) });
    return { ok: true as const, meeting: r.meeting, audit };
  });
  if (saved.duplicate) return done({ kind: 'again' });
  const r = saved.result;
  if (!r.ok) return refused(r.reason);
  return done({ kind: 'cancelled', meeting: r.meeting, audit: r.audit });
}
