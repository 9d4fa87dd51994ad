import { z } from 'zod';
import { LIMITS, meetingIdSchema, meetingTypeSchema, rsvpValueSchema } from '../../domain/meetings/meeting.js';
import { scheduleFormInputSchema } from '../../domain/meetings/schedule-form.js';
import { aadObjectIdSchema } from '../../domain/people.js';

/*
 * The data each meetings card sends with its Action.Execute verb (see src/cards/meeting-verbs.ts). Card inputs
 * arrive as strings and anyone can craft an invoke, so every payload is parsed here; the domain decides the rest
 * (who may answer, limits, deadlines).
 */

/** meeting.rsvp: the answer button's data plus the comment input. */
export const rsvpPayloadSchema = z.object({
  meetingId: meetingIdSchema,
  answer: rsvpValueSchema,
  /** The start the card showed; an answer to a card from before a move is refused as `timeChanged`. */
  start: z.string().max(40).optional(),
  // Over the limit (500) the domain refuses it by name; twice the limit no card of ours sends: refused at the edge.
  comment: z.string().max(2 * LIMITS.comment).optional(),
});
export type RsvpPayload = z.infer<typeof rsvpPayloadSchema>;

/** meeting.schedule: the form's inputs, the meeting being changed, and the "book anyway" flag. */
export const schedulePayloadSchema = scheduleFormInputSchema.extend({
  meetingId: meetingIdSchema.optional(),
  /** The new meeting's id, chosen when the form was shown: a second click on the same form books nothing more. */
  draftId: meetingIdSchema.optional(),
  // A little over the domain's limits (LIMITS), so a too-long text still comes back in the form with its problem
  // named; far beyond them it is refused outright, since the form echoing it would outgrow Teams' card size.
  type: z.string().max(40).optional(),
  date: z.string().max(40).optional(),
  start: z.string().max(20).optional(),
  end: z.string().max(20).optional(),
  deadline: z.string().max(40).optional(),
  place: z.string().max(2 * LIMITS.place).optional(),
  link: z.string().max(LIMITS.link + 100).optional(),
  title: z.string().max(2 * LIMITS.title).optional(),
  agenda: z.string().max(2 * LIMITS.agenda).optional(),
});
export type SchedulePayload = z.infer<typeof schedulePayloadSchema>;

/** meeting.form: open the form, with a type chosen (from the cadence card) or for a change. */
export const formPayloadSchema = z.object({ meetingId: meetingIdSchema.optional(), type: meetingTypeSchema.optional() });

/** meeting.refresh and meeting.open. */
export const meetingRefPayloadSchema = z.object({ meetingId: meetingIdSchema });

/** meeting.overview: which meeting's answers to list. */
export const overviewPayloadSchema = z.object({ meetingId: meetingIdSchema.optional(), manage: z.literal('yes').optional() });

/** meeting.invitees: one person picked to add or to remove (an unpicked ChoiceSet arrives empty or not at all). */
const pickedPerson = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((s) => (s ? s.toLowerCase() : undefined))
  .pipe(aadObjectIdSchema.optional());
export const inviteesPayloadSchema = z.object({
  meetingId: meetingIdSchema,
  op: z.enum(['add', 'remove']),
  addPersonId: pickedPerson,
  removePersonId: pickedPerson,
});

/** meeting.cancel: the first click asks, the second (`confirm: 'yes'`) cancels. */
export const cancelPayloadSchema = z.object({ meetingId: meetingIdSchema, confirm: z.literal('yes').optional() });
