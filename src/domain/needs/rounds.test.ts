import { describe, expect, it } from 'vitest';
import { assignRound, openRound, parseRoundForm, roundClosesAt, changeRoundClosing, type NeedsRound } from './rounds.js';
import { people } from './test-fixtures.js';

const now = new Date('2026-08-20T10:00:00Z');
const round = (year: number, closingDate: string, openedAt = '2026-01-10T09:00:00Z'): NeedsRound => ({
  year,
  closingDate,
  closesAt: roundClosesAt(closingDate),
  openedAt: new Date(openedAt),
  openedBy: people.leadership.aadObjectId,
});

describe('needs rounds', () => {
  it('a round closes at the end of its closing day in Stockholm, summer and winter time alike', () => {
    expect(roundClosesAt('2026-09-30').toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(roundClosesAt('2026-12-31').toISOString()).toBe('2026-12-31T23:00:00.000Z');
    // the day before the spring switch: midnight still exists
    expect(roundClosesAt('2027-03-27').toISOString()).toBe('2027-03-27T23:00:00.000Z');
  });

  it('leadership opens a round; a director may not', () => {
    const r = openRound({ rounds: [], year: 2027, closingDate: '2026-09-30', actor: people.leadership, now });
    expect(r).toMatchObject({ ok: true, round: { year: 2027, closingDate: '2026-09-30', openedBy: people.leadership.aadObjectId } });
    expect(openRound({ rounds: [], year: 2027, closingDate: '2026-09-30', actor: people.vasterasDirector, now })).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('one round per programme year, for this year and the next three, closing in the future', () => {
    const existing = [round(2027, '2026-09-30')];
    const open = (year: number, closingDate: string) => openRound({ rounds: existing, year, closingDate, actor: people.leadership, now });
    expect(open(2027, '2026-10-30')).toEqual({ ok: false, reason: 'roundExists' });
    expect(open(2025, '2026-10-30')).toEqual({ ok: false, reason: 'yearOutOfRange' });
    expect(open(2030, '2026-10-30')).toEqual({ ok: false, reason: 'yearOutOfRange' });
    expect(open(2028, '2026-08-19')).toEqual({ ok: false, reason: 'closingDateInPast' });
    expect(open(2028, '2026-02-30')).toEqual({ ok: false, reason: 'invalidDate' });
    expect(open(2028, '2026-08-20').ok).toBe(true);
  });

  it('the closing date can be moved, but not into the past', () => {
    const rounds = [round(2027, '2026-09-30')];
    expect(changeRoundClosing({ rounds, year: 2027, closingDate: '2026-10-15', actor: people.leadership, now })).toMatchObject({ ok: true, round: { closingDate: '2026-10-15' } });
    expect(changeRoundClosing({ rounds, year: 2027, closingDate: '2026-08-01', actor: people.leadership, now })).toEqual({ ok: false, reason: 'closingDateInPast' });
    expect(changeRoundClosing({ rounds, year: 2028, closingDate: '2026-10-15', actor: people.leadership, now })).toEqual({ ok: false, reason: 'noSuchRound' });
  });

  it('the round form names each problem and keeps the values', () => {
    const r = parseRoundForm({ data: { year: '2027', closingDate: '2026-13-01' }, rounds: [{ year: 2027 }], now });
    expect(r).toEqual({
      ok: false,
      values: { year: '2027', closingDate: '2026-13-01' },
      errors: [
        { field: 'year', problem: 'roundExists' },
        { field: 'closingDate', problem: 'invalid' },
      ],
    });
    expect(parseRoundForm({ data: { year: 2028, closingDate: '2026-10-01' }, rounds: [], now })).toMatchObject({ ok: true, value: { year: 2028, closingDate: '2026-10-01' } });
  });
});

describe('which round a need goes to', () => {
  it('an open round takes it', () => {
    expect(assignRound({ rounds: [round(2027, '2026-09-30')], now })).toEqual({ kind: 'open', year: 2027, closingDate: '2026-09-30' });
  });

  it('a need on the closing day, Stockholm evening, is still in time; one a minute after midnight is late', () => {
    const rounds = [round(2027, '2026-09-30')];
    expect(assignRound({ rounds, now: new Date('2026-09-30T21:59:00Z') }).kind).toBe('open');
    expect(assignRound({ rounds, now: new Date('2026-09-30T22:01:00Z') })).toMatchObject({ kind: 'late', missed: { year: 2027 } });
  });

  it('after the close, with no round open, it goes to the following programme year', () => {
    expect(assignRound({ rounds: [round(2027, '2026-08-15')], now })).toEqual({ kind: 'late', year: 2028, missed: { year: 2027, closingDate: '2026-08-15' } });
  });

  it('after the close, it goes to the next round that is already open, and the person is told which', () => {
    const rounds = [round(2027, '2026-08-15'), round(2028, '2026-12-15', '2026-06-01T08:00:00Z')];
    expect(assignRound({ rounds, now })).toEqual({ kind: 'late', year: 2028, closingDate: '2026-12-15', missed: { year: 2027, closingDate: '2026-08-15' } });
  });

  it('a round that closed long before the open one was opened is not a missed round', () => {
    const rounds = [round(2026, '2025-09-30', '2025-05-01T08:00:00Z'), round(2027, '2026-09-30')];
    expect(assignRound({ rounds, now })).toEqual({ kind: 'open', year: 2027, closingDate: '2026-09-30' });
  });

  it('the following year is never one already under way', () => {
    const rounds = [round(2026, '2025-09-30', '2025-05-01T08:00:00Z')];
    expect(assignRound({ rounds, now: new Date('2027-02-01T10:00:00Z') })).toMatchObject({ kind: 'late', year: 2028 });
  });

  it('before any round is opened, a need goes to next year’s programme (Stockholm year)', () => {
    expect(assignRound({ rounds: [], now })).toEqual({ kind: 'noRound', year: 2027 });
    // 23:30 on New Year's Eve in Stockholm is already the next year in UTC+5:45, still the old one in Stockholm
    expect(assignRound({ rounds: [], now: new Date('2026-12-31T22:30:00Z') })).toEqual({ kind: 'noRound', year: 2027 });
  });
});
