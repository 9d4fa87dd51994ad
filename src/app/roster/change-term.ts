import { change } from '../../domain/audit.js';
import { addInvitees, removeInvitee } from '../../domain/meetings/invitees.js';
import { can } from '../../domain/permissions.js';
import { endTermOn, handOver, type TermChangeRefusal } from '../../domain/roster/admin.js';
import { stockholmDate } from '../../domain/time.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';

export type RosterChangeRefusal = 'notAllowed' | 'unknownPerson' | 'duplicate' | TermChangeRefusal;

/**
 * Leadership ends a person's seat on a date (issue #14 point 4, #15 point 3): from the next day they are not invited,
 * have no rights and are told so politely. Audited as a roster change in the same commit.
 */
export async function endTerm(
  deps: { uow: UnitOfWork },
  actor: Actor,
  command: { personId: string; lastDay: string },
  now: Date,
  activityId?: string,
): Promise<Outcome<{ personId: string; lastDay: string }, RosterChangeRefusal>> {
  if (!can(actor.person, 'roster.manage')) return refused('notAllowed');
  const written = await deps.uow.write(activityId, (repos) => {
    const person = repos.people.get(command.personId);
    if (!person) return refused('unknownPerson');
    const r = endTermOn({ person, lastDay: command.lastDay, today: stockholmDate(now) });
    if (!r.ok) return refused(r.reason);
    repos.people.put(r.person);
    repos.audit.append({ at: now, actorId: actor.person.aadObjectId, action: 'roster.changed', subject: { kind: 'roster', id: person.aadObjectId }, changes: [change('term.end', person.term?.end ?? null, command.lastDay)] });
    return done({ personId: person.aadObjectId, lastDay: command.lastDay });
  });
  return written.duplicate ? refused('duplicate') : written.result;
}

/**
 * Leadership hands a seat over to a successor (issue #15 point 3): the predecessor's term ends on the last day, the
 * successor takes the seat from the next day, and the invitations to meetings from that day follow: the predecessor
 * is taken off them and the successor invited (their invitation cards go out through the meetings' own delivery).
 */
export async function handOverSeat(
  deps: { uow: UnitOfWork },
  actor: Actor,
  command: { personId: string; successorId: string; lastDay: string },
  now: Date,
  activityId?: string,
): Promise<Outcome<{ personId: string; successorId: string; firstDay: string; meetings: number }, RosterChangeRefusal>> {
  if (!can(actor.person, 'roster.manage')) return refused('notAllowed');
  const written = await deps.uow.write(activityId, (repos) => {
    const from = repos.people.get(command.personId);
    const to = repos.people.get(command.successorId);
    if (!from || !to) return refused('unknownPerson');
    const r = handOver({ from, to, lastDay: command.lastDay, today: stockholmDate(now) });
    if (!r.ok) return refused(r.reason);
    repos.people.put(r.from);
    repos.people.put(r.to);
    const by = actor.person.aadObjectId;
    let moved = 0;
    for (const meeting of repos.meetings.all()) {
      if (meeting.status !== 'scheduled' || Date.parse(meeting.end) <= now.getTime()) continue;
      if (stockholmDate(new Date(meeting.start)) < r.firstDay) continue;
      if (!meeting.invitees.some((i) => i.personId === from.aadObjectId)) continue;
      const people = repos.people.all();
      const removed = removeInvitee({ meeting, personId: from.aadObjectId, by, people, now });
      if (!removed.ok) continue;
      const added = addInvitees({ meeting: removed.meeting, personIds: [to.aadObjectId], by, people, now });
      if (!added.ok) continue;
      repos.meetings.put(added.meeting);
      repos.meetings.queueNotices({ meeting: added.meeting, notify: [...removed.notify, ...added.notify], eventId: `handover-${from.aadObjectId.slice(-12)}-${r.firstDay}`, now });
      moved += 1;
    }
    repos.audit.append({
      at: now,
      actorId: by,
      action: 'roster.changed',
      subject: { kind: 'roster', id: from.aadObjectId },
      changes: [change('term.end', from.term?.end ?? null, command.lastDay), change('successor', null, to.aadObjectId), change('invitations', null, moved)],
    });
    return done({ personId: from.aadObjectId, successorId: to.aadObjectId, firstDay: r.firstDay, meetings: moved });
  });
  return written.duplicate ? refused('duplicate') : written.result;
}
