import { describe, expect, it } from 'vitest';
import { id, PR, seats } from '../../../tests/helpers/demo-bodies.js';
import { stockholmInstant } from '../time.js';
import { appoint, endTerm, type BodySeat } from './seats.js';
import { termEndReminders } from './term-reminders.js';

// Olof's Sörmland term ends on Wednesday 30 June 2027: 60 days before is 1 May, 14 days before is 16 June.
const base = seats.find((s) => s.id === 'programrad-sormland-2');
if (!base) throw new Error('demo seats changed');
const ended = endTerm({ seat: base, lastDay: '2027-06-30' });
if (!ended.ok) throw new Error(ended.reason);
const ending: BodySeat[] = seats.map((s) => (s.id === base.id ? ended.seat : s));
const at = (date: string, time = '09:00') => stockholmInstant(date, time);
const due = (now: Date, sentKeys: ReadonlySet<string> = new Set(), s: readonly BodySeat[] = ending) => termEndReminders({ seats: s, now, sentKeys });

describe('term-end reminders', () => {
  it('are due 60 days before the last day at 09:00 Stockholm, not a minute earlier', () => {
    expect(due(at('2027-05-01', '08:59'))).toEqual([]);
    expect(due(at('2027-05-01'))).toEqual([
      {
        key: 'term-end:programrad-sormland-2:00000000-0000-0000-0000-000000000104:2027-06-30:60',
        seatId: 'programrad-sormland-2',
        body: 'programrad',
        constituency: 'sormland',
        kind: 'ordinary',
        personId: PR.olof,
        lastDay: '2027-06-30',
        daysBefore: 60,
        daysLeft: 60,
      },
    ]);
  });

  it('once sent, the 60-day reminder is not due again; the 14-day one comes on its day', () => {
    const first = due(at('2027-05-01'));
    const sent = new Set(first.map((r) => r.key));
    expect(due(at('2027-05-20'), sent)).toEqual([]);
    expect(due(at('2027-06-16'), sent).map((r) => [r.daysBefore, r.daysLeft])).toEqual([[14, 14]]);
  });

  it('a reminder missed while the bot was down is sent late, but never together with the next one', () => {
    expect(due(at('2027-05-30')).map((r) => r.daysBefore)).toEqual([60]);
    expect(due(at('2027-06-20')).map((r) => r.daysBefore)).toEqual([14]);
  });

  it('stop once the term has ended; terms without an end are never reminded', () => {
    expect(due(at('2027-06-30', '23:59')).map((r) => r.daysLeft)).toEqual([0]);
    expect(due(at('2027-07-01', '00:00'))).toEqual([]);
    expect(due(at('2027-05-01'), new Set(), seats)).toEqual([]);
  });

  it('name the successor when one is appointed from the next day', () => {
    const next = appoint({ seat: ended.seat, personId: id(140), start: '2027-07-01' });
    if (!next.ok) throw new Error(next.reason);
    const s = ending.map((x) => (x.id === next.seat.id ? next.seat : x));
    expect(due(at('2027-05-01'), new Set(), s)[0]?.successorId).toBe(id(140));
  });

  it('a term extended after its reminders gets fresh ones (the key names the last day)', () => {
    const sent = new Set(due(at('2027-06-16')).map((r) => r.key));
    const longer: BodySeat = { ...ended.seat, terms: ended.seat.terms.map((t) => ({ ...t, end: '2027-12-31' })) };
    const s = ending.map((x) => (x.id === longer.id ? longer : x));
    expect(due(at('2027-11-01'), sent, s).map((r) => [r.lastDay, r.daysBefore])).toEqual([['2027-12-31', 60]]);
  });

  it('follow the configured stages and time of day', () => {
    const r = termEndReminders({ seats: ending, now: at('2027-06-23', '14:00'), daysBefore: [30, 7], timeOfDay: '14:00' });
    expect(r.map((x) => x.daysBefore)).toEqual([7]);
    expect(termEndReminders({ seats: ending, now: at('2027-06-23', '13:59'), daysBefore: [30, 7], timeOfDay: '14:00' }).map((x) => x.daysBefore)).toEqual([30]);
  });
});
