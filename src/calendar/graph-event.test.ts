import { describe, expect, it } from 'vitest';
import { stockholmInstant } from '../domain/time.js';
import type { CalendarEventTarget } from './calendar-sync.js';
import { bodyDigest } from './graph-body.js';
import { GRAPH_TIME_ZONE, createRequestOf, graphDateTime, patchOf, syncedOf, transactionIdOf, type LiveEvent } from './graph-event.js';

const iso = (date: string, time: string) => stockholmInstant(date, time).toISOString();
const target: CalendarEventTarget = {
  meetingId: 'm1',
  sequence: 0,
  status: 'scheduled',
  subject: 'Vårdialog',
  start: iso('2027-03-29', '09:00'),
  end: iso('2027-03-29', '12:00'),
  location: 'MDU',
  agenda: 'Punkt 1',
  attendees: [
    { email: 'b@x.se', name: 'B', type: 'required' },
    { email: 'a@x.se', name: 'A', type: 'optional' },
  ],
};
const liveOf = (t: CalendarEventTarget): LiveEvent => ({
  id: 'E1',
  subject: t.subject,
  start: { ...graphDateTime(t.start), dateTime: `${graphDateTime(t.start).dateTime}.0000000` },
  end: { ...graphDateTime(t.end), dateTime: `${graphDateTime(t.end).dateTime}.0000000` },
  location: { displayName: t.location ?? 'Microsoft Teams-möte' },
  attendees: t.attendees.map((a) => ({ type: a.type, emailAddress: { address: a.email.toUpperCase(), name: a.name }, status: { response: 'accepted', time: '2027-03-02T10:00:00Z' } })),
});

describe('Stockholm time in Graph’s terms (tests run in Asia/Kathmandu)', () => {
  it('is Stockholm wall-clock time in "W. Europe Standard Time", on both sides of the daylight-saving switch', () => {
    expect(graphDateTime(iso('2027-03-27', '09:00'))).toEqual({ dateTime: '2027-03-27T09:00:00', timeZone: GRAPH_TIME_ZONE });
    expect(graphDateTime(iso('2027-03-29', '09:00'))).toEqual({ dateTime: '2027-03-29T09:00:00', timeZone: GRAPH_TIME_ZONE });
    expect(graphDateTime('2027-10-31T08:30:00.000Z').dateTime).toBe('2027-10-31T09:30:00');
    expect(graphDateTime('2027-10-30T08:30:00.000Z').dateTime).toBe('2027-10-30T10:30:00');
  });
});

describe('the request bodies', () => {
  it('a create asks for a Teams meeting, tags the meeting and carries a stable GUID-shaped transactionId', () => {
    const r = createRequestOf({ target, generation: 0 });
    expect(r).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', location: { displayName: 'MDU' }, responseRequested: true });
    expect(r.attendees).toContainEqual({ emailAddress: { address: 'a@x.se', name: 'A' }, type: 'optional' });
    expect(r.transactionId).toBe(createRequestOf({ target: { ...target, subject: 'Annan titel' }, generation: 0 }).transactionId);
    expect(transactionIdOf('m1', 1)).not.toBe(transactionIdOf('m1', 0));
    expect(transactionIdOf('m2', 0)).not.toBe(transactionIdOf('m1', 0));
    expect(r.transactionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
  it('a meeting without a place sends no location (Exchange labels the Teams meeting)', () => {
    const { location: _l, ...noPlace } = target;
    expect(createRequestOf({ target: noPlace, generation: 0 })).not.toHaveProperty('location');
  });
});

describe('what a PATCH must change', () => {
  const synced = syncedOf(target);
  it('nothing when the live event matches (address case, attendee order and Graph’s 7-digit fractions aside)', () => {
    expect(patchOf({ target, live: liveOf(target), synced })).toEqual({ patch: {}, bodyChanged: false, timeChanged: false });
  });
  it('only what differs: a hand edit of the subject in Outlook is put right; a new time moves both ends', () => {
    const moved = { ...target, start: iso('2027-03-30', '09:00'), end: iso('2027-03-30', '12:00') };
    const r = patchOf({ target: moved, live: { ...liveOf(target), subject: 'Ändrad i Outlook' }, synced });
    expect(r.patch).toEqual({ subject: 'Vårdialog', start: graphDateTime(moved.start), end: graphDateTime(moved.end) });
    expect(r.timeChanged).toBe(true);
  });
  it('attendees as a whole list when one is added, removed or changes type', () => {
    const more = { ...target, attendees: [...target.attendees, { email: 'c@x.se', name: 'C', type: 'required' as const }] };
    expect(patchOf({ target: more, live: liveOf(target), synced }).patch.attendees?.map((a) => a.emailAddress.address)).toEqual(['b@x.se', 'a@x.se', 'c@x.se']);
    const retyped = { ...target, attendees: target.attendees.map((a) => ({ ...a, type: 'required' as const })) };
    expect(patchOf({ target: retyped, live: liveOf(target), synced }).patch).toHaveProperty('attendees');
  });
  it('the place: written when it changes, cleared when it goes, and Exchange’s own Teams label left alone', () => {
    const { location: _l, ...noPlace } = target;
    expect(patchOf({ target: noPlace, live: liveOf(target), synced }).patch.location).toEqual({ displayName: '' });
    const teams = { ...liveOf(noPlace), location: { displayName: 'Microsoft Teams-möte' } };
    expect(patchOf({ target: noPlace, live: teams, synced: syncedOf(noPlace) }).patch).toEqual({});
    expect(patchOf({ target: { ...target, location: 'Eskilstuna' }, live: liveOf(target), synced }).patch.location).toEqual({ displayName: 'Eskilstuna' });
  });
  it('the body by digest of what was written (Exchange returns it rewritten)', () => {
    expect(patchOf({ target: { ...target, agenda: 'Ny' }, live: liveOf(target), synced }).bodyChanged).toBe(true);
    expect(patchOf({ target, live: liveOf(target), synced: undefined }).bodyChanged).toBe(true);
    expect(bodyDigest({ agenda: 'a\r\nb ' })).toBe(bodyDigest({ agenda: 'a\nb' }));
  });
});
