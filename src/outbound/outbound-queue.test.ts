import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InMemoryDeliveryLog } from './memory-delivery-log.js';
import type { DeliveryLog, OutboundJob, Sender } from './outbound-job.js';
import { OutboundQueue, backoffDelayMs } from './outbound-queue.js';
import type { OutboundEvent, OutboundQueueOptions } from './outbound-queue.js';
import { rateLimitFloorMs, teamsRateLimits } from './rate-limits.js';
import type { RateLimits } from './rate-limits.js';
import { systemClock } from './clock.js';
import { FakeClock } from './testing/fake-clock.js';
import { FakeTeamsConnector } from './testing/fake-teams-connector.js';
import type { FakeTeamsOptions, FakeTeamsRequest } from './testing/fake-teams-connector.js';

const start = Date.UTC(2027, 2, 29, 7, 0, 0);

function job(key: string, conversationKey: string, tenantId = 'tenant-1'): OutboundJob {
  return { key, conversationKey, tenantId, payload: { card: 'invitation', key } };
}

// One 1:1 conversation per invitee, as for meeting invitations.
function invitations(count: number, tenantId = 'tenant-1'): OutboundJob[] {
  return Array.from({ length: count }, (_, i) => job(`invite:m1:1:p${i}:${tenantId}`, `1on1:p${i}`, tenantId));
}

function conversationBurst(count: number, conversationKey: string, tenantId = 'tenant-1'): OutboundJob[] {
  return Array.from({ length: count }, (_, i) => job(`notice:${conversationKey}:${i}`, conversationKey, tenantId));
}

function setup(p: { teams?: Omit<FakeTeamsOptions, 'clock'>; queue?: Partial<OutboundQueueOptions> } = {}) {
  const clock = new FakeClock(start);
  const log = new InMemoryDeliveryLog();
  const teams = new FakeTeamsConnector({ clock, ...p.teams });
  const events: OutboundEvent[] = [];
  const queue = new OutboundQueue({ log, sender: teams.sender, clock, random: () => 0.5, ...p.queue });
  queue.on((e) => events.push(e));
  return { clock, log, teams, queue, events };
}

// Most requests in any half-open interval [t, t + windowMs) (two pointers over the sorted start times).
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let end = 0;
  for (let i = 0; i < sorted.length; i++) {
    const from = sorted[i] ?? 0;
    while (end < sorted.length && (sorted[end] ?? 0) < from + windowMs) end++;
    most = Math.max(most, end - i);
  }
  return most;
}

function windowBreaches(requests: readonly FakeTeamsRequest[], limits: RateLimits): string[] {
  const group = (by: (r: FakeTeamsRequest) => string) => {
    const groups = new Map<string, number[]>();
    for (const r of requests) groups.set(by(r), [...(groups.get(by(r)) ?? []), r.at]);
    return groups;
  };
  const breaches: string[] = [];
  for (const [id, times] of group((r) => `${r.tenantId}/${r.conversationKey}`)) {
    for (const w of limits.perConversation) {
      const most = busiestWindow(times, w.windowMs);
      if (most > w.limit) breaches.push(`${id}: ${most} in ${w.windowMs} ms`);
    }
  }
  for (const [id, times] of group((r) => r.tenantId)) {
    for (const w of limits.perTenant) {
      const most = busiestWindow(times, w.windowMs);
      if (most > w.limit) breaches.push(`${id}: ${most} in ${w.windowMs} ms`);
    }
  }
  return breaches;
}

function expectEachDeliveredOnce(teams: FakeTeamsConnector, jobs: readonly OutboundJob[]): void {
  const counts = teams.deliveryCounts();
  const wrong = jobs.filter((j) => counts.get(j.key) !== 1).map((j) => `${j.key}: ${counts.get(j.key) ?? 0}`);
  expect(wrong).toEqual([]);
  expect(counts.size).toBe(jobs.length);
}

