import { z } from 'zod';
import { needSchema, programmeYearSchema } from '../../domain/needs/need.js';
import { needsRoundSchema, type RoundAssignment } from '../../domain/needs/rounds.js';
import { aadObjectIdSchema } from '../../domain/people.js';

/**
 * A need form's submission id: made when the form card is rendered and carried by its submit buttons (and by the
 * similar-needs card's "skicka ändå"), so a double click or a second device stores the need once.
 */
export const submissionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** How many submission ids are remembered; a repeated click comes within minutes, not thousands of needs later. */
export const SUBMISSION_LIMIT = 5_000;

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A domain RoundAssignment as stored: what the submitter was told about the round, shown again on a repeat. */
export const roundAssignmentSchema: z.ZodType<RoundAssignment> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open'), year: programmeYearSchema, closingDate: dateSchema }).strict(),
  z
    .object({
      kind: z.literal('late'),
      year: programmeYearSchema,
      missed: z.object({ year: programmeYearSchema, closingDate: dateSchema }).strict(),
      closingDate: dateSchema.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('noRound'), year: programmeYearSchema }).strict(),
]);

/**
 * A notification about a need decided in the same store write as the change that causes it, so a crash between the
 * change and the send loses nothing: it stays here until the messenger has queued it (its key makes a repeat
 * harmless). `waiting`: the bot could not reach the person; it is sent when they next talk to the bot.
 */
export const pendingNeedMessageSchema = z
  .object({
    key: z.string().min(1).max(300),
    personId: aadObjectIdSchema,
    number: z.number().int().positive(),
    /** The history entry the message is about. */
    historyIndex: z.number().int().min(0),
    waiting: z.boolean().optional(),
  })
  .strict();
export type PendingNeedMessage = z.infer<typeof pendingNeedMessageSchema>;

/**
 * The needs section of the store document. Instants are Date in memory and ISO strings in the JSON file (the
 * domain's instantSchema reads both). Every field has a default, so stores from before a field load.
 */
export const needsSectionSchema = z
  .object({
    needs: z.array(needSchema).default([]),
    rounds: z.array(needsRoundSchema).default([]),
    /** Stored form submissions (newest last, bounded): submission id → the need it became. */
    submissions: z.array(z.object({ id: submissionIdSchema, number: z.number().int().positive(), round: roundAssignmentSchema }).strict()).default([]),
    pending: z.array(pendingNeedMessageSchema).default([]),
  })
  .strict()
  .default({});
export type NeedsSection = z.infer<typeof needsSectionSchema>;
