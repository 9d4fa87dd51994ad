import { describe, expect, it } from 'vitest';
import { personSchema, type Person } from '../people.js';
import { stockholmInstant } from '../time.js';
import { dueTermEndReminders, gapsFromTermEnds, inOfficeOn, termState } from './terms.js';

const person = (n: number, term?: Person['term']): Person =>
  personSchema.parse({ aadObjectId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`, name: `P${n}`, organisationId: 'vasteras', title: 'Kommundirektör', roles: ['staff'], ...(term ? { term } : {}) });

describe('terms of office', () => {
  it('a term covers its first and last day (Stockholm dates), not the days outside', () => {
    const p = person(1, { start: '2027-01-01', end: '2027-06-30' });
    expect(termState({ person: p, date: '2026-12-31' })).toEqual({ state: 'notYet', start: '2027-01-01' });
    expect(inOfficeOn({ person: p, date: '2027-01-01' })).toBe(true);
    expect(inOfficeOn({ person: p, date: '2027-06-30' })).toBe(true);
    expect(termState({ person: p, date: '2027-07-01' })).toEqual({ state: 'ended', end: '2027-06-30' });
    expect(inOfficeOn({ person: person(2), date: '1999-01-01' })).toBe(true);
  });

  it('a term that ends before it starts, or on a date that does not exist, is refused', () => {
    expect(() => person(1, { start: '2027-02-01', end: '2027-01-31' })).toThrow();
    expect(() => person(1, { end: '2027-02-30' })).toThrow();
  });

  it('reminders: 60 and 14 days before from the time of day, only the latest stage due, none after the end, none twice', () => {
    const people = [person(1, { end: '2027-06-30' })];
    const at = (date: string, time: string, sent: string[] = []) => dueTermEndReminders({ people, now: stockholmInstant(date, time), sentKeys: new Set(sent) });
    expect(at('2027-05-01', '08:59')).toEqual([]);
    const sixty = at('2027-05-01', '09:00');
    expect(sixty.map((r) => [r.daysBefore, r.daysLeft])).toEqual([[60, 60]]);
    expect(at('2027-05-02', '12:00', [sixty[0]?.key ?? ''])).toEqual([]);
    // Down for the whole window between: the 14-day one alone, never both.
    expect(at('2027-06-20', '09:00').map((r) => r.daysBefore)).toEqual([14]);
    expect(at('2027-07-01', '09:00')).toEqual([]);
  });

  it('the gap a term end opens is reported; a successor from the next day closes it', () => {
    const organisations = [{ id: 'vasteras', name: 'Västerås stad', kind: 'municipality', county: 'vastmanland' }] as never;
    const member = (n: number, term?: Person['term']) => ({ ...person(n, term), roles: ['programrad' as const], programrad: { membership: 'ordinary' as const, seat: 'vastmanland' as const } });
    const leaving = member(1, { end: '2027-06-30' });
    const gaps = gapsFromTermEnds({ people: [leaving, member(2)], organisations, today: '2027-05-01' });
    expect(gaps.map((g) => [g.personId, g.lastDay, g.deviations.map((d) => d.rule)])).toEqual([[leaving.aadObjectId, '2027-06-30', ['otherSeats', 'vastmanlandOrdinary']]]);
    expect(gapsFromTermEnds({ people: [leaving, member(2), member(3, { start: '2027-07-01' })], organisations, today: '2027-05-01' })).toEqual([]);
  });
});