describe('outbound queue: exactly once', () => {
  it('delivers every job exactly once through a connector that throttles with 429 and fails every Nth call with 500/502', async () => {
    const { teams, queue, log, events } = setup({
      teams: { failEvery: 7, failStatuses: [500, 502], throttleEvery: 11, throttleRetryAfterMs: 2000, latencyMs: 30 },
      queue: { maxAttempts: 10 },
    });
    const jobs = [...invitations(150), ...conversationBurst(40, 'team-channel'), ...conversationBurst(40, 'group-chat')];
    await queue.enqueue(jobs);
    await queue.start();
    expect(await queue.drain()).toEqual({ remaining: 0 });
    await queue.stop();

    expectEachDeliveredOnce(teams, jobs);
    expect(log.counts()).toEqual({ pending: 0, sent: jobs.length, failed: 0 });
    const statuses = new Set(teams.requests.map((r) => r.status));
    expect([...statuses].sort()).toEqual([201, 429, 500, 502]);
    const sent = events.filter((e) => e.type === 'sent').map((e) => e.job.key);
    expect(new Set(sent).size).toBe(jobs.length);
    expect(sent.length).toBe(jobs.length);
  });

  it('ignores a key that is already queued, repeated in the batch, or already sent', async () => {
    const { teams, queue } = setup();
    const a = job('invite:m1:1:anna', '1on1:anna');
    const b = job('invite:m1:1:bo', '1on1:bo');
    await queue.enqueue([a, a, b]);
    await queue.enqueue([a]);
    await queue.start();
    await queue.drain();
    await queue.enqueue([a, b]);
    await queue.drain();
    await queue.stop();
    expect(teams.requests.map((r) => r.key).sort()).toEqual([a.key, b.key].sort());
  });

  it('keeps the order of messages within a conversation, also when one of them is retried', async () => {
    let failedOnce = false;
    const clock = new FakeClock(start);
    const order: string[] = [];
    const sender: Sender = async (j) => {
      if (j.key === 'c:2' && !failedOnce) {
        failedOnce = true;
        throw Object.assign(new Error('bad gateway'), { statusCode: 502 });
      }
      order.push(j.key);
      return {};
    };
    const queue = new OutboundQueue({ log: new InMemoryDeliveryLog(), sender, clock });
    await queue.enqueue([1, 2, 3, 4, 5].map((i) => job(`c:${i}`, 'chat')));
    await queue.start();
    await queue.drain();
    await queue.stop();
    expect(failedOnce).toBe(true);
    expect(order).toEqual(['c:1', 'c:2', 'c:3', 'c:4', 'c:5']);
  });
});

