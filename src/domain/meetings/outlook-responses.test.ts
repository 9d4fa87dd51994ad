import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import rosterFile from '../../../data/demo-roster.json' with { type: 'json' };
import { rosterFileSchema } from '../people.js';
import { stockholmInstant } from '../time.js';
import { createMeeting, findInvitee, meetingDraftSchema, meetingSchema, rsvpClosesAt, type Meeting, type MeetingType, type RsvpValue } from './meeting.js';
import { answersBeside, laterAnswer, mergeOutlookResponses, type OutlookAttendeeResponse, type OutlookResponseValue } from './outlook-responses.js';

const people = rosterFileSchema.parse(rosterFile).people;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const iso = (date: string, time: string) => stockholmInstant(date, time).toISOString();
const emailOf = (personId: string) => people.find((p) => p.aadObjectId === personId)?.email ?? '';
const VASTERAS = id(20);
const REGION_V = id(22);
const KOPING_SUB = id(23);
const LEADER = id(21);
const STAFF = id(24);

const created = stockholmInstant('2027-03-01', '10:00');
function meetingOf(type: MeetingType = 'programrad'): Meeting {
  const draft = meetingDraftSchema.parse({
    type,
    title: 'Vårdialog',
    start: iso('2027-03-29', '09:00'),
    end: iso('2027-03-29', '12:00'),
    place: 'MDU',
    agenda: '',
    rsvpBy: '2027-03-27',
  });
  return createMeeting({ id: 'm1', draft, organiserId: LEADER, people, now: created }).meeting;
}

const withBotAnswer = (meeting: Meeting, personId: string, value: RsvpValue, at: string): Meeting => ({
  ...meeting,
  invitees: meeting.invitees.map((i) => (i.personId === personId ? { ...i, answer: { value, answeredAt: at } } : i)),
});
const outlook = (personId: string, response: OutlookResponseValue, time: string | null): OutlookAttendeeResponse => ({ email: emailOf(personId), response, time });
const validFrom = created.toISOString();

