import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecordsJob } from '../../src/bot/features/records-feature.js';
import { recordsVerbs } from '../../src/cards/records-verbs.js';
import { stockholmInstant } from '../../src/domain/time.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { rateLimitFloorMs } from '../../src/outbound/rate-limits.js';
import { DEMO_TENANT_ID } from '../../src/config.js';
import type { FakeConnector, ConnectorCall } from '../helpers/fake-connector.js';
import { Harness, cardOf, demo, invokeCard, textOf } from '../helpers/harness.js';
import { validateCard } from '../helpers/card-validator.js';
import { generatedPeople } from '../reliability/generated-people.js';

/*
 * Issue 17's delivery promise: a notice and approved minutes reach 100 invitees, each once, paced by Teams' rate
 * limits, and nothing is sent twice when the bot stops in the middle of a
 * fan-out and starts again on the same store. The first bot talks to a slow connector and has a 0.2 s grace period,
 * so it stops with messages still queued; the next one sends the rest (to the same Teams service).
 */

const LEADER = demo.leader;
const MARIA = demo.regionDirector;
const EXTRA = generatedPeople(70, 17, 'director');
/**
 * The pace is printed, not held to the 1.1× target here: speed is the benchmark's (bench/fanout.ts, README ›
 * Performance), and a loaded CI machine must not fail a correctness test. What is asserted is that the queue never
 * sends faster than Teams allows (a ratio under 0.9 would mean the rate limits were not kept).
 */
const NEVER_FASTER_THAN = 0.9;

let now = stockholmInstant('2027-03-01', '10:00');
let dir = '';
let meetingId = '';
/** A second yearly meeting, held earlier: its minutes are the fan-out the bot is stopped in the middle of. */
let earlierId = '';
let invitees: string[] = [];
const connectors: FakeConnector[] = [];
const open: Harness[] = [];

async function start(options: { grace?: string } = {}): Promise<Harness> {
  const h = await Harness.start({ now: () => now, dataDir: dir, env: { STARK_SHUTDOWN_GRACE_SECONDS: options.grace ?? '25' } });
  open.push(h);
  connectors.push(h.connector);
  return h;
}
/** Stops the bot and keeps its connector (the Teams service) up: what it still had queued goes there after a restart. */
async function stop(h: Harness): Promise<void> {
  await h.bot.close();
  open.splice(open.indexOf(h), 1);
}

/** Every message delivered to a person by any of the bots, with the card it carried. */
const delivered = (person: string): ConnectorCall[] =>
  connectors.flatMap((c) => c.delivered.filter((d) => d.method === 'POST' && d.path !== '/v3/conversations' && (d.conversationId === `a:personal-${person}` || d.conversationId === `a:created-${person}`)));
const isNotice = (d: ConnectorCall) => textOf(cardOf(d.body)).includes('Kallelse · Årlig träff');
const isMinutes = (d: ConnectorCall) => textOf(cardOf(d.body)).includes(catalogues.sv.records.messages.minutesJusteratIntro);

