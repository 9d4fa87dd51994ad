// One queue for every proactive message (invitations, reminders, notices). It paces under Teams' limits
// per conversation and per tenant, retries throttling and server errors with backoff that honours Retry-After,
// and records every outcome in the DeliveryLog so a restart resumes without losing or repeating a key.
//
// Delivery is exactly-once within a process and across clean restarts. A crash between Teams accepting a
// message and markSent being written can repeat that one message after the restart (at-least-once): no
// sender can close that gap, since Teams' send API takes no idempotency key.
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { DeliveryFailure, DeliveryLog, DeliveryReceipt, OutboundJob, Sender } from './outbound-job.js';
import { outboundJobSchema } from './outbound-job.js';
import type { RateLimits } from './rate-limits.js';
import { SlidingWindowLimiter, teamsRateLimits } from './rate-limits.js';
import { describeSendError, isTransientStatus, permanentFailureReason } from './send-error.js';

export type OutboundEvent =
  | { type: 'sent'; job: OutboundJob; receipt: DeliveryReceipt }
  | {
      type: 'retrying';
      job: OutboundJob;
      attempts: number;
      statusCode?: number;
      retryAfterMs?: number;
      delayMs: number;
      message: string;
    }
  | { type: 'failed'; job: OutboundJob; failure: DeliveryFailure }
  | { type: 'logError'; job: OutboundJob; operation: 'markSent' | 'markFailed' | 'noteRetry'; error: unknown };

export type OutboundListener = (event: OutboundEvent) => void;

export interface OutboundQueueOptions {
  log: DeliveryLog;
  sender: Sender;
  clock?: Clock;
  limits?: RateLimits;
  // Attempts per job, the first included, before a transiently failing job is recorded as gaveUp.
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  // In [0, 1); injected so tests are deterministic.
  random?: () => number;
  // Bounds open requests when the sender is slow; the tenant limit usually binds first.
  maxInFlight?: number;
  // Added to every window: Teams counts a request when it arrives, and two requests that leave exactly one
  // window apart may arrive a little closer. Each 429 costs at least a second (Retry-After has whole seconds).
  windowMarginMs?: number;
  onEvent?: OutboundListener;
}

export const outboundDefaults = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxInFlight: 64,
  windowMarginMs: 20,
} as const;

// Exponential backoff with "equal jitter" (half fixed, half random), never earlier than Retry-After.
export function backoffDelayMs(p: {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: number;
  retryAfterMs?: number;
}): number {
  const exponential = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, p.attempts - 1));
  const jittered = Math.round(exponential / 2 + p.random * (exponential / 2));
  return Math.max(jittered, Math.ceil(p.retryAfterMs ?? 0));
}

interface QueuedJob {
  job: OutboundJob;
  attempts: number;
  notBefore: number;
}

interface Tenant {
  limiter: SlidingWindowLimiter;
  // Conversations with queued jobs, in the order they got work.
  active: Set<Conversation>;
}

interface Conversation {
  id: string;
  tenant: Tenant;
  // FIFO; one request at a time per conversation keeps messages in order.
  jobs: QueuedJob[];
  busy: boolean;
  limiter: SlidingWindowLimiter;
}

type State = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped';

const sweepEveryMs = 60_000;

export class OutboundQueue {
  readonly #log: DeliveryLog;
  readonly #sender: Sender;
  readonly #clock: Clock;
  // The limits as paced, margin included.
  readonly #limits: RateLimits;
  readonly #maxAttempts: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #maxInFlight: number;
  readonly #random: () => number;
  readonly #listeners = new Set<OutboundListener>();

  readonly #tenants = new Map<string, Tenant>();
  readonly #conversations = new Map<string, Conversation>();
  // Keys queued or in flight in memory; a key leaves only after its outcome is written to the log.
  readonly #keys = new Set<string>();
  // Keys whose outcome the log failed to record: never sent again by this process.
  readonly #unrecorded = new Set<string>();
  readonly #inFlight = new Set<Promise<void>>();
  #drainers: Array<(result: { remaining: number }) => void> = [];

  #enqueueing: Promise<void> = Promise.resolve();
  #state: State = 'idle';
  #starting: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;
  #loop: Promise<void> | undefined;
  #wakeUp: (() => void) | undefined;
  #woken = false;
  #lastSweep = 0;

