import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { people, PR, seats } from '../../tests/helpers/demo-bodies.js';
import { answered, makePoll, SCENARIO, type Answers } from '../../tests/helpers/demo-polls.js';
import { decideQuorumPolicy, DEFAULT_QUORUM_POLICIES } from '../domain/bodies/quorum.js';
import { finalisePoll } from '../domain/polls/finalise.js';
import type { Poll } from '../domain/polls/poll.js';
import { leadershipPollView } from '../domain/polls/views.js';
import { stockholmInstant } from '../domain/time.js';
import { catalogues } from '../i18n/catalogue.js';
import { pollOverviewCard, type PollOverviewCardModel } from './poll-overview-card.js';
import { pollVerbs } from './poll-verbs.js';

const t = catalogues.sv;
const now = stockholmInstant('2027-04-07', '09:00');
const names: Record<string, string> = Object.fromEntries(people.map((p) => [p.aadObjectId, p.name]));
const slotWhen = { s1: 'tisdag 13 april 2027 kl. 09.00–12.00', s2: 'onsdag 14 april 2027 kl. 13.00–16.00', s3: 'tisdag 20 april 2027 kl. 09.00–12.00' };
const poll = answered(makePoll(), SCENARIO);

function cardFor(p: Poll, over: Partial<PollOverviewCardModel> = {}, view = leadershipPollView({ poll: p, seats, now })) {
  return pollOverviewCard({ view, slotWhen, answerBy: 'tisdag 6 april 2027', names, ...over }, t);
}
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
const factSets = (card: unknown) => cardNodes(card).filter((n) => n.type === 'FactSet').map((n) => n.facts as { title: string; value: string }[]);
const executes = (card: unknown) => cardNodes(card).filter((n) => n.type === 'Action.Execute');