describe('outbound queue: pacing under Teams limits', () => {
  it('never exceeds any per-conversation window (1 s, 2 s, 30 s) or the per-tenant 30 per second, so Teams never throttles it', async () => {
    const { teams, queue } = setup({ teams: { limits: teamsRateLimits, latencyMs: 40 } });
    const jobs = [
      ...invitations(200, 'tenant-1'),
      ...['a', 'b', 'c', 'd'].flatMap((c) => conversationBurst(130, `channel-${c}`, 'tenant-1')),
      ...invitations(50, 'tenant-2'),
      ...conversationBurst(70, 'channel-e', 'tenant-2'),
    ];
    await queue.enqueue(jobs);
    await queue.start();
    await queue.drain();
    await queue.stop();

    expect(windowBreaches(teams.requests, teamsRateLimits)).toEqual([]);
    expect(teams.requests.filter((r) => r.status === 429)).toEqual([]);
    expectEachDeliveredOnce(teams, jobs);
  });

  it('keeps a conversation under 1,800 per hour', async () => {
    const { teams, queue, clock } = setup({ teams: { limits: null } });
    const jobs = conversationBurst(1850, 'busy-channel');
    await queue.enqueue(jobs);
    await queue.start();
    await queue.drain();
    await queue.stop();
    expect(windowBreaches(teams.requests, teamsRateLimits)).toEqual([]);
    // The 1,801st message has to wait for the hour.
    const times = teams.requests.map((r) => r.at).sort((x, y) => x - y);
    expect((times[1800] ?? 0) - start).toBeGreaterThanOrEqual(3_600_000);
    expect(clock.now() - start).toBeGreaterThanOrEqual(3_600_000);
  });

  it('counts failed requests against the windows too (Teams counts every request it receives)', async () => {
    const { teams, queue } = setup({ teams: { limits: null, failEvery: 2, failStatuses: [503] }, queue: { baseDelayMs: 1, maxAttempts: 20 } });
    await queue.enqueue(conversationBurst(40, 'chat'));
    await queue.start();
    await queue.drain();
    await queue.stop();
    expect(teams.requests.length).toBeGreaterThan(40);
    expect(windowBreaches(teams.requests, teamsRateLimits)).toEqual([]);
  });

  it('finishes a 1,000-invitation fan-out at the rate-limit floor when nothing fails (no safety margin)', async () => {
    const { teams, queue } = setup({ teams: { limits: teamsRateLimits }, queue: { windowMarginMs: 0 } });
    const jobs = invitations(1000);
    await queue.enqueue(jobs);
    await queue.start();
    await queue.drain();
    await queue.stop();
    const last = Math.max(...teams.requests.map((r) => r.at));
    expect(last - start).toBe(rateLimitFloorMs({ jobs }));
    expectEachDeliveredOnce(teams, jobs);
  });

  it('gives the longest conversation the tenant slots first, so it ends at its floor even when enqueued last', async () => {
    const { teams, queue } = setup({ teams: { limits: teamsRateLimits }, queue: { windowMarginMs: 0 } });
    const jobs = [...invitations(300), ...conversationBurst(61, 'channel')];
    await queue.enqueue(jobs);
    await queue.start();
    await queue.drain();
    await queue.stop();
    const last = Math.max(...teams.requests.map((r) => r.at));
    expect(last - start).toBe(rateLimitFloorMs({ jobs }));
  });

  it('widens every window by the safety margin, so 31 requests in one tenant take 1 s plus the margin', async () => {
    const { teams, queue } = setup({ teams: { limits: null }, queue: { windowMarginMs: 20 } });
    await queue.enqueue(invitations(31));
    await queue.start();
    await queue.drain();
    await queue.stop();
    expect(Math.max(...teams.requests.map((r) => r.at)) - start).toBe(1020);
  });

  it('on the real clock, paces an in-process connector that enforces the limits without a single 429', async () => {
    const clock = systemClock;
    const teams = new FakeTeamsConnector({ clock, latencyMs: 2 });
    const queue = new OutboundQueue({ log: new InMemoryDeliveryLog(), sender: teams.sender, clock });
    const jobs = [...invitations(70), ...conversationBurst(9, 'channel')];
    const began = clock.now();
    await queue.enqueue(jobs);
    await queue.start();
    await queue.drain();
    await queue.stop();
    expect(teams.requests.filter((r) => r.status === 429)).toEqual([]);
    expectEachDeliveredOnce(teams, jobs);
    // 79 requests at 30 per second: the last one in the third second.
    expect(clock.now() - began).toBeGreaterThanOrEqual(2000);
  });
});

