import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextSyncAttemptAt, type CalendarFailure } from './calendar-sync.js';

const now = new Date('2027-03-01T09:00:00Z');
const unavailable: CalendarFailure = { ok: false, reason: 'unavailable', retryable: true, detail: 'graph 503' };

describe('when a failed sync is tried again', () => {
  it('never for failures that need a person', () => {
    for (const reason of ['forbidden', 'notFound', 'rejected'] as const) {
      expect(nextSyncAttemptAt({ failure: { ok: false, reason, retryable: false, detail: '' }, attempt: 1, now, random: () => 0.5 })).toBeNull();
    }
  });

  it('grows exponentially from a minute, with full jitter, capped at six hours, never before Retry-After', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.option(fc.integer({ min: 0, max: 86_400_000 }), { nil: undefined }), (attempt, r, retryAfterMs) => {
        const failure: CalendarFailure = { ...unavailable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
        const wait = nextSyncAttemptAt({ failure, attempt, now, random: () => r })!.getTime() - now.getTime();
        const ceiling = Math.min(6 * 3_600_000, 60_000 * 2 ** (attempt - 1));
        expect(wait).toBeGreaterThanOrEqual(Math.max(30_000, retryAfterMs ?? 0));
        expect(wait).toBeLessThanOrEqual(Math.max(ceiling, retryAfterMs ?? 0));
      }),
    );
    const spread = [0, 0.5, 0.99].map((r) => nextSyncAttemptAt({ failure: unavailable, attempt: 5, now, random: () => r })!.getTime());
    expect(new Set(spread).size).toBe(3);
  });
});
