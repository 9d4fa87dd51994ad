import { describe, expect, it } from 'vitest';
import rosterFile from '../../../data/demo-roster.json' with { type: 'json' };
import { rosterFileSchema } from '../people.js';
import { stockholmInstant } from '../time.js';
import { cancelMeeting, changeMeeting } from './change.js';
import { addInvitees, removeInvitee } from './invitees.js';
import { createMeeting, draftOf, findInvitee, meetingDraftSchema, type Meeting, type MeetingDraft } from './meeting.js';
import { recordAnswer } from './rsvp.js';

const people = rosterFileSchema.parse(rosterFile).people;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const iso = (date: string, time: string) => stockholmInstant(date, time).toISOString();
const [VASTERAS, KOPING_SUB, MDU_PROF, LEADER, STAFF] = [id(20), id(23), id(27), id(21), id(24)];
const t0 = stockholmInstant('2027-03-01', '10:00');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const draft: MeetingDraft = meetingDraftSchema.parse({
  type: 'programrad',
  title: 'Vårdialog',
  start: iso('2027-04-13', '09:00'),
  end: iso('2027-04-13', '12:00'),
  place: 'MDU',
  agenda: 'Läget',
  rsvpBy: '2027-04-06',
});
function answered(): Meeting {
  let m = createMeeting({ id: 'm1', draft, organiserId: LEADER, people, now: t0 }).meeting;
  for (const [i, [who, value]] of ([[MDU_PROF, 'ja'], [VASTERAS, 'nej']] as const).entries()) {
    const r = recordAnswer({ meeting: m, personId: who, value, people, now: at(i + 1) });
    if (!r.ok) throw new Error(r.reason);
    m = r.meeting;
  }
  return m;
}

