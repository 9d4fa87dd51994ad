import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import rosterFile from '../../data/demo-roster.json' with { type: 'json' };
import { FakeGraph } from '../../tests/helpers/fake-graph.js';
import { cancelMeeting, changeMeeting } from '../domain/meetings/change.js';
import { addInvitees, removeInvitee } from '../domain/meetings/invitees.js';
import { createMeeting, draftOf, findInvitee, meetingDraftSchema, type Meeting } from '../domain/meetings/meeting.js';
import { mergeOutlookResponses } from '../domain/meetings/outlook-responses.js';
import { recordAnswer } from '../domain/meetings/rsvp.js';
import { rosterFileSchema } from '../domain/people.js';
import { stockholmInstant } from '../domain/time.js';
import { loadCalendarConfig, type CalendarConfig } from './calendar-config.js';
import { forgetEvent, icsCalendarSync, nextSyncAttemptAt, type CalendarSync, type CalendarSyncState, type ReconcileResult } from './calendar-sync.js';
import { calendarTargetOf } from './calendar-target.js';
import { calendarSyncFromConfig } from './graph-credentials.js';
import { MEETING_ID_PROPERTY } from './graph-event.js';

const people = rosterFileSchema.parse(rosterFile).people;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const emailOf = (n: number) => people.find((p) => p.aadObjectId === id(n))?.email ?? '';
const iso = (date: string, time: string) => stockholmInstant(date, time).toISOString();
const LEADER = id(21);
const ERIK = id(20); // Programråd, Västmanland
const LARS = id(23); // his substitute
const KARIN = id(24); // staff, in no body

const TENANT = '9a8b7c6d-0000-4000-8000-00000000aaaa';
const CLIENT = '1b2c3d4e-0000-4000-8000-00000000bbbb';
const SECRET = 'fake-client-secret-value';
const MAILBOX = 'stark@mdu.example';

let fake: FakeGraph;
let now = stockholmInstant('2027-03-01', '10:00');
const clock = () => now;

beforeEach(async () => {
  now = stockholmInstant('2027-03-01', '10:00');
  fake = await new FakeGraph({ tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, mailbox: MAILBOX }).start();
});
afterEach(async () => {
  await fake.close();
  // Every request the calendar made matched Microsoft Graph's documented shapes.
  expect(fake.violations).toEqual([]);
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT, GRAPH_CLIENT_SECRET: SECRET, STARK_ORGANISER_MAILBOX: MAILBOX, ...extra };
}

/** The calendar as production builds it from the environment, pointed at the fake (https token service, http Graph). */
function calendar(
  config: CalendarConfig = loadCalendarConfig(env()),
  { retry = { maxRetries: 3, delaySeconds: 0, maxInlineWaitSeconds: 5 }, requestTimeoutMs = 10_000 } = {},
): CalendarSync {
  const agent = new Agent({ ca: fake.caPem });
  const base = createDefaultHttpClient();
  const httpClient: HttpClient = {
    sendRequest: (request) => {
      request.agent = agent;
      return base.sendRequest(request);
    },
  };
  return calendarSyncFromConfig(config, {
    endpoints: { authorityHost: fake.authorityHost, graphBaseUrl: fake.graphBaseUrl, identity: { httpClient, disableInstanceDiscovery: true } },
    retry,
    requestTimeoutMs,
    clock,
  });
}

function meeting(): Meeting {
  const draft = meetingDraftSchema.parse({
    type: 'programrad',
    title: 'Vårdialog 2027',
    start: iso('2027-03-29', '09:00'),
    end: iso('2027-03-29', '12:00'),
    place: 'MDU Västerås, sal U2-024',
    agenda: '1. Budget & <plan>\n2. "Behov" från länen',
    rsvpBy: '2027-03-27',
  });
  return createMeeting({ id: 'm-2027-var', draft, organiserId: LEADER, people, now }).meeting;
}

const targetOf = (m: Meeting, cancellationComment?: string) => calendarTargetOf({ meeting: m, people, organiserMailbox: MAILBOX, cancellationComment }).target;

function ok(r: ReconcileResult): CalendarSyncState {
  if (!r.ok) throw new Error(`sync failed: ${r.reason} ${r.detail}`);
  if (!r.state) throw new Error('no state');
  return r.state;
}
const onlyEvent = () => {
  expect(fake.events.size).toBe(1);
  return [...fake.events.values()][0]!;
};
const posts = () => fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/events'));