describe('answers given in Outlook, merged with answers given in the bot', () => {
  it('an Outlook "declined" newer than the bot answer is recorded at the time it was given, and calls the substitute', () => {
    const meeting = withBotAnswer(meetingOf(), VASTERAS, 'ja', iso('2027-03-10', '08:00'));
    const r = mergeOutlookResponses({ meeting, responses: [outlook(VASTERAS, 'declined', '2027-03-12T09:00:00Z')], people, validFrom });
    expect(r.applied).toEqual([{ personId: VASTERAS, value: 'nej', at: '2027-03-12T09:00:00.000Z' }]);
    expect(findInvitee(r.meeting, VASTERAS)?.answer).toEqual({ value: 'nej', answeredAt: '2027-03-12T09:00:00.000Z' });
    expect(findInvitee(r.meeting, KOPING_SUB)?.substituteFor).toBe(VASTERAS);
    expect(r.notify).toContainEqual({ kind: 'substituteInvited', personId: KOPING_SUB, replaces: VASTERAS });
    meetingSchema.parse(r.meeting);
  });

  it('an answer given in the bot after the Outlook response stands', () => {
    const meeting = withBotAnswer(meetingOf(), VASTERAS, 'ja', iso('2027-03-12', '12:00'));
    const r = mergeOutlookResponses({ meeting, responses: [outlook(VASTERAS, 'declined', '2027-03-12T09:00:00Z')], people, validFrom });
    expect(r.meeting).toBe(meeting);
    expect(r.skipped).toEqual([{ email: emailOf(VASTERAS), reason: 'botAnswerLater' }]);
  });

  it('at the very same instant the bot answer stands', () => {
    const at = '2027-03-12T09:00:00.000Z';
    const meeting = withBotAnswer(meetingOf(), VASTERAS, 'ja', at);
    expect(mergeOutlookResponses({ meeting, responses: [outlook(VASTERAS, 'declined', at)], people, validFrom }).applied).toEqual([]);
    expect(laterAnswer({ value: 'ja', at, source: 'bot' }, { value: 'nej', at, source: 'outlook' })?.source).toBe('bot');
  });

  it('"none", "notResponded" and "organizer" never clear an answer', () => {
    const meeting = withBotAnswer(meetingOf(), VASTERAS, 'ja', iso('2027-03-10', '08:00'));
    const r = mergeOutlookResponses({
      meeting,
      responses: [outlook(VASTERAS, 'none', null), outlook(REGION_V, 'notResponded', '2027-03-12T09:00:00Z'), outlook(LEADER, 'organizer', '2027-03-12T09:00:00Z')],
      people,
      validFrom,
    });
    expect(r.meeting).toBe(meeting);
    expect(r.skipped.map((s) => s.reason)).toEqual(['noAnswer', 'noAnswer', 'noAnswer']);
  });

  it('a response from before the meeting last moved in Outlook answered another time and is skipped', () => {
    const r = mergeOutlookResponses({ meeting: meetingOf(), responses: [outlook(VASTERAS, 'accepted', '2027-03-05T09:00:00Z')], people, validFrom: '2027-03-06T00:00:00Z' });
    expect(r.skipped).toEqual([{ email: emailOf(VASTERAS), reason: 'beforeTimeChange' }]);
  });

  it('a response after the RSVP deadline (Stockholm day end) is skipped, as the bot would refuse it', () => {
    const meeting = meetingOf();
    const late = rsvpClosesAt(meeting).toISOString();
    const justInTime = new Date(rsvpClosesAt(meeting).getTime() - 1000).toISOString();
    const r = mergeOutlookResponses({ meeting, responses: [outlook(VASTERAS, 'accepted', late), outlook(REGION_V, 'accepted', justInTime)], people, validFrom });
    expect(r.skipped).toEqual([{ email: emailOf(VASTERAS), reason: 'afterDeadline' }]);
    expect(r.applied.map((a) => a.personId)).toEqual([REGION_V]);
  });

  it('people who are not invited (or not in the roster) are skipped; e-mail case does not matter', () => {
    const r = mergeOutlookResponses({
      meeting: meetingOf(),
      responses: [outlook(STAFF, 'accepted', '2027-03-12T09:00:00Z'), { email: 'room.42@mdu.example', response: 'accepted', time: '2027-03-12T09:00:00Z' }, { ...outlook(REGION_V, 'tentativelyAccepted', '2027-03-12T09:00:00Z'), email: emailOf(REGION_V).toUpperCase() }],
      people,
      validFrom,
    });
    expect(r.skipped.map((s) => s.reason)).toEqual(['notInvited', 'notInvited']);
    expect(findInvitee(r.meeting, REGION_V)?.answer?.value).toBe('kanske');
  });

  it('a cancelled meeting takes no answers from Outlook', () => {
    const meeting: Meeting = { ...meetingOf(), status: 'cancelled' };
    expect(mergeOutlookResponses({ meeting, responses: [outlook(VASTERAS, 'accepted', '2027-03-12T09:00:00Z')], people, validFrom }).applied).toEqual([]);
  });

  it('the overview shows both answers and which one stands', () => {
    const meeting = withBotAnswer(meetingOf(), VASTERAS, 'ja', iso('2027-03-10', '08:00'));
    const rows = answersBeside({ meeting, responses: [outlook(VASTERAS, 'declined', '2027-03-12T09:00:00Z'), outlook(REGION_V, 'accepted', '2027-03-02T09:00:00Z')], people, validFrom: '2027-03-05T00:00:00Z' });
    const v = rows.find((r) => r.personId === VASTERAS);
    expect(v?.bot?.value).toBe('ja');
    expect(v?.outlook?.value).toBe('nej');
    expect(v?.standing?.source).toBe('outlook');
    expect(rows.find((r) => r.personId === REGION_V)).toEqual({ personId: REGION_V });
  });
});

