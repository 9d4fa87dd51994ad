import { describe, expect, it } from 'vitest';
import rosterFile from '../../../data/demo-roster.json' with { type: 'json' };
import { dueCadenceReminders } from '../../domain/meetings/cadence.js';
import { createMeeting, meetingDraftSchema, type Meeting } from '../../domain/meetings/meeting.js';
import { dueReminders } from '../../domain/meetings/reminders.js';
import { recordAnswer } from '../../domain/meetings/rsvp.js';
import { rosterFileSchema } from '../../domain/people.js';
import { stockholmInstant } from '../../domain/time.js';
import { catalogues } from '../../i18n/catalogue.js';
import { matchMeetingCommand } from './commands.js';
import { cadenceReminderText, changeRefusalText, noticeMessage, organiserSubstitutionTexts, reminderText, rsvpConfirmationText, rsvpRefusalText } from './messages.js';
import { cancelPayloadSchema, rsvpPayloadSchema, schedulePayloadSchema } from './payloads.js';

const people = rosterFileSchema.parse(rosterFile).people;
const t = catalogues.sv;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const [VASTERAS, REGION_V, LEADER] = [id(20), id(22), id(21)];
const t0 = stockholmInstant('2027-03-01', '10:00');
const m: Meeting = createMeeting({
  id: 'm1',
  draft: meetingDraftSchema.parse({
    type: 'programrad',
    title: 'Vårdialog *viktig*',
    start: stockholmInstant('2027-03-29', '09:00').toISOString(),
    end: stockholmInstant('2027-03-29', '12:00').toISOString(),
    place: 'MDU',
    agenda: '',
    rsvpBy: '2027-03-22',
  }),
  organiserId: LEADER,
  people,
  now: t0,
}).meeting;
const answer = (meeting: Meeting, who: string, value: 'ja' | 'nej' | 'kanske', minute: number) => {
  const r = recordAnswer({ meeting, personId: who, value, people, now: new Date(t0.getTime() + minute * 60_000) });
  if (!r.ok) throw new Error(r.reason);
  return r;
};

describe('messages after a change', () => {
  it('the substitute is told whom they replace, with the card; the meeting title is escaped', () => {
    const r = answer(m, VASTERAS, 'nej', 1);
    const [notice] = r.notify;
    if (!notice) throw new Error('no notice');
    const msg = noticeMessage({ t, notice, meeting: r.meeting, people });
    expect(msg.withCard).toBe(true);
    expect(msg.text).toBe('Erik Demoberg kan inte komma till ”Vårdialog \\*viktig\\*”, måndag 29 mars 2027 kl. 09.00–12.00. Du är inbjuden som ersättare.');
  });
  it('a substitute no longer needed is told so without a card', () => {
    const back = answer(answer(m, VASTERAS, 'nej', 1).meeting, VASTERAS, 'ja', 2);
    const [notice] = back.notify;
    if (!notice) throw new Error('no notice');
    expect(notice.kind).toBe('substituteNotNeeded');
    const msg = noticeMessage({ t, notice, meeting: back.meeting, people });
    expect(msg).toEqual({ withCard: false, text: expect.stringContaining('Erik Demoberg kommer ändå') });
  });
  it('the organiser hears who was called in and which seat stays empty', () => {
    const first = answer(m, VASTERAS, 'nej', 1);
    const second = answer(first.meeting, REGION_V, 'nej', 2);
    expect(organiserSubstitutionTexts({ t, notify: first.notify, uncovered: first.uncovered, people })).toEqual(['Lars Testlund är inbjuden som ersättare för Erik Demoberg.']);
    expect(organiserSubstitutionTexts({ t, notify: second.notify, uncovered: second.uncovered, people })).toEqual([
      'Maria Exempelsson (Västmanland) har tackat nej och ingen ersättare finns att kalla in.',
    ]);
  });
});

