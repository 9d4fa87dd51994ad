import { describe, expect, it } from 'vitest';
import { PR, seats } from '../../../tests/helpers/demo-bodies.js';
import { answered, makePoll, SCENARIO, type Answers } from '../../../tests/helpers/demo-polls.js';
import { stockholmInstant } from '../time.js';
import { cancelPoll } from './finalise.js';
import type { Poll } from './poll.js';
import { dueReminders } from './reminders.js';

const at = (date: string, time = '09:00') => stockholmInstant(date, time);
const due = (poll: Poll, now: Date, sentKeys: ReadonlySet<string> = new Set()) => dueReminders({ poll, seats, now, timeOfDay: '09:00', maxReminders: 3, sentKeys });
const who = (rs: { personId: string }[]) => rs.map((r) => r.personId).sort();
const yes: Answers = { s1: 'yes', s2: 'yes', s3: 'yes' };
const fresh = makePoll();

describe('poll reminders: when', () => {
  it('never on the day the poll was made (the invitation is that day’s message); from the configured time the next day', () => {
    expect(due(fresh, at('2027-03-01', '18:00'))).toEqual([]);
    expect(due(fresh, at('2027-03-02', '08:59'))).toEqual([]);
    expect(who(due(fresh, at('2027-03-02')))).toEqual(fresh.inviteeIds.slice().sort());
  });

  it('once a day: the key names the person and the Stockholm date, so a sent reminder is not due again that day', () => {
    const first = due(fresh, at('2027-03-02'));
    expect(first[0]?.key).toBe(`poll:p1:reminder:${first[0]?.personId}:2027-03-02`);
    const sent = new Set(first.map((r) => r.key));
    expect(due(fresh, at('2027-03-02', '23:59'), sent)).toEqual([]);
    expect(due(fresh, at('2027-03-03', '08:59'), sent)).toEqual([]);
    expect(due(fresh, at('2027-03-03'), sent).map((r) => r.nth)).toEqual(first.map(() => 2));
  });

  it('a round missed while the bot was down is made up later the same day', () => {
    expect(due(fresh, at('2027-03-02', '23:59')).map((r) => r.day)).toEqual(fresh.inviteeIds.map(() => '2027-03-02'));
  });

  it('at most N times per person per poll', () => {
    const sent = new Set<string>();
    for (const day of ['2027-03-02', '2027-03-03', '2027-03-04']) for (const r of due(fresh, at(day), sent)) sent.add(r.key);
    expect(due(fresh, at('2027-03-05'), sent)).toEqual([]);
    expect(sent.size).toBe(3 * fresh.inviteeIds.length);
  });

  it('stop when answers close, and for a cancelled or finalised poll', () => {
    expect(due(fresh, at('2027-04-06'))).not.toEqual([]);
    expect(due(fresh, at('2027-04-07'))).toEqual([]);
    const cancelled = cancelPoll({ poll: fresh, by: PR.anna, now: at('2027-03-01', '11:00') });
    if (!cancelled.ok) throw new Error(cancelled.reason);
    expect(due(cancelled.poll, at('2027-03-02'))).toEqual([]);
  });
});

describe('poll reminders: only where a seat is still uncovered', () => {
  it('someone who answered every time is not reminded, even with all “no”', () => {
    const p = answered(fresh, [[PR.olof, { s1: 'no', s2: 'no', s3: 'no' }]]);
    expect(who(due(p, at('2027-03-02')))).not.toContain(PR.olof);
  });

  it('a member whose seat a substitute covers in every time they left open is not reminded; the substitute is not either', () => {
    // Every holder but Erik says yes everywhere; Lars (Västmanland's substitute) too: Erik's seat is covered by Lars.
    const p = answered(fresh, [...SCENARIO.filter(([id]) => id !== PR.erik && id !== PR.lars).map(([id]): [string, Answers] => [id, yes]), [PR.lars, yes]]);
    expect(due(p, at('2027-03-02'))).toEqual([]);
  });

  it('a member whose seat is uncovered is reminded, with the times and seat concerned; so is a substitute who could cover it', () => {
    const p = answered(fresh, SCENARIO.filter(([id]) => id !== PR.erik && id !== PR.lars).map(([id]): [string, Answers] => [id, yes]));
    const reminders = due(p, at('2027-03-02'));
    expect(who(reminders)).toEqual([PR.erik, PR.lars].sort());
    expect(reminders.find((r) => r.personId === PR.erik)).toMatchObject({ slotIds: ['s1', 's2', 's3'], seatIds: ['programrad-vastmanland-1'], nth: 1 });
    expect(reminders.find((r) => r.personId === PR.lars)).toMatchObject({ slotIds: ['s1', 's2', 's3'], seatIds: ['programrad-vastmanland-1'] });
  });

  it('names only the open times where the seat is uncovered', () => {
    // Olof answered only the first time; Sörmland has no substitute, so his seat is uncovered on the other two.
    const others = SCENARIO.filter(([id]) => id !== PR.olof).map(([id]): [string, Answers] => [id, yes]);
    const p = answered(fresh, [...others, [PR.olof, { s1: 'yes' }]]);
    expect(due(p, at('2027-03-02'))).toMatchObject([{ personId: PR.olof, slotIds: ['s2', 's3'], seatIds: ['programrad-sormland-2'] }]);
  });

  it('a substitute is reminded only for times where a seat of their constituency is uncovered and they have not answered', () => {
    // Erik can come only on the 14th; Maria everywhere. Lars answered nothing: he is needed on the 13th and the 20th.
    const others = SCENARIO.filter(([id]) => id !== PR.erik && id !== PR.lars).map(([id]): [string, Answers] => [id, yes]);
    const p = answered(fresh, [...others, [PR.erik, { s1: 'no', s2: 'yes', s3: 'no' }]]);
    expect(due(p, at('2027-03-02'))).toMatchObject([{ personId: PR.lars, slotIds: ['s1', 's3'], seatIds: ['programrad-vastmanland-1'] }]);
  });

  it('for the yearly meeting, with no seats, everyone who has not answered every time is reminded', () => {
    const yearly = makePoll({ type: 'arlig-traff' });
    const [a, b] = yearly.inviteeIds;
    if (!a || !b) throw new Error('too few invitees');
    const p = answered(yearly, [[a, { s1: 'no', s2: 'no', s3: 'no' }], [b, { s1: 'yes' }]]);
    const reminders = due(p, at('2027-03-02'));
    expect(who(reminders)).toEqual(yearly.inviteeIds.filter((id) => id !== a).sort());
    expect(reminders.find((r) => r.personId === b)).toMatchObject({ slotIds: ['s2', 's3'], seatIds: [] });
  });
});
