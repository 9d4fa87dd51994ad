import { checkRate, type LimitKind, type LimitsPolicy } from '../domain/limits.js';

export type LimitOutcome = { ok: true } | { ok: false; retryAfterMs: number; /** True the first time in a window: tell the person once, not at every refused turn. */ firstRefusal: boolean };

/**
 * Per-person counters for the limits policy, in memory: a restart forgets them, which is fine for limits meant to
 * stop floods, not to meter. Each person's counters are their own, so someone over a limit slows nobody else; the
 * memory per person is bounded by the limits (a window keeps at most `max` instants). People who have been quiet
 * for a whole window are dropped at the next sweep.
 */
export class Limiter {
  private readonly times = new Map<string, number[]>();
  private readonly refusedUntil = new Map<string, number>();
  private lastSweep = 0;

  constructor(private readonly policy: LimitsPolicy) {}

  /** Counts one action of `kind` by `who` at `now`, unless that would go over the limit. */
  take(who: string, kind: LimitKind, now: number): LimitOutcome {
    this.sweep(now);
    const key = `${kind}:${who}`;
    const decision = checkRate({ times: this.times.get(key) ?? [], now, limit: this.policy[kind] });
    this.times.set(key, decision.times);
    if (decision.ok) return { ok: true };
    const until = this.refusedUntil.get(key) ?? 0;
    this.refusedUntil.set(key, now + decision.retryAfterMs);
    return { ok: false, retryAfterMs: decision.retryAfterMs, firstRefusal: until <= now };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const longest = Math.max(...Object.values(this.policy).map((l) => l.windowMs));
    for (const [key, times] of this.times) if ((times.at(-1) ?? 0) <= now - longest) this.times.delete(key);
    for (const [key, until] of this.refusedUntil) if (until <= now) this.refusedUntil.delete(key);
  }
}
