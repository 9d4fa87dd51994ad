// `npx tsx bench/polls.ts`: what a date-poll turn costs in the domain and the cards alone (no HTTP, no store):
// one person's answer recorded, their card and leadership's overview rebuilt, and the reminder check — for a poll
// of 50 invitees × 8 times (issue #16's bench case), and for the seat matching at its worst (every invitee a
// substitute of one constituency). Prints medians and 95th percentiles in milliseconds.
import { seatCoverage, type Availability } from '../src/domain/bodies/coverage.js';
import type { BodySeat } from '../src/domain/bodies/seats.js';
import { answerPoll } from '../src/domain/polls/answer.js';
import { createPoll, pollDraftSchema, SLOT_IDS, type Poll } from '../src/domain/polls/poll.js';
import { dueReminders } from '../src/domain/polls/reminders.js';
import { leadershipPollView, memberPollView } from '../src/domain/polls/views.js';
import type { Person } from '../src/domain/people.js';
import { stockholmInstant } from '../src/domain/time.js';
import { pollAnswerCard } from '../src/cards/poll-answer-card.js';
import { pollOverviewCard } from '../src/cards/poll-overview-card.js';
import { catalogues } from '../src/i18n/catalogue.js';
import { mulberry32 } from '../tests/helpers/prng.js';

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const random = mulberry32(16);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const ANSWERS: readonly Availability[] = ['yes', 'ifNeedBe', 'no'];
const now = stockholmInstant('2027-03-01', '10:00');
const t = catalogues.sv;

/** A body of 7 seats (3 MDU, 2 + 2 counties) and, besides the holders, 43 substitutes: 50 invitees. */
function seats(): BodySeat[] {
  const out: BodySeat[] = [];
  const add = (seatId: string, constituency: BodySeat['constituency'], kind: BodySeat['kind'], n: number) =>
    out.push({ id: seatId, body: 'programrad', constituency, kind, terms: [{ personId: id(n), start: '2026-01-01' }] });
  let n = 1;
  for (const [c, count] of [['mdu', 3], ['vastmanland', 2], ['sormland', 2]] as const) for (let i = 1; i <= count; i++) add(`programrad-${c}-${i}`, c, 'ordinary', n++);
  for (let i = 1; n <= 50; i++) add(`programrad-${pick(['mdu', 'vastmanland', 'sormland'] as const)}-substitute-${i}`, pick(['mdu', 'vastmanland', 'sormland'] as const), 'substitute', n++);
  return out;
}

function poll(body: BodySeat[]): Poll {
  const draft = pollDraftSchema.parse({
    type: 'programrad',
    title: 'Vårdialog',
    place: 'MDU',
    agenda: '',
    answerBy: '2027-04-06',
    visibility: 'open',
    autoFinalise: 'off',
    slots: SLOT_IDS.map((_, i) => ({ date: `2027-04-${String(12 + i)}`, start: '09:00', end: '12:00' })),
  });
  const r = createPoll({ id: 'bench', draft, organiserId: id(1), seats: body, people: [] as Person[], now });
  if (!r.ok) throw new Error(r.reason);
  let p = r.poll;
  // Everyone but the last has answered already, many with a comment.
  p.inviteeIds.slice(0, -1).forEach((who, i) => {
    const a = answerPoll({ poll: p, personId: who, answers: Object.fromEntries(SLOT_IDS.map((s) => [s, pick(ANSWERS)])), comment: i % 3 === 0 ? `Kommentar ${i} ${'x'.repeat(120)}` : undefined, now });
    if (a.ok) p = a.poll;
  });
  return p;
}

function measure(label: string, runs: number, fn: () => void): void {
  for (let i = 0; i < 20; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0).toFixed(2);
  process.stdout.write(`${label.padEnd(64)} median ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms\n`);
}

const body = seats();
const p = poll(body);
const last = p.inviteeIds.at(-1) ?? id(50);
const names = Object.fromEntries(p.inviteeIds.map((who, i) => [who, `Person ${i} Efternamnsson`]));
const slotWhen = Object.fromEntries(p.slots.map((s) => [s.id, `${s.date} kl. 09.00–12.00`]));
process.stdout.write(`poll: ${p.inviteeIds.length} invitees × ${p.slots.length} times, ${body.length} places (7 seats)\n`);

measure('answer turn: answerPoll + memberPollView + answer card', 500, () => {
  const r = answerPoll({ poll: p, personId: last, answers: Object.fromEntries(SLOT_IDS.map((s) => [s, 'yes'])), comment: 'Ja', now });
  if (!r.ok) throw new Error(r.reason);
  const v = memberPollView({ poll: r.poll, personId: last, seats: body, now });
  if (!v.ok) throw new Error(v.reason);
  pollAnswerCard({ view: v.view, slotWhen, answerBy: 'tisdag 6 april 2027', organiserName: 'Anna', names, refreshUserIds: [last] }, t);
});
measure('overview turn: leadershipPollView + overview card', 500, () => {
  pollOverviewCard({ view: leadershipPollView({ poll: p, seats: body, now }), slotWhen, answerBy: 'tisdag 6 april 2027', names }, t);
});
measure('reminder check: dueReminders', 500, () => {
  dueReminders({ poll: p, seats: body, now: stockholmInstant('2027-03-02', '09:00'), timeOfDay: '09:00', maxReminders: 3, sentKeys: new Set() });
});
const allNo = Object.fromEntries(p.inviteeIds.slice(0, 7).map((who) => [who, 'no' as const]));
const subsYes = Object.fromEntries(p.inviteeIds.slice(7).map((who) => [who, pick(['yes', 'ifNeedBe'] as const)]));
measure('seatCoverage, 7 holders away, 43 substitutes can come', 2000, () => {
  seatCoverage({ seats: body, body: 'programrad', date: '2027-04-12', availability: { ...allNo, ...subsYes } });
});