/** From the first to the last message of a fan-out, against Teams' floor for that many one-message conversations. */
function pace(calls: ConnectorCall[]): { elapsedMs: number; floorMs: number; ratio: number } {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  const elapsedMs = (times.at(-1) ?? 0) - (times[0] ?? 0);
  const floorMs = rateLimitFloorMs({ jobs: calls.map((c) => ({ conversationKey: c.conversationId, tenantId: DEMO_TENANT_ID })) });
  return { elapsedMs, floorMs, ratio: elapsedMs / floorMs };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stark-records-delivery-'));
  const h = await start();
  // The yearly meeting invites every director and chair: the roster's and 70 more, over 100 people.
  await h.services.store.update((doc) => {
    doc.people.push(...EXTRA);
  });
  await h.say(LEADER, 'hej');
  const r = await h.invoke(LEADER, 'meeting.schedule', { type: 'arlig-traff', title: 'Årlig träff 2027', date: '2027-05-20', start: '13:00', end: '16:00', place: 'Västerås', deadline: '2027-05-10' });
  expect(invokeCard(r)).toBeDefined();
  const meeting = h.services.store.doc.meetings.meetings.at(-1);
  meetingId = meeting?.id ?? '';
  invitees = meeting?.invitees.map((i) => i.personId) ?? [];
  // The invitations open a chat with each of them.
  await h.services.messenger.drain();
  for (const title of ['Hur programmen utvecklas', 'Resultat 2026', 'Frågor från parterna']) {
    await h.invoke(LEADER, recordsVerbs.addAgendaItem, { meetingId, agendaTitle: title });
  }
  await h.invoke(LEADER, recordsVerbs.addPaper, { meetingId, paperTitle: 'Verksamhetsberättelse 2026', paperUrl: 'https://mdu.sharepoint.com/sites/stark/vb-2026.pdf', paperItem: '' });
  await h.invoke(LEADER, 'meeting.schedule', { type: 'arlig-traff', title: 'Extra träff 2027', date: '2027-04-20', start: '13:00', end: '15:00', place: 'Eskilstuna', deadline: '2027-04-10' });
  earlierId = h.services.store.doc.meetings.meetings.at(-1)?.id ?? '';
  expect(earlierId).not.toBe(meetingId);
  await h.services.messenger.drain();
  await stop(h);
}, 120_000);
afterAll(async () => {
  for (const h of open.splice(0)) await h.close().catch(() => undefined);
  for (const c of connectors) await c.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('notices and minutes to 100 invitees', () => {
  it('the notice reaches every invitee once, paced by Teams’ rate limits (its pace printed)', async () => {
    expect(invitees.length).toBeGreaterThanOrEqual(100);
    now = stockholmInstant('2027-05-13', '09:00');
    const h = await start();
    await runRecordsJob(h.services);
    await h.services.messenger.drain();
    const notices = invitees.map((p) => delivered(p).filter(isNotice));
    for (const [i, list] of notices.entries()) expect(list, invitees[i]).toHaveLength(1);
    expect(validateCard(cardOf(notices[0]?.[0]?.body))).toEqual([]);
    const measured = pace(notices.flat());
    console.info(`records notice fan-out: ${invitees.length} invitees in ${measured.elapsedMs} ms, floor ${measured.floorMs} ms, ${measured.ratio.toFixed(3)}×`);
    expect(measured.ratio).toBeGreaterThanOrEqual(NEVER_FASTER_THAN);
    // Another run, and a restart: nothing more.
    await runRecordsJob(h.services);
    await stop(h);
    const again = await start();
    await runRecordsJob(again.services);
    await again.services.messenger.drain();
    for (const p of invitees) expect(delivered(p).filter(isNotice), p).toHaveLength(1);
    await stop(again);
  }, 60_000);

  it('a change announced, the bot stopped mid fan-out and started again: every invitee gets the announcement exactly once', async () => {
    now = stockholmInstant('2027-05-14', '10:00');
    let h = await start({ grace: '0.2' });
    await h.invoke(LEADER, recordsVerbs.addPaper, { meetingId, paperTitle: 'Ekonomisk redovisning 2026', paperUrl: 'https://mdu.sharepoint.com/sites/stark/ekonomi-2026.pdf', paperItem: '' });
    const revision = h.services.store.doc.records.records.find((r) => r.meetingId === meetingId)?.revision;
    // The Teams service slows down: the stop comes with most of the fan-out still queued.
    for (const c of connectors) c.latencyMs = 300;
    const announced = await h.invoke(LEADER, recordsVerbs.announceChanges, { meetingId, revision });
    expect(announced.status).toBe(200);
    await stop(h);
    const announcements = () => invitees.map((p) => delivered(p).filter((d) => isNotice(d) && textOf(cardOf(d.body)).includes('Ekonomisk redovisning 2026')).length);
    const before = announcements().reduce((a, b) => a + b, 0);
    expect(before).toBeLessThan(invitees.length);
    for (const c of connectors) c.latencyMs = 0;
    h = await start();
    await runRecordsJob(h.services);
    await h.services.messenger.drain();
    expect(announcements()).toEqual(invitees.map(() => 1));
    await stop(h);
  }, 60_000);

  /** Drafts a meeting's minutes, names the leader chair and Maria adjuster, and has the leader approve. */
  async function toLastApproval(h: Harness, id: string): Promise<number> {
    expect(invokeCard(await h.invoke(LEADER, recordsVerbs.draftMinutes, { meetingId: id }))).toBeDefined();
    await h.invoke(LEADER, recordsVerbs.nameSignatories, { meetingId: id, chairId: LEADER, adjusterIds: MARIA });
    const version = h.services.store.doc.records.records.find((r) => r.meetingId === id)?.minutes?.versions.length ?? 0;
    await h.invoke(LEADER, recordsVerbs.approveMinutes, { meetingId: id, version });
    await h.services.messenger.drain();
    return version;
  }
  const minutesOf = (id: string) => (d: ConnectorCall) => isMinutes(d) && textOf(cardOf(d.body)).includes(id === meetingId ? 'Årlig träff 2027' : 'Extra träff 2027');

  it('approved minutes reach every invitee once, paced by Teams’ rate limits, also after a restart', async () => {
    now = stockholmInstant('2027-05-21', '10:00');
    let h = await start();
    const version = await toLastApproval(h, meetingId);
    await h.invoke(MARIA, recordsVerbs.approveMinutes, { meetingId, version });
    expect(h.services.store.doc.records.records.find((r) => r.meetingId === meetingId)?.minutes?.status).toBe('justerat');
    await h.services.messenger.drain();
    const minutes = invitees.map((p) => delivered(p).filter(minutesOf(meetingId)));
    for (const [i, list] of minutes.entries()) expect(list, invitees[i]).toHaveLength(1);
    expect(validateCard(cardOf(minutes[0]?.[0]?.body))).toEqual([]);
    const measured = pace(minutes.flat());
    console.info(`records minutes fan-out: ${invitees.length} invitees in ${measured.elapsedMs} ms, floor ${measured.floorMs} ms, ${measured.ratio.toFixed(3)}×`);
    expect(measured.ratio).toBeGreaterThanOrEqual(NEVER_FASTER_THAN);
    await stop(h);
    h = await start();
    await runRecordsJob(h.services);
    await h.services.messenger.drain();
    for (const p of invitees) expect(delivered(p).filter(minutesOf(meetingId)), p).toHaveLength(1);
    await stop(h);
  }, 60_000);

  it('the bot stopped in the middle of sending approved minutes and started again: every invitee gets them exactly once', async () => {
    let h = await start({ grace: '0.2' });
    const version = await toLastApproval(h, earlierId);
    for (const c of connectors) c.latencyMs = 300;
    await h.invoke(MARIA, recordsVerbs.approveMinutes, { meetingId: earlierId, version });
    expect(h.services.store.doc.records.records.find((r) => r.meetingId === earlierId)?.minutes?.status).toBe('justerat');
    await stop(h);
    const count = () => invitees.map((p) => delivered(p).filter(minutesOf(earlierId)).length);
    expect(count().reduce((a, b) => a + b, 0)).toBeLessThan(invitees.length);
    for (const c of connectors) c.latencyMs = 0;
    h = await start();
    await h.services.messenger.drain();
    await runRecordsJob(h.services);
    await h.services.messenger.drain();
    expect(count()).toEqual(invitees.map(() => 1));
    await stop(h);
  }, 60_000);
});
