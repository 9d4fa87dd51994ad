import { describe, expect, it } from 'vitest';
import { id, people, PG, PR, seats } from '../../../tests/helpers/demo-bodies.js';
import { draft, makePoll, NOW, ORGANISER } from '../../../tests/helpers/demo-polls.js';
import { defaultInviteeIds } from '../meetings/meeting.js';
import { appoint, endTerm, type BodySeat } from '../bodies/seats.js';
import { addNewInvitees, createPoll, isPollAnswerOpen, pollClosesAt, pollDraftSchema, pollSchema } from './poll.js';
import { stockholmInstant } from '../time.js';

describe('a new poll', () => {
  it('asks every Programråd member and substitute: the seven holders and Västmanland’s substitute', () => {
    const poll = makePoll();
    expect([...poll.inviteeIds].sort()).toEqual([PR.anna, PR.johan, PR.sara, PR.erik, PR.maria, PR.lars, PR.anders, PR.olof].sort());
    expect(poll).toMatchObject({ status: 'open', organiserId: ORGANISER, responses: [], createdAt: NOW.toISOString() });
  });

  it('for the Programgrupp asks its eight members; for the yearly meeting every director and chair', () => {
    expect([...makePoll({ type: 'programgrupp' }).inviteeIds].sort()).toEqual(Object.values(PG).sort());
    const yearly = makePoll({ type: 'arlig-traff' });
    expect(yearly.inviteeIds).toEqual(defaultInviteeIds({ type: 'arlig-traff', people }));
    expect(yearly.inviteeIds.length).toBeGreaterThan(40);
  });

  it('asks who holds a seat on a proposed date: a successor starting before a proposal, not someone whose term ended before all', () => {
    const seat = seats.find((s) => s.id === 'programrad-mdu-3');
    if (!seat) throw new Error('demo seats changed');
    const ended = endTerm({ seat, lastDay: '2027-03-31' });
    if (!ended.ok) throw new Error(ended.reason);
    const next = appoint({ seat: ended.seat, personId: id(950), start: '2027-04-01' });
    if (!next.ok) throw new Error(next.reason);
    const handedOver: BodySeat[] = seats.map((s) => (s.id === seat.id ? next.seat : s));
    const r = createPoll({ id: 'p2', draft, organiserId: ORGANISER, seats: handedOver, people, now: NOW });
    if (!r.ok) throw new Error(r.reason);
    expect(r.poll.inviteeIds).toContain(id(950));
    expect(r.poll.inviteeIds).not.toContain(PR.sara);
    expect(r.notify).toEqual(r.poll.inviteeIds.map((personId) => ({ kind: 'pollInvited', personId })));
  });

  it('numbers the proposals in time order, whatever order they were typed in', () => {
    const poll = makePoll({ slots: [draft.slots[2], draft.slots[0], draft.slots[1]].flatMap((s) => (s ? [s] : [])) });
    expect(poll.slots.map((s) => [s.id, s.date])).toEqual([
      ['s1', '2027-04-13'],
      ['s2', '2027-04-14'],
      ['s3', '2027-04-20'],
    ]);
  });

  it('is refused when nobody would be asked (no seats held on the dates)', () => {
    expect(createPoll({ id: 'p3', draft, organiserId: ORGANISER, seats: [], people, now: NOW })).toEqual({ ok: false, reason: 'noInvitees' });
  });

  it('takes answers until its deadline’s day ends, Stockholm time', () => {
    const poll = makePoll();
    expect(pollClosesAt(poll).toISOString()).toBe(stockholmInstant('2027-04-07', '00:00').toISOString());
    expect(isPollAnswerOpen({ poll, now: stockholmInstant('2027-04-06', '23:59') })).toBe(true);
    expect(isPollAnswerOpen({ poll, now: stockholmInstant('2027-04-07', '00:00') })).toBe(false);
  });
});

