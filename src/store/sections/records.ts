import { z } from 'zod';
import { actionItemSchema } from '../../domain/records/action.js';
import { decisionLogSchema } from '../../domain/records/decision.js';
import { perCapsulamSchema } from '../../domain/records/per-capsulam.js';
import { meetingRecordSchema } from '../../domain/records/record.js';

/** How many delivery keys are remembered: far more than a year of notices, minutes and reminders. */
export const RECORDS_SENT_KEYS_LIMIT = 50_000;

/**
 * The meeting records section (#17): one record per meeting (agenda, papers, notice, attendance, minutes), the
 * decisions log, action items and per capsulam procedures. `sentKeys` are the keys of the messages handed to the
 * messenger's durable queue: what is still to send is derived from the records minus these (and the queue's own key
 * makes a repeat after a crash harmless). Every field has a default, so stores from before the section load unchanged.
 */
export const recordsSectionSchema = z
  .object({
    records: z.array(meetingRecordSchema).default([]),
    decisions: decisionLogSchema.default([]),
    actions: z.array(actionItemSchema).default([]),
    perCapsulam: z.array(perCapsulamSchema).default([]),
    /** Counter for decision, action and procedure ids ("d1", "x2", "pc3"): never reused. */
    seq: z.number().int().min(0).default(0),
    sentKeys: z.array(z.string().min(1).max(300)).default([]),
  })
  .strict()
  .default({});
export type RecordsSection = z.infer<typeof recordsSectionSchema>;
