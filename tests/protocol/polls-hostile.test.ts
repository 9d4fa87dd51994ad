import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmInstant } from '../../src/domain/time.js';
import { cardNodes } from '../helpers/card-nodes.js';
import { validateCard } from '../helpers/card-validator.js';
import { Harness, invokeCard, invokeText, textOf, type TurnResult } from '../helpers/harness.js';

/*
 * Date polls (issue #16) against a hostile member: crafted card payloads sent straight to the bot. Each is refused with
 * a short reply (or the person's own card with the problem named) and leaves the poll exactly as it was.
 */

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const P = { anna: id(21), erik: id(20), maria: id(22), lars: id(23), karin: id(24) };
const POLL = '6a1f6f7e-2222-4aaa-8aaa-000000000001';
const CANCELLED = '6a1f6f7e-2222-4aaa-8aaa-000000000002';
const UNREADABLE = 'kunde jag inte läsa';

const now = stockholmInstant('2027-03-01', '10:00');
let h: Harness;

const form = (draftId: string, over: Record<string, unknown> = {}) => ({
  draftId,
  type: 'programrad',
  title: 'Vårdialog',
  place: 'MDU, Västerås',
  deadline: '2027-04-06',
  visibility: 'anonymous',
  autoFinalise: 'off',
  slot1Date: '2027-04-13',
  slot1Start: '09:00',
  slot1End: '12:00',
  slot2Date: '2027-04-14',
  slot2Start: '13:00',
  slot2End: '16:00',
  slot3Date: '2027-04-20',
  slot3Start: '09:00',
  slot3End: '12:00',
  ...over,
});
const pollOf = (pollId: string) => h.services.store.doc.polls.polls.find((p) => p.id === pollId);
const snapshot = () => JSON.stringify(h.services.store.doc.polls);
/** What a refusal shows: the short text, or the text of the card that came back (checked against the schema). */
const reply = (r: TurnResult): string => {
  const card = invokeCard(r);
  if (!card) return invokeText(r) ?? '';
  expect(validateCard(card)).toEqual([]);
  return textOf(card);
};
const answerValues = (r: TurnResult) =>
  Object.fromEntries(cardNodes(invokeCard(r)).filter((n) => String(n.id).startsWith('answer-')).map((n) => [String(n.id), n.value]));

beforeAll(async () => {
  h = await Harness.start({ now: () => now });
  await h.invoke(P.anna, 'poll.create', form(POLL));
  await h.invoke(P.anna, 'poll.create', form(CANCELLED, { title: 'Avbruten dialog' }));
  await h.invoke(P.anna, 'poll.cancel', { pollId: CANCELLED, confirm: 'yes' });
  await h.services.messenger.drain();
});
afterAll(async () => {
  await h.close();
});

