import { change, type AuditEntry } from '../../domain/audit.js';
import { addInvitees, removeInvitee, type InviteeChangeRefusal } from '../../domain/meetings/invitees.js';
import type { Meeting } from '../../domain/meetings/meeting.js';
import { can } from '../../domain/permissions.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';

export interface ChangeInviteesCommand {
  activityId: string | undefined;
  meetingId: string;
  eventId: string;
  op: 'add' | 'remove';
  personId: string;
}

export type ChangeInviteesValue =
  | { kind: 'again' }
  /** `alreadyInvited`: the person was on the list already and nothing changed. */
  | { kind: 'changed'; meeting: Meeting; alreadyInvited: boolean; audit?: AuditEntry };

export type ChangeInviteesRefusal = 'notAllowed' | 'notFound' | 'unknownPerson' | 'notInvited' | InviteeChangeRefusal;

/**
 * Leadership adds someone to a meeting (they get the invitation) or takes someone off (they are told). A Programråd
 * substitute added while a seat stands declined fills it; removing a substitute calls the next. The change, the
 * messages and the audit entry are one commit.
 */
export async function changeInvitees(deps: { uow: UnitOfWork }, actor: Actor, command: ChangeInviteesCommand, now: Date): Promise<Outcome<ChangeInviteesValue, ChangeInviteesRefusal>> {
  if (!can(actor.person, 'meetings.schedule')) return refused('notAllowed');
  const { meetingId, personId, eventId, op } = command;
  if (!deps.uow.read((repos) => repos.meetings.get(meetingId))) return refused('notFound');
  const by = actor.person.aadObjectId;
  const saved = await deps.uow.write(command.activityId, (repos) => {
    const current = repos.meetings.get(meetingId);
    if (!current) return { ok: false as const, reason: 'notFound' as const };
    const people = repos.people.all();
    const r = op === 'add' ? addInvitees({ meeting: current, personIds: [personId], by, people, now }) : removeInvitee({ meeting: current, personId, by, people, now });
    if (!r.ok) return r;
    if (r.notify.length === 0) return { ok: true as const, meeting: r.meeting, alreadyInvited: true, audit: undefined };
    repos.meetings.queueNotices({ meeting: r.meeting, notify: r.notify, eventId, now, byEvent: true });
    repos.meetings.queueOrganiserNote({ meeting: r.meeting, notify: r.notify, uncovered: r.uncovered, eventId, now });
    repos.meetings.put(r.meeting);
    const audit = repos.audit.append({
      at: now,
      actorId: by,
      action: op === 'add' ? 'meeting.inviteeAdded' : 'meeting.inviteeRemoved',
      subject: { kind: 'meeting', id: meetingId },
      changes: [op === 'add' ? change('invitee', undefined, personId) : change('invitee', personId, undefined)],
    });
    return { ok: true as const, meeting: r.meeting, alreadyInvited: false, audit };
  });
  if (saved.duplicate) return done({ kind: 'again' });
  const r = saved.result;
  if (!r.ok) return refused(r.reason);
  const meeting = deps.uow.read((repos) => repos.meetings.get(meetingId)) ?? r.meeting;
  return done({ kind: 'changed', meeting, alreadyInvited: r.alreadyInvited, ...(r.audit ? { audit: r.audit } : {}) });
}
