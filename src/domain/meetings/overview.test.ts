import { describe, expect, it } from 'vitest';
import organisationsFile from '../../../data/organisations.json' with { type: 'json' };
import rosterFile from '../../../data/demo-roster.json' with { type: 'json' };
import { organisationsFileSchema } from '../organisations.js';
import { rosterFileSchema } from '../people.js';
import { stockholmInstant } from '../time.js';
import { cancelMeeting } from './change.js';
import { addLocalDays } from './local-date.js';
import { createMeeting, meetingDraftSchema, type Meeting, type MeetingType, type RsvpValue } from './meeting.js';
import { meetingOverview, memberMeetings, upcomingMeetings } from './overview.js';
import { recordAnswer } from './rsvp.js';

const people = rosterFileSchema.parse(rosterFile).people;
const organisations = organisationsFileSchema.parse(organisationsFile).organisations;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const iso = (date: string, time: string) => stockholmInstant(date, time).toISOString();
const [VASTERAS, REGION_V, KOPING_SUB, ESKILSTUNA, MDU_PROF, LEADER, REGION_S] = [id(20), id(22), id(23), id(25), id(27), id(21), id(104)];
const t0 = stockholmInstant('2027-03-01', '10:00');

function meeting(answers: ReadonlyArray<readonly [string, RsvpValue]>, { type = 'programrad' as MeetingType, date = '2027-04-13', mid = 'm1' } = {}): Meeting {
  const draft = meetingDraftSchema.parse({ type, title: 'Möte', start: iso(date, '09:00'), end: iso(date, '12:00'), place: 'MDU', agenda: '', rsvpBy: addLocalDays(date, -7) });
  let m = createMeeting({ id: mid, draft, organiserId: LEADER, people, now: t0 }).meeting;
  answers.forEach(([who, value], i) => {
    const r = recordAnswer({ meeting: m, personId: who, value, people, now: new Date(t0.getTime() + (i + 1) * 60_000), comment: value === 'nej' ? 'Krockar' : undefined });
    if (!r.ok) throw new Error(r.reason);
    m = r.meeting;
  });
  return m;
}

