import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPollsJob } from '../../src/bot/features/polls-feature.js';
import { stockholmInstant } from '../../src/domain/time.js';
import { cardNodes } from '../helpers/card-nodes.js';
import { validateCard } from '../helpers/card-validator.js';
import { Harness, cardOf, conversationOf, invokeCard, invokeText, textOf, type TurnResult } from '../helpers/harness.js';

/*
 * Issue 16 over the Bot Framework protocol: leadership proposes times for a Programråd dialogue, every member and
 * substitute answers on their own card, seat coverage picks the time that only a substitute makes complete, reminders
 * go only to uncovered seats (once a day), leadership hears when everyone has answered, a poll finalises itself at the
 * deadline, and the chosen time becomes a meeting through the meetings' booking path. One bot for the file, in order.
 */

type Card = Record<string, unknown>;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const P = { anna: id(21), eva: id(26), johan: id(27), sara: id(28), erik: id(20), maria: id(22), lars: id(23), anders: id(25), olof: id(104), karin: id(24) };
const INVITEES = [P.anna, P.johan, P.sara, P.erik, P.maria, P.lars, P.anders, P.olof];

let now = stockholmInstant('2027-03-01', '10:00');
let h: Harness;

function check(card: Card | undefined): Card {
  expect(card).toBeDefined();
  expect(validateCard(card)).toEqual([]);
  return card as Card;
}
const inbox = (person: string) =>
  h.connector.delivered
    .filter((c) => (c.conversationId === conversationOf(person) || c.conversationId === `a:created-${person}`) && c.method === 'POST' && c.path !== '/v3/conversations')
    .map((c) => c.body);
const pollCardsOf = (person: string, pollId: string) =>
  inbox(person)
    .map(cardOf)
    .filter((c) => {
      const action = (c?.refresh as { action?: { verb?: string; data?: { pollId?: string } } } | undefined)?.action;
      return action?.verb === 'poll.refresh' && action.data?.pollId === pollId;
    }) as Card[];
const textsOf = (person: string) => inbox(person).flatMap((a) => (typeof a.text === 'string' ? [a.text] : []));
const nodes = (card: unknown): Card[] => cardNodes(card);
const texts = (card: unknown) => nodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
const answerValues = (card: unknown) => Object.fromEntries(nodes(card).filter((n) => String(n.id).startsWith('answer-')).map((n) => [String(n.id), n.value]));
const doc = () => h.services.store.doc;
const pollOf = (pollId: string) => doc().polls.polls.find((p) => p.id === pollId);

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
type Answers = [string, string, string];
const answer = (person: string, pollId: string, [s1, s2, s3]: Answers, comment?: string): Promise<TurnResult> =>
  h.invoke(person, 'poll.answer', { pollId, 'answer-s1': s1, 'answer-s2': s2, 'answer-s3': s3, ...(comment !== undefined ? { comment } : {}) });

const POLL_A = '6a1f6f7e-1111-4aaa-8aaa-000000000001';
const POLL_B = '6a1f6f7e-1111-4aaa-8aaa-000000000002';

beforeAll(async () => {
  h = await Harness.start({ now: () => now });
});
afterAll(async () => {
  await h.close();
});

