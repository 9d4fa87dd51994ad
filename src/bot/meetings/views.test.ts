import { describe, expect, it } from 'vitest';
import organisationsFile from '../../../data/organisations.json' with { type: 'json' };
import rosterFile from '../../../data/demo-roster.json' with { type: 'json' };
import { validateCard } from '../../../tests/helpers/card-validator.js';
import { meetingCadenceCard } from '../../cards/meeting-cadence-card.js';
import { meetingInvitationCard } from '../../cards/meeting-invitation-card.js';
import { meetingMemberCard } from '../../cards/meeting-member-card.js';
import { meetingOverviewCard } from '../../cards/meeting-overview-card.js';
import { meetingScheduleCard } from '../../cards/meeting-schedule-card.js';
import { createMeeting, meetingDraftSchema, type Meeting, type MeetingType, type RsvpValue } from '../../domain/meetings/meeting.js';
import { recordAnswer } from '../../domain/meetings/rsvp.js';
import { validateScheduleForm } from '../../domain/meetings/schedule-form.js';
import { organisationsFileSchema } from '../../domain/organisations.js';
import { rosterFileSchema } from '../../domain/people.js';
import { stockholmInstant } from '../../domain/time.js';
import { catalogues } from '../../i18n/catalogue.js';
import { cadenceCardModel, formatWhen, invitationCardModel, memberCardModel, overviewCardModel, scheduleCardModel } from './views.js';

const people = rosterFileSchema.parse(rosterFile).people;
const organisations = organisationsFileSchema.parse(organisationsFile).organisations;
const [sv, en] = [catalogues.sv, catalogues.en];
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const [VASTERAS, KOPING_SUB, ESKILSTUNA, MDU_PROF, LEADER] = [id(20), id(23), id(25), id(27), id(21)];
const t0 = stockholmInstant('2027-03-01', '10:00');

function meeting({ mid = 'm1', type = 'programrad' as MeetingType, date = '2027-03-29', rsvpBy = '2027-03-22', answers = [] as ReadonlyArray<readonly [string, RsvpValue]> } = {}): Meeting {
  const draft = meetingDraftSchema.parse({
    type,
    title: `Möte ${mid}`,
    start: stockholmInstant(date, '09:00').toISOString(),
    end: stockholmInstant(date, '12:00').toISOString(),
    place: 'MDU',
    agenda: '',
    rsvpBy,
  });
  let m = createMeeting({ id: mid, draft, organiserId: LEADER, people, now: t0 }).meeting;
  answers.forEach(([who, value], i) => {
    const r = recordAnswer({ meeting: m, personId: who, value, people, now: new Date(t0.getTime() + (i + 1) * 60_000) });
    if (!r.ok) throw new Error(r.reason);
    m = r.meeting;
  });
  return m;
}

describe('dates and times people read', () => {
  it('a meeting the day after the spring switch reads 09.00 Stockholm time, in Swedish and English', () => {
    const m = meeting();
    expect(formatWhen(sv, m)).toBe('måndag 29 mars 2027 kl. 09.00–12.00');
    expect(formatWhen(en, m)).toBe('Monday 29 March 2027, 09:00–12:00 (Swedish time)');
  });
  it('a meeting on the autumn switch day reads its Stockholm wall-clock time', () => {
    const m = meeting({ date: '2027-10-31', rsvpBy: '2027-10-20' });
    expect(m.start).toBe('2027-10-31T08:00:00.000Z');
    expect(formatWhen(sv, m)).toBe('söndag 31 oktober 2027 kl. 09.00–12.00');
  });
});

describe('invitation view', () => {
  it('a substitute’s own view says whom they replace, and refreshes for them', () => {
    const m = meeting({ answers: [[VASTERAS, 'nej']] });
    const model = invitationCardModel({ meeting: m, viewerId: KOPING_SUB, people, now: t0, t: sv, icsUrl: 'https://bot.example/ics' });
    expect(model.viewer?.replacesName).toBe('Erik Demoberg');
    expect(model.refreshUserIds).toEqual([KOPING_SUB]);
    expect(model.organiserName).toBe('Anna Provström');
    expect(model.rsvpBy).toBe('måndag 22 mars 2027');
    expect(validateCard(meetingInvitationCard(model, sv))).toEqual([]);
  });
  it('the viewer’s answer is theirs; a non-invitee gets the shared version', () => {
    const m = meeting({ answers: [[MDU_PROF, 'kanske']] });
    expect(invitationCardModel({ meeting: m, viewerId: MDU_PROF, people, now: t0, t: sv }).viewer?.answer?.value).toBe('kanske');
    expect(invitationCardModel({ meeting: m, viewerId: VASTERAS, people, now: t0, t: sv }).viewer?.answer).toBeUndefined();
    expect(invitationCardModel({ meeting: m, viewerId: id(24), people, now: t0, t: sv }).viewer).toBeUndefined();
  });
  it('answering closes when the deadline day has ended', () => {
    const m = meeting();
    expect(invitationCardModel({ meeting: m, viewerId: MDU_PROF, people, now: stockholmInstant('2027-03-22', '23:59'), t: sv }).answerOpen).toBe(true);
    expect(invitationCardModel({ meeting: m, viewerId: MDU_PROF, people, now: stockholmInstant('2027-03-23', '00:00'), t: sv }).answerOpen).toBe(false);
  });
});

