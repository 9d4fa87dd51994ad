import { metrics, ValueType, type Attributes, type Meter } from '@opentelemetry/api';

/**
 * The bot's own metrics, through the OpenTelemetry API. Without a configured SDK (no Application Insights
 * connection string) the API's meter is a no-op and this costs a few function calls. Names follow OpenTelemetry's
 * conventions (dot-separated, unit in `unit`); the README's runbook says what each one means and when to act.
 */
export interface BotMetrics {
  /** One HTTP turn from Teams, by the command that handled it. */
  turn(p: { command: string; activityType: string; status: number; durationMs: number }): void;
  /** One group commit of the store (a flush to disk), ok or failed. */
  storeCommit(p: { durationMs: number; ok: boolean }): void;
  /** Outcomes of proactive sends. */
  outboundSent(): void;
  outboundFailed(p: { reason: string; statusCode: number | null }): void;
  outboundRetry(p: { statusCode: number | null }): void;
  /** Messages queued or in flight, read when metrics are collected; returns a function that stops observing. */
  observeQueueDepth(read: () => number): () => void;
  /** One run of a background job (reminders, deliveries). */
  jobRun(p: { job: string; ok: boolean; durationMs: number }): void;
}

// Turn and commit latencies sit between a few milliseconds (read turns) and seconds (a slow disk, a big fan-out).
const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];

export const METRIC = {
  turnDuration: 'stark.turn.duration',
  storeCommitDuration: 'stark.store.commit.duration',
  outboundQueueDepth: 'stark.outbound.queue.depth',
  outboundSent: 'stark.outbound.sent',
  outboundFailed: 'stark.outbound.failed',
  outboundRetries: 'stark.outbound.retries',
  outboundThrottled: 'stark.outbound.throttled',
  jobRuns: 'stark.job.runs',
  jobDuration: 'stark.job.duration',
} as const;

export function createBotMetrics(meter: Meter = metrics.getMeter('stark-bot')): BotMetrics {
  const turnDuration = meter.createHistogram(METRIC.turnDuration, {
    description: 'Time from a Teams activity arriving to the HTTP answer, per command',
    unit: 'ms',
    advice: { explicitBucketBoundaries: LATENCY_BUCKETS_MS },
  });
  const commitDuration = meter.createHistogram(METRIC.storeCommitDuration, {
    description: 'Time to make one group commit of the store durable',
    unit: 'ms',
    advice: { explicitBucketBoundaries: LATENCY_BUCKETS_MS },
  });
  const queueDepth = meter.createObservableGauge(METRIC.outboundQueueDepth, {
    description: 'Proactive messages queued or in flight in this instance',
    unit: '{message}',
    valueType: ValueType.INT,
  });
  const sent = meter.createCounter(METRIC.outboundSent, { description: 'Proactive messages Teams accepted', unit: '{message}', valueType: ValueType.INT });
  const failed = meter.createCounter(METRIC.outboundFailed, { description: 'Proactive messages given up (blocked, conversation gone, rejected, retries exhausted)', unit: '{message}', valueType: ValueType.INT });
  const retries = meter.createCounter(METRIC.outboundRetries, { description: 'Proactive sends that failed transiently and will be retried', unit: '{attempt}', valueType: ValueType.INT });
  const throttled = meter.createCounter(METRIC.outboundThrottled, { description: 'Proactive sends Teams refused with 429 (rate limit)', unit: '{attempt}', valueType: ValueType.INT });
  const jobRuns = meter.createCounter(METRIC.jobRuns, { description: 'Background job runs', unit: '{run}', valueType: ValueType.INT });
  const jobDuration = meter.createHistogram(METRIC.jobDuration, { description: 'Background job run time', unit: 'ms', advice: { explicitBucketBoundaries: LATENCY_BUCKETS_MS } });

  const status = (code: number | null): Attributes => (code === null ? {} : { 'http.response.status_code': code });

  return {
    turn: ({ command, activityType, status: code, durationMs }) =>
      turnDuration.record(durationMs, { 'stark.command': command, 'stark.activity_type': activityType, 'http.response.status_code': code }),
    storeCommit: ({ durationMs, ok }) => commitDuration.record(durationMs, { 'stark.outcome': ok ? 'ok' : 'error' }),
    outboundSent: () => sent.add(1),
    outboundFailed: ({ reason, statusCode }) => failed.add(1, { 'stark.reason': reason, ...status(statusCode) }),
    outboundRetry: ({ statusCode }) => {
      retries.add(1, status(statusCode));
      if (statusCode === 429) throttled.add(1);
    },
    observeQueueDepth: (read) => {
      const callback = (result: { observe(value: number): void }) => result.observe(read());
      queueDepth.addCallback(callback);
      return () => queueDepth.removeCallback(callback);
    },
    jobRun: ({ job, ok, durationMs }) => {
      jobRuns.add(1, { 'stark.job': job, 'stark.outcome': ok ? 'ok' : 'error' });
      jobDuration.record(durationMs, { 'stark.job': job });
    },
  };
}

// Activity types Bot Framework sends; anything else is counted as "other", so a client in local mode cannot grow
// the metric's label set without bound.
const ACTIVITY_TYPES = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'messageUpdate', 'messageDelete', 'event', 'typing']);

export function activityTypeLabel(type: string): string {
  return ACTIVITY_TYPES.has(type) ? type : 'other';
}
