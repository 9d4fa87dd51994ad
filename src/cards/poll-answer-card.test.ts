import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { MAX_CARD_BYTES, validateCard } from '../../tests/helpers/card-validator.js';
import { id, people, PR, seats } from '../../tests/helpers/demo-bodies.js';
import { answered, makePoll, NOW, SCENARIO, type Answers } from '../../tests/helpers/demo-polls.js';
import { answerPoll, pollAnswerInputSchema } from '../domain/polls/answer.js';
import { cancelPoll, finalisePoll } from '../domain/polls/finalise.js';
import { SLOT_IDS, type Poll } from '../domain/polls/poll.js';
import { memberPollView } from '../domain/polls/views.js';
import { stockholmInstant } from '../domain/time.js';
import { catalogues } from '../i18n/catalogue.js';
import { pollAnswerCard, type PollAnswerCardModel } from './poll-answer-card.js';
import { pollVerbs } from './poll-verbs.js';

const t = catalogues.sv;
const now = stockholmInstant('2027-03-10', '10:00');
const names: Record<string, string> = Object.fromEntries(people.map((p) => [p.aadObjectId, p.name]));
const slotWhen = { s1: 'tisdag 13 april 2027 kl. 09.00–12.00', s2: 'onsdag 14 april 2027 kl. 13.00–16.00', s3: 'tisdag 20 april 2027 kl. 09.00–12.00' };

/** The card as the bot would build it: from the domain's member view, with every roster name on hand. */
function cardFor(poll: Poll, viewer: string, at: Date = now, over: Partial<PollAnswerCardModel> = {}) {
  const r = memberPollView({ poll, personId: viewer, seats, now: at });
  if (!r.ok) throw new Error(r.reason);
  return pollAnswerCard({ view: r.view, slotWhen, answerBy: 'tisdag 6 april 2027', organiserName: names[PR.anna] ?? '', names, refreshUserIds: [viewer], ...over }, t);
}
const byId = (card: unknown, key: string) => cardNodes(card).find((n) => n.id === key);
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));

const anonymous = answered(makePoll(), SCENARIO);
const open = answered(makePoll({ visibility: 'open' }), SCENARIO);