describe('leadership overview', () => {
  it('tallies ja / nej / kanske / ej svarat over everyone invited', () => {
    const o = meetingOverview({ meeting: meeting([[MDU_PROF, 'ja'], [VASTERAS, 'nej'], [ESKILSTUNA, 'kanske']]), people, organisations });
    // 7 ordinary members + the substitute called in for Västerås
    expect(o.tally).toEqual({ ja: 1, nej: 1, kanske: 1, ejSvarat: 5, invited: 8 });
    expect(o.answered.nej).toEqual([expect.objectContaining({ personId: VASTERAS, answer: expect.objectContaining({ comment: 'Krockar' }) })]);
    expect(o.notAnswered.map((e) => e.personId)).toContain(KOPING_SUB);
  });

  it('shows whom a substitute stands in for', () => {
    const o = meetingOverview({ meeting: meeting([[VASTERAS, 'nej'], [KOPING_SUB, 'ja']]), people, organisations });
    expect(o.answered.ja).toEqual([expect.objectContaining({ personId: KOPING_SUB, substituteFor: VASTERAS })]);
    expect(o.uncovered).toEqual([]);
  });

  it('lists those who have not answered by name', () => {
    const o = meetingOverview({ meeting: meeting([]), people, organisations });
    const names = o.notAnswered.map((e) => people.find((p) => p.aadObjectId === e.personId)?.name ?? '');
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'sv')));
  });

  it('representation: only Västmanland and MDU among the Ja is not both counties', () => {
    const o = meetingOverview({ meeting: meeting([[VASTERAS, 'ja'], [MDU_PROF, 'ja'], [ESKILSTUNA, 'nej']]), people, organisations });
    expect(o.representation.parties).toEqual(['mdu', 'vasteras']);
    expect(o.representation.counties).toEqual({ vastmanland: true, sormland: false });
    expect(o.representation.bothCounties).toBe(false);
    expect(o.representation.mdu).toBe(true);
    expect(o.representation.partiesWithoutJa).toEqual(expect.arrayContaining(['region-vastmanland', 'region-sormland', 'eskilstuna']));
    expect(o.representation.partiesWithoutJa).not.toContain('vasteras');
    expect(o.representation.seats).toEqual({ vastmanland: 1, sormland: 0, mdu: 1 });
  });

  it('representation: a Ja from each county is both counties; Kanske does not count', () => {
    const o = meetingOverview({ meeting: meeting([[REGION_V, 'ja'], [REGION_S, 'ja'], [MDU_PROF, 'kanske']]), people, organisations });
    expect(o.representation.bothCounties).toBe(true);
    expect(o.representation.mdu).toBe(false);
  });

  it('a substitute’s Ja represents their own party and their seat', () => {
    const o = meetingOverview({ meeting: meeting([[VASTERAS, 'nej'], [KOPING_SUB, 'ja']]), people, organisations });
    expect(o.representation.parties).toEqual(['koping']);
    expect(o.representation.seats?.vastmanland).toBe(1);
  });

  it('reports a declined seat nobody stands in for', () => {
    const o = meetingOverview({ meeting: meeting([[ESKILSTUNA, 'nej']]), people, organisations });
    expect(o.uncovered).toEqual([{ personId: ESKILSTUNA, seat: 'sormland', reason: 'noSubstituteForSeat' }]);
  });

  it('other meeting types have no seat count', () => {
    expect(meetingOverview({ meeting: meeting([], { type: 'arlig-traff' }), people, organisations }).representation.seats).toBeUndefined();
  });
});

describe('upcoming meetings and the member view', () => {
  const spring = meeting([[MDU_PROF, 'ja']], { mid: 'spring', date: '2027-04-13' });
  const earlier = meeting([], { mid: 'earlier', date: '2027-03-20' });
  const yearly = meeting([], { mid: 'yearly', type: 'arlig-traff', date: '2027-05-20' });
  const cancelledR = cancelMeeting({ meeting: meeting([], { mid: 'cancelled', date: '2027-05-25' }), now: t0 });
  if (!cancelledR.ok) throw new Error('not cancelled');
  const all = [yearly, spring, earlier, cancelledR.meeting];
  const afterEarlier = stockholmInstant('2027-03-21', '10:00');

  it('upcoming excludes ended and (by default) cancelled meetings, earliest first', () => {
    expect(upcomingMeetings({ meetings: all, now: afterEarlier }).map((m) => m.id)).toEqual(['spring', 'yearly']);
    expect(upcomingMeetings({ meetings: all, now: afterEarlier, includeCancelled: true }).map((m) => m.id)).toEqual(['spring', 'yearly', 'cancelled']);
  });

  it('a member sees their own upcoming meetings with their own answer, cancelled ones included', () => {
    const mine = memberMeetings({ meetings: all, personId: MDU_PROF.toUpperCase(), now: afterEarlier });
    expect(mine.map((m) => m.meeting.id)).toEqual(['spring', 'cancelled']); // MDU_PROF is not a director or chair
    expect(mine[0]?.answer?.value).toBe('ja');
    expect(mine[0]?.answerOpen).toBe(true);
    expect(mine[1]?.answerOpen).toBe(false);
  });

  it('a member is not shown meetings they are not invited to', () => {
    expect(memberMeetings({ meetings: all, personId: id(24), now: afterEarlier })).toEqual([]);
  });

  it('after the deadline the member can no longer answer', () => {
    const mine = memberMeetings({ meetings: [spring], personId: MDU_PROF, now: stockholmInstant('2027-04-07', '00:00') });
    expect(mine[0]?.answerOpen).toBe(false);
  });
});