describe('overview view', () => {
  it('names parties and people, and the seat declined without a substitute', () => {
    const m = meeting({ answers: [[VASTERAS, 'nej'], [KOPING_SUB, 'ja'], [ESKILSTUNA, 'nej'], [MDU_PROF, 'ja']] });
    const model = overviewCardModel({ meetings: [m], people, organisations, now: t0, t: sv, expandedId: 'm1' });
    const item = model.meetings[0];
    expect(item?.representation.parties).toEqual(['MDU', 'Köping']);
    expect(item?.answered.ja).toContainEqual({ name: 'Lars Testlund', organisation: 'Köping', comment: undefined, substituteForName: 'Erik Demoberg' });
    expect(item?.uncovered).toEqual([{ name: 'Anders Låtsasgren', seat: 'sormland' }]);
    expect(validateCard(meetingOverviewCard(model, sv))).toEqual([]);
  });
  it('shows the earliest few and says how many more; an expanded later one is still shown', () => {
    const ms = ['04-05', '04-06', '04-07', '04-08'].map((d, i) => meeting({ mid: `m${i}`, date: `2027-${d}`, rsvpBy: '2027-03-30' }));
    const model = overviewCardModel({ meetings: ms, people, organisations, now: t0, t: sv, limit: 2 });
    expect(model.meetings.map((m) => m.meetingId)).toEqual(['m0', 'm1']);
    expect(model.more).toBe(2);
    const expanded = overviewCardModel({ meetings: ms, people, organisations, now: t0, t: sv, limit: 2, expandedId: 'm3' });
    expect(expanded.meetings.map((m) => m.meetingId)).toEqual(['m0', 'm3']);
  });
});

describe('member view', () => {
  it('lists the member’s own meetings with calendar links', () => {
    const model = memberCardModel({ meetings: [meeting({ answers: [[MDU_PROF, 'ja']] })], personId: MDU_PROF, people, now: t0, t: sv, icsUrlFor: (mid) => `https://bot.example/ics/${mid}` });
    expect(model.meetings).toEqual([expect.objectContaining({ meetingId: 'm1', answer: { value: 'ja', comment: undefined }, icsUrl: 'https://bot.example/ics/m1', answerOpen: true })]);
    expect(validateCard(meetingMemberCard(model, sv))).toEqual([]);
  });
});

describe('cadence view', () => {
  it('a dialogue that has ended is held, a future one scheduled, a missing half-year missed or to schedule', () => {
    const spring = meeting({ mid: 'spring' });
    const yearly = meeting({ mid: 'yearly', type: 'arlig-traff', date: '2027-09-15', rsvpBy: '2027-09-01' });
    const model = cadenceCardModel({ year: 2027, meetings: [spring, yearly], now: stockholmInstant('2027-04-01', '10:00'), t: sv, canSchedule: true });
    expect(model.entries.map((e) => [e.slot, e.state])).toEqual([
      ['programradSpring', 'held'],
      ['programradAutumn', 'toSchedule'],
      ['yearlyMeeting', 'scheduled'],
    ]);
    expect(model.entries[0]?.meetings).toEqual([{ title: 'Möte spring', when: 'måndag 29 mars 2027 kl. 09.00–12.00' }]);
    expect(cadenceCardModel({ year: 2027, meetings: [], now: stockholmInstant('2027-07-01', '10:00'), t: sv, canSchedule: true }).entries[0]?.state).toBe('missed');
    expect(validateCard(meetingCadenceCard(model, sv))).toEqual([]);
  });
});

describe('scheduling form view', () => {
  it('a change is prefilled with the meeting’s Stockholm date and times and keeps its type', () => {
    const m = meeting({ date: '2027-10-31', rsvpBy: '2027-10-20' });
    const model = scheduleCardModel({ kind: 'change', meeting: m });
    expect(model.change).toEqual({ meetingId: 'm1', type: 'programrad' });
    expect(model.values).toMatchObject({ date: '2027-10-31', start: '09:00', end: '12:00', deadline: '2027-10-20', place: 'MDU' });
    expect(validateCard(meetingScheduleCard(model, sv))).toEqual([]);
  });
  it('a returned form keeps what was typed, with errors and warnings', () => {
    const r = validateScheduleForm({ input: { type: 'programrad', title: 'X', date: '2027-04-17', start: '10:00', end: '09:00', place: 'MDU', deadline: '2027-04-10' }, now: t0 });
    if (r.ok) throw new Error('expected errors');
    const model = scheduleCardModel({ kind: 'returned', result: r });
    expect(model.values.end).toBe('09:00');
    expect(model.errors).toContainEqual({ field: 'end', reason: 'notAfterStart' });
    expect(model.warnings).toEqual([{ kind: 'weekend', date: '2027-04-17', weekday: 6 }]);
  });
  it('a new form can come with the type chosen (from the mötesplan)', () => {
    expect(scheduleCardModel({ kind: 'new', type: 'arlig-traff' }).values).toEqual({ type: 'arlig-traff' });
  });
});
