import { z } from 'zod';
import { meetingIdSchema, meetingSchema } from '../../domain/meetings/meeting.js';
import { aadObjectIdSchema } from '../../domain/people.js';

const personId = aadObjectIdSchema;

/** A domain `MeetingNotice` as stored (see src/domain/meetings/meeting.ts). */
export const storedNoticeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('invited'), personId }).strict(),
  z.object({ kind: z.literal('substituteInvited'), personId, replaces: personId }).strict(),
  z.object({ kind: z.literal('substituteReassigned'), personId, replaces: personId, previously: personId }).strict(),
  z.object({ kind: z.literal('substituteNotNeeded'), personId, replaced: personId }).strict(),
  z.object({ kind: z.literal('removed'), personId }).strict(),
  z.object({ kind: z.literal('updated'), personId }).strict(),
  z.object({ kind: z.literal('rescheduled'), personId }).strict(),
  z.object({ kind: z.literal('cancelled'), personId }).strict(),
]);

const uncoveredSeatSchema = z
  .object({ personId, seat: z.string().min(1), reason: z.enum(['noSubstituteForSeat', 'substitutesUnavailable']) })
  .strict();

/**
 * What a pending message says. `notice`: a domain notice to an invitee. `organiser`: substitutes called in and seats
 * left empty, for the organiser. `undelivered`: invitations that did not reach these people, for the organiser.
 * `replace`: bring the invitation cards this person got before SEQUENCE `sequence` up to date (Teams update).
 */
export const pendingWhatSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notice'), notice: storedNoticeSchema }).strict(),
  z.object({ kind: z.literal('organiser'), notify: z.array(storedNoticeSchema), uncovered: z.array(uncoveredSeatSchema) }).strict(),
  z.object({ kind: z.literal('undelivered'), personIds: z.array(personId).min(1) }).strict(),
  z.object({ kind: z.literal('replace'), sequence: z.number().int().min(0) }).strict(),
]);

/**
 * A message decided in the same store write as the change that causes it, so a crash between the change and the
 * send loses nothing: it stays here until the messenger's durable queue has taken it (whose key makes a repeat
 * harmless). `waiting`: the bot could not reach the person; it is sent when they next talk to the bot.
 */
export const pendingMeetingMessageSchema = z
  .object({
    key: z.string().min(1).max(300),
    meetingId: meetingIdSchema,
    personId,
    what: pendingWhatSchema,
    createdAt: z.string(),
    waiting: z.boolean().optional(),
  })
  .strict();
export type PendingMeetingMessage = z.infer<typeof pendingMeetingMessageSchema>;

/** An invitation card queued to a person: later changes replace it in the chat; a failed delivery is noticed. */
export const sentMeetingCardSchema = z
  .object({ key: z.string().min(1).max(300), meetingId: meetingIdSchema, personId, sequence: z.number().int().min(0), at: z.string() })
  .strict();
export type SentMeetingCard = z.infer<typeof sentMeetingCardSchema>;

/** The meetings section of the store document. Every field has a default, so stores from before it load. */
export const meetingsSectionSchema = z
  .object({
    meetings: z.array(meetingSchema).default([]),
    /** Keys of reminders handed to the messenger (src/domain/meetings/reminders.ts `reminderKey`). */
    sentReminderKeys: z.array(z.string()).default([]),
    /** Keys of leadership's cadence reminders handed to the messenger (`dueCadenceReminders`). */
    sentCadenceKeys: z.array(z.string()).default([]),
    pending: z.array(pendingMeetingMessageSchema).default([]),
    cards: z.array(sentMeetingCardSchema).default([]),
  })
  .strict()
  .default({});
export type MeetingsSection = z.infer<typeof meetingsSectionSchema>;
