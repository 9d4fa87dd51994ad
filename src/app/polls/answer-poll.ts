import type { Availability } from '../../domain/bodies/coverage.js';
import { can } from '../../domain/permissions.js';
import { answerPoll as answerPollRecord, type PollAnswerRefusal } from '../../domain/polls/answer.js';
import type { Poll } from '../../domain/polls/poll.js';
import { done, refused, type Actor, type Notice, type Outcome } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { leadershipIds, POLL_NOTICE, type PollLeadershipNoticeData } from './poll-notices.js';

export interface AnswerPollCommand {
  activityId: string | undefined;
  pollId: string;
  answers: Partial<Record<string, Availability>>;
  comment?: string | undefined;
}

export type AnswerPollRefusal = 'notFound' | PollAnswerRefusal;

/**
 * An invitee answers each proposed time yes / if need be / no, with one comment (issue #16 point 2); they can change
 * their answers until the deadline and are refused politely after it. When this answer completes everyone's, leadership
 * is told at once (point 4), in the same commit that records it.
 */
export async function answerPoll(deps: { uow: UnitOfWork }, actor: Actor, command: AnswerPollCommand, now: Date): Promise<Outcome<{ poll: Poll; outcome: 'recorded' | 'unchanged' }, AnswerPollRefusal>> {
  const poll = deps.uow.read((repos) => repos.polls.get(command.pollId));
  if (!poll) return refused('notFound');
  if (!can(actor.person, 'polls.answer', { inviteeIds: poll.inviteeIds })) return refused('notInvited');
  const personId = actor.person.aadObjectId;

  const written = await deps.uow.write(command.activityId, (repos) => {
    const current = repos.polls.get(command.pollId);
    if (!current) return { ok: false as const, reason: 'notFound' as const };
    const r = answerPollRecord({ poll: current, personId, answers: command.answers, comment: command.comment, now });
    if (!r.ok) return r;
    if (r.outcome === 'unchanged') return { ok: true as const, poll: r.poll, outcome: r.outcome, notices: [] };
    repos.polls.put(r.poll);
    const notices: Notice[] = [];
    if (r.events.some((e) => e.kind === 'everyoneAnswered')) {
      for (const leader of leadershipIds(repos, r.poll)) {
        const key = `poll:${r.poll.id}:everyoneAnswered:${leader}`;
        if (repos.polls.wasSent(key)) continue;
        repos.polls.markSent(key);
        const data: PollLeadershipNoticeData = { pollId: r.poll.id, title: r.poll.title };
        notices.push({ key, personId: leader, kind: POLL_NOTICE.everyoneAnswered, data });
      }
    }
    return { ok: true as const, poll: r.poll, outcome: r.outcome, notices };
  });
  if (written.duplicate) {
    const latest = deps.uow.read((repos) => repos.polls.get(command.pollId));
    return latest ? done({ poll: latest, outcome: 'unchanged' }) : refused('notFound');
  }
  const r = written.result;
  if (!r.ok) return refused(r.reason);
  return done({ poll: r.poll, outcome: r.outcome }, r.notices);
}
