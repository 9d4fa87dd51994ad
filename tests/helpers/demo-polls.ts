import type { Availability } from '../../src/domain/bodies/coverage.js';
import { answerPoll } from '../../src/domain/polls/answer.js';
import { createPoll, pollDraftSchema, type Poll, type PollDraft, type SlotId } from '../../src/domain/polls/poll.js';
import { stockholmInstant } from '../../src/domain/time.js';
import { people, PR, seats } from './demo-bodies.js';

/** Test data for the poll and poll-card tests: a Programråd poll on the demo roster, made on 1 March 2027. */
export const NOW = stockholmInstant('2027-03-01', '10:00');
export const ORGANISER = PR.anna;

/** Three proposals for the spring dialogue; answers close at the end of Tuesday 6 April. */
export const draft: PollDraft = pollDraftSchema.parse({
  type: 'programrad',
  title: 'Vårdialog',
  place: 'MDU, Västerås',
  agenda: '',
  answerBy: '2027-04-06',
  visibility: 'anonymous',
  autoFinalise: 'off',
  slots: [
    { date: '2027-04-13', start: '09:00', end: '12:00' },
    { date: '2027-04-14', start: '13:00', end: '16:00' },
    { date: '2027-04-20', start: '09:00', end: '12:00' },
  ],
});

export function makePoll(over: Partial<PollDraft> = {}, at: Date = NOW): Poll {
  const r = createPoll({ id: 'p1', draft: pollDraftSchema.parse({ ...draft, ...over }), organiserId: ORGANISER, seats, people, now: at });
  if (!r.ok) throw new Error(r.reason);
  return r.poll;
}

export type Answers = Partial<Record<SlotId, Availability>>;
const a = (s1: Availability, s2: Availability, s3: Availability): Answers => ({ s1, s2, s3 });

/**
 * The case: only the first time (13 April) covers every seat, and only through Västmanland's substitute
 * (Erik cannot come, Lars can). On 14 April both Maria and Lars are away; on 20 April Sörmland's Olof is, and Sörmland
 * has no substitute.
 */
export const SCENARIO: ReadonlyArray<readonly [string, Answers, string?]> = [
  [PR.anna, a('yes', 'yes', 'yes')],
  [PR.johan, a('yes', 'yes', 'yes')],
  [PR.sara, a('yes', 'yes', 'ifNeedBe')],
  [PR.erik, a('no', 'yes', 'yes'), 'Jag är på resa den 13:e.'],
  [PR.maria, a('yes', 'no', 'yes')],
  [PR.lars, a('yes', 'no', 'no')],
  [PR.anders, a('yes', 'yes', 'yes')],
  [PR.olof, a('yes', 'yes', 'no'), 'Budgetberedning den 20:e.'],
];

/** Records answers one minute apart from `from`. */
export function answered(poll: Poll, answers: ReadonlyArray<readonly [string, Answers, string?]>, from: Date = new Date(NOW.getTime() + 3_600_000)): Poll {
  let p = poll;
  answers.forEach(([personId, values, comment], i) => {
    const r = answerPoll({ poll: p, personId, answers: values, comment, now: new Date(from.getTime() + i * 60_000) });
    if (!r.ok) throw new Error(`${personId}: ${r.reason}`);
    p = r.poll;
  });
  return p;
}
