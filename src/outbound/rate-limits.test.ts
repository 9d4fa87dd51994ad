import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, earliestStartTimes, rateLimitFloorMs, teamsRateLimits } from './rate-limits.js';
import type { RateWindow } from './rate-limits.js';

// Most requests in any half-open interval [t, t + windowMs), by brute force over the start points that matter.
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (const start of sorted) most = Math.max(most, sorted.filter((t) => t >= start && t < start + windowMs).length);
  return most;
}

function conversationJobs(count: number, conversationKey: string, tenantId = 't1') {
  return Array.from({ length: count }, () => ({ conversationKey, tenantId }));
}

describe('sliding-window limiter', () => {
  it('lets the (limit + 1)th request go only once the oldest of the last `limit` has left the window', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 3, windowMs: 1000 }]);
    for (const t of [0, 100, 200]) limiter.record(t);
    expect(limiter.available(500)).toBe(0);
    expect(limiter.earliest(500)).toBe(1000);
    expect(limiter.available(1000)).toBe(1);
    expect(limiter.earliest(1000)).toBe(1000);
  });

  it('takes the latest moment over all windows', () => {
    const limiter = new SlidingWindowLimiter(teamsRateLimits.perConversation);
    for (let i = 0; i < 7; i++) limiter.record(0);
    limiter.record(1000);
    // 7/1 s would allow 1000 again, but 8/2 s is full until 2000.
    expect(limiter.earliest(1000)).toBe(2000);
  });
});

describe('earliest start times under Teams per-conversation limits', () => {
  it('sends 7 at once, 1 more after a second, then 8 per 2 s (the 8/2 s window binds)', () => {
    const times = earliestStartTimes(16, teamsRateLimits.perConversation);
    expect(times.slice(0, 7).every((t) => t === 0)).toBe(true);
    expect(times[7]).toBe(1000);
    expect(times.slice(8, 15).every((t) => t === 2000)).toBe(true);
    expect(times[15]).toBe(3000);
  });

  it('holds the 61st request of a conversation until 30 s after the first (60 per 30 s)', () => {
    // At 8 per 2 s the 60th request is the 4th of the 8th block: 7 × 2 s = 14 s.
    expect(rateLimitFloorMs({ jobs: conversationJobs(60, 'c') })).toBe(14_000);
    expect(rateLimitFloorMs({ jobs: conversationJobs(61, 'c') })).toBe(30_000);
  });

  it('holds the 1,801st request of a conversation until an hour after the first', () => {
    expect(rateLimitFloorMs({ jobs: conversationJobs(1801, 'c') })).toBe(3_600_000);
  });

  it('never exceeds any window and cannot start any request earlier (property)', () => {
    const windows = fc.array(
      fc.record({ limit: fc.integer({ min: 1, max: 6 }), windowMs: fc.integer({ min: 1, max: 5000 }) }),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(windows, fc.integer({ min: 1, max: 40 }), (ws: RateWindow[], count) => {
        const times = earliestStartTimes(count, ws);
        for (const w of ws) expect(busiestWindow(times, w.windowMs)).toBeLessThanOrEqual(w.limit);
        // Minimal: moving any one request 1 ms earlier (keeping the order) breaks a window.
        for (let k = 1; k < count; k++) {
          const t = times[k] ?? 0;
          if (t === 0 || t - 1 < (times[k - 1] ?? 0)) continue;
          const earlier = [...times];
          earlier[k] = t - 1;
          expect(ws.some((w) => busiestWindow(earlier, w.windowMs) > w.limit)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('rate-limit floor for a fan-out', () => {
  it('is set by the tenant limit for 1,000 one-to-one invitations: 30 per second, the last in second 34', () => {
    const jobs = Array.from({ length: 1000 }, (_, i) => ({ conversationKey: `c${i}`, tenantId: 't1' }));
    expect(rateLimitFloorMs({ jobs })).toBe(33_000);
  });

  it('is set by the slowest conversation when that is slower than the tenant', () => {
    const jobs = [...conversationJobs(61, 'busy'), ...Array.from({ length: 100 }, (_, i) => ({ conversationKey: `c${i}`, tenantId: 't1' }))];
    expect(rateLimitFloorMs({ jobs })).toBe(30_000);
  });

  it('counts tenants apart: two tenants of 30 finish as fast as one', () => {
    const jobs = ['a', 'b'].flatMap((tenantId) => Array.from({ length: 30 }, (_, i) => ({ conversationKey: `c${i}`, tenantId })));
    expect(rateLimitFloorMs({ jobs })).toBe(0);
    expect(rateLimitFloorMs({ jobs: jobs.map((j) => ({ ...j, tenantId: 'a' })) })).toBe(1000);
  });

  it('is zero for no jobs', () => {
    expect(rateLimitFloorMs({ jobs: [] })).toBe(0);
  });
});
