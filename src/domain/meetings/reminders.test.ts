import { describe, expect, it } from 'vitest';
import rosterFile from '../../../data/demo-roster.json' with { type: 'json' };
import { rosterFileSchema } from '../people.js';
import { stockholmInstant } from '../time.js';
import { cancelMeeting, changeMeeting } from './change.js';
import { createMeeting, meetingDraftSchema, type Meeting, type RsvpValue } from './meeting.js';
import { DEFAULT_REMINDER_CONFIG, dueReminders, reminderConfigSchema, reminderTimes } from './reminders.js';
import { recordAnswer } from './rsvp.js';

const people = rosterFileSchema.parse(rosterFile).people;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const iso = (date: string, time: string) => stockholmInstant(date, time).toISOString();
const [VASTERAS, KOPING_SUB, ESKILSTUNA, MDU_PROF, LEADER] = [id(20), id(23), id(25), id(27), id(21)];
const t0 = stockholmInstant('2027-03-01', '10:00');
const none = new Set<string>();

// The meeting the issue names: Monday 29 March 2027, the day after the spring switch. Deadline Monday 22 March.
const draft = meetingDraftSchema.parse({
  type: 'programrad',
  title: 'Vårdialog',
  start: iso('2027-03-29', '09:00'),
  end: iso('2027-03-29', '12:00'),
  place: 'MDU',
  agenda: '',
  rsvpBy: '2027-03-22',
});
function withAnswers(answers: ReadonlyArray<readonly [string, RsvpValue]>): Meeting {
  let m = createMeeting({ id: 'm1', draft, organiserId: LEADER, people, now: t0 }).meeting;
  answers.forEach(([who, value], i) => {
    const r = recordAnswer({ meeting: m, personId: who, value, people, now: new Date(t0.getTime() + (i + 1) * 60_000) });
    if (!r.ok) throw new Error(r.reason);
    m = r.meeting;
  });
  return m;
}
const who = (rs: { personId: string }[]) => rs.map((r) => r.personId).sort();

describe('reminder times', () => {
  it('are at 09:00 Stockholm: three days before the deadline (winter time) and the day before the meeting (summer time)', () => {
    const times = reminderTimes({ meeting: withAnswers([]) });
    expect(times.rsvp.toISOString()).toBe('2027-03-19T08:00:00.000Z'); // Friday 19 March, 09:00 CET
    // Sunday 28 March is the switch day; 09:00 that morning is already CEST.
    expect(times.upcoming.toISOString()).toBe('2027-03-28T07:00:00.000Z');
  });
  it('follow the configuration', () => {
    const config = reminderConfigSchema.parse({ nonAnswerDaysBeforeDeadline: 5, attendeeDaysBeforeMeeting: 2, timeOfDay: '14:30' });
    const times = reminderTimes({ meeting: withAnswers([]), config });
    expect(times.rsvp.toISOString()).toBe(iso('2027-03-17', '14:30'));
    expect(times.upcoming.toISOString()).toBe(iso('2027-03-27', '14:30'));
  });
  it('a time of day the spring switch skips moves an hour later instead of vanishing', () => {
    const config = reminderConfigSchema.parse({ attendeeDaysBeforeMeeting: 1, timeOfDay: '02:30' });
    expect(reminderTimes({ meeting: withAnswers([]), config }).upcoming.toISOString()).toBe(iso('2027-03-28', '03:30'));
  });
});

