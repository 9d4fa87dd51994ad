import { describe, expect, it } from 'vitest';
import rosterFile from '../../../data/demo-roster.json' with { type: 'json' };
import { rosterFileSchema, type Person } from '../people.js';
import { stockholmInstant } from '../time.js';
import { addInvitees, removeInvitee } from './invitees.js';
import { createMeeting, findInvitee, meetingDraftSchema, meetingSchema, type Meeting, type MeetingType, type RsvpValue } from './meeting.js';
import { recordAnswer, uncoveredSeats } from './rsvp.js';

const people = rosterFileSchema.parse(rosterFile).people;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const iso = (date: string, time: string) => stockholmInstant(date, time).toISOString();
// Västmanland seat: Västerås (020) and Region Västmanland (022) ordinary, Köping (023) substitute.
const VASTERAS = id(20);
const REGION_V = id(22);
const KOPING_SUB = id(23);
const ESKILSTUNA = id(25); // Sörmland seat, which has no substitute in the roster
const MDU_PROF = id(27);
const LEADER = id(21);
const STAFF = id(24);

const created = stockholmInstant('2027-03-01', '10:00');
function meetingOf(type: MeetingType = 'programrad', roster: readonly Person[] = people): Meeting {
  const draft = meetingDraftSchema.parse({
    type,
    title: 'Vårdialog',
    start: iso('2027-03-29', '09:00'),
    end: iso('2027-03-29', '12:00'),
    place: 'MDU',
    agenda: '',
    rsvpBy: '2027-03-27',
  });
  return createMeeting({ id: 'm1', draft, organiserId: LEADER, people: roster, now: created }).meeting;
}

let clock = created.getTime();
const tick = () => new Date((clock += 60_000));
function answer(meeting: Meeting, personId: string, value: RsvpValue, extra: { comment?: string; now?: Date; cardStart?: string } = {}) {
  const r = recordAnswer({ meeting, personId, value, people, now: extra.now ?? tick(), comment: extra.comment, cardStart: extra.cardStart });
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  meetingSchema.parse(r.meeting); // every result is a valid stored meeting
  return r;
}

describe('who may answer', () => {
  it('an invitee’s answer is recorded', () => {
    const r = answer(meetingOf(), MDU_PROF, 'ja', { comment: '  Kommer gärna  ' });
    expect(r.outcome).toBe('recorded');
    expect(findInvitee(r.meeting, MDU_PROF)?.answer).toMatchObject({ value: 'ja', comment: 'Kommer gärna' });
  });
  it('someone not invited is refused', () => {
    expect(recordAnswer({ meeting: meetingOf(), personId: STAFF, value: 'ja', people, now: tick() })).toEqual({ ok: false, reason: 'notInvited' });
  });
  it('someone leadership removed is refused', () => {
    const removed = removeInvitee({ meeting: meetingOf(), personId: MDU_PROF, by: LEADER, people, now: tick() });
    if (!removed.ok) throw new Error(removed.reason);
    expect(recordAnswer({ meeting: removed.meeting, personId: MDU_PROF, value: 'ja', people, now: tick() })).toEqual({ ok: false, reason: 'notInvited' });
  });
  it('no answers to a cancelled meeting', () => {
    expect(recordAnswer({ meeting: { ...meetingOf(), status: 'cancelled' }, personId: MDU_PROF, value: 'ja', people, now: tick() })).toEqual({ ok: false, reason: 'cancelled' });
  });
  it('a comment over 500 characters is refused', () => {
    expect(recordAnswer({ meeting: meetingOf(), personId: MDU_PROF, value: 'nej', comment: 'x'.repeat(501), people, now: tick() })).toEqual({ ok: false, reason: 'commentTooLong' });
    expect(answer(meetingOf(), MDU_PROF, 'nej', { comment: 'x'.repeat(500) }).outcome).toBe('recorded');
  });
});

describe('the deadline', () => {
  // rsvpBy 2027-03-27: answers are taken until midnight Stockholm (CET, the night before the switch).
  it('answers can change up to the end of the deadline day', () => {
    const first = answer(meetingOf(), MDU_PROF, 'ja');
    const late = answer(first.meeting, MDU_PROF, 'kanske', { now: new Date('2027-03-27T22:59:59Z') });
    expect(findInvitee(late.meeting, MDU_PROF)?.answer?.value).toBe('kanske');
  });
  it('after the deadline an answer is refused with a reason', () => {
    const r = recordAnswer({ meeting: meetingOf(), personId: MDU_PROF, value: 'ja', people, now: new Date('2027-03-27T23:00:00Z') });
    expect(r).toEqual({ ok: false, reason: 'deadlinePassed' });
  });
  it('an answer from a card that showed an earlier time is refused', () => {
    const m = meetingOf();
    expect(recordAnswer({ meeting: m, personId: MDU_PROF, value: 'ja', people, now: tick(), cardStart: iso('2027-03-30', '09:00') })).toEqual({ ok: false, reason: 'timeChanged' });
    expect(answer(m, MDU_PROF, 'ja', { cardStart: m.start }).outcome).toBe('recorded');
  });
});

