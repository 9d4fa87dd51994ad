import { autoFinalise } from '../../domain/polls/finalise.js';
import { isPollAnswerOpen } from '../../domain/polls/poll.js';
import { dueReminders } from '../../domain/polls/reminders.js';
import type { Notice } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { bookFinalised } from './finalise-poll.js';
import { leadershipIds, pollCardNotice, POLL_NOTICE, seatsOf, type PollLeadershipNoticeData } from './poll-notices.js';

export interface PollJobConfig {
  /** Stockholm HH:mm: reminders go out once a day from this time. */
  timeOfDay: string;
  /** At most this many reminders per person per poll. */
  maxReminders: number;
}

/**
 * The date polls' scheduled work (issue #16 points 4–5), in one commit: reminders to those whose answer could still
 * cover an uncovered seat — once a day from the configured time, at most N per person, each key recorded so a second
 * run the same day sends nothing — and, once a poll's deadline has passed, automatic finalising when it is configured
 * and one time covers every seat (the meeting booked as leadership's choice would book it), or a word to leadership
 * to choose (once per poll). Returns the notices to send.
 */
export async function runPollJobs(deps: { uow: UnitOfWork }, config: PollJobConfig, now: Date): Promise<{ notices: Notice[]; reminders: number; finalised: string[] }> {
  // Decide from a read whether anything is due, so that a quiet minute costs no store write.
  const open = deps.uow.read((repos) => {
    const polls = repos.polls.all().filter((p) => p.status === 'open');
    if (polls.length === 0) return [];
    const seats = seatsOf(repos);
    const people = repos.people.all();
    const due = polls.filter((poll) => {
      if (isPollAnswerOpen({ poll, now })) {
        return dueReminders({ poll, seats, now, timeOfDay: config.timeOfDay, maxReminders: config.maxReminders, sentKeys: repos.polls.sentKeys(`poll:${poll.id}:reminder:`) }).length > 0;
      }
      const decided = autoFinalise({ poll, seats, people, now });
      if (decided.action === 'finalised') return true;
      return decided.action === 'askLeadership' && leadershipIds(repos, poll).some((leader) => !repos.polls.wasSent(`${decided.key}:${leader}`));
    });
    return due.map((p) => p.id);
  });
  if (open.length === 0) return { notices: [], reminders: 0, finalised: [] };
  const written = await deps.uow.write(undefined, (repos) => {
    const seats = seatsOf(repos);
    const people = repos.people.all();
    const notices: Notice[] = [];
    const finalised: string[] = [];
    let reminders = 0;
    for (const id of open) {
      const poll = repos.polls.get(id);
      if (!poll || poll.status !== 'open') continue;
      if (isPollAnswerOpen({ poll, now })) {
        const due = dueReminders({ poll, seats, now, timeOfDay: config.timeOfDay, maxReminders: config.maxReminders, sentKeys: repos.polls.sentKeys(`poll:${poll.id}:reminder:`) });
        for (const r of due) {
          const notice = pollCardNotice({ key: r.key, poll, personId: r.personId, repos, seats, now, why: { kind: 'reminder', slotIds: r.slotIds } });
          if (!notice) continue;
          repos.polls.markSent(r.key);
          notices.push(notice);
          reminders += 1;
        }
        continue;
      }
      const decided = autoFinalise({ poll, seats, people, now });
      if (decided.action === 'finalised') {
        const booked = bookFinalised({ repos, finalised: decided, seats, actorId: poll.organiserId, now });
        notices.push(...booked.notices);
        finalised.push(poll.id);
      } else if (decided.action === 'askLeadership') {
        for (const leader of leadershipIds(repos, poll)) {
          const key = `${decided.key}:${leader}`;
          if (repos.polls.wasSent(key)) continue;
          repos.polls.markSent(key);
          const data: PollLeadershipNoticeData = { pollId: poll.id, title: poll.title, reason: decided.reason };
          notices.push({ key, personId: leader, kind: POLL_NOTICE.undecided, data });
        }
      }
    }
    return { notices, reminders, finalised };
  });
  return written.duplicate ? { notices: [], reminders: 0, finalised: [] } : written.result;
}