describe('reminders to those who have not answered', () => {
  const m = withAnswers([[MDU_PROF, 'ja'], [VASTERAS, 'nej']]);
  it('are not due before their moment', () => {
    expect(dueReminders({ meetings: [m], now: new Date('2027-03-19T07:59:59Z'), sentKeys: none })).toEqual([]);
  });
  it('go to everyone invited who has not answered, the called-in substitute included, at their moment', () => {
    const due = dueReminders({ meetings: [m], now: new Date('2027-03-19T08:00:00Z'), sentKeys: none });
    const expected = m.invitees.filter((i) => !i.answer).map((i) => i.personId).sort();
    expect(who(due)).toEqual(expected);
    expect(who(due)).not.toContain(MDU_PROF);
    expect(due.every((r) => r.kind === 'rsvp')).toBe(true);
  });
  it('are sent once: what is in the sent log is not due again, even after a restart', () => {
    const now = new Date('2027-03-20T12:00:00Z');
    const due = dueReminders({ meetings: [m], now, sentKeys: none });
    expect(dueReminders({ meetings: [m], now, sentKeys: none }).map((r) => r.key)).toEqual(due.map((r) => r.key)); // stable keys
    const sent = new Set(due.slice(0, 2).map((r) => r.key));
    expect(who(dueReminders({ meetings: [m], now, sentKeys: sent }))).toEqual(who(due.slice(2)));
  });
  it('stop when the deadline passes', () => {
    expect(dueReminders({ meetings: [m], now: stockholmInstant('2027-03-23', '00:00'), sentKeys: none }).filter((r) => r.kind === 'rsvp')).toEqual([]);
  });
  it('a person invited after the reminder’s moment is not reminded', () => {
    const late = withAnswers([[MDU_PROF, 'ja']]);
    const r = recordAnswer({ meeting: late, personId: VASTERAS, value: 'nej', people, now: new Date('2027-03-20T09:00:00Z') });
    if (!r.ok) throw new Error(r.reason);
    expect(who(dueReminders({ meetings: [r.meeting], now: new Date('2027-03-20T10:00:00Z'), sentKeys: none }))).not.toContain(KOPING_SUB);
  });
});

describe('reminders to those coming', () => {
  const m = withAnswers([[MDU_PROF, 'ja'], [ESKILSTUNA, 'kanske'], [VASTERAS, 'nej']]);
  it('go to Ja and Kanske the day before at 09:00 Stockholm, across the switch night', () => {
    expect(dueReminders({ meetings: [m], now: new Date('2027-03-28T06:59:00Z'), sentKeys: none })).toEqual([]);
    const due = dueReminders({ meetings: [m], now: new Date('2027-03-28T07:00:00Z'), sentKeys: none });
    expect(who(due)).toEqual([ESKILSTUNA, MDU_PROF].sort());
    expect(due.every((r) => r.kind === 'upcoming' && r.sequence === m.sequence)).toBe(true);
  });
  it('are no longer due once the meeting has started', () => {
    expect(dueReminders({ meetings: [m], now: new Date(m.start), sentKeys: none })).toEqual([]);
  });
});

describe('reminders after changes', () => {
  it('a cancelled meeting sends none', () => {
    const c = cancelMeeting({ meeting: withAnswers([]), now: t0 });
    if (!c.ok) throw new Error(c.reason);
    expect(dueReminders({ meetings: [c.meeting], now: new Date('2027-03-20T12:00:00Z'), sentKeys: none })).toEqual([]);
  });
  it('a change after a reminder went out does not send it again under the new SEQUENCE', () => {
    const m = withAnswers([]);
    const now = new Date('2027-03-20T12:00:00Z');
    const sent = new Set(dueReminders({ meetings: [m], now, sentKeys: none }).map((r) => r.key));
    const changed = changeMeeting({ meeting: m, draft: { ...draft, place: 'Eskilstuna' }, now: new Date('2027-03-20T13:00:00Z') });
    if (!changed.ok) throw new Error(changed.reason);
    expect(dueReminders({ meetings: [changed.meeting], now: new Date('2027-03-20T14:00:00Z'), sentKeys: sent })).toEqual([]);
  });
  it('a meeting moved later gets fresh reminders under its new SEQUENCE', () => {
    const m = withAnswers([]);
    const sent = new Set(dueReminders({ meetings: [m], now: new Date('2027-03-20T12:00:00Z'), sentKeys: none }).map((r) => r.key));
    const moved = changeMeeting({
      meeting: m,
      draft: { ...draft, start: iso('2027-04-19', '09:00'), end: iso('2027-04-19', '12:00'), rsvpBy: '2027-04-12' },
      now: new Date('2027-03-20T13:00:00Z'),
    });
    if (!moved.ok) throw new Error(moved.reason);
    const due = dueReminders({ meetings: [moved.meeting], now: stockholmInstant('2027-04-09', '09:00'), sentKeys: sent });
    expect(due.length).toBe(moved.meeting.invitees.length);
    expect(due.every((r) => r.sequence === 1 && !sent.has(r.key))).toBe(true);
  });
  it('uses the documented defaults', () => {
    expect(DEFAULT_REMINDER_CONFIG).toEqual({ nonAnswerDaysBeforeDeadline: 3, attendeeDaysBeforeMeeting: 1, timeOfDay: '09:00' });
  });
});
