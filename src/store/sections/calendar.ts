import { z } from 'zod';
import { calendarSyncStateSchema } from '../../calendar/calendar-sync.js';
import { meetingIdSchema } from '../../domain/meetings/meeting.js';

/**
 * Per meeting, where its Outlook event stands (issue #16 points 6–7): what the calendar backend returned after the
 * last sync, and when to try again after a failure. Only used with Graph credentials; without them it stays empty.
 */
export const calendarEntrySchema = z
  .object({
    meetingId: meetingIdSchema,
    state: calendarSyncStateSchema.nullable(),
    /** Failures in a row; 0 once a sync succeeds. */
    attempt: z.number().int().min(0),
    /** Not before this instant (Retry-After or backoff). */
    nextAttemptAt: z.string().datetime({ offset: true }).optional(),
    /** The last failure's reason (throttled, unavailable, forbidden, notFound, rejected): for the log and the README's runbook. */
    lastFailure: z.string().max(40).optional(),
    /** A failure that needs a person (forbidden, rejected, notFound): not retried on its own. */
    stuck: z.boolean().optional(),
    /** When Outlook's responses were last read. */
    readAt: z.string().datetime({ offset: true }).optional(),
  })
  .strict();
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

export const calendarSectionSchema = z
  .object({ events: z.array(calendarEntrySchema).default([]) })
  .strict()
  .default({});
export type CalendarSection = z.infer<typeof calendarSectionSchema>;
