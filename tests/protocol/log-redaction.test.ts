import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger, PERSONAL_FIELDS, REDACTED } from '../../src/observability/logger.js';
import { stockholmInstant } from '../../src/domain/time.js';
import { Harness, demo } from '../helpers/harness.js';
import { personalDataIn } from '../helpers/log-scan.js';

/*
 * Issue 18: no name, e-mail address or comment text in any log line. Every protocol test checks its own run when its
 * harness closes (tests/helpers/harness.ts); this file walks every feature at debug level with texts chosen to be
 * found, scans the captured output for every person in the roster and every text typed, and checks the two
 * defences: redaction of personal fields by path, and the scan catching what redaction cannot.
 */

const roster = JSON.parse(readFileSync(new URL('../../data/demo-roster.json', import.meta.url), 'utf8')) as { people: Array<{ name: string; email?: string }> };
const rosterNeedles = roster.people.flatMap((p) => [p.name, ...(p.email ? [p.email] : [])]);

const typed = {
  needTitle: 'Hemlighetsfull titel om vattenförsörjning',
  needDescription: 'Beskrivning som nämner Erik Demoberg och hans diagnos',
  contactName: 'Kontaktperson Sigrid Hemlig',
  contactEmail: 'sigrid.hemlig@demo.stark.example',
  meetingTitle: 'Konfidentiell dialog om nedskärningar',
  meetingPlace: 'Rum Hemlighet, Västerås',
  meetingAgenda: 'Punkt ett: personalfrågor om Maria Exempelsson',
  comment: 'Jag kan inte komma eftersom jag är sjukskriven för utmattning',
  chat: 'Behov: vi behöver veta mer om tillitsbaserad styrning i Sala',
  question: 'Hur mycket betalar Köping 2027 för Karin Fiktivén?',
};

let clock = new Date('2027-03-01T09:00:00Z');
let h: Harness;
beforeAll(async () => {
  h = await Harness.start({ now: () => clock });
});
afterAll(async () => {
  await h.close();
});

describe('log redaction over a walk through every feature', () => {
  it('the captured log output holds no roster name or e-mail address and no text anyone typed', async () => {
    for (const who of [demo.vasterasDirector, demo.leader, demo.regionDirector, demo.kopingSubstitute, demo.salaEconomist, demo.eskilstunaDirector]) await h.say(who, 'hjälp');
    await h.say(demo.stranger, typed.question);
    await h.say(demo.salaEconomist, typed.question);
    await h.say(demo.vasterasDirector, typed.chat);
    await h.invoke(demo.vasterasDirector, 'core.language', { language: 'en' });
    await h.invoke(demo.vasterasDirector, 'needs.submit', {
      title: typed.needTitle,
      description: typed.needDescription,
      area: 'framtida-valfarden',
      urgency: 'high',
      organisationId: 'vasteras',
      contactName: typed.contactName,
      contactEmail: typed.contactEmail,
      force: 'true',
    });
    await h.say(demo.eskilstunaDirector, 'alla behov');
    await h.say(demo.vasterasDirector, 'mina behov');
    const booked = await h.invoke(demo.leader, 'meeting.schedule', {
      type: 'programrad',
      title: typed.meetingTitle,
      date: '2027-04-13',
      start: '09:00',
      end: '12:00',
      place: typed.meetingPlace,
      agenda: typed.meetingAgenda,
      deadline: '2027-04-06',
    });
    expect(booked.status).toBe(200);
    const meeting = h.services.store.doc.meetings.meetings.at(-1);
    if (!meeting) throw new Error('the meeting was not scheduled');
    await h.invoke(demo.vasterasDirector, 'meeting.rsvp', { meetingId: meeting.id, answer: 'nej', comment: typed.comment, start: stockholmInstant('2027-04-13', '09:00').toISOString() });
    await h.invoke(demo.regionDirector, 'meeting.rsvp', { meetingId: meeting.id, answer: 'kanske', comment: typed.comment, start: stockholmInstant('2027-04-13', '09:00').toISOString() });
    await h.say(demo.leader, 'möten');
    // Malformed and unknown input is logged too (its verb and field paths, never its values).
    await h.invoke(demo.vasterasDirector, 'meeting.rsvp', { meetingId: { name: 'Erik Demoberg' }, comment: typed.comment });
    await h.invoke(demo.vasterasDirector, 'no.such.verb', { comment: typed.comment });
    await h.services.messenger.drain();
    clock = new Date('2027-04-12T09:00:00Z');

    // The walk did produce a log worth scanning: the events of each feature are in it.
    const events = new Set(h.log.entries.map((e) => e.event));
    for (const event of ['turn.unknownPerson', 'needs.submitted', 'meetings.scheduled', 'meetings.answered', 'outbound.sent', 'action.invalidData', 'action.unknown', 'turn.done']) {
      expect(events, event).toContain(event);
    }
    expect(h.log.lines.length).toBeGreaterThan(40);

    expect(personalDataIn(h.log.lines, rosterNeedles)).toEqual([]);
    expect(personalDataIn(h.log.lines, Object.values(typed))).toEqual([]);
    // The texts really reached the store: the scan looks for what the bot holds, not for something it never saw.
    const stored = JSON.stringify(h.services.store.doc);
    for (const text of [typed.needTitle, typed.contactEmail, typed.meetingTitle, typed.comment]) expect(stored).toContain(text);
  }, 60_000);
});

describe('the two defences', () => {
  it('fields that name personal data are censored wherever a log call puts them', () => {
    const log = memoryLogger();
    const values = Object.fromEntries(PERSONAL_FIELDS.map((f) => [f, `${f} of Anna Provström`]));
    log.info('test.fields', values);
    log.warn('test.nested', { ...values });
    const entry = log.entries[0] ?? {};
    for (const field of PERSONAL_FIELDS) expect(entry[field], field).toBe(REDACTED);
    expect(personalDataIn(log.lines, ['Anna Provström'])).toEqual([]);
    expect(entry.event).toBe('test.fields');
  });

  it('a name in a field redaction does not know is caught by the scan every harness runs on close', async () => {
    const leaky = await Harness.start();
    try {
      leaky.services.log.info('test.leak', { who: 'Lars Testlund', contact: 'lars.testlund@demo.stark.example' });
      await leaky.say(demo.vasterasDirector, 'hjälp');
      expect(leaky.personalDataInLog().sort()).toEqual(['Lars Testlund', 'lars.testlund@demo.stark.example'].sort());
    } finally {
      await expect(leaky.close()).rejects.toThrow(/personal data in the log output/);
    }
  });
});