describe('outbound queue: restart', () => {
  it('a new queue on the same log resumes a queue stopped mid-way and delivers the rest, none twice', async () => {
    const first = setup({ teams: { latencyMs: 200, throttleEvery: 13, failEvery: 17 }, queue: { maxAttempts: 10 } });
    const jobs = [...invitations(300), ...conversationBurst(30, 'channel-a'), ...conversationBurst(30, 'channel-b')];
    let sent = 0;
    const hundredSent = new Promise<void>((resolve) =>
      first.queue.on((e) => {
        if (e.type === 'sent' && ++sent === 100) resolve();
      }),
    );
    await first.queue.enqueue(jobs);
    await first.queue.start();
    await hundredSent;
    await first.queue.stop();

    const midway = first.log.counts();
    expect(midway.sent).toBeGreaterThanOrEqual(100);
    expect(midway.pending).toBeGreaterThan(0);
    // stop() waited for the requests in flight: whatever Teams accepted is recorded.
    expect(first.teams.deliveryCounts().size).toBe(midway.sent);

    // Same log, same Teams; a fresh queue as after a process restart.
    const second = new OutboundQueue({ log: first.log, sender: first.teams.sender, clock: first.clock, maxAttempts: 10 });
    await second.start();
    expect(await second.drain()).toEqual({ remaining: 0 });
    await second.stop();

    expectEachDeliveredOnce(first.teams, jobs);
    expect(first.log.counts()).toEqual({ pending: 0, sent: jobs.length, failed: 0 });
  });

  it("keeps a throttled job's Retry-After across a restart", async () => {
    const first = setup({ teams: { throttleEvery: 1, throttleRetryAfterMs: 30_000 } });
    const throttled = new Promise<void>((resolve) => first.queue.on((e) => e.type === 'retrying' && resolve()));
    await first.queue.enqueue([job('remind:m1:anna', '1on1:anna')]);
    await first.queue.start();
    await throttled;
    await first.queue.stop();
    const throttledAt = first.teams.requests[0]?.at ?? Number.NaN;

    const teams = new FakeTeamsConnector({ clock: first.clock });
    const second = new OutboundQueue({ log: first.log, sender: teams.sender, clock: first.clock });
    await second.start();
    await second.drain();
    await second.stop();
    expect(teams.requests).toHaveLength(1);
    expect((teams.requests[0]?.at ?? 0) - throttledAt).toBeGreaterThanOrEqual(30_000);
    expect(first.log.counts().sent).toBe(1);
  });

  it('sends jobs enqueued before start once it starts; drain before start reports them as remaining', async () => {
    const { teams, queue } = setup();
    await queue.enqueue(invitations(5));
    expect(teams.requests).toHaveLength(0);
    expect(await queue.drain()).toEqual({ remaining: 5 });
    await queue.start();
    await queue.drain();
    await queue.stop();
    expect(teams.deliveryCounts().size).toBe(5);
  });

  it('drain resolves with what is left when the queue is stopped first', async () => {
    const { queue } = setup({ teams: { latencyMs: 100 } });
    await queue.enqueue(conversationBurst(20, 'chat'));
    await queue.start();
    const drained = queue.drain();
    await queue.stop();
    const { remaining } = await drained;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThan(20);
  });
});

