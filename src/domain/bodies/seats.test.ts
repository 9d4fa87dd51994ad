import { describe, expect, it } from 'vitest';
import { id } from '../../../tests/helpers/demo-bodies.js';
import { appoint, bodySeatSchema, bodySeatsSchema, endTerm, holderOn, holdersOnAny, holdingsOn, seatsHeldBy, vacanciesOn, type BodySeat } from './seats.js';

const A = id(1);
const B = id(2);
const C = id(3);
const seat = (terms: BodySeat['terms'], over: Partial<BodySeat> = {}): BodySeat =>
  bodySeatSchema.parse({ id: 'programrad-vastmanland-1', body: 'programrad', constituency: 'vastmanland', kind: 'ordinary', terms, ...over });

describe('terms of office', () => {
  const s = seat([
    { personId: A, start: '2026-01-01', end: '2027-12-31' },
    { personId: B, start: '2028-02-01' },
  ]);
  it('the holder on a date is the one whose term covers it; first and last days count', () => {
    expect(holderOn({ seat: s, date: '2026-01-01' })).toBe(A);
    expect(holderOn({ seat: s, date: '2027-12-31' })).toBe(A);
    expect(holderOn({ seat: s, date: '2028-02-01' })).toBe(B);
    expect(holderOn({ seat: s, date: '2040-06-01' })).toBe(B); // no end: until further notice
  });
  it('a date no term covers is a vacancy: before the first term and between terms', () => {
    expect(holderOn({ seat: s, date: '2025-12-31' })).toBeUndefined();
    expect(holderOn({ seat: s, date: '2028-01-15' })).toBeUndefined();
    expect(vacanciesOn({ seats: [s], body: 'programrad', date: '2028-01-15' }).map((v) => v.seatId)).toEqual([s.id]);
    expect(vacanciesOn({ seats: [s], body: 'programrad', date: '2027-06-01' })).toEqual([]);
  });
  it('stored terms must be in order and must not overlap; a term ends on or after its start', () => {
    expect(() => seat([{ personId: A, start: '2026-01-01' }, { personId: B, start: '2027-01-01' }])).toThrow(/overlap/);
    expect(() => seat([{ personId: A, start: '2026-01-01', end: '2026-12-31' }, { personId: B, start: '2026-12-31' }])).toThrow(/overlap/);
    expect(() => seat([{ personId: B, start: '2027-01-01', end: '2027-12-31' }, { personId: A, start: '2026-01-01', end: '2026-12-31' }])).toThrow(/overlap/);
    expect(() => seat([{ personId: A, start: '2026-05-01', end: '2026-04-30' }])).toThrow(/ends on or after/);
    expect(() => seat([{ personId: A, start: '2026-02-30' }])).toThrow(/yyyy-MM-dd/);
  });
  it('ids are unique across all seats', () => {
    expect(bodySeatsSchema.safeParse([seat([]), seat([])]).success).toBe(false);
    expect(bodySeatsSchema.safeParse([seat([]), seat([], { id: 'programrad-vastmanland-2' })]).success).toBe(true);
  });
});

describe('appointing and ending terms', () => {
  it('a successor is appointed from the day after the current term ends; no gap opens', () => {
    const ended = endTerm({ seat: seat([{ personId: A, start: '2026-01-01' }]), lastDay: '2027-06-30' });
    if (!ended.ok) throw new Error(ended.reason);
    expect(ended.ended).toEqual({ personId: A, start: '2026-01-01', end: '2027-06-30' });
    const next = appoint({ seat: ended.seat, personId: B.toUpperCase(), start: '2027-07-01' });
    if (!next.ok) throw new Error(next.reason);
    expect(holderOn({ seat: next.seat, date: '2027-06-30' })).toBe(A);
    expect(holderOn({ seat: next.seat, date: '2027-07-01' })).toBe(B); // ids are stored in lower case
  });
  it('a term that overlaps one already recorded is refused, as is one that ends before it starts', () => {
    const s = seat([{ personId: A, start: '2026-01-01', end: '2027-06-30' }]);
    expect(appoint({ seat: s, personId: B, start: '2027-06-30' })).toEqual({ ok: false, reason: 'overlapsTerm' });
    expect(appoint({ seat: s, personId: B, start: '2025-01-01' })).toEqual({ ok: false, reason: 'overlapsTerm' });
    expect(appoint({ seat: s, personId: B, start: '2028-01-01', end: '2027-01-01' })).toEqual({ ok: false, reason: 'endBeforeStart' });
  });
  it('an earlier term appointed later is kept in date order', () => {
    const s = seat([{ personId: B, start: '2027-01-01' }]);
    const r = appoint({ seat: s, personId: A, start: '2026-01-01', end: '2026-12-31' });
    if (!r.ok) throw new Error(r.reason);
    expect(r.seat.terms.map((t) => t.personId)).toEqual([A, B]);
  });
  it('ending a term on a day nobody holds the seat is refused', () => {
    expect(endTerm({ seat: seat([]), lastDay: '2027-01-01' })).toEqual({ ok: false, reason: 'vacantOnDate' });
  });
});

describe('holdings', () => {
  const seats = [
    seat([{ personId: A, start: '2026-01-01' }]),
    seat([], { id: 'programrad-vastmanland-2' }),
    seat([{ personId: C, start: '2026-01-01' }], { id: 'programrad-vastmanland-substitute-1', kind: 'substitute' }),
    seat([{ personId: B, start: '2026-01-01', end: '2026-12-31' }], { id: 'programrad-mdu-1', constituency: 'mdu' }),
    seat([{ personId: B, start: '2026-01-01' }], { id: 'programgrupp-mdu-1', body: 'programgrupp', constituency: 'mdu' }),
  ];
  it('number each constituency’s seats and substitutes’ places separately, in order, and show vacancies', () => {
    expect(holdingsOn({ seats, body: 'programrad', date: '2026-06-01' })).toEqual([
      { seatId: 'programrad-vastmanland-1', body: 'programrad', constituency: 'vastmanland', kind: 'ordinary', ordinal: 1, personId: A },
      { seatId: 'programrad-vastmanland-2', body: 'programrad', constituency: 'vastmanland', kind: 'ordinary', ordinal: 2 },
      { seatId: 'programrad-vastmanland-substitute-1', body: 'programrad', constituency: 'vastmanland', kind: 'substitute', ordinal: 1, personId: C },
      { seatId: 'programrad-mdu-1', body: 'programrad', constituency: 'mdu', kind: 'ordinary', ordinal: 1, personId: B },
    ]);
  });
  it('what a person holds depends on the date and spans bodies', () => {
    expect(seatsHeldBy({ seats, personId: B, date: '2026-06-01' }).map((s) => s.id)).toEqual(['programrad-mdu-1', 'programgrupp-mdu-1']);
    expect(seatsHeldBy({ seats, personId: B, date: '2027-06-01' }).map((s) => s.id)).toEqual(['programgrupp-mdu-1']);
  });
  it('everyone holding a place in a body on any of several dates, substitutes included, each once', () => {
    expect(holdersOnAny({ seats, body: 'programrad', dates: ['2026-06-01', '2027-06-01'] })).toEqual([A, C, B]);
    expect(holdersOnAny({ seats, body: 'programrad', dates: ['2027-06-01'] })).toEqual([A, C]);
  });
});