describe('merge properties (fast-check)', () => {
  const start = created.getTime();
  const minutes = 31 * 24 * 60; // answers spread over March 2027, some after the deadline
  const instant = fc.integer({ min: 0, max: minutes }).map((m) => new Date(start + m * 60_000).toISOString());
  const rsvp = fc.constantFrom<RsvpValue>('ja', 'nej', 'kanske');
  const response = fc.constantFrom<OutlookResponseValue>('accepted', 'declined', 'tentativelyAccepted', 'none', 'notResponded');
  const perPerson = fc.record({ bot: fc.option(fc.record({ value: rsvp, at: instant }), { nil: undefined }), outlook: fc.option(fc.record({ response, at: instant }), { nil: undefined }) });

  function scenario(type: MeetingType) {
    const base = meetingOf(type);
    const ids = base.invitees.map((i) => i.personId).slice(0, 6);
    return fc.record({ answers: fc.array(perPerson, { minLength: ids.length, maxLength: ids.length }), validFrom: instant }).map(({ answers, validFrom }) => {
      let meeting = base;
      const responses: OutlookAttendeeResponse[] = [];
      answers.forEach((a, n) => {
        const personId = ids[n]!;
        if (a.bot) meeting = withBotAnswer(meeting, personId, a.bot.value, a.bot.at);
        if (a.outlook) responses.push(outlook(personId, a.outlook.response, a.outlook.at));
      });
      return { meeting, responses, validFrom, ids, answers };
    });
  }

  it('never overwrites a later answer: each answer is the later of the bot answer and an eligible Outlook answer', () => {
    fc.assert(
      fc.property(scenario('programgrupp'), ({ meeting, responses, validFrom, ids, answers }) => {
        const r = mergeOutlookResponses({ meeting, responses, people, validFrom });
        const closes = rsvpClosesAt(meeting).getTime();
        ids.forEach((personId, n) => {
          const { bot, outlook: o } = answers[n]!;
          const after = findInvitee(r.meeting, personId)?.answer;
          const value = o && { accepted: 'ja', declined: 'nej', tentativelyAccepted: 'kanske' }[o.response as string];
          const eligible = o && value !== undefined && Date.parse(o.at) >= Date.parse(validFrom) && Date.parse(o.at) < closes && (!bot || Date.parse(o.at) > Date.parse(bot.at)) && bot?.value !== value;
          if (eligible) expect(after).toEqual({ value, answeredAt: o.at });
          else expect(after).toEqual(bot ? { value: bot.value, answeredAt: bot.at } : undefined);
          if (bot && after) expect(Date.parse(after.answeredAt)).toBeGreaterThanOrEqual(Date.parse(bot.at));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent: merging the same responses again changes nothing', () => {
    fc.assert(
      fc.property(scenario('programrad'), ({ meeting, responses, validFrom }) => {
        const once = mergeOutlookResponses({ meeting, responses, people, validFrom });
        const twice = mergeOutlookResponses({ meeting: once.meeting, responses, people, validFrom });
        expect(twice.applied).toEqual([]);
        expect(twice.meeting).toEqual(once.meeting);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order Graph lists the attendees in', () => {
    fc.assert(
      fc.property(scenario('programrad'), fc.integer(), ({ meeting, responses, validFrom }, seed) => {
        const shuffled = [...responses].sort((a, b) => ((a.email.length * 31 + seed) % 7) - ((b.email.length * 31 + seed) % 7) || b.email.localeCompare(a.email));
        const a = mergeOutlookResponses({ meeting, responses, people, validFrom });
        const b = mergeOutlookResponses({ meeting, responses: shuffled, people, validFrom });
        expect(b.meeting).toEqual(a.meeting);
        meetingSchema.parse(a.meeting);
      }),
      { numRuns: 200 },
    );
  });
});
