import { describe, expect, it } from 'vitest';
import { id, PR } from '../../../tests/helpers/demo-bodies.js';
import { answered, makePoll, NOW, SCENARIO } from '../../../tests/helpers/demo-polls.js';
import { stockholmInstant } from '../time.js';
import { answerPoll, pollAnswerInputSchema } from './answer.js';
import { cancelPoll } from './finalise.js';
import { pollSchema } from './poll.js';

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('answering a poll', () => {
  const poll = makePoll();

  it('records yes / if need be / no per time and a comment; the poll stays valid', () => {
    const r = answerPoll({ poll, personId: PR.erik, answers: { s1: 'no', s2: 'yes', s3: 'ifNeedBe' }, comment: '  På resa den 13:e. ', now: later(5) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.outcome).toBe('recorded');
    expect(r.response).toEqual({
      personId: PR.erik,
      answers: { s1: 'no', s2: 'yes', s3: 'ifNeedBe' },
      comment: 'På resa den 13:e.',
      answeredAt: later(5).toISOString(),
      updatedAt: later(5).toISOString(),
    });
    expect(pollSchema.parse(r.poll)).toEqual(r.poll);
  });

  it('can be changed until the deadline: a time left out keeps its answer, the comment is replaced (cleared when empty)', () => {
    const first = answerPoll({ poll, personId: PR.erik, answers: { s1: 'no', s2: 'yes' }, comment: 'Kanske digitalt', now: later(5) });
    if (!first.ok) throw new Error(first.reason);
    const second = answerPoll({ poll: first.poll, personId: PR.erik, answers: { s1: 'ifNeedBe', s3: 'yes' }, comment: '', now: stockholmInstant('2027-04-06', '23:59') });
    if (!second.ok) throw new Error(second.reason);
    expect(second.response).toEqual({ personId: PR.erik, answers: { s1: 'ifNeedBe', s2: 'yes', s3: 'yes' }, answeredAt: later(5).toISOString(), updatedAt: stockholmInstant('2027-04-06', '23:59').toISOString() });
    expect(second.poll.responses).toHaveLength(1);
  });

  it('the same answers again (a double click, a redelivered invoke) change nothing', () => {
    const first = answerPoll({ poll, personId: PR.erik, answers: { s1: 'no' }, comment: 'x', now: later(5) });
    if (!first.ok) throw new Error(first.reason);
    const again = answerPoll({ poll: first.poll, personId: PR.erik.toUpperCase(), answers: { s1: 'no' }, comment: 'x', now: later(6) });
    expect(again.ok && again.outcome).toBe('unchanged');
    expect(again.ok && again.poll).toBe(first.poll);
  });

  it('is refused after the deadline, for someone not asked, after finalising or cancelling, for an unknown time, for a long comment', () => {
    expect(answerPoll({ poll, personId: PR.erik, answers: { s1: 'yes' }, now: stockholmInstant('2027-04-07', '00:00') })).toEqual({ ok: false, reason: 'deadlinePassed' });
    expect(answerPoll({ poll, personId: id(24), answers: { s1: 'yes' }, now: later(5) })).toEqual({ ok: false, reason: 'notInvited' });
    expect(answerPoll({ poll: { ...poll, status: 'finalised', finalised: { slotId: 's1', at: NOW.toISOString(), auto: true } }, personId: PR.erik, answers: { s1: 'yes' }, now: later(5) })).toEqual({ ok: false, reason: 'finalised' });
    const cancelled = cancelPoll({ poll, by: PR.anna, now: later(1) });
    if (!cancelled.ok) throw new Error(cancelled.reason);
    expect(answerPoll({ poll: cancelled.poll, personId: PR.erik, answers: { s1: 'yes' }, now: later(5) })).toEqual({ ok: false, reason: 'cancelled' });
    expect(answerPoll({ poll, personId: PR.erik, answers: { s1: 'yes', s4: 'yes' }, now: later(5) })).toEqual({ ok: false, reason: 'unknownSlot' });
    expect(answerPoll({ poll, personId: PR.erik, answers: { s1: 'yes' }, comment: 'x'.repeat(501), now: later(5) })).toEqual({ ok: false, reason: 'commentTooLong' });
    expect(answerPoll({ poll, personId: PR.erik, answers: { s1: 'yes' }, comment: 'x'.repeat(500), now: later(5) }).ok).toBe(true);
  });

  it('raises “everyone answered” once, when the last invitee has answered every time', () => {
    const allButOlof = answered(poll, SCENARIO.filter(([who]) => who !== PR.olof));
    expect(allButOlof.everyoneAnsweredAt).toBeUndefined();
    const partly = answerPoll({ poll: allButOlof, personId: PR.olof, answers: { s1: 'yes', s2: 'yes' }, now: later(200) });
    if (!partly.ok) throw new Error(partly.reason);
    expect(partly.events).toEqual([]); // one time still unanswered
    const last = answerPoll({ poll: partly.poll, personId: PR.olof, answers: { s3: 'no' }, now: later(201) });
    if (!last.ok) throw new Error(last.reason);
    expect(last.events).toEqual([{ kind: 'everyoneAnswered', pollId: 'p1' }]);
    expect(last.poll.everyoneAnsweredAt).toBe(later(201).toISOString());
    const change = answerPoll({ poll: last.poll, personId: PR.olof, answers: { s3: 'yes' }, now: later(202) });
    expect(change.ok && change.events).toEqual([]);
  });
});

describe('the answer card’s payload', () => {
  it('becomes one answer per chosen time; unchosen (empty or missing) choices are left out', () => {
    expect(pollAnswerInputSchema.parse({ pollId: 'p1', 'answer-s1': 'yes', 'answer-s2': '', 'answer-s3': 'ifNeedBe', comment: 'Hej', verb: 'poll.answer' })).toEqual({
      pollId: 'p1',
      answers: { s1: 'yes', s3: 'ifNeedBe' },
      comment: 'Hej',
    });
  });
  it('refuses values that are not an answer and absurd comments', () => {
    expect(pollAnswerInputSchema.safeParse({ pollId: 'p1', 'answer-s1': 'maybe' }).success).toBe(false);
    expect(pollAnswerInputSchema.safeParse({ pollId: 'p1', comment: 'x'.repeat(10_001) }).success).toBe(false);
    expect(pollAnswerInputSchema.safeParse({ pollId: '../p1' }).success).toBe(false);
  });
  it('refuses a choice for a slot id no card has, instead of dropping it', () => {
    expect(pollAnswerInputSchema.safeParse({ pollId: 'p1', 'answer-s9': 'yes' }).success).toBe(false);
    expect(pollAnswerInputSchema.safeParse({ pollId: 'p1', 'answer-s1': 'yes', 'answer-x': 'no' }).success).toBe(false);
  });
  it('a first answer with no choice and no comment is refused, not stored empty', () => {
    const poll = makePoll();
    expect(answerPoll({ poll, personId: PR.erik, answers: {}, now: NOW })).toEqual({ ok: false, reason: 'noAnswer' });
    const commented = answerPoll({ poll, personId: PR.erik, answers: {}, comment: 'Återkommer', now: NOW });
    expect(commented.ok).toBe(true);
  });
});