describe('the Outlook event follows the meeting (create, update, cancel)', () => {
  it('creates a Teams meeting in the organiser mailbox with the roster’s e-mail addresses, in Stockholm time', async () => {
    const m = meeting();
    const r = await calendar().reconcile({ target: targetOf(m), state: null });
    expect(r).toMatchObject({ ok: true, action: 'created' });
    const state = ok(r);
    const e = onlyEvent();
    expect(state.eventId).toBe(e.id);
    expect(e.subject).toBe('Vårdialog 2027');
    expect(e.start).toBe(Date.parse(m.start));
    expect(e.end).toBe(Date.parse(m.end));
    expect(e.location).toBe('MDU Västerås, sal U2-024');
    expect(e.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    expect(state.joinUrl).toBe(e.joinUrl);
    // The Programråd's ordinary members, all required; the organiser mailbox is not its own attendee.
    const ordinary = people.filter((p) => p.programrad?.membership === 'ordinary').map((p) => p.email?.toLowerCase());
    expect(e.attendees.map((a) => a.address).sort()).toEqual([...ordinary].sort());
    expect(new Set(e.attendees.map((a) => a.type))).toEqual(new Set(['required']));
    // The typed agenda is text, never markup.
    expect(e.bodyHtml).toContain('1. Budget &amp; &lt;plan&gt;<br>2. &quot;Behov&quot; från länen');
    expect(e.tags).toEqual([{ id: MEETING_ID_PROPERTY, value: 'm-2027-var' }]);
    expect(e.allowNewTimeProposals).toBe(false);
    const create = posts()[0]!.body as { start: unknown; isOnlineMeeting: boolean; onlineMeetingProvider: string; transactionId: string };
    expect(create.start).toEqual({ dateTime: '2027-03-29T09:00:00', timeZone: 'W. Europe Standard Time' });
    expect(create).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    expect(create.transactionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('moves, renames and re-places the event, rewrites the agenda and keeps the Teams join link', async () => {
    const sync = calendar();
    const m = meeting();
    let state = ok(await sync.reconcile({ target: targetOf(m), state: null }));
    const joinUrl = onlyEvent().joinUrl;
    now = stockholmInstant('2027-03-05', '14:00');
    const changed = changeMeeting({
      meeting: m,
      draft: { ...draftOf(m), title: 'Vårdialog 2027 (flyttad)', start: iso('2027-03-30', '13:00'), end: iso('2027-03-30', '16:00'), place: 'Eskilstuna, Munktell Science Park', agenda: 'Ny dagordning\n________________________\nÖvrigt' },
      now,
    });
    if (!changed.ok) throw new Error(changed.reason);
    const r = await sync.reconcile({ target: targetOf(changed.meeting), state });
    expect(r).toMatchObject({ ok: true, action: 'updated' });
    state = ok(r);
    const e = onlyEvent();
    expect(e.subject).toBe('Vårdialog 2027 (flyttad)');
    expect(e.start).toBe(Date.parse(iso('2027-03-30', '13:00')));
    expect(e.location).toBe('Eskilstuna, Munktell Science Park');
    expect(e.bodyHtml).toContain('Ny dagordning');
    expect(e.bodyHtml).not.toContain('Budget');
    expect(e.joinUrl).toBe(joinUrl); // the blob survived the body PATCH
    expect(e.bodyHtml.split(joinUrl!).length).toBe(2); // and is there once
    expect(state.agendaInSync).toBe(true);
    // Outlook cleared the responses with the new time; older ones no longer count.
    expect(state.answersValidFrom).toBe(now.toISOString());
    const patch = fake.calls.find((c) => c.method === 'PATCH')!.body as Record<string, unknown>;
    expect(Object.keys(patch).sort()).toEqual(['body', 'end', 'location', 'start', 'subject']);
  });

  it('adds and removes attendees as leadership changes the list, and leaves an unchanged event alone', async () => {
    const sync = calendar();
    let m = meeting();
    let state = ok(await sync.reconcile({ target: targetOf(m), state: null }));
    const added = addInvitees({ meeting: m, personIds: [KARIN], by: LEADER, people, now });
    if (!added.ok) throw new Error(added.reason);
    const removed = removeInvitee({ meeting: added.meeting, personId: ERIK, by: LEADER, people, now });
    if (!removed.ok) throw new Error(removed.reason);
    m = removed.meeting;
    state = ok(await sync.reconcile({ target: targetOf(m), state }));
    const e = onlyEvent();
    expect(e.attendees.find((a) => a.address === emailOf(24))?.type).toBe('optional'); // added by hand
    expect(e.attendees.some((a) => a.address === emailOf(20))).toBe(false);
    expect(Object.keys(fake.calls.find((c) => c.method === 'PATCH')!.body as object)).toEqual(['attendees']);
    const before = fake.calls.length;
    expect(await sync.reconcile({ target: targetOf(m), state })).toMatchObject({ ok: true, action: 'unchanged' });
    expect(fake.calls.length).toBe(before);
  });

  it('cancels with the comment, once; a late retry of an older state does nothing', async () => {
    const sync = calendar();
    const m = meeting();
    let state = ok(await sync.reconcile({ target: targetOf(m), state: null }));
    const cancelled = cancelMeeting({ meeting: m, now });
    if (!cancelled.ok) throw new Error(cancelled.reason);
    const r = await sync.reconcile({ target: targetOf(cancelled.meeting, 'Dialogen ställs in; ny tid kommer.'), state });
    expect(r).toMatchObject({ ok: true, action: 'cancelled' });
    state = ok(r);
    expect(onlyEvent()).toMatchObject({ isCancelled: true, cancelComment: 'Dialogen ställs in; ny tid kommer.' });
    const calls = fake.calls.length;
    expect(await sync.reconcile({ target: targetOf(cancelled.meeting), state })).toMatchObject({ ok: true, action: 'unchanged' });
    expect(await sync.reconcile({ target: targetOf(m), state })).toMatchObject({ ok: true, action: 'stale' });
    expect(fake.calls.length).toBe(calls);
  });

  it('an event deleted in Outlook is reported, not silently recreated; forgetEvent brings it back as a new event', async () => {
    const sync = calendar();
    const m = meeting();
    const state = ok(await sync.reconcile({ target: targetOf(m), state: null }));
    const first = onlyEvent();
    fake.events.clear();
    const changed = changeMeeting({ meeting: m, draft: { ...draftOf(m), title: 'Ny titel' }, now });
    if (!changed.ok) throw new Error(changed.reason);
    const r = await sync.reconcile({ target: targetOf(changed.meeting), state });
    expect(r).toMatchObject({ ok: false, reason: 'notFound', retryable: false });
    const again = await sync.reconcile({ target: targetOf(changed.meeting), state: forgetEvent(r.state!) });
    expect(again).toMatchObject({ ok: true, action: 'created' });
    expect(onlyEvent().subject).toBe('Ny titel');
    expect(onlyEvent().transactionId).not.toBe(first.transactionId);
  });
});

describe('responses made in Outlook', () => {
  it('are read back and merged beside the bot’s answers: an Outlook "declined" calls the substitute, a later bot answer stands', async () => {
    const sync = calendar();
    let m = meeting();
    const state = ok(await sync.reconcile({ target: targetOf(m), state: null }));
    // Maria answers Ja in the bot after having declined in Outlook: her bot answer is the later one.
    fake.respond(state.eventId!, emailOf(22), 'declined', new Date('2027-03-02T08:00:00Z'));
    const maria = recordAnswer({ meeting: m, personId: id(22), value: 'ja', people, now: new Date('2027-03-02T09:00:00Z') });
    if (!maria.ok) throw new Error(maria.reason);
    m = maria.meeting;
    fake.respond(state.eventId!, emailOf(20), 'declined', new Date('2027-03-03T07:30:00Z'));
    fake.respond(state.eventId!, emailOf(27), 'tentativelyAccepted', new Date('2027-03-03T08:00:00Z'));
    const read = await sync.readResponses({ state });
    if (!read.ok) throw new Error(read.reason);
    expect(read.responses).toContainEqual({ email: emailOf(20), response: 'declined', time: '2027-03-03T07:30:00.000Z' });
    expect(read.responses).toContainEqual({ email: emailOf(21), response: 'none', time: null });
    const merged = mergeOutlookResponses({ meeting: m, responses: read.responses, people, validFrom: state.answersValidFrom });
    expect(findInvitee(merged.meeting, ERIK)?.answer).toEqual({ value: 'nej', answeredAt: '2027-03-03T07:30:00.000Z' });
    expect(findInvitee(merged.meeting, id(27))?.answer?.value).toBe('kanske');
    expect(findInvitee(merged.meeting, id(22))?.answer?.value).toBe('ja');
    expect(findInvitee(merged.meeting, LARS)?.substituteFor).toBe(ERIK);
    expect(merged.skipped).toContainEqual({ email: emailOf(22), reason: 'botAnswerLater' });
    // The substitute the Outlook decline called is then invited in Outlook too.
    const next = ok(await sync.reconcile({ target: targetOf(merged.meeting), state }));
    expect(onlyEvent().attendees.find((a) => a.address === emailOf(23))?.type).toBe('required');
    expect(next.eventId).toBe(state.eventId);
  });
});

describe('throttling and outages never lose the meeting', () => {
  it('throttled (429 + Retry-After) then succeeds, waiting as Graph asked', async () => {
    fake.fault = (call, n) => (call.method === 'POST' && n <= 2 ? { status: 429, retryAfter: '1' } : null);
    const r = await calendar().reconcile({ target: targetOf(meeting()), state: null });
    expect(r).toMatchObject({ ok: true, action: 'created' });
    const tries = posts();
    expect(tries.length).toBe(3);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(950);
    expect(onlyEvent().subject).toBe('Vårdialog 2027');
  });

  it('a longer Retry-After than we wait inline ends the call as "throttled" for the job, which retries later without a duplicate', async () => {
    fake.fault = (call) => (call.method === 'POST' ? { status: 429, retryAfter: '120' } : null);
    const sync = calendar();
    const first = await sync.reconcile({ target: targetOf(meeting()), state: null });
    expect(first).toMatchObject({ ok: false, reason: 'throttled', retryable: true, retryAfterMs: 120_000 });
    expect(posts().length).toBe(1);
    if (first.ok) throw new Error('unreachable');
    const at = nextSyncAttemptAt({ failure: first, attempt: 1, now, random: () => 0.5 });
    expect(at!.getTime() - now.getTime()).toBeGreaterThanOrEqual(120_000);
    fake.fault = null;
    expect(await sync.reconcile({ target: targetOf(meeting()), state: first.state })).toMatchObject({ ok: true, action: 'created' });
    onlyEvent();
  });

  it('Graph down (connection refused) gives a tagged "unavailable"; a later retry reconciles', async () => {
    const sync = calendar();
    await fake.stopGraph();
    const first = await sync.reconcile({ target: targetOf(meeting()), state: null });
    expect(first).toMatchObject({ ok: false, reason: 'unavailable', retryable: true });
    await fake.startGraph();
    const second = await sync.reconcile({ target: targetOf(meeting()), state: first.state });
    expect(second).toMatchObject({ ok: true, action: 'created' });
    onlyEvent();
  });

  it('503 through every retry is "unavailable"; the retries back off', async () => {
    fake.fault = () => ({ status: 503 });
    const r = await calendar(undefined, { retry: { maxRetries: 2, delaySeconds: 0, maxInlineWaitSeconds: 5 } }).reconcile({ target: targetOf(meeting()), state: null });
    expect(r).toMatchObject({ ok: false, reason: 'unavailable', retryable: true, detail: 'graph 503 ServiceUnavailable' });
    expect(fake.calls.length).toBe(3); // the lookup, tried 1 + 2 times
    const [a, b, c] = fake.calls.map((x) => x.at);
    expect(c! - b!).toBeGreaterThan(b! - a!); // exponential: the second wait is longer than the first
    expect(fake.events.size).toBe(0);
  });

  it('a hung Graph times out as "unavailable"', async () => {
    fake.hang = true;
    const r = await calendar(undefined, { retry: { maxRetries: 0, delaySeconds: 0, maxInlineWaitSeconds: 5 }, requestTimeoutMs: 1000 }).reconcile({ target: targetOf(meeting()), state: null });
    expect(r).toMatchObject({ ok: false, reason: 'unavailable', retryable: true });
  });

  it('a create retried after a gateway timeout (the event was made) leaves one event: transactionId', async () => {
    fake.fault = (call) => (call.method === 'POST' && posts().length === 1 ? { status: 504, afterWork: true } : null);
    const r = await calendar().reconcile({ target: targetOf(meeting()), state: null });
    expect(r).toMatchObject({ ok: true, action: 'created' });
    const [a, b] = posts();
    expect((a!.body as { transactionId: string }).transactionId).toBe((b!.body as { transactionId: string }).transactionId);
    expect(ok(r).eventId).toBe(onlyEvent().id);
  });

  it('a create whose answer was lost is found by its tag on the next run, not made twice', async () => {
    fake.fault = (call) => (call.method === 'POST' && posts().length === 1 ? { drop: true } : null);
    const sync = calendar();
    const first = await sync.reconcile({ target: targetOf(meeting()), state: null });
    expect(first).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(first.state?.eventId).toBeUndefined();
    fake.fault = null;
    const second = await sync.reconcile({ target: targetOf(meeting()), state: first.state });
    // What the lost create wrote is unknown, so the event is brought to the target (the agenda around the Teams block).
    expect(second).toMatchObject({ ok: true, action: 'updated' });
    expect(ok(second).eventId).toBe(onlyEvent().id);
    expect(onlyEvent().joinUrl).toBeDefined();
    expect(posts().length).toBe(1);
  });
});

describe('authorisation', () => {
  it('a mailbox outside the application access policy is "forbidden", not retried', async () => {
    const r = await calendar(loadCalendarConfig(env({ STARK_ORGANISER_MAILBOX: 'someone.else@mdu.example' }))).reconcile({ target: targetOf(meeting()), state: null });
    expect(r).toMatchObject({ ok: false, reason: 'forbidden', retryable: false });
  });

  it('a wrong client secret is "forbidden"; a token service that is down is "unavailable"', async () => {
    expect(await calendar(loadCalendarConfig(env({ GRAPH_CLIENT_SECRET: 'wrong' }))).reconcile({ target: targetOf(meeting()), state: null })).toMatchObject({ ok: false, reason: 'forbidden', retryable: false, detail: 'token invalid_client' });
    fake.tokenFault = { status: 503, error: 'temporarily_unavailable' };
    expect(await calendar().reconcile({ target: targetOf(meeting()), state: null })).toMatchObject({ ok: false, reason: 'unavailable', retryable: true });
    expect(fake.calls).toEqual([]);
  });

  it('a certificate instead of a secret (client assertion signed with its key)', async () => {
    const pems = await generate([{ name: 'commonName', value: 'STARK calendar' }], { keySize: 2048 });
    fake.options.clientCertificatePem = pems.cert;
    const dir = mkdtempSync(join(tmpdir(), 'stark-graph-cert-'));
    try {
      const path = join(dir, 'stark-calendar.pem');
      writeFileSync(path, `${pems.private}\n${pems.cert}`, { mode: 0o600 });
      const config = loadCalendarConfig({ ...env(), GRAPH_CLIENT_SECRET: '', GRAPH_CLIENT_CERTIFICATE_PATH: path });
      expect(await calendar(config).reconcile({ target: targetOf(meeting()), state: null })).toMatchObject({ ok: true, action: 'created' });
      expect(fake.tokenRequests.at(-1)).toMatchObject({ client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' });
      expect(fake.tokenRequests.at(-1)?.client_secret).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without Graph credentials the calendar is the .ics files of today', async () => {
    const sync = calendar(loadCalendarConfig({}));
    expect(sync).toBe(icsCalendarSync);
    expect(sync.sendsInvitations).toBe(false);
    expect(await sync.reconcile({ target: targetOf(meeting()), state: null })).toEqual({ ok: true, action: 'skipped', state: null });
    expect(fake.calls).toEqual([]);
  });
});

describe('the fake Graph holds requests to the documented API', () => {
  it('refuses an undocumented time zone name and a misspelt property', async () => {
    const token = fake.issueToken();
    const post = (body: unknown) =>
      fetch(`${fake.graphBaseUrl}/v1.0/users/${encodeURIComponent(MAILBOX)}/events`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const base = { subject: 'x', start: { dateTime: '2027-03-29T09:00:00', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2027-03-29T10:00:00', timeZone: 'W. Europe Standard Time' } };
    expect((await post(base)).status).toBe(201);
    expect((await post({ ...base, start: { dateTime: '2027-03-29T09:00:00', timeZone: 'Europe/Stockholm' } })).status).toBe(400);
    expect((await post({ ...base, isOnlineMeetinq: true })).status).toBe(400);
    expect((await post({ ...base, start: { dateTime: '2027-03-29T09:00:00+02:00', timeZone: 'W. Europe Standard Time' } })).status).toBe(400);
    expect(fake.violations).toHaveLength(3);
    fake.violations.length = 0;
  });
});