describe('poll overview card (leadership)', () => {
  const card = cardFor(poll);

  it('ranks the times, best first, and marks the one that covers every seat', () => {
    expect(validateCard(card)).toEqual([]);
    const ranks = texts(card).filter((s) => s.startsWith('Nr '));
    expect(ranks).toEqual([`Nr 1: ${slotWhen.s1}`, `Nr 2: ${slotWhen.s2}`, `Nr 3: ${slotWhen.s3}`]);
    expect(texts(card).filter((s) => s.includes(t.polls.overview.coversAll))).toHaveLength(1);
  });

  it('shows who covers each seat — the holder, or the substitute standing in — and which seats are not covered, with why', () => {
    const [first, second, third] = factSets(card);
    expect(first).toContainEqual({ title: 'Västmanland 1', value: '✅ Lars Testlund, ersättare för Erik Demoberg – Ja' });
    expect(first).toContainEqual({ title: 'MDU 1', value: '✅ Anna Provström – Ja' });
    expect(second).toContainEqual({ title: 'Västmanland 2', value: '⚠️ Inte täckt (Maria Exempelsson: Nej)' });
    expect(third).toContainEqual({ title: 'Sörmland 2', value: '⚠️ Inte täckt (Olof Försöksgren: Nej)' });
    expect(third).toContainEqual({ title: 'MDU 3', value: '✅ Sara Skissberg – Om det behövs' });
  });

  it('counts per party and quorum per time, marked as assumptions, and spells the assumptions out', () => {
    const lines = texts(card);
    expect(lines).toContain('Täckta platser: 7 av 7 (7 med ja)');
    expect(lines).toContain('Per part: MDU 3/3 · Västmanland 2/2 · Sörmland* 2/2');
    expect(lines).toContain('Beslutsförhet*: uppnådd (7 platser täckta, 4 krävs)');
    expect(lines).toContain(t.bodies.assumptions.quorumDefault);
    expect(lines).toContain(t.bodies.assumptions.sormlandProgramradSeats);
    expect(lines).toContain('Ja 7 · Om det behövs 0 · Nej 1 · Ej svarat 0');
  });

  it('a quorum leadership has set carries no mark', () => {
    const quorum = decideQuorumPolicy({ policies: DEFAULT_QUORUM_POLICIES, body: 'programrad', rule: { kind: 'allSeats' }, everyConstituency: false, by: PR.anna, now });
    const c = cardFor(poll, {}, leadershipPollView({ poll, seats, now, quorum }));
    expect(texts(c)).toContain('Beslutsförhet: inte uppnådd (6 platser täckta, 7 krävs)');
    expect(texts(c)).not.toContain(t.bodies.assumptions.quorumDefault);
  });

  it('offers each time that has not begun, and asks before choosing', () => {
    expect(executes(card).filter((a) => a.verb === pollVerbs.finalise).map((a) => a.data)).toEqual([
      { pollId: 'p1', slotId: 's1', verb: pollVerbs.finalise },
      { pollId: 'p1', slotId: 's2', verb: pollVerbs.finalise },
      { pollId: 'p1', slotId: 's3', verb: pollVerbs.finalise },
    ]);
    const confirm = cardFor(poll, { confirmSlotId: 's2' });
    expect(validateCard(confirm)).toEqual([]);
    expect(texts(confirm)).toContain(t.polls.overview.confirmChoose({ when: slotWhen.s2 }));
    expect(executes(confirm).filter((a) => a.verb === pollVerbs.finalise).map((a) => a.data)).toContainEqual({ pollId: 'p1', slotId: 's2', confirm: 'yes', verb: pollVerbs.finalise });
  });

  it('can call the poll off, asking first', () => {
    expect(executes(card).filter((a) => a.verb === pollVerbs.cancel).map((a) => a.data)).toEqual([{ pollId: 'p1', verb: pollVerbs.cancel }]);
    const confirm = cardFor(poll, { confirmCancel: true });
    expect(texts(confirm)).toContain(t.polls.overview.confirmCancel);
    expect(executes(confirm).find((a) => a.verb === pollVerbs.cancel)?.data).toEqual({ pollId: 'p1', confirm: 'yes', verb: pollVerbs.cancel });
  });

  it('once a time is chosen: says which, and offers neither choosing nor calling off', () => {
    const f = finalisePoll({ poll, slotId: 's1', by: { personId: PR.anna }, seats, people, now });
    if (!f.ok) throw new Error(f.reason);
    const c = cardFor(f.poll);
    expect(validateCard(c)).toEqual([]);
    expect(texts(c)).toContain(`Vald tid: ${slotWhen.s1}`);
    expect(executes(c).map((a) => a.verb)).toEqual([pollVerbs.overview]);
  });

  it('lists who has not answered, and the comments', () => {
    const partly = answered(makePoll(), SCENARIO.slice(3, 5));
    const c = cardFor(partly);
    expect(texts(c)).toContain('Har inte svarat på alla tider: Anna Provström, Johan Prövdahl, Sara Skissberg, Anders Låtsasgren, Olof Försöksgren, Lars Testlund');
    expect(texts(c)).toContain('Jag är på resa den 13:e.');
    expect(texts(c)).toContain('Täckta platser: 1 av 7 (1 med ja)');
  });

  it('a vacant seat without a substitute is shown as such', () => {
    const vacant = seats.map((s) => (s.id === 'programrad-sormland-1' ? { ...s, terms: [] } : s));
    const c = cardFor(poll, {}, leadershipPollView({ poll, seats: vacant, now }));
    expect(factSets(c)[0]).toContainEqual({ title: 'Sörmland 1', value: '⚠️ Inte täckt (vakant)' });
  });

  it('for the yearly meeting: no seats, the names per answer instead', () => {
    const yearly = makePoll({ type: 'arlig-traff' });
    const [a, b] = yearly.inviteeIds;
    if (!a || !b) throw new Error('too few invitees');
    const p = answered(yearly, [[a, { s1: 'yes', s2: 'no', s3: 'yes' }], [b, { s1: 'yes', s2: 'ifNeedBe' } as Answers]]);
    const c = cardFor(p);
    expect(validateCard(c)).toEqual([]);
    expect(factSets(c)).toEqual([]);
    expect(texts(c)).toContain(`Ja: ${names[a]}, ${names[b]}`);
    expect(texts(c)).not.toContain(t.bodies.assumptions.quorumDefault);
  });

  it('what people typed is never read as markdown', () => {
    const hostile = answered(makePoll({ title: '# **Rubrik**' }), [[PR.olof, { s1: 'no' }, '**fet** [x](https://evil.example)']]);
    const c = cardFor(hostile, { names: { ...names, [PR.olof]: 'O*lof [x](y)' } });
    expect(validateCard(c)).toEqual([]);
    const runs = cardNodes(c).filter((n) => n.type === 'TextRun').map((n) => n.text);
    expect(runs).toEqual(expect.arrayContaining(['# **Rubrik**', '**fet** [x](https://evil.example)']));
    expect(factSets(c)[0]).toContainEqual({ title: 'Sörmland 2', value: '⚠️ Inte täckt (O\\*lof \\[x\\]\\(y\\): Nej)' });
  });

  it('a yearly-meeting poll of eight times with every invitee commenting at length fits Teams’ card size', () => {
    const yearly = makePoll({ type: 'arlig-traff', slots: Array.from({ length: 8 }, (_, i) => ({ date: `2027-05-${String(10 + i)}`, start: '09:00', end: '16:00' })), answerBy: '2027-05-01' });
    const all: [string, Answers, string][] = yearly.inviteeIds.map((who, i) => [who, { s1: 'yes', s2: 'ifNeedBe', s3: 'no', s4: 'yes', s5: 'yes', s6: 'no', s7: 'ifNeedBe', s8: 'yes' }, `${i} ${'å'.repeat(495)}`]);
    const p = answered(yearly, all);
    const when = Object.fromEntries(p.slots.map((x) => [x.id, `${x.date} kl. 09.00–16.00`]));
    const c = pollOverviewCard({ view: leadershipPollView({ poll: p, seats, now: stockholmInstant('2027-05-02', '09:00') }), slotWhen: when, answerBy: 'lördag 1 maj 2027', names }, t);
    expect(validateCard(c)).toEqual([]);
    expect(executes(c).filter((a) => a.verb === pollVerbs.finalise)).toHaveLength(8);
  });

  it('is in English for an English viewer', () => {
    const c = pollOverviewCard({ view: leadershipPollView({ poll, seats, now }), slotWhen, answerBy: 'Tuesday 6 April 2027', names }, catalogues.en);
    expect(texts(c)).toContain('Quorum*: reached (7 seats covered, 4 required)');
    expect(factSets(c)[0]).toContainEqual({ title: 'Västmanland 1', value: '✅ Lars Testlund, substitute for Erik Demoberg – Yes' });
  });
});