describe('date poll ("tidsförslag") over the protocol', () => {
  it('leadership opens the form with "tidsförslag"; the help card lists it; a member is refused politely', async () => {
    const r = await h.say(P.anna, 'tidsförslag');
    const card = check(cardOf(r.replies.at(-1)));
    expect(nodes(card).some((n) => n.type === 'Action.Execute' && n.verb === 'poll.create')).toBe(true);
    expect(nodes(card).filter((n) => String(n.id).startsWith('slot') && String(n.id).endsWith('Date'))).toHaveLength(8);
    const english = check(cardOf((await h.say(P.anna, 'date poll')).replies.at(-1)));
    expect(nodes(english).some((n) => n.type === 'Action.Execute' && n.verb === 'poll.create')).toBe(true);
    expect(textOf((await h.say(P.anna, 'hjälp')).replies)).toContain('tidsförslag');
    expect(textOf((await h.say(P.erik, 'hjälp')).replies)).not.toContain('tidsförslag');
    expect(textOf((await h.say(P.karin, 'date poll')).replies)).toContain('programledningen');
  });

  it('weekend and holiday times are warned of; two to eight times; a member cannot create a poll', async () => {
    const weekend = await h.invoke(P.anna, 'poll.create', form(POLL_A, { slot3Date: '2027-04-17' }));
    const back = check(invokeCard(weekend));
    expect(textOf(back)).toContain('2027-04-17');
    expect(nodes(back).some((n) => n.type === 'Action.Execute' && (n.data as Card).override === true)).toBe(true);
    const one = check(invokeCard(await h.invoke(P.anna, 'poll.create', form(POLL_A, { slot2Date: '', slot2Start: '', slot2End: '', slot3Date: '', slot3Start: '', slot3End: '' }))));
    expect(textOf(one)).toContain('minst 2');
    expect(invokeText(await h.invoke(P.erik, 'poll.create', form(POLL_A)))).toContain('programledningen');
    expect(pollOf(POLL_A)).toBeUndefined();
  });

  it('a poll with three times goes to every member and substitute of the body, each with their own card', async () => {
    const r = await h.invoke(P.anna, 'poll.create', form(POLL_A));
    await h.services.messenger.drain();
    const overview = check(invokeCard(r));
    expect(textOf(overview)).toContain('skickat till 8 personer');
    expect(pollOf(POLL_A)?.inviteeIds.sort()).toEqual([...INVITEES].sort());
    for (const person of INVITEES) expect(pollCardsOf(person, POLL_A), person).toHaveLength(1);
    expect(pollCardsOf(P.karin, POLL_A)).toHaveLength(0);
    const lars = check(pollCardsOf(P.lars, POLL_A)[0]);
    expect(nodes(lars).filter((n) => n.type === 'Input.ChoiceSet').map((n) => n.id)).toEqual(['answer-s1', 'answer-s2', 'answer-s3']);
    // The same form again makes no second poll.
    await h.invoke(P.anna, 'poll.create', form(POLL_A));
    expect(doc().polls.polls.filter((p) => p.id === POLL_A)).toHaveLength(1);
    expect(doc().audit.entries.filter((e) => e.action === 'poll.created')).toHaveLength(1);
  });

  it('hostile answers change nothing and get a short polite reply', async () => {
    const before = JSON.stringify(pollOf(POLL_A));
    expect(invokeText(await answer(P.karin, POLL_A, ['yes', 'yes', 'yes']))).toContain('inte inbjuden');
    expect(invokeText(await h.invoke(P.erik, 'poll.answer', { pollId: POLL_A, 'answer-s1': 'maybe' }))).toBeDefined();
    expect(invokeText(await h.invoke(P.erik, 'poll.answer', { pollId: '../../etc/passwd', 'answer-s1': 'yes' }))).toBeDefined();
    expect(invokeText(await h.invoke(P.erik, 'poll.answer', { pollId: 'no-such-poll', 'answer-s1': 'yes' }))).toContain('finns inte');
    expect(invokeText(await answer(P.erik, POLL_A, ['yes', 'yes', 'yes'], 'x'.repeat(600)))).toContain('högst 500');
    expect(invokeText(await h.invoke(P.erik, 'poll.answer', { pollId: POLL_A, 'answer-s1': 'yes', comment: { $gt: '' } }))).toBeDefined();
    expect(invokeText(await h.invoke(P.erik, 'poll.finalise', { pollId: POLL_A, slotId: 's1', confirm: 'yes' }))).toContain('programledningen');
    expect(invokeText(await h.invoke(P.erik, 'poll.cancel', { pollId: POLL_A, confirm: 'yes' }))).toContain('programledningen');
    expect(invokeText(await h.invoke(P.erik, 'poll.overview', { pollId: POLL_A }))).toContain('programledningen');
    expect(invokeText(await h.invoke(P.anna, 'poll.finalise', { pollId: POLL_A, slotId: 's9', confirm: 'yes' }))).toBeDefined();
    expect(invokeText(await h.invoke(P.anna, 'poll.create', { draftId: 'x'.repeat(65), type: 'programrad' }))).toBeDefined();
    expect(JSON.stringify(pollOf(POLL_A))).toBe(before);
  });

  it('answers are recorded per person; an anonymous poll shows nobody else’s answers; changes are taken until the deadline', async () => {
    now = stockholmInstant('2027-03-01', '11:00');
    const scenario: Array<[string, Answers, string?]> = [
      [P.anna, ['yes', 'yes', 'yes']],
      [P.johan, ['yes', 'yes', 'yes']],
      [P.sara, ['yes', 'yes', 'ifNeedBe']],
      [P.erik, ['yes', 'yes', 'yes']],
      [P.maria, ['yes', 'no', 'yes']],
      [P.lars, ['yes', 'no', 'no']],
      [P.anders, ['yes', 'yes', 'yes']],
      [P.olof, ['yes', 'yes', 'no'], 'Budgetberedning den 20:e.'],
    ];
    for (const [person, values, comment] of scenario) {
      const card = check(invokeCard(await answer(person, POLL_A, values, comment)));
      await h.services.messenger.drain();
      expect(answerValues(card)).toEqual({ 'answer-s1': values[0], 'answer-s2': values[1], 'answer-s3': values[2] });
    }
    // Erik changes his mind about the 13th: only Lars, the Västmanland substitute, makes that time complete.
    const changed = check(invokeCard(await answer(P.erik, POLL_A, ['no', 'yes', 'yes'], 'Jag är på resa den 13:e.')));
    expect(answerValues(changed)['answer-s1']).toBe('no');
    const json = JSON.stringify(changed);
    for (const other of ['Lars Testlund', 'Olof Försöksgren', 'Maria Exempelsson', 'Budgetberedning']) expect(json).not.toContain(other);
    expect(texts(changed)).toEqual(expect.arrayContaining(['Täckta platser: 7 av 7', 'Täckta platser: 6 av 7']));
  });

  it('leadership heard at once when everyone had answered', async () => {
    await h.services.messenger.drain();
    for (const leader of [P.anna, P.eva]) expect(textsOf(leader).filter((t) => t.includes('Alla inbjudna har svarat') && t.includes('Vårdialog'))).toHaveLength(1);
    expect(textsOf(P.erik).some((t) => t.includes('Alla inbjudna har svarat'))).toBe(false);
  });

  it('the overview ranks the only time that covers every seat first, through the substitute', async () => {
    const card = check(invokeCard(await h.invoke(P.anna, 'poll.overview', { pollId: POLL_A })));
    const lines = texts(card);
    const first = lines.findIndex((l) => l.startsWith('Nr 1:'));
    expect(lines[first]).toContain('13 april');
    expect(lines.filter((l) => l === '✅ Täcker alla platser')).toHaveLength(1);
    expect(textOf(card)).toContain('Lars Testlund, ersättare för Erik Demoberg – Ja');
  });

  it('after the deadline an answer is refused politely and nothing changes', async () => {
    now = stockholmInstant('2027-04-07', '08:00');
    const before = JSON.stringify(pollOf(POLL_A));
    expect(invokeText(await answer(P.maria, POLL_A, ['yes', 'yes', 'yes']))).toMatch(/Svarstiden gick ut tisdag 6 april 2027/);
    expect(JSON.stringify(pollOf(POLL_A))).toBe(before);
    now = stockholmInstant('2027-03-01', '12:00');
  });

  it('leadership chooses the time (asked twice): the meeting is booked, yes-sayers are coming, everyone is told', async () => {
    const ask = check(invokeCard(await h.invoke(P.anna, 'poll.finalise', { pollId: POLL_A, slotId: 's1' })));
    expect(nodes(ask).some((n) => n.type === 'Action.Execute' && (n.data as Card).confirm === 'yes')).toBe(true);
    expect(pollOf(POLL_A)?.status).toBe('open');
    const done = check(invokeCard(await h.invoke(P.anna, 'poll.finalise', { pollId: POLL_A, slotId: 's1', confirm: 'yes' })));
    expect(textOf(done)).toContain('Mötet är bokat');
    await h.services.messenger.drain();
    const poll = pollOf(POLL_A);
    expect(poll?.status).toBe('finalised');
    const meeting = doc().meetings.meetings.find((m) => m.id === poll?.meetingId);
    expect(meeting?.start).toBe(stockholmInstant('2027-04-13', '09:00').toISOString());
    const answerOf = (p: string) => meeting?.invitees.find((i) => i.personId === p)?.answer?.value;
    expect(answerOf(P.lars)).toBe('ja');
    expect(answerOf(P.anna)).toBe('ja');
    expect(answerOf(P.erik)).toBeUndefined();
    // Everyone asked hears the outcome; invitees of the meeting get its invitation card as a meeting booked by hand.
    for (const person of INVITEES) expect(textOf(inbox(person).map(cardOf)), person).toContain('Tiden är bestämd');
    const invitation = (p: string) => inbox(p).map(cardOf).find((c) => (c?.refresh as { action?: { verb?: string } } | undefined)?.action?.verb === 'meeting.refresh');
    expect(invitation(P.erik)).toBeDefined();
    expect(invitation(P.lars)).toBeDefined();
    expect(doc().audit.entries.filter((e) => e.action === 'poll.finalised')).toHaveLength(1);
    expect(doc().audit.entries.filter((e) => e.action === 'meeting.scheduled' && e.subject.id === meeting?.id)).toHaveLength(1);
    // Too late to answer now.
    expect(invokeText(await answer(P.maria, POLL_A, ['yes', 'yes', 'yes']))).toContain('redan bestämd');
  });

  it('an open poll shows who answered what; reminders go only to uncovered seats, once a day, and it finalises itself', async () => {
    now = stockholmInstant('2027-03-01', '12:00');
    const slots = { slot1Date: '2027-04-27', slot2Date: '2027-04-28', slot3Date: '2027-05-04' };
    check(invokeCard(await h.invoke(P.anna, 'poll.create', form(POLL_B, { title: 'Höstdialog', visibility: 'open', autoFinalise: 'whenExactlyOneCoversAll', ...slots }))));
    for (const p of [P.anna, P.johan, P.sara, P.erik, P.maria]) await answer(p, POLL_B, ['yes', 'yes', 'yes']);
    await answer(P.anders, POLL_B, ['yes', 'yes', 'yes']);

    const reminded = () => INVITEES.filter((p) => pollCardsOf(p, POLL_B).some((c) => texts(c).some((t) => t.startsWith('Påminnelse'))));
    // Before the configured time on the day after: nothing.
    now = stockholmInstant('2027-03-02', '08:30');
    await runPollsJob(h.services, h.services.config.polls);
    await h.services.messenger.drain();
    expect(reminded()).toEqual([]);
    // Västmanland is covered by its members, so Lars (who has not answered) is not reminded; Sörmland's Olof is.
    now = stockholmInstant('2027-03-02', '09:30');
    await runPollsJob(h.services, h.services.config.polls);
    await h.services.messenger.drain();
    expect(reminded()).toEqual([P.olof]);
    now = stockholmInstant('2027-03-02', '16:00');
    await runPollsJob(h.services, h.services.config.polls);
    await h.services.messenger.drain();
    expect(pollCardsOf(P.olof, POLL_B).filter((c) => texts(c).some((t) => t.startsWith('Påminnelse')))).toHaveLength(1);
    now = stockholmInstant('2027-03-03', '09:05');
    await runPollsJob(h.services, h.services.config.polls);
    await h.services.messenger.drain();
    expect(pollCardsOf(P.olof, POLL_B).filter((c) => texts(c).some((t) => t.startsWith('Påminnelse')))).toHaveLength(2);

    // Open poll: Olof's card names who answered what.
    const olof = check(invokeCard(await answer(P.olof, POLL_B, ['yes', 'no', 'no'])));
    expect(texts(olof).some((l) => l.startsWith('Ja: ') && l.includes('Erik Demoberg'))).toBe(true);
    await answer(P.lars, POLL_B, ['no', 'no', 'no']);
    await h.services.messenger.drain();
    expect(textsOf(P.eva).filter((t) => t.includes('Höstdialog') && t.includes('Alla inbjudna har svarat'))).toHaveLength(1);

    // At the deadline exactly one time covers every seat: the poll finalises itself and books the meeting.
    now = stockholmInstant('2027-04-07', '09:30');
    await runPollsJob(h.services, h.services.config.polls);
    await h.services.messenger.drain();
    const poll = pollOf(POLL_B);
    expect(poll?.status).toBe('finalised');
    expect(poll?.finalised).toMatchObject({ slotId: 's1', auto: true });
    const meeting = doc().meetings.meetings.find((m) => m.id === poll?.meetingId);
    expect(meeting?.start).toBe(stockholmInstant('2027-04-27', '09:00').toISOString());
    expect(textOf(inbox(P.olof).map(cardOf))).toContain('valdes automatiskt');
    await runPollsJob(h.services, h.services.config.polls);
    await h.services.messenger.drain();
    expect(doc().meetings.meetings.filter((m) => m.id === poll?.meetingId)).toHaveLength(1);
  });

  it('members see their open polls under "möten"', async () => {
    now = stockholmInstant('2027-03-05', '10:00');
    const id3 = '6a1f6f7e-1111-4aaa-8aaa-000000000003';
    await h.invoke(P.anna, 'poll.create', form(id3, { title: 'Extra dialog', slot1Date: '2027-05-11', slot2Date: '2027-05-12', slot3Date: '2027-05-18', deadline: '2027-05-01' }));
    await h.services.messenger.drain();
    const r = await h.say(P.maria, 'möten');
    const list = r.replies.map(cardOf).find((c) => textOf(c).includes('Tidsförslag att svara på'));
    check(list);
    expect(textOf(list)).toContain('Extra dialog');
    const open = await h.invoke(P.maria, 'poll.open', { pollId: id3 });
    expect(open.replies.map(cardOf).some((c) => textOf(c).includes('Extra dialog'))).toBe(true);
    // Leadership holding a seat (Anna, MDU) answer too: their open polls come after the meetings overview.
    const anna = (await h.say(P.anna, 'möten')).replies.map(cardOf).find((c) => textOf(c).includes('Tidsförslag att svara på'));
    expect(textOf(check(anna))).toContain('Extra dialog');
    // Someone asked to no poll gets no poll list.
    expect((await h.say(P.karin, 'möten')).replies.map(cardOf).some((c) => textOf(c).includes('Tidsförslag att svara på'))).toBe(false);
  });
});
