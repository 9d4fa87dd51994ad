// A stand-in for Teams' connector service, for tests and the fan-out benchmark: it enforces the rate limits
// per conversation and per tenant (429 with Retry-After, like Teams), can fail every Nth request with a 5xx,
// answer some conversations with permanent errors, and records every request it receives.
// Its errors are shaped like botbuilder's RestError (statusCode, response.headers.get()).
import type { Clock } from '../clock.js';
import type { OutboundJob, Sender } from '../outbound-job.js';
import type { RateLimits } from '../rate-limits.js';
import { SlidingWindowLimiter, teamsRateLimits } from '../rate-limits.js';

export interface FakeTeamsRequest {
  key: string;
  conversationKey: string;
  tenantId: string;
  at: number;
  // 201 when delivered.
  status: number;
  retryAfterMs?: number;
}

export interface FakeTeamsOptions {
  clock: Clock;
  // Enforced like Teams does; null turns enforcement off.
  limits?: RateLimits | null;
  latencyMs?: number;
  // Every Nth request (1-based, counting all requests) fails with the next status of failStatuses.
  failEvery?: number;
  failStatuses?: readonly number[];
  // Every Nth request is throttled regardless of the limits, with this Retry-After.
  throttleEvery?: number;
  throttleRetryAfterMs?: number;
  // 'seconds' (integer delta-seconds, rounded up) or 'date' (an HTTP date) in the Retry-After header.
  retryAfterFormat?: 'seconds' | 'date';
  // A permanent status for a job (e.g. 403 when the user blocked the bot), or undefined to accept it.
  permanentStatus?: (job: OutboundJob) => number | undefined;
}

export class FakeTeamsConnector {
  readonly requests: FakeTeamsRequest[] = [];
  readonly #options: FakeTeamsOptions;
  readonly #conversations = new Map<string, SlidingWindowLimiter>();
  readonly #tenants = new Map<string, SlidingWindowLimiter>();
  #count = 0;
  #failures = 0;

  constructor(options: FakeTeamsOptions) {
    this.#options = options;
  }

  readonly sender: Sender = async (job) => {
    const { clock } = this.#options;
    const at = clock.now();
    const n = ++this.#count;
    const request: FakeTeamsRequest = { key: job.key, conversationKey: job.conversationKey, tenantId: job.tenantId, at, status: 201 };
    this.requests.push(request);
    // Teams decides on arrival; the answer comes back after the latency.
    const error = this.#decide(job, request);
    const latency = this.#options.latencyMs ?? 0;
    if (latency > 0) await clock.sleep(latency);
    if (error !== undefined) throw error;
    return { activityId: `activity-${n}` };
  };

  // Requests that were delivered (201), per key.
  deliveries(key: string): number {
    return this.requests.filter((r) => r.key === key && r.status === 201).length;
  }

  deliveryCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.requests) if (r.status === 201) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
    return counts;
  }

  #decide(job: OutboundJob, request: FakeTeamsRequest): Error | undefined {
    const at = request.at;
    const limits = this.#options.limits === undefined ? teamsRateLimits : this.#options.limits;
    if (limits !== null) {
      const conversation = this.#limiter(this.#conversations, `${job.tenantId}\u0000${job.conversationKey}`, limits.perConversation);
      const tenant = this.#limiter(this.#tenants, job.tenantId, limits.perTenant);
      const allowedAt = Math.max(conversation.earliest(at), tenant.earliest(at));
      if (allowedAt > at) return this.#reject(request, 429, allowedAt - at);
      conversation.record(at);
      tenant.record(at);
    }
    const throttleEvery = this.#options.throttleEvery;
    if (throttleEvery !== undefined && this.#count % throttleEvery === 0) {
      return this.#reject(request, 429, this.#options.throttleRetryAfterMs ?? 1_000);
    }
    const failEvery = this.#options.failEvery;
    if (failEvery !== undefined && this.#count % failEvery === 0) {
      const statuses = this.#options.failStatuses ?? [500, 502];
      return this.#reject(request, statuses[this.#failures++ % statuses.length] ?? 500);
    }
    const permanent = this.#options.permanentStatus?.(job);
    return permanent === undefined ? undefined : this.#reject(request, permanent);
  }

  #limiter(map: Map<string, SlidingWindowLimiter>, id: string, windows: RateLimits['perTenant']): SlidingWindowLimiter {
    let limiter = map.get(id);
    if (limiter === undefined) {
      limiter = new SlidingWindowLimiter(windows);
      map.set(id, limiter);
    }
    return limiter;
  }

  #reject(request: FakeTeamsRequest, status: number, retryAfterMs?: number): Error {
    request.status = status;
    const headers = new Map<string, string>();
    if (retryAfterMs !== undefined) {
      const now = this.#options.clock.now();
      // HTTP dates have whole seconds, so round up: Teams never asks for less than it needs.
      const value =
        this.#options.retryAfterFormat === 'date'
          ? new Date(Math.ceil((now + retryAfterMs) / 1000) * 1000).toUTCString()
          : String(Math.ceil(retryAfterMs / 1000));
      headers.set('retry-after', value);
      request.retryAfterMs = this.#options.retryAfterFormat === 'date' ? Math.ceil((now + retryAfterMs) / 1000) * 1000 - now : Math.ceil(retryAfterMs / 1000) * 1000;
    }
    return Object.assign(new Error(`fake Teams answered ${status}`), {
      name: 'RestError',
      statusCode: status,
      response: { status, headers: { get: (name: string) => headers.get(name.toLowerCase()) } },
    });
  }
}
