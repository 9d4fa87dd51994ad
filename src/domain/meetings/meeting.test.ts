import { describe, expect, it } from 'vitest';
import rosterFile from '../../../data/demo-roster.json' with { type: 'json' };
import { rosterFileSchema } from '../people.js';
import { stockholmInstant } from '../time.js';
import { createMeeting, defaultInviteeIds, meetingDraftSchema, meetingSchema, rsvpClosesAt, type MeetingDraft } from './meeting.js';

const people = rosterFileSchema.parse(rosterFile).people;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const iso = (date: string, time: string) => stockholmInstant(date, time).toISOString();
const draft = (over: Partial<MeetingDraft> = {}): MeetingDraft =>
  meetingDraftSchema.parse({
    type: 'programrad',
    title: 'Dialog med programledningen',
    start: iso('2027-04-13', '09:00'),
    end: iso('2027-04-13', '12:00'),
    place: 'MDU Västerås',
    agenda: '1. Läget',
    rsvpBy: '2027-04-06',
    ...over,
  });

describe('invitees by meeting type', () => {
  it('a Programråd dialogue invites the ordinary members, MDU’s included, but not the substitute', () => {
    const ids = defaultInviteeIds({ type: 'programrad', people });
    // Västerås and Region Västmanland (Västmanland seat), Eskilstuna and Region Sörmland, and three from MDU.
    for (const n of [20, 22, 25, 104, 21, 27, 28]) expect(ids).toContain(id(n));
    expect(ids).not.toContain(id(23)); // Köping's director is Västmanland's substitute
    expect(ids).toHaveLength(7); // 3 MDU + 4 others, as the agreement composes the council
  });
  it('a Programgrupp meeting invites its members', () => {
    const ids = defaultInviteeIds({ type: 'programgrupp', people });
    for (const n of [25, 26, 100, 101, 102, 109, 111, 132]) expect(ids).toContain(id(n));
    expect(ids).not.toContain(id(20));
    expect(ids).toHaveLength(8);
  });
  it('the yearly meeting invites every director (incl. länsråd) and every chair, and no staff', () => {
    const ids = defaultInviteeIds({ type: 'arlig-traff', people });
    expect(ids).toContain(id(106)); // länsråd
    expect(ids).toContain(id(103)); // RSO Region Västmanland
    expect(ids).toContain(id(108)); // KSO Arboga
    expect(ids).toContain(id(23)); // a director who happens to be a substitute
    expect(ids).not.toContain(id(24)); // staff
    expect(ids).not.toContain(id(27)); // MDU professor on the Programråd, neither director nor chair
    expect(ids.length).toBe(people.filter((p) => p.directorTitle || p.chairTitle).length);
  });
});

describe('creating a meeting', () => {
  it('starts at sequence 0, scheduled, everyone from the roster invited and to be told', () => {
    const now = new Date('2027-03-01T08:00:00Z');
    const { meeting, notify } = createMeeting({ id: 'm1', draft: draft(), organiserId: id(21).toUpperCase(), people, now });
    expect(meeting.sequence).toBe(0);
    expect(meeting.status).toBe('scheduled');
    expect(meeting.organiserId).toBe(id(21));
    expect(meeting.invitees.every((i) => i.via === 'roster' && i.invitedAt === now.toISOString() && !i.answer)).toBe(true);
    expect(notify.map((n) => n.personId).sort()).toEqual(meeting.invitees.map((i) => i.personId).sort());
  });
});

describe('the RSVP deadline', () => {
  it('closes when the deadline day ends in Stockholm, winter time', () => {
    expect(rsvpClosesAt({ rsvpBy: '2027-03-26' }).toISOString()).toBe('2027-03-26T23:00:00.000Z');
  });
  it('closes at Stockholm midnight on both sides of the spring switch (28 March 2027)', () => {
    expect(rsvpClosesAt({ rsvpBy: '2027-03-27' }).toISOString()).toBe('2027-03-27T23:00:00.000Z'); // midnight CET
    expect(rsvpClosesAt({ rsvpBy: '2027-03-28' }).toISOString()).toBe('2027-03-28T22:00:00.000Z'); // midnight CEST
  });
});

describe('the meeting shape', () => {
  it('refuses an end before the start, a deadline after the start, no place and no link, and an http link', () => {
    expect(meetingDraftSchema.safeParse({ ...draft(), end: iso('2027-04-13', '08:00') }).success).toBe(false);
    expect(meetingDraftSchema.safeParse({ ...draft(), rsvpBy: '2027-04-13' }).success).toBe(false);
    expect(meetingDraftSchema.safeParse({ ...draft(), place: undefined }).success).toBe(false);
    expect(meetingDraftSchema.safeParse({ ...draft(), onlineUrl: 'http://teams.example/x' }).success).toBe(false);
    expect(meetingDraftSchema.safeParse({ ...draft(), place: undefined, onlineUrl: 'https://teams.example/x' }).success).toBe(true);
  });
  it('refuses a link that is not a URL at all with a parse error, not a thrown TypeError', () => {
    for (const onlineUrl of ['teams möte', 'https//x', '::']) {
      expect(() => meetingDraftSchema.safeParse({ ...draft(), place: undefined, onlineUrl })).not.toThrow();
      expect(meetingDraftSchema.safeParse({ ...draft(), place: undefined, onlineUrl }).success).toBe(false);
    }
  });
  it('refuses a person invited twice or both invited and removed', () => {
    const { meeting } = createMeeting({ id: 'm1', draft: draft(), organiserId: id(21), people, now: new Date('2027-03-01T08:00:00Z') });
    const first = meeting.invitees[0];
    if (!first) throw new Error('no invitees');
    expect(meetingSchema.safeParse({ ...meeting, invitees: [...meeting.invitees, first] }).success).toBe(false);
    expect(meetingSchema.safeParse({ ...meeting, removed: [{ personId: first.personId, removedBy: id(21), removedAt: meeting.createdAt }] }).success).toBe(false);
  });
});
