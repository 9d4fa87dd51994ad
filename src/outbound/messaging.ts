import type { Messenger, OutgoingMessage, SendReport } from './messenger.js';
import type { ReplyMessage, Transport } from './message.js';
import type { Logger } from '../observability/logger.js';
import type { Store } from '../store/store.js';
import { OutboundQueue } from './outbound-queue.js';
import type { Clock } from './clock.js';
import type { Sender } from './outbound-job.js';
import { StoreDeliveryLog } from './store-delivery-log.js';
import { PgDeliveryLog } from './pg-delivery-log.js';
import type pg from 'pg';
import type { BotMetrics } from '../observability/metrics.js';
import { currentRequest, runInRequest } from '../observability/request-context.js';
import { inSpan } from '../observability/tracing.js';

interface Payload {
  personId: string;
  message: ReplyMessage;
  replaces?: string;
  /** The turn or job run that queued the message: its log lines and the send's carry the same id. */
  requestId?: string;
}

export interface QueuedMessenger extends Messenger {
  start(): Promise<void>;
  drain(): Promise<{ remaining: number }>;
  stop(): Promise<void>;
  stateOf(key: string): 'pending' | 'sent' | 'failed' | 'unknown';
  /** Messages queued or in flight in this process (the queue-depth metric). */
  depth(): number;
  /** Drops the messages queued in memory to this person (erasure); returns how many. */
  forget(personId: string): number;
}

/**
 * Pending messages another instance queued, conversations in reverse order (each conversation's own messages still
 * in order): the instance that queued them works from the front, this one from the back, so the two rarely race
 * for the same message (a lost race costs a request slot of the rate limit).
 */
function fromTheOtherEnd<T extends { conversationKey: string }>(jobs: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const job of jobs) {
    const list = groups.get(job.conversationKey);
    if (list) list.push(job);
    else groups.set(job.conversationKey, [job]);
  }
  return [...groups.values()].reverse().flat();
}

/**
 * Every proactive message goes through one paced, persistent queue (src/outbound): `send` resolves once the
 * messages are durably queued; delivery follows at Teams' pace, with retries, exactly once per key.
 */
export function createMessenger({
  transport,
  store,
  log,
  tenantId,
  clock,
  metrics,
  database,
}: {
  transport: Transport;
  store: Store;
  log: Logger;
  tenantId: string;
  clock?: Clock;
  metrics?: BotMetrics;
  /**
   * The store is in PostgreSQL, maybe shared with other instances: sends are claimed (pg-delivery-log.ts), and every
   * `pollMs` (default 2 s) the queue takes over pending messages nobody holds (an instance that died, or one that
   * enqueued more than it has sent yet).
   */
  database?: { url: string; pool: pg.Pool; pollMs?: number };
}): QueuedMessenger {
  const now = clock ? () => clock.now() : Date.now;
  const deliveryLog = database ? new PgDeliveryLog(store, database.pool, { url: database.url, applicationName: `stark-claims pid ${process.pid}`, now }) : new StoreDeliveryLog(store, now);
  const requestIdOf = (job: { payload?: unknown }) => (job.payload as Payload | undefined)?.requestId ?? null;
  const sender: Sender = async (job) => {
    const payload = job.payload as Payload;
    const send = () => (payload.replaces ? transport.update(payload.personId, payload.replaces, payload.message) : transport.deliver(payload.personId, payload.message));
    const requestId = payload.requestId ?? `outbound:${job.key}`;
    return runInRequest({ requestId }, () => inSpan('outbound.send', { 'stark.request_id': requestId, 'stark.outbound.update': Boolean(payload.replaces) }, send));
  };
  const queue = new OutboundQueue({
    log: deliveryLog,
    sender,
    ...(clock ? { clock } : {}),
    onEvent: (event) => {
      const requestId = requestIdOf(event.job);
      if (event.type === 'sent') {
        metrics?.outboundSent();
        log.debug('outbound.sent', { key: event.job.key, attempts: event.receipt.attempts, requestId });
      } else if (event.type === 'failed') {
        metrics?.outboundFailed({ reason: event.failure.reason, statusCode: event.failure.statusCode ?? null });
        log.warn('outbound.failed', { key: event.job.key, reason: event.failure.reason, statusCode: event.failure.statusCode ?? null, requestId });
      } else if (event.type === 'retrying') {
        metrics?.outboundRetry({ statusCode: event.statusCode ?? null });
        log.info('outbound.retrying', { key: event.job.key, statusCode: event.statusCode ?? null, delayMs: event.delayMs, requestId });
      } else if (event.type === 'logError') log.error('outbound.logError', { key: event.job.key, operation: event.operation, requestId });
    },
  });

  let poller: NodeJS.Timeout | undefined;
  return {
    canReach: (personId) => transport.canReach(personId),
    async send(messages: OutgoingMessage[]): Promise<SendReport> {
      const report: SendReport = { queued: [], unreachable: [] };
      const jobs = [];
      const requestId = currentRequest()?.requestId;
      for (const m of messages) {
        if (!transport.canReach(m.personId)) {
          report.unreachable.push(m.personId);
          continue;
        }
        const ref = store.doc.conversationRefs[m.personId];
        const conversation = ref?.conversation.id ?? `new:${m.personId}`;
        // Paced per tenant (Teams limits each app per tenant): the person's own, across ~25 organisations (issue #15).
        const jobTenant = (ref?.tenantId ?? store.doc.people.find((p) => p.aadObjectId === m.personId)?.tenantId ?? tenantId).toLowerCase();
        jobs.push({ key: m.key, conversationKey: conversation, tenantId: jobTenant, payload: { personId: m.personId, message: m.message, ...(m.replaces ? { replaces: m.replaces } : {}), ...(requestId ? { requestId } : {}) } satisfies Payload });
        report.queued.push(m.key);
      }
      if (jobs.length > 0) await queue.enqueue(jobs);
      return report;
    },
    async start() {
      await queue.start();
      if (database && deliveryLog instanceof PgDeliveryLog && !poller) {
        let polling = false;
        poller = setInterval(() => {
          if (polling) return;
          polling = true;
          deliveryLog
            .unclaimedPending()
            .then((jobs) => void queue.adopt(fromTheOtherEnd(jobs)))
            .catch((err: unknown) => log.warn('outbound.pollFailed', { error: err instanceof Error ? err.message : String(err) }))
            .finally(() => {
              polling = false;
            });
        }, database.pollMs ?? 2_000);
        poller.unref();
      }
    },
    drain: () => queue.drain(),
    async stop() {
      if (poller) clearInterval(poller);
      poller = undefined;
      await queue.stop();
      if (deliveryLog instanceof PgDeliveryLog) await deliveryLog.close();
    },
    stateOf: (key) => deliveryLog.stateOf(key),
    depth: () => queue.size,
    forget: (personId) => queue.cancel((job) => (job.payload as Payload | undefined)?.personId === personId),
    activityIdOf: (key) => deliveryLog.activityIdOf(key),
  };
}
