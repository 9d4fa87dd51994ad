import { change } from '../../domain/audit.js';
import { can } from '../../domain/permissions.js';
import { cancelPoll as cancelPollRecord } from '../../domain/polls/finalise.js';
import type { Poll } from '../../domain/polls/poll.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { outcomeNotices } from './poll-notices.js';

export interface CancelPollCommand {
  activityId: string | undefined;
  pollId: string;
}

/** Leadership calls a poll off: no meeting is booked, everyone asked is told, the audit record says who. */
export async function cancelPoll(deps: { uow: UnitOfWork }, actor: Actor, command: CancelPollCommand, now: Date): Promise<Outcome<{ poll: Poll }, 'notAllowed' | 'notFound' | 'alreadyFinalised' | 'alreadyCancelled'>> {
  if (!can(actor.person, 'polls.manage')) return refused('notAllowed');
  const written = await deps.uow.write(command.activityId, (repos) => {
    const poll = repos.polls.get(command.pollId);
    if (!poll) return { ok: false as const, reason: 'notFound' as const };
    const r = cancelPollRecord({ poll, by: actor.person.aadObjectId, now });
    if (!r.ok) return r;
    repos.polls.put(r.poll);
    repos.audit.append({ at: now, actorId: actor.person.aadObjectId, action: 'poll.cancelled', subject: { kind: 'poll', id: poll.id }, changes: [change('status', poll.status, 'cancelled')] });
    return { ok: true as const, poll: r.poll, notices: outcomeNotices(r.poll, r.notify) };
  });
  if (written.duplicate) {
    const poll = deps.uow.read((repos) => repos.polls.get(command.pollId));
    return poll ? done({ poll }) : refused('notFound');
  }
  const r = written.result;
  if (!r.ok) return refused(r.reason);
  return done({ poll: r.poll }, r.notices);
}
