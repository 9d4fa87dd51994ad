import { describe, expect, it } from 'vitest';
import { checkRate, waitMinutes } from './limits.js';

const limit = { max: 3, windowMs: 60_000 };

describe('a sliding window per person', () => {
  it('allows up to max in the window, then refuses with the time until the oldest leaves it', () => {
    let times: number[] = [];
    for (const t of [0, 10_000, 20_000]) {
      const d = checkRate({ times, now: t, limit });
      expect(d.ok).toBe(true);
      times = d.times;
    }
    const refused = checkRate({ times, now: 30_000, limit });
    expect(refused).toEqual({ ok: false, retryAfterMs: 30_000, times: [0, 10_000, 20_000] });
    // A refused attempt is not counted; once the oldest has left the window the next is allowed.
    expect(checkRate({ times: refused.times, now: 60_001, limit }).ok).toBe(true);
  });

  it('keeps only what is inside the window, so memory per person is bounded', () => {
    const d = checkRate({ times: [0, 1, 2, 3, 4, 5], now: 120_000, limit });
    expect(d).toEqual({ ok: true, times: [120_000] });
  });

  it('tells a person whole minutes, at least one', () => {
    expect(waitMinutes(1)).toBe(1);
    expect(waitMinutes(61_000)).toBe(2);
  });
});
