import { z } from 'zod';

/**
 * The delivery log of the outbound queue: one entry per idempotency key. A pending entry holds the message to
 * send; once sent or failed the message is dropped and only the outcome is kept (the document stays small).
 */
export const outboxEntrySchema = z
  .object({
    key: z.string().min(1),
    conversationKey: z.string().min(1),
    tenantId: z.string().min(1),
    state: z.enum(['pending', 'sent', 'failed']),
    enqueuedAt: z.number(),
    payload: z.unknown().optional(),
    attempts: z.number().int().nonnegative().optional(),
    notBefore: z.number().optional(),
    doneAt: z.number().optional(),
    activityId: z.string().optional(),
    failure: z.object({ reason: z.string(), statusCode: z.number().int().optional() }).strict().optional(),
  })
  .strict();
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

export const outboxSectionSchema = z
  .object({ entries: z.array(outboxEntrySchema).default([]) })
  .strict()
  .default({});
export type OutboxSection = z.infer<typeof outboxSectionSchema>;
