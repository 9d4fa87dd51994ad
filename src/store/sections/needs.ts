import { z } from 'zod';

/** The needs section of the store document (filled in by the needs feature). */
export const needsSectionSchema = z
  .object({})
  .strict()
  .default({});
export type NeedsSection = z.infer<typeof needsSectionSchema>;