  constructor(options: OutboundQueueOptions) {
    this.#log = options.log;
    this.#sender = options.sender;
    this.#clock = options.clock ?? systemClock;
    const margin = options.windowMarginMs ?? outboundDefaults.windowMarginMs;
    const limits = options.limits ?? teamsRateLimits;
    const widen = (windows: RateLimits['perTenant']) => windows.map((w) => ({ limit: w.limit, windowMs: w.windowMs + margin }));
    this.#limits = { perConversation: widen(limits.perConversation), perTenant: widen(limits.perTenant) };
    this.#maxAttempts = options.maxAttempts ?? outboundDefaults.maxAttempts;
    this.#baseDelayMs = options.baseDelayMs ?? outboundDefaults.baseDelayMs;
    this.#maxDelayMs = options.maxDelayMs ?? outboundDefaults.maxDelayMs;
    this.#maxInFlight = options.maxInFlight ?? outboundDefaults.maxInFlight;
    this.#random = options.random ?? Math.random;
    if (!(this.#maxAttempts >= 1) || !(this.#maxInFlight >= 1)) throw new Error('maxAttempts and maxInFlight must be ≥ 1');
    if (options.onEvent) this.#listeners.add(options.onEvent);
  }

  on(listener: OutboundListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // Jobs queued or in flight in this process.
  get size(): number {
    return this.#keys.size;
  }

  // Adds jobs whose key is neither sent, failed nor already queued; a repeated key does nothing.
  // Jobs enqueued before start() are written to the log and picked up when the queue starts.
  enqueue(jobs: readonly OutboundJob[]): Promise<void> {
    // One call at a time: two concurrent calls with the same key could otherwise both see it as new, the
    // first one's job could be sent and leave memory, and the second would queue it again.
    const run = this.#enqueueing.then(() => this.#enqueueNow(jobs));
    this.#enqueueing = run.catch(() => undefined);
    return run;
  }

  async #enqueueNow(jobs: readonly OutboundJob[]): Promise<void> {
    const unique = new Map<string, OutboundJob>();
    for (const job of jobs) {
      const parsed = outboundJobSchema.parse(job);
      if (!unique.has(parsed.key)) unique.set(parsed.key, parsed);
    }
    const fresh: OutboundJob[] = [];
    for (const job of unique.values()) {
      if (this.#keys.has(job.key) || this.#unrecorded.has(job.key)) continue;
      if (await this.#log.isDone(job.key)) continue;
      fresh.push(job);
    }
    if (fresh.length === 0) return;
    await this.#log.enqueue(fresh);
    // While starting, the log's pending() may or may not have seen these; #add ignores a key twice.
    if (this.#state === 'starting' || this.#state === 'running') {
      for (const job of fresh) this.#add(job);
      this.#signal();
    }
  }

  // Takes jobs that are pending in the log already (written by another process on a shared log) into this
  // process's queue, without writing them again; keys queued here already are ignored. Only while running.
  adopt(jobs: readonly OutboundJob[]): number {
    if (this.#state !== 'running') return 0;
    const before = this.#keys.size;
    for (const job of jobs) this.#add(outboundJobSchema.parse(job));
    const added = this.#keys.size - before;
    if (added > 0) this.#signal();
    return added;
  }

  // Drops queued jobs that `match` picks (one already in flight finishes); the caller removes their log entries.
  // Erasure uses it: a message to someone erased must not go out. Returns how many were dropped.
  cancel(match: (job: OutboundJob) => boolean): number {
    let dropped = 0;
    for (const conversation of this.#conversations.values()) {
      const kept = conversation.jobs.filter((queued, i) => {
        if ((i === 0 && conversation.busy) || !match(queued.job)) return true;
        this.#keys.delete(queued.job.key);
        dropped++;
        return false;
      });
      if (kept.length === conversation.jobs.length) continue;
      conversation.jobs = kept;
      if (kept.length === 0 && !conversation.busy) conversation.tenant.active.delete(conversation);
    }
    if (dropped > 0 && this.#keys.size === 0 && this.#state === 'running') this.#settleDrainers(false);
    return dropped;
  }

  // Resumes the log's pending jobs, then sends until stop(). Calling it again while running does nothing.
  async start(): Promise<void> {
    if (this.#state === 'running') return;
    if (this.#state === 'starting') return this.#starting;
    if (this.#state === 'stopping') await this.#stopping;
    this.#state = 'starting';
    this.#starting = this.#load();
    try {
      await this.#starting;
    } catch (error) {
      this.#state = 'idle';
      this.#settleDrainers(true);
      throw error;
    }
    this.#state = 'running';
    this.#loop = this.#run();
  }

  // Stops taking new work and waits for requests in flight. Queued jobs stay pending in the log.
  async stop(): Promise<void> {
    if (this.#state === 'starting') await this.#starting?.catch(() => undefined);
    if (this.#state === 'stopping') return this.#stopping;
    if (this.#state !== 'running') return;
    this.#state = 'stopping';
    this.#stopping = (async () => {
      this.#signal();
      await this.#loop;
      while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
      this.#state = 'stopped';
      this.#settleDrainers(true);
    })();
    return this.#stopping;
  }

  // Resolves once nothing is queued or in flight ({ remaining: 0 }), or when the queue stops
  // (remaining = jobs left pending). On a queue that is not running it reports the log's pending count.
  async drain(): Promise<{ remaining: number }> {
    if (this.#state === 'idle' || this.#state === 'stopped') return { remaining: (await this.#log.pending()).length };
    if (this.#state === 'running' && this.#keys.size === 0) return { remaining: 0 };
    return new Promise((resolve) => this.#drainers.push(resolve));
  }

  async #load(): Promise<void> {
    // After a stop, rebuild the queue from the log, which holds the retry state too; limiters are kept.
    for (const conversation of this.#conversations.values()) conversation.jobs = [];
    for (const tenant of this.#tenants.values()) tenant.active.clear();
    this.#keys.clear();
    const pending = await this.#log.pending();
    for (const job of pending) this.#add(job);
  }

  #add(job: OutboundJob): void {
    if (this.#keys.has(job.key) || this.#unrecorded.has(job.key)) return;
    this.#keys.add(job.key);
    const conversation = this.#conversation(job);
    conversation.jobs.push({ job, attempts: job.attempts ?? 0, notBefore: job.notBefore ?? 0 });
    conversation.tenant.active.add(conversation);
  }

  #conversation(job: OutboundJob): Conversation {
    const id = `${job.tenantId}\u0000${job.conversationKey}`;
    let conversation = this.#conversations.get(id);
    if (conversation === undefined) {
      let tenant = this.#tenants.get(job.tenantId);
      if (tenant === undefined) {
        tenant = { limiter: new SlidingWindowLimiter(this.#limits.perTenant), active: new Set() };
        this.#tenants.set(job.tenantId, tenant);
      }
      conversation = { id, tenant, jobs: [], busy: false, limiter: new SlidingWindowLimiter(this.#limits.perConversation) };
      this.#conversations.set(id, conversation);
    }
    return conversation;
  }

  async #run(): Promise<void> {
    while (this.#state === 'running') {
      const wakeAt = this.#dispatch();
      if (this.#keys.size === 0) this.#settleDrainers(false);
      await this.#waitForWake(wakeAt);
    }
  }

  // Starts every job that may go now; returns when the next one may, if that depends on time alone
  // (a finished request wakes the loop by itself).
  #dispatch(): number | undefined {
    const now = this.#clock.now();
    let wakeAt: number | undefined;
    const wakeBy = (at: number): void => {
      wakeAt = wakeAt === undefined ? at : Math.min(wakeAt, at);
    };
    for (const tenant of this.#tenants.values()) {
      if (tenant.active.size === 0) continue;
      if (this.#inFlight.size >= this.#maxInFlight) break;
      let free = tenant.limiter.available(now);
      if (free === 0) {
        wakeBy(tenant.limiter.earliest(now));
        continue;
      }
      const ready: Conversation[] = [];
      for (const conversation of tenant.active) {
        const head = conversation.jobs[0];
        if (conversation.busy || head === undefined) continue;
        const at = Math.max(head.notBefore, conversation.limiter.earliest(now));
        if (at <= now) ready.push(conversation);
        else wakeBy(at);
      }
      // Longest queue first: under the tenant limit, the longest conversation decides when the fan-out ends.
      ready.sort((a, b) => b.jobs.length - a.jobs.length);
      let started = 0;
      for (const conversation of ready) {
        if (free === 0 || this.#inFlight.size >= this.#maxInFlight) break;
        this.#launch(conversation);
        free--;
        started++;
      }
      if (started < ready.length && free === 0) wakeBy(tenant.limiter.earliest(now));
    }
    if (now - this.#lastSweep >= sweepEveryMs) this.#sweep(now);
    return wakeAt;
  }

  #launch(conversation: Conversation): void {
    const queued = conversation.jobs[0];
    if (queued === undefined) return;
    conversation.busy = true;
    // The time of the request itself, not of the pass that chose it: a real clock moves during a pass.
    const at = this.#clock.now();
    conversation.limiter.record(at);
    conversation.tenant.limiter.record(at);
    queued.attempts++;
    const attempt = this.#attempt(conversation, queued);
    this.#inFlight.add(attempt);
    void attempt.finally(() => {
      this.#inFlight.delete(attempt);
      conversation.busy = false;
      if (conversation.jobs.length === 0) conversation.tenant.active.delete(conversation);
      if (this.#keys.size === 0 && this.#state === 'running') this.#settleDrainers(false);
      this.#signal();
    });
  }

  async #attempt(conversation: Conversation, queued: QueuedJob): Promise<void> {
    const { job } = queued;
    if (this.#log.claim) {
      // Several instances share the log: send only under this instance's claim on the key. Not claimed (another
      // instance has it, or sent it) or the claim could not be asked: dropped here, still pending in the log, so an
      // instance that can claim it picks it up.
      let claimed = false;
      try {
        claimed = await this.#log.claim(job.key);
      } catch {
        claimed = false;
      }
      if (!claimed) {
        queued.attempts--;
        this.#finish(conversation);
        return;
      }
    }
    let activityId: string | undefined;
    try {
      const result = await this.#sender(job);
      activityId = typeof result?.activityId === 'string' ? result.activityId : undefined;
    } catch (error) {
      await this.#failed(conversation, queued, error);
      return;
    }
    const receipt: DeliveryReceipt = { sentAt: this.#clock.now(), attempts: queued.attempts };
    if (activityId !== undefined) receipt.activityId = activityId;
    await this.#record(job, 'markSent', () => this.#log.markSent(job.key, receipt));
    this.#finish(conversation);
    this.#emit({ type: 'sent', job, receipt });
  }

  async #failed(conversation: Conversation, queued: QueuedJob, error: unknown): Promise<void> {
    const { job } = queued;
    const now = this.#clock.now();
    const info = describeSendError(error, now);
    const transient = isTransientStatus(info.statusCode);
    if (transient && queued.attempts < this.#maxAttempts) {
      const delayMs = backoffDelayMs({
        attempts: queued.attempts,
        baseDelayMs: this.#baseDelayMs,
        maxDelayMs: this.#maxDelayMs,
        random: this.#random(),
        ...(info.retryAfterMs === undefined ? {} : { retryAfterMs: info.retryAfterMs }),
      });
      queued.notBefore = now + delayMs;
      const retry = { attempts: queued.attempts, notBefore: queued.notBefore, ...(info.statusCode === undefined ? {} : { statusCode: info.statusCode }) };
      const noteRetry = this.#log.noteRetry?.bind(this.#log);
      if (noteRetry) await this.#record(job, 'noteRetry', () => noteRetry(job.key, retry));
      this.#emit({ type: 'retrying', job, attempts: queued.attempts, statusCode: info.statusCode, retryAfterMs: info.retryAfterMs, delayMs, message: info.message });
      return;
    }
    const failure: DeliveryFailure = {
      reason: transient ? 'gaveUp' : permanentFailureReason(info.statusCode),
      message: info.message,
      attempts: queued.attempts,
      failedAt: now,
    };
    if (info.statusCode !== undefined) failure.statusCode = info.statusCode;
    await this.#record(job, 'markFailed', () => this.#log.markFailed(job.key, failure));
    this.#finish(conversation);
    this.#emit({ type: 'failed', job, failure });
  }

  // An outcome the log could not take is still final here: better one unrecorded message than a repeat.
  async #record(job: OutboundJob, operation: 'markSent' | 'markFailed' | 'noteRetry', write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (operation !== 'noteRetry') this.#unrecorded.add(job.key);
      this.#emit({ type: 'logError', job, operation, error });
    }
  }

  #finish(conversation: Conversation): void {
    const done = conversation.jobs.shift();
    if (done !== undefined) this.#keys.delete(done.job.key);
  }

  // Forgets conversations whose limiter no longer constrains anything, so memory follows current traffic.
  #sweep(now: number): void {
    this.#lastSweep = now;
    for (const [id, conversation] of this.#conversations) {
      if (conversation.jobs.length === 0 && !conversation.busy && conversation.limiter.isIdle(now)) {
        this.#conversations.delete(id);
      }
    }
    for (const [id, tenant] of this.#tenants) {
      if (tenant.active.size === 0 && tenant.limiter.isIdle(now) && ![...this.#conversations.values()].some((c) => c.tenant === tenant)) {
        this.#tenants.delete(id);
      }
    }
  }

  async #waitForWake(at: number | undefined): Promise<void> {
    if (this.#woken) {
      this.#woken = false;
      return;
    }
    const abort = new AbortController();
    const signalled = new Promise<void>((resolve) => {
      this.#wakeUp = resolve;
    });
    const waits = [signalled];
    if (at !== undefined) waits.push(this.#clock.sleep(at - this.#clock.now(), abort.signal));
    await Promise.race(waits);
    abort.abort();
    this.#wakeUp = undefined;
    this.#woken = false;
  }

  #signal(): void {
    const wakeUp = this.#wakeUp;
    if (wakeUp === undefined) {
      this.#woken = true;
      return;
    }
    this.#wakeUp = undefined;
    wakeUp();
  }

  #settleDrainers(stopped: boolean): void {
    if (this.#drainers.length === 0) return;
    const drainers = this.#drainers;
    this.#drainers = [];
    const remaining = stopped ? this.#keys.size : 0;
    for (const resolve of drainers) resolve({ remaining });
  }

  #emit(event: OutboundEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not stop deliveries or leave a job half-recorded.
      }
    }
  }
}
