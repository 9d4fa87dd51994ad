import { change, meetingChanges } from '../../domain/audit.js';
import { can } from '../../domain/permissions.js';
import { finalisePoll as finalisePollRecord, meetingFromPoll, type FinaliseRefusal, type Finalised } from '../../domain/polls/finalise.js';
import type { Meeting } from '../../domain/meetings/meeting.js';
import type { BodySeat } from '../../domain/bodies/seats.js';
import type { Poll } from '../../domain/polls/poll.js';
import { done, refused, type Actor, type Notice, type Outcome } from '../kernel.js';
import type { Repositories } from '../repositories.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { outcomeNotices, seatsOf } from './poll-notices.js';

/**
 * A finalised poll becomes a meeting through the meetings' own path (issue #16 point 5): `meetingFromPoll` makes it
 * with `createMeeting` (those who said yes recorded as coming), the invitations are queued as the meetings' pending
 * messages exactly as for a meeting booked by hand, and the meeting's booking is audited beside the poll's. Everyone
 * asked gets the outcome. Runs inside a write; `actorId` is who chose, or the organiser for an automatic choice.
 */
export function bookFinalised({
  repos,
  finalised,
  seats,
  actorId,
  now,
}: {
  repos: Repositories;
  finalised: Finalised;
  seats: readonly BodySeat[];
  actorId: string;
  now: Date;
}): { poll: Poll; meeting: Meeting | undefined; notices: Notice[] } {
  // The poll's id names its meeting, unless a meeting already has that id (it cannot, but never overwrite one).
  const meetingId = repos.meetings.get(finalised.poll.id) ? `${finalised.poll.id.slice(0, 27)}-${now.getTime().toString(36)}` : finalised.poll.id;
  const made = meetingFromPoll({ id: meetingId, poll: finalised.poll, seats, people: repos.people.all(), now });
  const poll = made.ok ? made.poll : finalised.poll;
  repos.polls.put(poll);
  const auto = poll.finalised !== undefined && 'auto' in poll.finalised;
  repos.audit.append({
    at: now,
    actorId,
    action: 'poll.finalised',
    subject: { kind: 'poll', id: poll.id },
    changes: [change('slot', undefined, finalised.poll.finalised?.slotId), change('auto', undefined, auto ? 'yes' : 'no'), change('coming', undefined, finalised.coming.length)],
  });
  if (!made.ok) return { poll, meeting: undefined, notices: outcomeNotices(poll, finalised.notify) };
  repos.meetings.put(made.meeting);
  repos.meetings.queueNotices({ meeting: made.meeting, notify: made.notify, eventId: 'created', now });
  repos.audit.append({
    at: now,
    actorId,
    action: 'meeting.scheduled',
    subject: { kind: 'meeting', id: made.meeting.id },
    changes: [...meetingChanges(null, made.meeting), change('invitees', undefined, made.meeting.invitees.length), change('poll', undefined, poll.id)],
  });
  return { poll, meeting: made.meeting, notices: outcomeNotices(poll, finalised.notify) };
}

export interface FinalisePollCommand {
  activityId: string | undefined;
  pollId: string;
  slotId: string;
}

export type FinalisePollRefusal = 'notAllowed' | 'notFound' | FinaliseRefusal;

/** Leadership chooses a time (before or after the deadline): the meeting is booked and everyone asked is told. */
export async function finalisePoll(deps: { uow: UnitOfWork }, actor: Actor, command: FinalisePollCommand, now: Date): Promise<Outcome<{ poll: Poll; meeting: Meeting | undefined }, FinalisePollRefusal>> {
  if (!can(actor.person, 'polls.manage')) return refused('notAllowed');
  const written = await deps.uow.write(command.activityId, (repos) => {
    const poll = repos.polls.get(command.pollId);
    if (!poll) return { ok: false as const, reason: 'notFound' as const };
    const seats = seatsOf(repos);
    const r = finalisePollRecord({ poll, slotId: command.slotId, by: { personId: actor.person.aadObjectId }, seats, people: repos.people.all(), now });
    if (!r.ok) return r;
    return { ok: true as const, ...bookFinalised({ repos, finalised: r, seats, actorId: actor.person.aadObjectId, now }) };
  });
  if (written.duplicate) {
    const poll = deps.uow.read((repos) => repos.polls.get(command.pollId));
    if (!poll) return refused('notFound');
    return done({ poll, meeting: poll.meetingId ? deps.uow.read((repos) => repos.meetings.get(poll.meetingId ?? '')) : undefined });
  }
  const r = written.result;
  if (!r.ok) return refused(r.reason);
  return done({ poll: r.poll, meeting: r.meeting }, r.notices);
}
