import { describe, expect, it } from 'vitest';
import rosterFile from '../../data/demo-roster.json' with { type: 'json' };
import { cancelMeeting } from '../domain/meetings/change.js';
import { addInvitees, removeInvitee } from '../domain/meetings/invitees.js';
import { createMeeting, meetingDraftSchema } from '../domain/meetings/meeting.js';
import { recordAnswer } from '../domain/meetings/rsvp.js';
import { rosterFileSchema, type Person } from '../domain/people.js';
import { stockholmInstant } from '../domain/time.js';
import { calendarTargetOf } from './calendar-target.js';

const people = rosterFileSchema.parse(rosterFile).people;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const emailOf = (n: number) => people.find((p) => p.aadObjectId === id(n))?.email ?? '';
const now = stockholmInstant('2027-03-01', '10:00');
const LEADER = id(21);
const draft = meetingDraftSchema.parse({
  type: 'programrad',
  title: 'Vårdialog',
  start: stockholmInstant('2027-03-29', '09:00').toISOString(),
  end: stockholmInstant('2027-03-29', '12:00').toISOString(),
  place: 'MDU',
  agenda: 'Punkt 1',
  rsvpBy: '2027-03-27',
});
const base = createMeeting({ id: 'm1', draft, organiserId: LEADER, people, now }).meeting;

describe('the calendar entry a meeting calls for', () => {
  it('carries the meeting’s details and sequence, with the invitees as sorted, unique, lower-cased attendees', () => {
    const { target, withoutEmail } = calendarTargetOf({ meeting: base, people, organiserMailbox: 'stark@mdu.se' });
    expect(target).toMatchObject({ meetingId: 'm1', sequence: 0, status: 'scheduled', subject: 'Vårdialog', location: 'MDU', agenda: 'Punkt 1', start: base.start, end: base.end });
    expect(target.attendees.map((a) => a.email)).toEqual([...target.attendees.map((a) => a.email)].sort());
    expect(target.attendees).toHaveLength(base.invitees.length);
    expect(withoutEmail).toEqual([]);
  });

  it('a substitute standing in is required; a guest leadership added is optional; someone removed is not there', () => {
    const declined = recordAnswer({ meeting: base, personId: id(20), value: 'nej', people, now });
    if (!declined.ok) throw new Error(declined.reason);
    const added = addInvitees({ meeting: declined.meeting, personIds: [id(24)], by: LEADER, people, now });
    if (!added.ok) throw new Error(added.reason);
    const removed = removeInvitee({ meeting: added.meeting, personId: id(27), by: LEADER, people, now });
    if (!removed.ok) throw new Error(removed.reason);
    const { target } = calendarTargetOf({ meeting: removed.meeting, people, organiserMailbox: 'stark@mdu.se' });
    const type = (n: number) => target.attendees.find((a) => a.email === emailOf(n))?.type;
    expect(type(23)).toBe('required');
    expect(type(24)).toBe('optional');
    expect(type(27)).toBeUndefined();
  });

  it('invitees without an e-mail address are handed back for an .ics file; the organiser mailbox is never an attendee', () => {
    const noMail: Person[] = people.map((p) => (p.aadObjectId === id(22) ? (({ email: _e, ...rest }) => rest)(p) : p));
    const { target, withoutEmail } = calendarTargetOf({ meeting: base, people: noMail, organiserMailbox: emailOf(21).toUpperCase() });
    expect(withoutEmail).toEqual([id(22)]);
    expect(target.attendees.some((a) => a.email === emailOf(21))).toBe(false);
  });

  it('a cancelled meeting is a cancelled target with the comment to send', () => {
    const c = cancelMeeting({ meeting: base, now });
    if (!c.ok) throw new Error(c.reason);
    expect(calendarTargetOf({ meeting: c.meeting, people, organiserMailbox: 'stark@mdu.se', cancellationComment: 'Inställt.' }).target).toMatchObject({ status: 'cancelled', sequence: 1, cancellationComment: 'Inställt.' });
  });
});
