import { z } from 'zod';

/**
 * The roster's own records (issue #15), beside `people`. Every field has a default, so stores from before it load
 * unchanged. `sentKeys`: term-end reminders already handed to the messenger (one per term, stage and recipient).
 */
export const rosterSectionSchema = z
  .object({
    sentKeys: z.array(z.string().max(400)).max(100_000).default([]),
  })
  .strict()
  .default({});
export type RosterSection = z.infer<typeof rosterSectionSchema>;