describe('changing a meeting', () => {
  it('moving the time resets every answer, bumps SEQUENCE and tells everyone', () => {
    const before = answered();
    const r = changeMeeting({ meeting: before, draft: { ...draft, start: iso('2027-04-14', '09:00'), end: iso('2027-04-14', '12:00') }, now: at(10) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.outcome).toBe('rescheduled');
    expect(r.meeting.sequence).toBe(before.sequence + 1);
    expect(r.meeting.updatedAt).toBe(at(10).toISOString());
    expect(r.meeting.invitees.some((i) => i.answer)).toBe(false);
    const rescheduled = r.notify.filter((n) => n.kind === 'rescheduled').map((n) => n.personId);
    expect(rescheduled).toContain(MDU_PROF);
    expect(rescheduled).toContain(VASTERAS);
  });

  it('moving the time sends away the substitute who was there only because someone declined', () => {
    const before = answered();
    expect(findInvitee(before, KOPING_SUB)?.substituteFor).toBe(VASTERAS);
    const r = changeMeeting({ meeting: before, draft: { ...draft, end: iso('2027-04-13', '13:00') }, now: at(10) });
    if (!r.ok) throw new Error(r.reason);
    expect(findInvitee(r.meeting, KOPING_SUB)).toBeUndefined();
    expect(r.notify).toContainEqual({ kind: 'substituteNotNeeded', personId: KOPING_SUB, replaced: VASTERAS });
    expect(r.notify.filter((n) => n.personId === KOPING_SUB)).toHaveLength(1);
  });

  it('changing only the place keeps the answers but still bumps SEQUENCE', () => {
    const before = answered();
    const r = changeMeeting({ meeting: before, draft: { ...draft, place: 'Eskilstuna' }, now: at(10) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.outcome).toBe('updated');
    expect(r.meeting.sequence).toBe(before.sequence + 1);
    expect(findInvitee(r.meeting, MDU_PROF)?.answer?.value).toBe('ja');
    expect(r.meeting.place).toBe('Eskilstuna');
    expect(new Set(r.notify.map((n) => n.kind))).toEqual(new Set(['updated']));
  });

  it('switching from a place to an online link drops the place', () => {
    const r = changeMeeting({ meeting: answered(), draft: { ...draft, place: undefined, onlineUrl: 'https://teams.example/m' }, now: at(10) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.meeting.place).toBeUndefined();
    expect(r.meeting.onlineUrl).toBe('https://teams.example/m');
  });

  it('saving the same details is not a change', () => {
    const before = answered();
    const r = changeMeeting({ meeting: before, draft, now: at(10) });
    expect(r).toMatchObject({ ok: true, outcome: 'unchanged', notify: [] });
    if (r.ok) expect(r.meeting.sequence).toBe(before.sequence);
  });

  it('the meeting’s own details, as a draft, are no change (the form prefilled for a change and saved as is)', () => {
    const m = answered();
    expect(changeMeeting({ meeting: m, draft: draftOf(m), now: at(10) })).toMatchObject({ ok: true, outcome: 'unchanged' });
  });

  it('the type cannot change, and a cancelled or past meeting cannot be changed', () => {
    const m = answered();
    expect(changeMeeting({ meeting: m, draft: { ...draft, type: 'programgrupp' }, now: at(10) })).toEqual({ ok: false, reason: 'typeCannotChange' });
    expect(changeMeeting({ meeting: { ...m, status: 'cancelled' }, draft, now: at(10) })).toEqual({ ok: false, reason: 'cancelled' });
    expect(changeMeeting({ meeting: m, draft, now: new Date(m.end) })).toEqual({ ok: false, reason: 'meetingOver' });
  });
});

describe('cancelling a meeting', () => {
  it('sets the status, bumps SEQUENCE and tells every invitee', () => {
    const before = answered();
    const r = cancelMeeting({ meeting: before, now: at(10) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.meeting.status).toBe('cancelled');
    expect(r.meeting.sequence).toBe(before.sequence + 1);
    expect(r.notify.map((n) => n.personId).sort()).toEqual(before.invitees.map((i) => i.personId).sort());
    expect(r.notify.every((n) => n.kind === 'cancelled')).toBe(true);
  });
  it('a second cancel is refused', () => {
    const r = cancelMeeting({ meeting: answered(), now: at(10) });
    if (!r.ok) throw new Error(r.reason);
    expect(cancelMeeting({ meeting: r.meeting, now: at(11) })).toEqual({ ok: false, reason: 'alreadyCancelled' });
  });
});

describe('adding and removing people', () => {
  it('leadership adds someone; adding them again is reported, not duplicated', () => {
    const m = answered();
    const r = addInvitees({ meeting: m, personIds: [STAFF, MDU_PROF], by: LEADER, people, now: at(10) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.added).toEqual([STAFF]);
    expect(r.alreadyInvited).toEqual([MDU_PROF]);
    expect(findInvitee(r.meeting, STAFF)).toMatchObject({ via: 'added', addedBy: LEADER });
    expect(r.notify).toEqual([{ kind: 'invited', personId: STAFF }]);
  });
  it('someone not in the roster cannot be added', () => {
    const stranger = '11111111-1111-1111-1111-111111111111';
    expect(addInvitees({ meeting: answered(), personIds: [stranger], by: LEADER, people, now: at(10) })).toEqual({ ok: false, reason: 'unknownPerson', personIds: [stranger] });
  });
  it('a removed person can be added again', () => {
    const removed = removeInvitee({ meeting: answered(), personId: MDU_PROF, by: LEADER, people, now: at(10) });
    if (!removed.ok) throw new Error(removed.reason);
    expect(removed.meeting.removed.map((r) => r.personId)).toEqual([MDU_PROF]);
    const back = addInvitees({ meeting: removed.meeting, personIds: [MDU_PROF], by: LEADER, people, now: at(11) });
    if (!back.ok) throw new Error(back.reason);
    expect(back.meeting.removed).toEqual([]);
    expect(findInvitee(back.meeting, MDU_PROF)?.answer).toBeUndefined();
  });
  it('removing a member who declined leaves their substitute in place: the seat is still empty', () => {
    const r = removeInvitee({ meeting: answered(), personId: VASTERAS, by: LEADER, people, now: at(10) });
    if (!r.ok) throw new Error(r.reason);
    expect(findInvitee(r.meeting, KOPING_SUB)?.substituteFor).toBe(VASTERAS);
    expect(r.notify).toEqual([{ kind: 'removed', personId: VASTERAS }]);
  });
  it('removing someone not invited is refused', () => {
    expect(removeInvitee({ meeting: answered(), personId: STAFF, by: LEADER, people, now: at(10) })).toEqual({ ok: false, reason: 'notInvited' });
  });
});
