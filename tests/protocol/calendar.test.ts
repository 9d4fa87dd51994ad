import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFeatures } from '../../src/bot/features.js';
import { runCalendarSync, runOutlookResponses } from '../../src/bot/features/calendar-feature.js';
import type { CalendarSync } from '../../src/calendar/calendar-sync.js';
import { calendarSyncFromConfig } from '../../src/calendar/graph-credentials.js';
import { loadConfig, type BotConfig } from '../../src/config.js';
import { stockholmInstant } from '../../src/domain/time.js';
import { FakeGraph } from '../helpers/fake-graph.js';
import { cardNodes } from '../helpers/card-nodes.js';
import { Harness, cardOf, conversationOf, invokeCard } from '../helpers/harness.js';

/*
 * Issue 16 points 6–7 over the protocol: with Graph credentials, a meeting booked, changed and cancelled in the bot
 * becomes an Outlook event in the organiser's calendar (a Teams meeting, the roster's addresses as attendees) and follows
 * it; a "declined" given in Outlook comes back into the bot without overwriting a later answer given in the bot; a
 * throttled or unreachable Graph leaves the meeting in the bot as it is and the sync is retried. The fake Graph checks
 * every request against the documented shapes.
 */

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const LEADER = id(21);
const ERIK = id(20);
const MARIA = id(22);
const TENANT = '9a8b7c6d-0000-4000-8000-00000000aaaa';
const CLIENT = '1b2c3d4e-0000-4000-8000-00000000bbbb';
const SECRET = 'fake-client-secret-value';
const MAILBOX = 'stark@mdu.example';

let now = stockholmInstant('2027-03-01', '10:00');
let h: Harness;
let fake: FakeGraph;
let calendar: CalendarSync;

const emailOf = (personId: string) => h.services.store.doc.people.find((p) => p.aadObjectId === personId)?.email ?? '';
const meetingForm = (draftId: string, over: Record<string, string> = {}) => ({ draftId, type: 'programrad', title: 'Vårdialog', date: '2027-03-30', start: '13:00', end: '15:00', place: 'MDU, Västerås', agenda: 'Läget', deadline: '2027-03-22', ...over });
const meeting = (meetingId: string) => h.services.store.doc.meetings.meetings.find((m) => m.id === meetingId);
const entry = (meetingId: string) => h.services.store.doc.calendar.events.find((e) => e.meetingId === meetingId);
const eventOf = (meetingId: string) => fake.event(entry(meetingId)?.state?.eventId ?? 'none');
const sync = () => runCalendarSync(h.services, calendar, MAILBOX);
const inbox = (person: string) =>
  h.connector.delivered
    .filter((c) => (c.conversationId === conversationOf(person) || c.conversationId === `a:created-${person}`) && c.method === 'POST' && c.path !== '/v3/conversations')
    .map((c) => cardOf(c.body));
const invitationsOf = (person: string) => inbox(person).filter((c) => (c?.refresh as { action?: { verb?: string } } | undefined)?.action?.verb === 'meeting.refresh');
/** A calendar-file button: a signed link (local mode) or the file-consent action (Teams). */
const calendarFileActions = (card: unknown) =>
  cardNodes(card).filter((n) => (n.type === 'Action.OpenUrl' && String(n.url).includes('/downloads/')) || (n.type === 'Action.Execute' && n.verb === 'file.send'));

beforeAll(async () => {
  fake = await new FakeGraph({ tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, mailbox: MAILBOX }).start();
  h = await Harness.start({
    now: () => now,
    env: { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT, GRAPH_CLIENT_SECRET: SECRET, STARK_ORGANISER_MAILBOX: MAILBOX },
    calendar: (config: BotConfig) => {
      const agent = new Agent({ ca: fake.caPem });
      const base = createDefaultHttpClient();
      const httpClient: HttpClient = { sendRequest: (request) => ((request.agent = agent), base.sendRequest(request)) };
      calendar = calendarSyncFromConfig(config.calendar, {
        endpoints: { authorityHost: fake.authorityHost, graphBaseUrl: fake.graphBaseUrl, identity: { httpClient, disableInstanceDiscovery: true } },
        retry: { maxRetries: 1, delaySeconds: 0, maxInlineWaitSeconds: 5 },
        requestTimeoutMs: 10_000,
        clock: () => now,
      });
      return calendar;
    },
  });
});
afterAll(async () => {
  await h?.close();
  await fake?.close();
  expect(fake.violations).toEqual([]);
});