describe('answers', () => {
  it('a refusal after the deadline names the deadline', () => {
    expect(rsvpRefusalText({ t, reason: 'deadlinePassed', meeting: m })).toBe(
      'Svarstiden gick ut måndag 22 mars 2027. Kontakta programledningen om du behöver ändra ditt svar.',
    );
    expect(rsvpRefusalText({ t, reason: 'commentTooLong', meeting: m })).toContain('500');
  });
  it('a repeated answer is confirmed as already recorded', () => {
    const first = answer(m, VASTERAS, 'ja', 1);
    const again = recordAnswer({ meeting: first.meeting, personId: VASTERAS, value: 'ja', people, now: t0 });
    if (!again.ok) throw new Error(again.reason);
    expect(rsvpConfirmationText({ t, result: first })).toBe('Tack! Ditt svar Ja på ”Vårdialog \\*viktig\\*” är registrerat.');
    expect(rsvpConfirmationText({ t, result: again })).toBe('Ditt svar Ja var redan registrerat.');
  });
  it('a refused change says why', () => {
    expect(changeRefusalText({ t, reason: 'typeCannotChange' })).toBe(t.meetings.organiser.refusals.typeCannotChange);
  });
});

describe('reminders', () => {
  it('an RSVP reminder names the meeting, its time and the deadline', () => {
    const [r] = dueReminders({ meetings: [m], now: stockholmInstant('2027-03-19', '09:00'), sentKeys: new Set() });
    if (!r) throw new Error('none due');
    expect(reminderText({ t, reminder: r, meeting: m })).toBe(
      'Påminnelse: du har inte svarat på inbjudan till ”Vårdialog \\*viktig\\*”, måndag 29 mars 2027 kl. 09.00–12.00. Svara senast måndag 22 mars 2027.',
    );
  });
  it('a cadence reminder names the missing meeting', () => {
    const [r] = dueCadenceReminders({ meetings: [], people, now: stockholmInstant('2027-01-15', '09:00'), sentKeys: new Set() });
    if (!r) throw new Error('none due');
    expect(cadenceReminderText({ t, reminder: r })).toContain('Programrådsdialog, januari–juni 2027 är inte bokad');
  });
});

describe('chat commands', () => {
  it.each([
    ['boka möte', { kind: 'schedule' }],
    ['Boka  mote', { kind: 'schedule' }],
    ['schedule meeting', { kind: 'schedule' }],
    ['möten', { kind: 'overview' }],
    ['Meetings', { kind: 'overview' }],
    ['mötesplan', { kind: 'cadence' }],
    ['mötesplan 2027', { kind: 'cadence', year: 2027 }],
    ['meeting plan 2028', { kind: 'cadence', year: 2028 }],
  ])('“%s” is understood', (text, expected) => {
    expect(matchMeetingCommand(text)).toEqual(expected);
  });
  it('other text is not a meetings command', () => {
    expect(matchMeetingCommand('boka möte imorgon kl 9')).toBeUndefined();
    expect(matchMeetingCommand('kostnad')).toBeUndefined();
  });
});

describe('card payloads', () => {
  it('an answer must be ja, nej or kanske for a well-formed meeting id; the verb key is ignored', () => {
    expect(rsvpPayloadSchema.safeParse({ meetingId: 'm1', answer: 'ja', verb: 'meeting.rsvp', comment: 'x' }).success).toBe(true);
    expect(rsvpPayloadSchema.safeParse({ meetingId: 'm1', answer: 'yes' }).success).toBe(false);
    expect(rsvpPayloadSchema.safeParse({ meetingId: '../etc', answer: 'ja' }).success).toBe(false);
  });
  it('the schedule payload takes the override flag as the card sends it', () => {
    expect(schedulePayloadSchema.parse({ title: 'x', override: true }).override).toBe(true);
    expect(schedulePayloadSchema.parse({ title: 'x', override: 'true' }).override).toBe('true');
  });
  it('cancel needs the literal confirmation to cancel', () => {
    expect(cancelPayloadSchema.safeParse({ meetingId: 'm1', confirm: 'ja' }).success).toBe(false);
    expect(cancelPayloadSchema.parse({ meetingId: 'm1' }).confirm).toBeUndefined();
  });
});
