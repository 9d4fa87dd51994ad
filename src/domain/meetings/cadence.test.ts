import { describe, expect, it } from 'vitest';
import rosterFile from '../../../data/demo-roster.json' with { type: 'json' };
import { rosterFileSchema } from '../people.js';
import { stockholmInstant } from '../time.js';
import { cadence, cadenceReminderConfigSchema, dueCadenceReminders, missingMeetings } from './cadence.js';
import { cancelMeeting } from './change.js';
import { createMeeting, meetingDraftSchema, type Meeting, type MeetingType } from './meeting.js';

const people = rosterFileSchema.parse(rosterFile).people;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const t0 = stockholmInstant('2026-12-01', '10:00');
function meeting(mid: string, type: MeetingType, date: string, start = '09:00', end = '12:00'): Meeting {
  const draft = meetingDraftSchema.parse({
    type,
    title: mid,
    start: stockholmInstant(date, start).toISOString(),
    end: stockholmInstant(date, end).toISOString(),
    place: 'MDU',
    agenda: '',
    rsvpBy: '2026-12-31',
  });
  return createMeeting({ id: mid, draft, organiserId: id(21), people, now: t0 }).meeting;
}
const scheduled = (year: number, meetings: Meeting[]) => Object.fromEntries(cadence({ year, meetings }).entries.map((e) => [e.slot, e.meetingIds]));

describe('mötesplan: the agreement’s meetings per year', () => {
  it('an empty year misses all three', () => {
    const c = cadence({ year: 2027, meetings: [] });
    expect(c.complete).toBe(false);
    expect(c.entries.map((e) => [e.slot, e.scheduled])).toEqual([
      ['programradSpring', false],
      ['programradAutumn', false],
      ['yearlyMeeting', false],
    ]);
  });

  it('a spring and an autumn dialogue and the yearly meeting complete the year', () => {
    const c = cadence({ year: 2027, meetings: [meeting('s', 'programrad', '2027-03-29'), meeting('a', 'programrad', '2027-10-29'), meeting('y', 'arlig-traff', '2027-09-15')] });
    expect(c.complete).toBe(true);
    expect(scheduled(2027, [meeting('s', 'programrad', '2027-03-29')])).toMatchObject({ programradSpring: ['s'], programradAutumn: [] });
  });

  it('two dialogues in spring still leave autumn missing', () => {
    const c = scheduled(2027, [meeting('s1', 'programrad', '2027-02-10'), meeting('s2', 'programrad', '2027-05-10')]);
    expect(c).toMatchObject({ programradSpring: ['s1', 's2'], programradAutumn: [] });
  });

  it('the half-year is decided by the Stockholm date: 30 June late evening is spring, 1 July just after midnight is autumn', () => {
    // 1 July 00:30 in Stockholm is still 30 June in UTC (22:30Z).
    const lateJune = meeting('june', 'programrad', '2027-06-30', '22:00', '23:30');
    const earlyJuly = meeting('july', 'programrad', '2027-07-01', '00:30', '01:30');
    expect(earlyJuly.start).toBe('2027-06-30T22:30:00.000Z');
    expect(scheduled(2027, [lateJune, earlyJuly])).toMatchObject({ programradSpring: ['june'], programradAutumn: ['july'] });
  });

  it('the year is decided by the Stockholm date too (New Year’s night)', () => {
    const newYear = meeting('ny', 'arlig-traff', '2028-01-01', '00:30', '01:30'); // 31 Dec 23:30Z
    expect(scheduled(2027, [newYear]).yearlyMeeting).toEqual([]);
    expect(scheduled(2028, [newYear]).yearlyMeeting).toEqual(['ny']);
  });

  it('cancelled meetings and other types do not count', () => {
    const c = cancelMeeting({ meeting: meeting('c', 'programrad', '2027-03-29'), now: t0 });
    if (!c.ok) throw new Error(c.reason);
    expect(scheduled(2027, [c.meeting, meeting('g', 'programgrupp', '2027-04-01')])).toMatchObject({ programradSpring: [], yearlyMeeting: [] });
  });
});

describe('what is missing as of now', () => {
  it('in August an unscheduled spring dialogue is missed, the autumn one still to schedule', () => {
    const gaps = missingMeetings({ year: 2027, meetings: [meeting('y', 'arlig-traff', '2027-09-15')], now: stockholmInstant('2027-08-01', '10:00') });
    expect(gaps).toEqual([
      { slot: 'programradSpring', from: '2027-01-01', to: '2027-06-30', state: 'missed' },
      { slot: 'programradAutumn', from: '2027-07-01', to: '2027-12-31', state: 'toSchedule' },
    ]);
  });
  it('on the last day of June the spring dialogue can still be scheduled', () => {
    const gaps = missingMeetings({ year: 2027, meetings: [], now: stockholmInstant('2027-06-30', '23:00') });
    expect(gaps.find((g) => g.slot === 'programradSpring')?.state).toBe('toSchedule');
  });
});

describe('cadence reminders to leadership', () => {
  const leaders = people.filter((p) => p.roles.includes('leadership')).map((p) => p.aadObjectId).sort();
  const none = new Set<string>();

  it('go to every leader from the remind-from day at 09:00 Stockholm, and only then', () => {
    // 15 January 2027 is a Friday.
    expect(dueCadenceReminders({ meetings: [], people, now: stockholmInstant('2027-01-15', '08:59'), sentKeys: none })).toEqual([]);
    const due = dueCadenceReminders({ meetings: [], people, now: stockholmInstant('2027-01-15', '09:00'), sentKeys: none });
    expect(due.map((r) => r.slot)).toEqual(['programradSpring', 'programradSpring']);
    expect(due.map((r) => r.personId).sort()).toEqual(leaders);
  });

  it('are sent once per round; a new round comes after the interval while it stays unscheduled', () => {
    const now = stockholmInstant('2027-01-20', '12:00');
    const first = dueCadenceReminders({ meetings: [], people, now, sentKeys: none });
    const sent = new Set(first.map((r) => r.key));
    expect(dueCadenceReminders({ meetings: [], people, now, sentKeys: sent })).toEqual([]);
    const later = dueCadenceReminders({ meetings: [], people, now: stockholmInstant('2027-01-29', '09:00'), sentKeys: sent });
    expect(later.length).toBe(leaders.length);
    expect(later.every((r) => !sent.has(r.key))).toBe(true);
  });

  it('stop once the meeting is scheduled', () => {
    const due = dueCadenceReminders({ meetings: [meeting('s', 'programrad', '2027-03-29')], people, now: stockholmInstant('2027-02-10', '09:00'), sentKeys: none });
    expect(due.map((r) => r.slot)).toEqual(['yearlyMeeting', 'yearlyMeeting']);
  });

  it('a remind-from day on a weekend moves to the Monday', () => {
    const config = cadenceReminderConfigSchema.parse({ remindFrom: { programradSpring: '01-16', programradAutumn: '08-15', yearlyMeeting: '12-01' } }); // Saturday
    expect(dueCadenceReminders({ meetings: [], people, now: stockholmInstant('2027-01-17', '12:00'), sentKeys: none, config })).toEqual([]);
    expect(dueCadenceReminders({ meetings: [], people, now: stockholmInstant('2027-01-18', '09:00'), sentKeys: none, config })).toHaveLength(leaders.length);
  });
});
