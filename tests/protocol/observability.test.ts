import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { memoryLogger } from '../../src/observability/logger.js';
import { METRIC } from '../../src/observability/metrics.js';
import { startBot, type RunningBot } from '../../src/server.js';
import { Store, STORE_FILE_NAME } from '../../src/store/store.js';
import { buildSeedDocument } from '../../src/store/seed.js';
import { Harness, demo, invokeCard } from '../helpers/harness.js';
import { InMemoryMetrics, total } from '../helpers/metric-reader.js';

/*
 * Issue 18: the metrics an operator watches are recorded by real turns and real sends (in-memory OpenTelemetry
 * reader), every log line of a turn and of the messages it queued names the same request id, and readiness is
 * false until the store is open and again from the start of shutdown.
 */

const yearlyMeeting = { type: 'arlig-traff', title: 'Årlig träff 2027', date: '2027-05-20', start: '13:00', end: '16:00', place: 'Västerås', deadline: '2027-05-10' };

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function harnessWithMetrics(): Promise<{ h: Harness; m: InMemoryMetrics }> {
  const m = new InMemoryMetrics();
  const h = await Harness.start({ metrics: m.metrics });
  cleanups.push(() => m.shutdown(), () => h.close());
  return { h, m };
}

describe('metrics', () => {
  it('a turn records its latency under the command that handled it, and a write records a store commit', async () => {
    const { h, m } = await harnessWithMetrics();
    await h.say(demo.vasterasDirector, 'hjälp');
    await h.say(demo.vasterasDirector, 'hjälp');
    await h.say(demo.vasterasDirector, 'blomkål och potatis');
    const commitsBefore = total(await m.points(METRIC.storeCommitDuration), { 'stark.outcome': 'ok' });
    const language = await h.invoke(demo.vasterasDirector, 'core.language', { language: 'en' });
    expect(language.status).toBe(200);

    const turns = await m.points(METRIC.turnDuration);
    expect(total(turns, { 'stark.command': 'help', 'stark.activity_type': 'message', 'http.response.status_code': 200 })).toBe(2);
    // Text no route understood is counted under its activity type, never under the words typed.
    expect(total(turns, { 'stark.command': 'message' })).toBe(1);
    expect(total(turns, { 'stark.command': 'core.language', 'stark.activity_type': 'invoke' })).toBe(1);
    expect(turns.every((p) => (p.sum ?? 0) > 0)).toBe(true);
    expect(turns.flatMap((p) => Object.values(p.attributes)).join(' ')).not.toContain('blomkål');

    const commits = await m.points(METRIC.storeCommitDuration);
    expect(total(commits, { 'stark.outcome': 'ok' })).toBeGreaterThan(commitsBefore);
  });

  it('a fan-out records each send, the throttled attempt and its retry, the refused person, and the queue depth while it runs', async () => {
    const { h, m } = await harnessWithMetrics();
    await h.say(demo.leader, 'hej');
    let throttled = 0;
    h.connector.failure = (call) => {
      const member = (call.body.members as Array<{ id?: string }> | undefined)?.[0]?.id;
      // Erik has blocked the bot; Teams refuses to open a chat with him.
      if (call.path === '/v3/conversations' && member === demo.vasterasDirector) return { status: 403 };
      // Maria's chat is throttled five times in a row: more than the connector client's own retries absorb, so the
      // queue sees a 429 and retries later.
      if (call.method === 'POST' && call.conversationId === `a:created-${demo.regionDirector}` && throttled < 5) {
        throttled++;
        return { status: 429, headers: { 'Retry-After': '0' } };
      }
      return null;
    };
    const booked = await h.invoke(demo.leader, 'meeting.schedule', yearlyMeeting);
    expect(invokeCard(booked)).toBeDefined();
    // Sends are paced (30 requests a second per tenant, two per new chat): the queue is not empty yet.
    const depthDuring = total(await m.points(METRIC.outboundQueueDepth));
    expect(depthDuring).toBeGreaterThan(0);
    await h.services.messenger.drain();

    const invitees = h.services.store.doc.meetings.meetings.at(-1)?.invitees ?? [];
    expect(invitees.length).toBeGreaterThan(40);
    expect(total(await m.points(METRIC.outboundSent))).toBe(invitees.length - 1);
    expect(total(await m.points(METRIC.outboundFailed), { 'stark.reason': 'blocked', 'http.response.status_code': 403 })).toBe(1);
    const throttles = total(await m.points(METRIC.outboundThrottled));
    expect(throttles).toBeGreaterThanOrEqual(1);
    expect(total(await m.points(METRIC.outboundRetries), { 'http.response.status_code': 429 })).toBe(throttles);
    expect(total(await m.points(METRIC.outboundQueueDepth))).toBe(0);
  }, 30_000);
});

