import { z } from 'zod';

/** The outbox section of the store document (filled in by the outbox feature). */
export const outboxSectionSchema = z
  .object({})
  .strict()
  .default({});
export type OutboxSection = z.infer<typeof outboxSectionSchema>;