describe('poll answer card', () => {
  it('offers yes / if need be / no per time with the viewer’s answers chosen, their comment, coverage and the deadline', () => {
    const card = cardFor(anonymous, PR.erik);
    expect(validateCard(card)).toEqual([]);
    expect(byId(card, 'answer-s1')).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'expanded',
      value: 'no',
      choices: [
        { title: 'Ja', value: 'yes' },
        { title: 'Om det behövs', value: 'ifNeedBe' },
        { title: 'Nej', value: 'no' },
      ],
    });
    expect([byId(card, 'answer-s2')?.value, byId(card, 'answer-s3')?.value]).toEqual(['yes', 'yes']);
    expect(byId(card, 'comment')).toMatchObject({ type: 'Input.Text', maxLength: 500, value: 'Jag är på resa den 13:e.' });
    expect(texts(card)).toEqual(expect.arrayContaining(['Täckta platser: 7 av 7', 'Täckta platser: 6 av 7', slotWhen.s1]));
    expect(cardNodes(card).find((n) => n.type === 'FactSet')?.facts).toEqual(expect.arrayContaining([{ title: 'Svara senast', value: 'tisdag 6 april 2027' }]));
    expect(card.actions).toEqual([{ type: 'Action.Execute', title: 'Skicka svar', verb: pollVerbs.answer, data: { pollId: 'p1', verb: pollVerbs.answer }, style: 'positive' }]);
  });

  it('refreshes to each viewer’s own view (Universal Actions), for at most 60 listed users', () => {
    const card = cardFor(anonymous, PR.erik);
    expect(card.refresh?.action).toMatchObject({ type: 'Action.Execute', verb: pollVerbs.refresh, data: { pollId: 'p1' } });
    expect(card.refresh?.userIds).toEqual([PR.erik]);
    const many = Array.from({ length: 75 }, (_, i) => id(i));
    expect(cardFor(anonymous, PR.erik, now, { refreshUserIds: many }).refresh?.userIds).toHaveLength(60);
  });

  it('an anonymous poll’s card shows no other invitee’s name, answer or comment', () => {
    const card = cardFor(anonymous, PR.erik);
    const json = JSON.stringify(card);
    for (const [other, , comment] of SCENARIO) {
      if (other === PR.erik) continue;
      const name = names[other] ?? '';
      // The organiser is named once, as the organiser — never with an answer.
      expect(json.split(name).length - 1, name).toBe(other === PR.anna ? 1 : 0);
      if (comment) expect(json).not.toContain(comment);
    }
    expect(texts(card)).toContain(t.polls.card.anonymousNote);
  });

  it('an open poll’s card lists who answered what, and the others’ comments', () => {
    const card = cardFor(open, PR.erik);
    expect(validateCard(card)).toEqual([]);
    const lines = texts(card);
    expect(lines).toContain('Nej: Lars Testlund, Olof Försöksgren');
    expect(lines.some((l) => l.startsWith('Ja: ') && l.includes('Lars Testlund'))).toBe(true);
    expect(lines).toContain('Budgetberedning den 20:e.');
    expect(lines).toContain(t.polls.card.openNote);
  });

  it('what the card sends is what the answer payload reads, and the answers are recorded', () => {
    const card = cardFor(makePoll(), PR.lars);
    const inputs: Record<string, unknown> = { ...(card.actions?.[0]?.data as Record<string, unknown>) };
    for (const n of cardNodes(card)) if (String(n.type).startsWith('Input.')) inputs[String(n.id)] = n.id === 'comment' ? 'Hej' : 'ifNeedBe';
    const parsed = pollAnswerInputSchema.parse(inputs);
    const r = answerPoll({ poll: makePoll(), personId: PR.lars, answers: parsed.answers, comment: parsed.comment, now });
    expect(r.ok && r.response.answers).toEqual({ s1: 'ifNeedBe', s2: 'ifNeedBe', s3: 'ifNeedBe' });
  });

  it('after the deadline: the answers without inputs or a send button, and why', () => {
    const card = cardFor(anonymous, PR.erik, stockholmInstant('2027-04-07', '08:00'));
    expect(validateCard(card)).toEqual([]);
    expect(cardNodes(card).filter((n) => String(n.type).startsWith('Input.'))).toEqual([]);
    expect(card.actions).toBeUndefined();
    expect(texts(card)).toEqual(expect.arrayContaining(['Svarstiden gick ut tisdag 6 april 2027.', 'Ditt svar: Nej', 'Jag är på resa den 13:e.']));
  });

  it('once a time is chosen it is marked; a called-off poll says so', () => {
    const f = finalisePoll({ poll: anonymous, slotId: 's1', by: { personId: PR.anna }, seats, people, now });
    if (!f.ok) throw new Error(f.reason);
    const card = cardFor(f.poll, PR.erik);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining([`Tiden är bestämd: ${slotWhen.s1}.`, `✅ ${slotWhen.s1} · Vald tid`]));
    const c = cancelPoll({ poll: anonymous, by: PR.anna, now });
    if (!c.ok) throw new Error(c.reason);
    expect(texts(cardFor(c.poll, PR.erik))).toContain(t.polls.card.cancelled);
  });

  it('what people typed is never read as markdown', () => {
    const hostile = answered(makePoll({ title: '**Viktigt** [klicka](https://evil.example)', visibility: 'open', place: '_Sal_ <b>' }), [
      [PR.olof, { s1: 'yes' }, '[x](https://evil.example) **fet**'],
    ]);
    const card = cardFor(hostile, PR.erik, now, { names: { ...names, [PR.olof]: 'O*lof_' } });
    expect(validateCard(card)).toEqual([]);
    const runs = cardNodes(card).filter((n) => n.type === 'TextRun').map((n) => n.text);
    expect(runs).toEqual(expect.arrayContaining(['**Viktigt** [klicka](https://evil.example)', '[x](https://evil.example) **fet**']));
    expect(texts(card)).toContain('Ja: O\\*lof\\_');
    const facts = cardNodes(card).find((n) => n.type === 'FactSet')?.facts as { value: string }[];
    expect(facts.map((f) => f.value)).toContain('\\_Sal\\_ \\<b\\>');
  });

  it('an open yearly-meeting poll with every invitee commenting at length stays under Teams’ card size', () => {
    const yearly = makePoll({ type: 'arlig-traff', visibility: 'open', slots: Array.from({ length: 8 }, (_, i) => ({ date: `2027-05-${String(10 + i)}`, start: '09:00', end: '16:00' })), answerBy: '2027-05-01' });
    const all: [string, Answers, string][] = yearly.inviteeIds.map((who, i) => [who, { s1: 'yes', s2: 'ifNeedBe', s3: 'no', s4: 'yes', s5: 'yes', s6: 'no', s7: 'ifNeedBe', s8: 'yes' }, `${i} ${'å'.repeat(495)}`]);
    const p = answered(yearly, all);
    const viewer = yearly.inviteeIds[0] ?? '';
    const r = memberPollView({ poll: p, personId: viewer, seats, now: NOW });
    if (!r.ok) throw new Error(r.reason);
    const when = Object.fromEntries(p.slots.map((s) => [s.id, `${s.date} kl. 09.00–16.00`]));
    const card = pollAnswerCard({ view: r.view, slotWhen: when, answerBy: 'lördag 1 maj 2027', organiserName: 'Anna', names, refreshUserIds: [viewer] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    expect(texts(card)).toContain(`Har svarat ja: ${p.inviteeIds.length}`);
    // Too many for every name: each answer lists twelve and counts the rest; comments likewise.
    expect(texts(card).some((l) => l.startsWith('Ja: ') && l.endsWith(`och ${p.inviteeIds.length - 1 - 12} till`))).toBe(true);
    expect(texts(card)).toContain(t.polls.card.moreComments({ count: p.inviteeIds.length - 1 - 12 }));
  });

  it('a poll of 500 with long names and comments in two-byte letters still fits: counts instead of names', () => {
    const r = memberPollView({ poll: open, personId: PR.erik, seats, now });
    if (!r.ok) throw new Error(r.reason);
    // Eight times, each answered yes, if need be and no by some of the 500: too much for twelve names per answer.
    const answers = (i: number) => Object.fromEntries(SLOT_IDS.map((s, j) => [s, (['yes', 'ifNeedBe', 'no'] as const)[(i + j) % 3]]));
    const others = Array.from({ length: 500 }, (_, i) => ({ personId: id(1000 + i), answers: answers(i), comment: 'ö'.repeat(500) }));
    const longNames = Object.fromEntries(others.map((o) => [o.personId, 'Å'.repeat(200)]));
    const slots = SLOT_IDS.map((slotId) => ({ slotId, date: '2027-05-10', start: '09:00', end: '10:00', coveredSeats: 7, totalSeats: 7 }));
    const view = { ...r.view, title: 'Ä'.repeat(200), agenda: 'Ü'.repeat(4000), slots, others };
    const card = pollAnswerCard({ view, slotWhen, answerBy: 'x', organiserName: 'Anna', names: longNames, refreshUserIds: [PR.erik] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining(['Ja: 167', 'Om det behövs: 167', 'Nej: 166', t.polls.card.moreComments({ count: 500 })]));
  });

  it('is in English for an English viewer', () => {
    const r = memberPollView({ poll: anonymous, personId: PR.erik, seats, now });
    if (!r.ok) throw new Error(r.reason);
    const card = pollAnswerCard({ view: r.view, slotWhen, answerBy: 'Tuesday 6 April 2027', organiserName: 'Anna Provström', names, refreshUserIds: [] }, catalogues.en);
    expect((byId(card, 'answer-s1')?.choices as { title: string }[]).map((c) => c.title)).toEqual(['Yes', 'If need be', 'No']);
    expect(card.refresh?.userIds).toBeUndefined();
  });
});