describe('date polls against crafted payloads', () => {
  it('someone not asked cannot answer, see or steer a poll, not even by naming an invitee in the payload', async () => {
    const before = snapshot();
    expect(reply(await h.invoke(P.karin, 'poll.answer', { pollId: POLL, personId: P.erik, aadObjectId: P.erik, 'answer-s1': 'yes' }))).toContain('inte inbjuden');
    expect(reply(await h.invoke(P.karin, 'poll.refresh', { pollId: POLL }))).toContain('inte inbjuden');
    expect(reply(await h.invoke(P.karin, 'poll.open', { pollId: POLL }))).toContain('inte inbjuden');
    expect(reply(await h.invoke(P.karin, 'poll.overview', { pollId: POLL }))).toContain('programledningen');
    expect(snapshot()).toBe(before);
  });

  it('an invitee who names someone else in the payload answers only for themselves', async () => {
    const r = await h.invoke(P.erik, 'poll.answer', { pollId: POLL, personId: P.maria, from: { aadObjectId: P.maria }, 'answer-s1': 'no', 'answer-s2': 'yes', 'answer-s3': 'yes' });
    expect(reply(r)).toContain('sparade');
    expect(pollOf(POLL)?.responses.map((x) => x.personId)).toEqual([P.erik]);
  });

  it('slot ids that no card has, values that are not a choice, or no choice at all record nothing', async () => {
    const before = snapshot();
    // A first answer with no choice is named, not stored as an empty answer.
    const empty = await h.invoke(P.maria, 'poll.answer', { pollId: POLL });
    expect(reply(empty)).toContain('minst en av tiderna');
    for (const data of [
      { pollId: POLL, 'answer-s9': 'yes' },
      { pollId: POLL, 'answer-x': 'yes', 'answer-s1': 'yes' },
      { pollId: POLL, 'answer-s1': 'maybe' },
      { pollId: POLL, 'answer-s1': ['yes'] },
      { pollId: [POLL], 'answer-s1': 'yes' },
      { pollId: '../../etc/passwd', 'answer-s1': 'yes' },
    ]) {
      expect(reply(await h.invoke(P.maria, 'poll.answer', data)), JSON.stringify(data)).toContain(UNREADABLE);
    }
    // s5 is a slot id the card may carry, but this poll has three times: the current card comes back to answer again.
    const stale = await h.invoke(P.maria, 'poll.answer', { pollId: POLL, 'answer-s1': 'yes', 'answer-s5': 'yes' });
    expect(reply(stale)).toContain('Kortet var inaktuellt');
    expect(snapshot()).toBe(before);
  });

  it('a comment over its limit is named; a huge one is refused at the edge; neither is stored', async () => {
    const before = snapshot();
    expect(reply(await h.invoke(P.lars, 'poll.answer', { pollId: POLL, 'answer-s1': 'yes', comment: 'x'.repeat(501) }))).toContain('högst 500');
    expect(reply(await h.invoke(P.lars, 'poll.answer', { pollId: POLL, 'answer-s1': 'yes', comment: 'x'.repeat(1_000_000) }))).toContain(UNREADABLE);
    expect(reply(await h.invoke(P.lars, 'poll.answer', { pollId: POLL, 'answer-s1': 'yes', comment: { $gt: '' } }))).toContain(UNREADABLE);
    expect(snapshot()).toBe(before);
    // Exactly at the limit it is kept.
    expect(reply(await h.invoke(P.lars, 'poll.answer', { pollId: POLL, 'answer-s1': 'yes', comment: 'x'.repeat(500) }))).toContain('sparade');
    expect(pollOf(POLL)?.responses.find((x) => x.personId === P.lars)?.comment).toHaveLength(500);
  });

  it('a cancelled poll takes no answers and cannot be finalised', async () => {
    const before = snapshot();
    expect(reply(await h.invoke(P.erik, 'poll.answer', { pollId: CANCELLED, 'answer-s1': 'yes' }))).toContain('avbrutet');
    expect(reply(await h.invoke(P.anna, 'poll.finalise', { pollId: CANCELLED, slotId: 's1', confirm: 'yes' }))).toContain('redan avbrutet');
    expect(snapshot()).toBe(before);
    expect(h.services.store.doc.meetings.meetings).toHaveLength(0);
  });

  it('leadership cannot finalise on a time that does not exist; a member cannot finalise or cancel at all', async () => {
    const before = snapshot();
    expect(reply(await h.invoke(P.anna, 'poll.finalise', { pollId: POLL, slotId: 's9', confirm: 'yes' }))).toContain(UNREADABLE);
    expect(reply(await h.invoke(P.anna, 'poll.finalise', { pollId: POLL, slotId: 's5', confirm: 'yes' }))).toContain('Vårdialog');
    expect(reply(await h.invoke(P.erik, 'poll.finalise', { pollId: POLL, slotId: 's1', confirm: 'yes' }))).toContain('programledningen');
    expect(reply(await h.invoke(P.erik, 'poll.cancel', { pollId: POLL, confirm: 'yes' }))).toContain('programledningen');
    expect(snapshot()).toBe(before);
    expect(h.services.store.doc.meetings.meetings).toHaveLength(0);
  });

  it('a finalised poll takes no more answers: the meeting’s invitation does', async () => {
    await h.invoke(P.anna, 'poll.finalise', { pollId: POLL, slotId: 's1', confirm: 'yes' });
    expect(pollOf(POLL)?.status).toBe('finalised');
    const before = snapshot();
    const meetings = JSON.stringify(h.services.store.doc.meetings.meetings);
    expect(reply(await h.invoke(P.erik, 'poll.answer', { pollId: POLL, 'answer-s1': 'yes', 'answer-s2': 'no', 'answer-s3': 'no' }))).toContain('redan bestämd');
    expect(reply(await h.invoke(P.anna, 'poll.finalise', { pollId: POLL, slotId: 's2', confirm: 'yes' }))).toContain('redan bestämd');
    expect(reply(await h.invoke(P.anna, 'poll.cancel', { pollId: POLL, confirm: 'yes' }))).toContain('redan bestämd');
    expect(snapshot()).toBe(before);
    expect(JSON.stringify(h.services.store.doc.meetings.meetings)).toBe(meetings);
    expect(answerValues(await h.invoke(P.erik, 'poll.refresh', { pollId: POLL }))).toBeDefined();
  });
});