describe('a repeated answer', () => {
  it('the same answer and comment again changes nothing (double click, redelivered invoke)', () => {
    const first = answer(meetingOf(), MDU_PROF, 'ja', { comment: 'Ja' });
    const again = answer(first.meeting, MDU_PROF, 'ja', { comment: ' Ja ' });
    expect(again.outcome).toBe('unchanged');
    expect(again.meeting).toBe(first.meeting);
    expect(again.notify).toEqual([]);
  });
  it('a different comment is a change', () => {
    const first = answer(meetingOf(), MDU_PROF, 'ja', { comment: 'Ja' });
    expect(answer(first.meeting, MDU_PROF, 'ja').outcome).toBe('recorded');
  });
  it('a redelivered decline does not invite the substitute twice', () => {
    const first = answer(meetingOf(), VASTERAS, 'nej');
    const again = answer(first.meeting, VASTERAS, 'nej');
    expect(again.outcome).toBe('unchanged');
    expect(again.meeting.invitees.filter((i) => i.personId === KOPING_SUB)).toHaveLength(1);
  });
});

describe('substitutes', () => {
  it('a substitute is invited when an ordinary member of their seat declines, and told whom they replace', () => {
    const r = answer(meetingOf(), VASTERAS, 'nej');
    expect(r.notify).toEqual([{ kind: 'substituteInvited', personId: KOPING_SUB, replaces: VASTERAS }]);
    expect(findInvitee(r.meeting, KOPING_SUB)).toMatchObject({ via: 'substitute', substituteFor: VASTERAS });
    expect(r.uncovered).toEqual([]);
  });

  it('the substitute can then answer like any invitee', () => {
    const r = answer(answer(meetingOf(), VASTERAS, 'nej').meeting, KOPING_SUB, 'ja');
    expect(findInvitee(r.meeting, KOPING_SUB)?.answer?.value).toBe('ja');
  });

  it('Kanske does not call a substitute', () => {
    const r = answer(meetingOf(), VASTERAS, 'kanske');
    expect(findInvitee(r.meeting, KOPING_SUB)).toBeUndefined();
    expect(r.notify).toEqual([]);
  });

  it('when the member changes back to Ja the substitute is told they are not needed and leaves the list', () => {
    const declined = answer(meetingOf(), VASTERAS, 'nej');
    const withSub = answer(declined.meeting, KOPING_SUB, 'ja');
    const back = answer(withSub.meeting, VASTERAS, 'ja');
    expect(back.notify).toEqual([{ kind: 'substituteNotNeeded', personId: KOPING_SUB, replaced: VASTERAS }]);
    expect(findInvitee(back.meeting, KOPING_SUB)).toBeUndefined();
  });

  it('a member who goes from Nej to Kanske keeps the substitute (an empty seat is worse)', () => {
    const back = answer(answer(meetingOf(), VASTERAS, 'nej').meeting, VASTERAS, 'kanske');
    expect(findInvitee(back.meeting, KOPING_SUB)?.substituteFor).toBe(VASTERAS);
    expect(back.notify).toEqual([]);
  });

  it('two members of one seat decline with one substitute: the first to decline is replaced, the second reported uncovered', () => {
    // Region Västmanland declines before Västerås (not the roster or id order).
    const first = answer(meetingOf(), REGION_V, 'nej');
    const second = answer(first.meeting, VASTERAS, 'nej');
    expect(findInvitee(second.meeting, KOPING_SUB)?.substituteFor).toBe(REGION_V);
    expect(second.notify).toEqual([]);
    expect(second.uncovered).toEqual([{ personId: VASTERAS, seat: 'vastmanland', reason: 'substitutesUnavailable' }]);
    expect(uncoveredSeats({ meeting: second.meeting, people })).toEqual(second.uncovered);
  });

  it('…and when the first then comes after all, the substitute moves to the second instead of being sent away', () => {
    const both = answer(answer(meetingOf(), VASTERAS, 'nej').meeting, REGION_V, 'nej');
    const subJa = answer(both.meeting, KOPING_SUB, 'ja');
    const back = answer(subJa.meeting, VASTERAS, 'ja');
    expect(back.notify).toEqual([{ kind: 'substituteReassigned', personId: KOPING_SUB, replaces: REGION_V, previously: VASTERAS }]);
    expect(findInvitee(back.meeting, KOPING_SUB)).toMatchObject({ substituteFor: REGION_V, answer: { value: 'ja' } });
    expect(back.uncovered).toEqual([]);
  });

  it('a seat without substitutes (Sörmland, MDU) is reported, not filled', () => {
    const sormland = answer(meetingOf(), ESKILSTUNA, 'nej');
    expect(sormland.uncovered).toEqual([{ personId: ESKILSTUNA, seat: 'sormland', reason: 'noSubstituteForSeat' }]);
    expect(answer(meetingOf(), MDU_PROF, 'nej').uncovered).toEqual([{ personId: MDU_PROF, seat: 'mdu', reason: 'noSubstituteForSeat' }]);
  });

  it('a substitute leadership removed is not brought back automatically', () => {
    const declined = answer(meetingOf(), VASTERAS, 'nej');
    const removed = removeInvitee({ meeting: declined.meeting, personId: KOPING_SUB, by: LEADER, people, now: tick() });
    if (!removed.ok) throw new Error(removed.reason);
    expect(removed.uncovered).toEqual([{ personId: VASTERAS, seat: 'vastmanland', reason: 'substitutesUnavailable' }]);
    const regionDeclines = answer(removed.meeting, REGION_V, 'nej');
    expect(findInvitee(regionDeclines.meeting, KOPING_SUB)).toBeUndefined();
  });

  it('a substitute leadership had added by hand is assigned, and stays invited when no longer needed', () => {
    const added = addInvitees({ meeting: meetingOf(), personIds: [KOPING_SUB], by: LEADER, people, now: tick() });
    if (!added.ok) throw new Error(added.reason);
    const declined = answer(added.meeting, VASTERAS, 'nej');
    expect(declined.notify).toEqual([{ kind: 'substituteInvited', personId: KOPING_SUB, replaces: VASTERAS }]);
    expect(findInvitee(declined.meeting, KOPING_SUB)).toMatchObject({ via: 'added', substituteFor: VASTERAS });
    const back = answer(declined.meeting, VASTERAS, 'ja');
    expect(findInvitee(back.meeting, KOPING_SUB)).toMatchObject({ via: 'added' });
    expect(findInvitee(back.meeting, KOPING_SUB)?.substituteFor).toBeUndefined();
  });

  it('a substitute added back by leadership fills the seat of whoever declined first', () => {
    const first = answer(meetingOf(), REGION_V, 'nej');
    const removed = removeInvitee({ meeting: first.meeting, personId: KOPING_SUB, by: LEADER, people, now: tick() });
    if (!removed.ok) throw new Error(removed.reason);
    const both = answer(removed.meeting, VASTERAS, 'nej');
    expect(both.uncovered.map((u) => u.personId).sort()).toEqual([VASTERAS, REGION_V].sort());
    const back = addInvitees({ meeting: both.meeting, personIds: [KOPING_SUB], by: LEADER, people, now: tick() });
    if (!back.ok) throw new Error(back.reason);
    expect(back.notify).toEqual([{ kind: 'substituteInvited', personId: KOPING_SUB, replaces: REGION_V }]);
    expect(findInvitee(back.meeting, KOPING_SUB)).toMatchObject({ via: 'added', substituteFor: REGION_V });
    expect(back.uncovered).toEqual([{ personId: VASTERAS, seat: 'vastmanland', reason: 'substitutesUnavailable' }]);
  });

  it('a substitute who said Nej by themselves is not assigned', () => {
    const added = addInvitees({ meeting: meetingOf(), personIds: [KOPING_SUB], by: LEADER, people, now: tick() });
    if (!added.ok) throw new Error(added.reason);
    const subNo = answer(added.meeting, KOPING_SUB, 'nej');
    expect(answer(subNo.meeting, VASTERAS, 'nej').uncovered).toEqual([{ personId: VASTERAS, seat: 'vastmanland', reason: 'substitutesUnavailable' }]);
  });

  it('other meeting types have no substitutes', () => {
    const r = answer(meetingOf('arlig-traff'), VASTERAS, 'nej');
    expect(findInvitee(r.meeting, KOPING_SUB)?.substituteFor).toBeUndefined();
    expect(r.notify).toEqual([]);
  });
});