describe('a seat handed over while the poll is open', () => {
  const seat = seats.find((s) => s.id === 'programrad-mdu-3');
  if (!seat) throw new Error('demo seats changed');
  const ended = endTerm({ seat, lastDay: '2027-03-31' });
  if (!ended.ok) throw new Error(ended.reason);
  const next = appoint({ seat: ended.seat, personId: id(950), start: '2027-04-01' });
  if (!next.ok) throw new Error(next.reason);
  const handedOver: BodySeat[] = seats.map((s) => (s.id === seat.id ? next.seat : s));

  it('brings the successor in, keeps the predecessor (and their answers), and tells only the successor', () => {
    const poll = makePoll();
    const r = addNewInvitees({ poll, seats: handedOver, people, now: stockholmInstant('2027-03-15', '10:00') });
    expect(r.notify).toEqual([{ kind: 'pollInvited', personId: id(950) }]);
    expect(r.poll.inviteeIds).toEqual([...poll.inviteeIds, id(950)]);
    expect(addNewInvitees({ poll: r.poll, seats: handedOver, people, now: stockholmInstant('2027-03-15', '10:00') }).notify).toEqual([]);
  });

  it('changes nothing once answers have closed', () => {
    const poll = makePoll();
    expect(addNewInvitees({ poll, seats: handedOver, people, now: stockholmInstant('2027-04-07', '00:00') }).poll).toBe(poll);
  });
});

describe('stored polls are validated', () => {
  const poll = makePoll();
  it('2 to 8 proposals, each a time that exists and ends after it starts', () => {
    expect(pollSchema.safeParse({ ...poll, slots: poll.slots.slice(0, 1) }).success).toBe(false);
    expect(pollDraftSchema.safeParse({ ...draft, slots: Array.from({ length: 9 }, (_, i) => ({ date: `2027-05-${String(i + 10)}`, start: '09:00', end: '10:00' })) }).success).toBe(false);
    expect(pollDraftSchema.safeParse({ ...draft, slots: [{ date: '2027-04-13', start: '10:00', end: '09:00' }, draft.slots[1]] }).success).toBe(false);
    // 02:30 on the last Sunday of March does not exist in Stockholm.
    expect(pollDraftSchema.safeParse({ ...draft, answerBy: '2027-03-20', slots: [{ date: '2027-03-28', start: '02:30', end: '04:00' }, draft.slots[1]] }).success).toBe(false);
  });
  it('answers close no later than the earliest proposal starts; the same time is not proposed twice', () => {
    expect(pollDraftSchema.safeParse({ ...draft, answerBy: '2027-04-13' }).success).toBe(false);
    expect(pollDraftSchema.safeParse({ ...draft, answerBy: '2027-04-12' }).success).toBe(true);
    expect(pollDraftSchema.safeParse({ ...draft, slots: [draft.slots[0], draft.slots[0]] }).success).toBe(false);
  });
  it('a place or a link; the yearly meeting is never finalised automatically', () => {
    const { place: _place, ...noPlace } = draft;
    expect(pollDraftSchema.safeParse(noPlace).success).toBe(false);
    expect(pollDraftSchema.safeParse({ ...noPlace, onlineUrl: 'https://teams.microsoft.com/l/x' }).success).toBe(true);
    expect(pollDraftSchema.safeParse({ ...draft, type: 'arlig-traff', autoFinalise: 'whenAnyCoversAll' }).success).toBe(false);
  });
  it('answers only from invitees, only to proposed times; the status and its record go together', () => {
    const response = { personId: PR.erik, answers: { s1: 'yes' }, answeredAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
    expect(pollSchema.safeParse({ ...poll, responses: [response] }).success).toBe(true);
    expect(pollSchema.safeParse({ ...poll, responses: [{ ...response, personId: id(24) }] }).success).toBe(false);
    expect(pollSchema.safeParse({ ...poll, responses: [{ ...response, answers: { s4: 'yes' } }] }).success).toBe(false);
    expect(pollSchema.safeParse({ ...poll, responses: [{ ...response, answers: { s1: 'maybe' } }] }).success).toBe(false);
    expect(pollSchema.safeParse({ ...poll, responses: [response, response] }).success).toBe(false);
    expect(pollSchema.safeParse({ ...poll, status: 'finalised' }).success).toBe(false);
    expect(pollSchema.safeParse({ ...poll, status: 'finalised', finalised: { slotId: 's1', at: NOW.toISOString(), auto: true } }).success).toBe(true);
    expect(pollSchema.safeParse({ ...poll, status: 'finalised', finalised: { slotId: 's7', at: NOW.toISOString(), auto: true } }).success).toBe(false);
    expect(pollSchema.safeParse({ ...poll, responses: [{ ...response, comment: 'x'.repeat(501) }] }).success).toBe(false);
  });
});
