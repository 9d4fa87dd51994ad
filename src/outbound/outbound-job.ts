// The shapes the outbound queue shares with its persistence (the store implements DeliveryLog) and with
// the sender (the bot layer implements Sender with botbuilder). Nothing here knows about Teams' SDKs.
import { z } from 'zod';

export const outboundJobSchema = z.object({
  // Stable idempotency key, e.g. "invite:<meetingId>:<seq>:<personId>": one key is delivered at most once.
  key: z.string().min(1),
  // Pacing unit: Teams limits each bot per conversation (7/1 s, 8/2 s, 60/30 s, 1,800/h).
  conversationKey: z.string().min(1),
  // Pacing unit: Teams limits each app per tenant (30 requests per second).
  tenantId: z.string().min(1),
  // Opaque to the queue; the Sender interprets it. Must be JSON-serialisable, since the log persists it.
  payload: z.unknown(),
  // Retry state, persisted through DeliveryLog.noteRetry so a restart keeps counting and keeps waiting.
  attempts: z.number().int().nonnegative().optional(),
  notBefore: z.number().optional(),
});
export type OutboundJob = z.infer<typeof outboundJobSchema>;

export const deliveryReceiptSchema = z.object({
  activityId: z.string().optional(),
  sentAt: z.number(),
  attempts: z.number().int().positive(),
});
export type DeliveryReceipt = z.infer<typeof deliveryReceiptSchema>;

// blocked: 403, the user blocked the bot or removed the app; conversationNotFound: 404;
// rejected: every other 4xx, which retrying cannot fix; gaveUp: transient failures until maxAttempts.
export const deliveryFailureReasonSchema = z.enum(['blocked', 'conversationNotFound', 'rejected', 'gaveUp']);
export type DeliveryFailureReason = z.infer<typeof deliveryFailureReasonSchema>;

export const deliveryFailureSchema = z.object({
  reason: deliveryFailureReasonSchema,
  statusCode: z.number().int().optional(),
  message: z.string(),
  attempts: z.number().int().positive(),
  failedAt: z.number(),
});
export type DeliveryFailure = z.infer<typeof deliveryFailureSchema>;

export const retryStateSchema = z.object({
  attempts: z.number().int().positive(),
  notBefore: z.number(),
  statusCode: z.number().int().optional(),
});
export type RetryState = z.infer<typeof retryStateSchema>;

// Sends one job. Throws on failure; the queue reads `statusCode` and `retryAfterMs` from the error
// (see describeSendError: SendError, botbuilder's RestError and axios errors all work as they are).
export type Sender = (job: OutboundJob) => Promise<{ activityId?: string }>;

export interface DeliveryLog {
  // Jobs neither sent nor failed, in the order they were first enqueued (per-conversation order is kept).
  pending(): Promise<OutboundJob[]>;
  // Adds jobs whose key the log has never seen; a key already pending, sent or failed is left unchanged.
  enqueue(jobs: readonly OutboundJob[]): Promise<void>;
  markSent(key: string, receipt: DeliveryReceipt): Promise<void>;
  // Permanent failure (403/404/other 4xx) or transient failures past maxAttempts: not retried.
  markFailed(key: string, failure: DeliveryFailure): Promise<void>;
  // True once the key is sent or failed.
  isDone(key: string): Promise<boolean>;
  // Optional: persists attempts and the earliest next attempt, returned on the job by pending().
  // Without it a restart retries at once and counts attempts from zero again.
  noteRetry?(key: string, state: RetryState): Promise<void>;
  // Optional, for logs shared by several instances (pg-delivery-log.ts): asked right before each send; false means
  // another instance holds the key or has already sent it, and this process drops the job without an outcome.
  // The claim is held until markSent/markFailed has recorded the outcome.
  claim?(key: string): Promise<boolean>;
}