describe('Outlook calendar through Microsoft Graph', () => {
  it('without Graph credentials the calendar feature is absent (.ics files as before)', () => {
    const plain = loadConfig({});
    expect(plain.calendar).toEqual({ backend: 'ics' });
    expect(allFeatures(plain, calendarSyncFromConfig(plain.calendar)).some((f) => f.name === 'calendar')).toBe(false);
    expect(h.bot.services.config.calendar.backend).toBe('graph');
  });

  it('a booked meeting becomes a Teams meeting in the organiser’s calendar, attendees from the roster', async () => {
    expect(invokeCard(await h.invoke(LEADER, 'meeting.schedule', meetingForm('cal-1')))).toBeDefined();
    await sync();
    const event = eventOf('cal-1');
    const create = fake.calls.find((c) => c.method === 'POST' && c.path.endsWith('/events'));
    expect(create?.path).toBe(`/v1.0/users/${MAILBOX}/events`);
    expect(create?.body).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', subject: 'Vårdialog' });
    const invitees = meeting('cal-1')?.invitees.map((i) => emailOf(i.personId)).filter(Boolean).sort();
    expect(event.attendees.map((a) => a.address).sort()).toEqual(invitees);
    expect(event.start).toBe(stockholmInstant('2027-03-30', '13:00').getTime());
    expect(event.joinUrl).toBeDefined();
    // In step: a second run makes no request.
    const calls = fake.calls.length;
    await sync();
    expect(fake.calls.length).toBe(calls);
  });

  it('with Graph the invitation offers no .ics (Outlook brings the event); it comes back once the event is stuck', async () => {
    await h.services.messenger.drain();
    const invitations = invitationsOf(ERIK);
    expect(invitations.length).toBeGreaterThan(0);
    for (const card of invitations) expect(calendarFileActions(card)).toEqual([]);
    const list = (await h.say(ERIK, 'möten')).replies.map(cardOf).find((c) => JSON.stringify(c).includes('Vårdialog'));
    expect(list).toBeDefined();
    expect(calendarFileActions(list)).toEqual([]);
    // Forbidden, rejected or deleted in Outlook: the event needs a person, so the file is offered again meanwhile.
    const calendarEntry = entry('cal-1');
    if (!calendarEntry) throw new Error('no calendar entry');
    calendarEntry.stuck = true;
    const again = (await h.say(ERIK, 'möten')).replies.map(cardOf).find((c) => JSON.stringify(c).includes('Vårdialog'));
    expect(calendarFileActions(again).length).toBeGreaterThan(0);
    delete calendarEntry.stuck;
  });

  it('a change in the bot updates the event', async () => {
    now = stockholmInstant('2027-03-02', '10:00');
    await h.invoke(LEADER, 'meeting.schedule', { ...meetingForm('cal-1', { start: '14:00', end: '16:00' }), meetingId: 'cal-1' });
    expect(meeting('cal-1')?.sequence).toBe(1);
    await sync();
    expect(fake.calls.some((c) => c.method === 'PATCH')).toBe(true);
    expect(eventOf('cal-1').start).toBe(stockholmInstant('2027-03-30', '14:00').getTime());
    expect(entry('cal-1')?.state?.syncedSequence).toBe(1);
  });

  it('a "declined" in Outlook is read back; a later answer in the bot is never overwritten', async () => {
    now = stockholmInstant('2027-03-03', '10:00');
    await h.invoke(MARIA, 'meeting.rsvp', { meetingId: 'cal-1', answer: 'ja' });
    const eventId = entry('cal-1')?.state?.eventId ?? '';
    fake.respond(eventId, emailOf(ERIK), 'declined', stockholmInstant('2027-03-03', '11:00'));
    fake.respond(eventId, emailOf(MARIA), 'declined', stockholmInstant('2027-03-03', '09:00'));
    now = stockholmInstant('2027-03-03', '12:00');
    await runOutlookResponses(h.services, calendar, MAILBOX);
    const answerOf = (p: string) => meeting('cal-1')?.invitees.find((i) => i.personId === p)?.answer?.value;
    expect(answerOf(ERIK)).toBe('nej');
    expect(answerOf(MARIA)).toBe('ja');
    // Read again: nothing more changes.
    const before = JSON.stringify(meeting('cal-1'));
    await runOutlookResponses(h.services, calendar, MAILBOX);
    expect(JSON.stringify(meeting('cal-1'))).toBe(before);
  });

  it('Graph throttled: the meeting exists in the bot at once; the event follows after Retry-After', async () => {
    fake.fault = (call) => (call.method === 'POST' && call.path.endsWith('/events') ? { status: 429, retryAfter: '120' } : null);
    await h.invoke(LEADER, 'meeting.schedule', meetingForm('cal-2', { title: 'Gruppmöte', type: 'programgrupp', date: '2027-03-31' }));
    expect(meeting('cal-2')?.status).toBe('scheduled');
    await sync();
    expect(entry('cal-2')).toMatchObject({ attempt: 1, lastFailure: 'throttled' });
    expect(Date.parse(entry('cal-2')?.nextAttemptAt ?? '')).toBeGreaterThanOrEqual(now.getTime() + 120_000);
    fake.fault = null;
    const calls = fake.calls.length;
    await sync();
    expect(fake.calls.length).toBe(calls);
    now = new Date(Date.parse(entry('cal-2')?.nextAttemptAt ?? '') + 1000);
    await sync();
    expect(entry('cal-2')).toMatchObject({ attempt: 0 });
    expect(eventOf('cal-2').subject).toBe('Gruppmöte');
  });

  it('Graph down: the cancellation stands in the bot and reaches Outlook once Graph is back', async () => {
    await fake.stopGraph();
    await h.invoke(LEADER, 'meeting.cancel', { meetingId: 'cal-1', confirm: 'yes' });
    expect(meeting('cal-1')?.status).toBe('cancelled');
    await sync();
    expect(entry('cal-1')).toMatchObject({ lastFailure: 'unavailable', attempt: 1 });
    await fake.startGraph();
    now = new Date(Date.parse(entry('cal-1')?.nextAttemptAt ?? '') + 1000);
    await sync();
    expect(eventOf('cal-1').isCancelled).toBe(true);
    expect(entry('cal-1')?.state?.cancelled).toBe(true);
    expect(eventOf('cal-2').isCancelled).toBe(false);
  });
});
