import { z } from 'zod';

/** The meetings section of the store document (filled in by the meetings feature). */
export const meetingsSectionSchema = z
  .object({})
  .strict()
  .default({});
export type MeetingsSection = z.infer<typeof meetingsSectionSchema>;