describe('request ids', () => {
  it('every log line of a turn and of the messages it queued carries the id the request came with, also in the answer header', async () => {
    const { h } = await harnessWithMetrics();
    await h.say(demo.leader, 'hej');
    h.connector.failure = (call) => ((call.body.members as Array<{ id?: string }> | undefined)?.[0]?.id === demo.vasterasDirector ? { status: 403 } : null);
    const requestId = 'req-observability-0001';
    const activity = h.activity(demo.leader, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'meeting.schedule', data: { ...yearlyMeeting, verb: 'meeting.schedule' } } },
    });
    const res = await fetch(`${h.bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    await h.services.messenger.drain();

    const scheduled = h.log.entries.find((e) => e.event === 'meetings.scheduled');
    expect(scheduled?.requestId).toBe(requestId);
    const sent = h.log.entries.filter((e) => e.event === 'outbound.sent' && String(e.key).startsWith('invite:'));
    expect(sent.length).toBeGreaterThan(40);
    expect(new Set(sent.map((e) => e.requestId))).toEqual(new Set([requestId]));
    const failed = h.log.entries.find((e) => e.event === 'outbound.failed');
    expect(failed?.requestId).toBe(requestId);
    // The next turn gets its own id.
    await h.say(demo.leader, 'hjälp');
    const done = h.log.entries.filter((e) => e.event === 'turn.done');
    expect(done.at(-1)?.requestId).not.toBe(requestId);
    expect(done.at(-1)?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  }, 30_000);

  it('an id that is not short and plain is replaced, never written into the log', async () => {
    const { h } = await harnessWithMetrics();
    const hostile = 'x"}\n{"level":"error","event":"forged';
    const res = await fetch(`${h.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': hostile.replace(/\n/g, ' ') },
      body: JSON.stringify(h.activity(demo.vasterasDirector, { type: 'message', text: 'hjälp' })),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.log.lines.join('\n')).not.toContain('forged');
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

describe('/readyz', () => {
  it('is 503 while the store is still opening, 200 once store and queue run, and gone after shutdown', async () => {
    // A store document that opens fine, written through a named pipe: Store.open blocks reading it until the test
    // writes, so the bot is observed listening with its store not yet open.
    const seedDir = await mkdtemp(join(tmpdir(), 'stark-readyz-seed-'));
    const dir = await mkdtemp(join(tmpdir(), 'stark-readyz-'));
    cleanups.push(() => rm(seedDir, { recursive: true, force: true }), () => rm(dir, { recursive: true, force: true }));
    const seeded = await Store.open({ dataDir: seedDir, seed: () => buildSeedDocument({ now: new Date() }), backupsToKeep: 0 });
    await seeded.close();
    const document = await readFile(join(seedDir, STORE_FILE_NAME), 'utf8');
    execFileSync('mkfifo', [join(dir, STORE_FILE_NAME)]);

    const port = await freePort();
    const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', STARK_DATA_DIR: dir, STARK_BACKUPS_KEEP: '0', STARK_SHUTDOWN_GRACE_SECONDS: '2' });
    const starting = startBot({ config, log: memoryLogger(), runJobs: false });
    let bot: RunningBot | undefined;
    cleanups.push(async () => (bot ?? (await starting.catch(() => undefined)))?.close());
    const base = `http://127.0.0.1:${port}`;
    let before: Response | undefined;
    for (let i = 0; i < 100 && !before; i++) {
      before = await fetch(`${base}/readyz`).catch(() => undefined);
      if (!before) await new Promise((r) => setTimeout(r, 50));
    }
    expect(before?.status).toBe(503);
    expect(await before?.json()).toEqual({ status: 'not ready', waiting: ['store', 'queue'] });
    // Nothing else is served before the store is open.
    const early = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('5');

    await writeFile(join(dir, STORE_FILE_NAME), document);
    bot = await starting;
    expect(await status(`${base}/readyz`)).toBe(200);
    expect(await status(`${base}/healthz`)).toBe(200);

    // After shutdown nothing answers "ready" (the port is closed; readinessOf's unit test covers the drain itself).
    await bot.close();
    bot = undefined;
    expect(await fetch(`${base}/readyz`).then((r) => r.status, () => 'refused')).toBe('refused');
  }, 30_000);
});
