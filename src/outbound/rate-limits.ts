// Teams' proactive-messaging limits and a sliding-window limiter that keeps under all of them at once.
// Source: learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit (see the design notes).

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  perConversation: readonly RateWindow[];
  perTenant: readonly RateWindow[];
}

export const teamsRateLimits: RateLimits = {
  // Per bot per conversation, "send or create conversation".
  perConversation: [
    { limit: 7, windowMs: 1_000 },
    { limit: 8, windowMs: 2_000 },
    { limit: 60, windowMs: 30_000 },
    { limit: 1_800, windowMs: 3_600_000 },
  ],
  // Per app per tenant: 30 RPS on one page of the docs, 50 on others; the stricter figure.
  perTenant: [{ limit: 30, windowMs: 1_000 }],
};

// "At most `limit` requests in any half-open interval [t, t + windowMs)", for every window at once.
// A request is counted when it starts, failed or not: Teams counts every request it receives.
export class SlidingWindowLimiter {
  readonly #windows: readonly RateWindow[];
  readonly #longestMs: number;
  #times: number[] = [];

  constructor(windows: readonly RateWindow[]) {
    if (windows.some((w) => !(w.limit >= 1 && w.windowMs > 0))) throw new Error('rate window needs limit ≥ 1 and windowMs > 0');
    this.#windows = windows;
    this.#longestMs = Math.max(0, ...windows.map((w) => w.windowMs));
  }

  // The earliest time ≥ now at which one more request fits every window.
  earliest(now: number): number {
    this.#prune(now);
    let at = now;
    for (const w of this.#windows) {
      if (this.#countSince(now - w.windowMs) >= w.limit) {
        // The request `limit` places back from the newest must leave the window first.
        const blocker = this.#times[this.#times.length - w.limit];
        if (blocker !== undefined) at = Math.max(at, blocker + w.windowMs);
      }
    }
    return at;
  }

  // How many requests may start right now.
  available(now: number): number {
    this.#prune(now);
    let free = Number.POSITIVE_INFINITY;
    for (const w of this.#windows) free = Math.min(free, w.limit - this.#countSince(now - w.windowMs));
    return Math.max(0, free);
  }

  record(at: number): void {
    const last = this.#times[this.#times.length - 1];
    if (last === undefined || at >= last) this.#times.push(at);
    else this.#times.splice(upperBound(this.#times, at), 0, at);
  }

  // True when no recorded request can still constrain a future one.
  isIdle(now: number): boolean {
    this.#prune(now);
    return this.#times.length === 0;
  }

  #countSince(exclusiveStart: number): number {
    return this.#times.length - upperBound(this.#times, exclusiveStart);
  }

  #prune(now: number): void {
    const keepFrom = upperBound(this.#times, now - this.#longestMs);
    if (keepFrom > 1024 || (keepFrom > 0 && keepFrom * 2 > this.#times.length)) this.#times = this.#times.slice(keepFrom);
  }
}

// Index of the first element > value in an ascending array.
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Number.POSITIVE_INFINITY) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Start times of `count` requests sent as early as the windows allow, the first at 0. This greedy schedule is
// the earliest possible for every request: in any schedule, request k starts ≥ windowMs after request k − limit.
export function earliestStartTimes(count: number, windows: readonly RateWindow[]): number[] {
  const times: number[] = [];
  for (let k = 0; k < count; k++) {
    let at = k === 0 ? 0 : (times[k - 1] ?? 0);
    for (const w of windows) {
      const back = times[k - w.limit];
      if (back !== undefined) at = Math.max(at, back + w.windowMs);
    }
    times.push(at);
  }
  return times;
}

// The rate-limit floor for a fan-out: no scheduler can start the last request earlier than this many ms after the
// first. It is the larger of the per-conversation and per-tenant floors, each of them exact for its own limit;
// together they are a lower bound (with no request time, retries or other traffic).
export function rateLimitFloorMs(p: {
  jobs: ReadonlyArray<{ conversationKey: string; tenantId: string }>;
  limits?: RateLimits;
}): number {
  const limits = p.limits ?? teamsRateLimits;
  const perConversation = new Map<string, number>();
  const perTenant = new Map<string, number>();
  for (const job of p.jobs) {
    const conversation = `${job.tenantId}\u0000${job.conversationKey}`;
    perConversation.set(conversation, (perConversation.get(conversation) ?? 0) + 1);
    perTenant.set(job.tenantId, (perTenant.get(job.tenantId) ?? 0) + 1);
  }
  let floor = 0;
  for (const n of perConversation.values()) floor = Math.max(floor, lastStart(n, limits.perConversation));
  for (const n of perTenant.values()) floor = Math.max(floor, lastStart(n, limits.perTenant));
  return floor;
}

function lastStart(count: number, windows: readonly RateWindow[]): number {
  return earliestStartTimes(count, windows)[count - 1] ?? 0;
}