describe('outbound queue: failures', () => {
  it('records 403 (blocked), 404 (conversation gone) and other 4xx as failed after one attempt, and tells the caller', async () => {
    const { teams, queue, log, events } = setup({
      teams: {
        permanentStatus: (j) =>
          j.conversationKey === '1on1:blocked' ? 403 : j.conversationKey === '1on1:gone' ? 404 : j.key === 'bad' ? 400 : undefined,
      },
    });
    const blocked = job('invite:m1:1:blocked', '1on1:blocked');
    const gone = [job('invite:m1:1:gone', '1on1:gone'), job('remind:m1:gone', '1on1:gone')];
    const bad = job('bad', '1on1:ok');
    const fine = job('invite:m1:1:ok', '1on1:ok');
    await queue.enqueue([blocked, ...gone, bad, fine]);
    await queue.start();
    await queue.drain();

    expect(log.failure(blocked.key)).toMatchObject({ reason: 'blocked', statusCode: 403, attempts: 1 });
    for (const g of gone) expect(log.failure(g.key)).toMatchObject({ reason: 'conversationNotFound', statusCode: 404, attempts: 1 });
    expect(log.failure(bad.key)).toMatchObject({ reason: 'rejected', statusCode: 400, attempts: 1 });
    expect(log.receipt(fine.key)).toBeDefined();
    const failedKeys = events.flatMap((e) => (e.type === 'failed' ? [e.job.key] : []));
    expect(failedKeys.sort()).toEqual([blocked.key, ...gone.map((g) => g.key), bad.key].sort());
    expect(events.filter((e) => e.type === 'retrying')).toEqual([]);

    // Not retried, and enqueueing them again does nothing.
    await queue.enqueue([blocked, bad]);
    await queue.drain();
    await queue.stop();
    expect(teams.requests.filter((r) => r.status !== 201)).toHaveLength(4);
  });

  it('does not retry before Retry-After, in seconds or as an HTTP date', async () => {
    const clock = new FakeClock(start);
    const attempts: number[] = [];
    const sender: Sender = async () => {
      attempts.push(clock.now());
      if (attempts.length === 1) {
        throw Object.assign(new Error('throttled'), { statusCode: 429, response: { headers: { 'retry-after': '5' } } });
      }
      if (attempts.length === 2) {
        const until = new Date(Math.ceil((clock.now() + 8000) / 1000) * 1000).toUTCString();
        throw Object.assign(new Error('gateway timeout'), { response: { status: 504, headers: { 'Retry-After': until } } });
      }
      return { activityId: 'a1' };
    };
    // random 0 and a 1 s base: the backoff alone would retry after 0.5 s, then 1 s.
    const queue = new OutboundQueue({ log: new InMemoryDeliveryLog(), sender, clock, random: () => 0, baseDelayMs: 1000 });
    await queue.enqueue([job('invite:m1:1:anna', '1on1:anna')]);
    await queue.start();
    await queue.drain();
    await queue.stop();
    const [first = 0, second = 0, third = 0] = attempts;
    expect(attempts).toHaveLength(3);
    expect(second - first).toBeGreaterThanOrEqual(5000);
    expect(third - second).toBeGreaterThanOrEqual(8000);
  });

  it('gives up after maxAttempts with growing waits, and records the job as failed rather than dropping it', async () => {
    const clock = new FakeClock(start);
    const attempts: number[] = [];
    const sender: Sender = async () => {
      attempts.push(clock.now());
      throw Object.assign(new Error('service unavailable'), { statusCode: 503 });
    };
    const log = new InMemoryDeliveryLog();
    const failed: OutboundEvent[] = [];
    const queue = new OutboundQueue({ log, sender, clock, maxAttempts: 4, baseDelayMs: 1000, random: () => 0, onEvent: (e) => e.type === 'failed' && failed.push(e) });
    await queue.enqueue([job('invite:m1:1:anna', '1on1:anna')]);
    await queue.start();
    await queue.drain();
    await queue.stop();

    expect(attempts).toHaveLength(4);
    const gaps = attempts.slice(1).map((t, i) => t - (attempts[i] ?? 0));
    for (let i = 1; i < gaps.length; i++) expect(gaps[i] ?? 0).toBeGreaterThan(gaps[i - 1] ?? 0);
    expect(log.failure('invite:m1:1:anna')).toMatchObject({ reason: 'gaveUp', statusCode: 503, attempts: 4 });
    expect(failed).toHaveLength(1);
    expect(log.counts()).toEqual({ pending: 0, sent: 0, failed: 1 });
  });

  it('retries a network error that has no status code', async () => {
    const clock = new FakeClock(start);
    let calls = 0;
    const sender: Sender = async () => {
      if (++calls === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return {};
    };
    const log = new InMemoryDeliveryLog();
    const queue = new OutboundQueue({ log, sender, clock });
    await queue.enqueue([job('k', 'c')]);
    await queue.start();
    await queue.drain();
    await queue.stop();
    expect(calls).toBe(2);
    expect(log.receipt('k')).toMatchObject({ attempts: 2 });
  });

  it('does not send a key again in this process when the log failed to record it as sent', async () => {
    const clock = new FakeClock(start);
    const log = new InMemoryDeliveryLog();
    const flaky: DeliveryLog = {
      pending: () => log.pending(),
      enqueue: (jobs) => log.enqueue(jobs),
      isDone: (key) => log.isDone(key),
      markFailed: (key, failure) => log.markFailed(key, failure),
      markSent: async () => {
        throw new Error('disk full');
      },
    };
    let calls = 0;
    const events: OutboundEvent[] = [];
    const queue = new OutboundQueue({ log: flaky, sender: async () => ({ activityId: `a${++calls}` }), clock, onEvent: (e) => events.push(e) });
    await queue.start();
    await queue.enqueue([job('k', 'c')]);
    await queue.drain();
    await queue.enqueue([job('k', 'c')]);
    await queue.drain();
    await queue.stop();
    expect(calls).toBe(1);
    expect(events.map((e) => e.type)).toEqual(['logError', 'sent']);
  });
});

describe('backoff', () => {
  it('doubles from the base, jitters within the upper half, stops at the cap, and never undercuts Retry-After', () => {
    const base = { baseDelayMs: 1000, maxDelayMs: 60_000 };
    expect(backoffDelayMs({ ...base, attempts: 1, random: 0 })).toBe(500);
    expect(backoffDelayMs({ ...base, attempts: 1, random: 0.999 })).toBeLessThanOrEqual(1000);
    expect(backoffDelayMs({ ...base, attempts: 3, random: 0 })).toBe(2000);
    expect(backoffDelayMs({ ...base, attempts: 20, random: 0.999 })).toBeLessThanOrEqual(60_000);
    expect(backoffDelayMs({ ...base, attempts: 20, random: 0 })).toBe(30_000);
    expect(backoffDelayMs({ ...base, attempts: 1, random: 0, retryAfterMs: 7000 })).toBe(7000);
  });
});

describe('outbound queue: any mix of conversations and failures (property)', () => {
  it('sends or records every job exactly once and keeps every window', async () => {
    const scenario = fc.record({
      sizes: fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 12 }),
      tenants: fc.integer({ min: 1, max: 3 }),
      failEvery: fc.option(fc.integer({ min: 2, max: 9 }), { nil: undefined }),
      throttleEvery: fc.option(fc.integer({ min: 2, max: 9 }), { nil: undefined }),
      blockedConversation: fc.option(fc.integer({ min: 0, max: 11 }), { nil: undefined }),
      latencyMs: fc.integer({ min: 0, max: 300 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const jobs = s.sizes.flatMap((size, c) => conversationBurst(size, `conv-${c}`, `tenant-${c % s.tenants}`));
        const { teams, queue, log } = setup({
          teams: {
            limits: null,
            latencyMs: s.latencyMs,
            failEvery: s.failEvery,
            throttleEvery: s.throttleEvery,
            permanentStatus: (j) => (j.conversationKey === `conv-${s.blockedConversation}` ? 403 : undefined),
          },
          queue: { maxAttempts: 30, maxDelayMs: 2000 },
        });
        await queue.enqueue(jobs);
        await queue.start();
        await queue.drain();
        await queue.stop();

        const counts = teams.deliveryCounts();
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
        const blocked = jobs.filter((j) => j.conversationKey === `conv-${s.blockedConversation}`).length;
        expect(log.counts()).toEqual({ pending: 0, sent: jobs.length - blocked, failed: blocked });
        expect(counts.size).toBe(jobs.length - blocked);
        expect(windowBreaches(teams.requests, teamsRateLimits)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('outbound queue: concurrent enqueues', () => {
  it('sends a key once when callers enqueue it concurrently and the log is slow', async () => {
    const clock = new FakeClock(start);
    const memory = new InMemoryDeliveryLog();
    const slow = async <T>(value: Promise<T>): Promise<T> => {
      await clock.sleep(50);
      return value;
    };
    const log: DeliveryLog = {
      pending: () => slow(memory.pending()),
      enqueue: (jobs) => slow(memory.enqueue(jobs)),
      isDone: (key) => slow(memory.isDone(key)),
      markSent: (key, receipt) => slow(memory.markSent(key, receipt)),
      markFailed: (key, failure) => slow(memory.markFailed(key, failure)),
    };
    let sends = 0;
    const queue = new OutboundQueue({ log, sender: async () => ({ activityId: `a${++sends}` }), clock });
    await queue.start();
    const k = job('invite:m1:1:anna', '1on1:anna');
    // The third call checks memory before the first call's job is queued, and (without serialised enqueues)
    // would queue it again after the job had been sent and left memory.
    await Promise.all([queue.enqueue([k]), queue.enqueue([k]), clock.sleep(60).then(() => queue.enqueue([k]))]);
    await queue.drain();
    await queue.enqueue([k]);
    await queue.drain();
    await queue.stop();
    expect(sends).toBe(1);
  });
});
