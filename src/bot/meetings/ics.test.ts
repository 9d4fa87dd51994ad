import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import rosterFile from '../../../data/demo-roster.json' with { type: 'json' };
import { cancelMeeting, changeMeeting } from '../../domain/meetings/change.js';
import { createMeeting, draftOf, meetingDraftSchema, type Meeting } from '../../domain/meetings/meeting.js';
import { rosterFileSchema } from '../../domain/people.js';
import { stockholmInstant } from '../../domain/time.js';
import { meetingCalendar, meetingUid } from './ics.js';

const people = rosterFileSchema.parse(rosterFile).people;
const organiser = { name: 'Anna Provström', email: 'anna.provstrom@demo.stark.example' };
const created = new Date('2027-03-01T09:00:00Z');

function meetingOn(date: string, start: string, end: string, over: Record<string, unknown> = {}): Meeting {
  const draft = meetingDraftSchema.parse({
    type: 'programrad',
    title: 'Vårdialog; programråd, MDU',
    start: stockholmInstant(date, start).toISOString(),
    end: stockholmInstant(date, end).toISOString(),
    place: 'MDU, Västerås',
    agenda: '1. Läget\n2. Planer',
    rsvpBy: '2027-03-20',
    ...over,
  });
  return createMeeting({ id: 'dialog-2027-1', draft, organiserId: '00000000-0000-0000-0000-000000000021', people, now: created }).meeting;
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vtimezone = calendar.getFirstSubcomponent('vtimezone');
  if (!vtimezone) throw new Error('no VTIMEZONE');
  const zone = new ICAL.Timezone(vtimezone);
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  // Resolve the event's times against the file's own VTIMEZONE, not the machine's zone.
  const instant = (t: ICAL.Time) => new Date(t.toUnixTime() * 1000).toISOString();
  const start = event.startDate;
  start.zone = zone;
  const end = event.endDate;
  end.zone = zone;
  return {
    calendar,
    vevent,
    event,
    zoneId: zone.tzid,
    method: calendar.getFirstPropertyValue('method'),
    dtstartTzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
    dtendTzid: vevent.getFirstProperty('dtend')?.getParameter('tzid'),
    startLocal: `${start.year}-${String(start.month).padStart(2, '0')}-${String(start.day).padStart(2, '0')} ${String(start.hour).padStart(2, '0')}:${String(start.minute).padStart(2, '0')}`,
    startInstant: instant(start),
    endInstant: instant(end),
  };
}
const ics = (meeting: Meeting, extra: Partial<Parameters<typeof meetingCalendar>[0]> = {}) => meetingCalendar({ meeting, uidDomain: 'stark.example', organiser, ...extra });

describe('calendar file for a meeting', () => {
  it('is a REQUEST with the meeting’s details, stable UID and SEQUENCE 0', () => {
    const m = meetingOn('2027-04-13', '09:00', '12:00');
    const p = parse(ics(m));
    expect(p.method).toBe('REQUEST');
    expect(p.event.uid).toBe('dialog-2027-1@stark.example');
    expect(p.event.uid).toBe(meetingUid(m.id, 'stark.example'));
    expect(p.event.sequence).toBe(0);
    expect(p.event.summary).toBe('Vårdialog; programråd, MDU');
    expect(p.event.location).toBe('MDU, Västerås');
    expect(p.event.description).toBe('1. Läget\n2. Planer');
    expect(p.vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(String(p.vevent.getFirstPropertyValue('organizer'))).toBe('mailto:anna.provstrom@demo.stark.example');
  });

  it('DTSTAMP is in UTC and is the meeting’s last change, so the same state gives the same file', () => {
    const m = meetingOn('2027-04-13', '09:00', '12:00');
    expect(ics(m)).toContain('DTSTAMP:20270301T090000Z');
    expect(ics(m)).toBe(ics(m));
  });

  it('carries TZID Europe/Stockholm with its VTIMEZONE and the local time the leader typed', () => {
    const p = parse(ics(meetingOn('2027-04-13', '09:00', '12:00')));
    expect(p.zoneId).toBe('Europe/Stockholm');
    expect(p.dtstartTzid).toBe('Europe/Stockholm');
    expect(p.dtendTzid).toBe('Europe/Stockholm');
    expect(p.startLocal).toBe('2027-04-13 09:00');
  });

  it.each([
    ['the Monday after the spring switch', '2027-03-29', '2027-03-29T07:00:00.000Z'],
    ['a Friday before the autumn switch', '2027-10-29', '2027-10-29T07:00:00.000Z'],
    ['the autumn switch day itself', '2027-10-31', '2027-10-31T08:00:00.000Z'],
    ['the Monday after the autumn switch', '2027-11-01', '2027-11-01T08:00:00.000Z'],
  ])('%s: 09:00 Stockholm resolves through the VTIMEZONE to the right instant', (_name, date, instant) => {
    const m = meetingOn(date, '09:00', '11:00', { rsvpBy: '2027-03-20' });
    const p = parse(ics(m));
    expect(p.startLocal).toBe(`${date} 09:00`);
    expect(p.startInstant).toBe(instant);
    expect(p.startInstant).toBe(m.start);
    expect(p.endInstant).toBe(m.end);
  });

  it('a change keeps the UID and raises SEQUENCE', () => {
    const m = meetingOn('2027-04-13', '09:00', '12:00');
    const changed = changeMeeting({ meeting: m, draft: { ...draftOf(m), place: 'Eskilstuna' }, now: new Date('2027-03-02T09:00:00Z') });
    if (!changed.ok) throw new Error(changed.reason);
    const p = parse(ics(changed.meeting));
    expect(p.event.uid).toBe('dialog-2027-1@stark.example');
    expect(p.event.sequence).toBe(1);
    expect(p.event.location).toBe('Eskilstuna');
  });

  it('a cancelled meeting is METHOD:CANCEL with STATUS:CANCELLED, same UID, next SEQUENCE', () => {
    const m = meetingOn('2027-04-13', '09:00', '12:00');
    const c = cancelMeeting({ meeting: m, now: new Date('2027-03-02T09:00:00Z') });
    if (!c.ok) throw new Error(c.reason);
    const p = parse(ics(c.meeting));
    expect(p.method).toBe('CANCEL');
    expect(p.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(p.event.uid).toBe('dialog-2027-1@stark.example');
    expect(p.event.sequence).toBe(1);
  });

  it('an online meeting puts the link in LOCATION, URL and the description', () => {
    const m = meetingOn('2027-04-13', '09:00', '12:00', { place: undefined, onlineUrl: 'https://teams.microsoft.com/l/meetup-join/abc' });
    const p = parse(ics(m));
    expect(p.event.location).toBe('https://teams.microsoft.com/l/meetup-join/abc');
    expect(String(p.vevent.getFirstPropertyValue('url'))).toBe('https://teams.microsoft.com/l/meetup-join/abc');
    expect(p.event.description).toContain('https://teams.microsoft.com/l/meetup-join/abc');
  });

  it('the person it is served to is an ATTENDEE with their answer', () => {
    const m = meetingOn('2027-04-13', '09:00', '12:00');
    const p = parse(ics(m, { attendee: { name: 'Erik Demoberg', email: 'erik.demoberg@demo.stark.example', answer: 'kanske' } }));
    const attendee = p.vevent.getFirstProperty('attendee');
    expect(String(attendee?.getFirstValue()).toLowerCase()).toBe('mailto:erik.demoberg@demo.stark.example');
    expect(attendee?.getParameter('partstat')).toBe('TENTATIVE');
  });
});
