import { z } from 'zod';
import { meetingTypeSchema } from '../../domain/meetings/meeting.js';
import { pollAnswerInputSchema } from '../../domain/polls/answer.js';
import { pollFormInputSchema } from '../../domain/polls/poll-form.js';
import { pollIdSchema, slotIdSchema } from '../../domain/polls/poll.js';

/*
 * The data each date-poll card sends with its Action.Execute verb (src/cards/poll-verbs.ts). Anyone can craft an
 * invoke, so every payload is parsed here; the use cases decide the rest (who may answer, the deadline, the slots).
 */

/** poll.form: open the form, a type preselected. */
export const pollFormPayloadSchema = z.object({ type: meetingTypeSchema.optional() });

/** poll.create: the form's inputs and the form's id (one poll however often it is sent). */
export const pollCreatePayloadSchema = pollFormInputSchema.extend({ draftId: pollIdSchema });

/** poll.answer: the poll, a choice per time (`answer-s1` …) and the comment. */
export const pollAnswerPayloadSchema = pollAnswerInputSchema;

/** poll.refresh, poll.open, poll.overview. */
export const pollRefPayloadSchema = z.object({ pollId: pollIdSchema });

/** poll.finalise: the first click asks, the second (`confirm: 'yes'`) books the meeting. */
export const pollFinalisePayloadSchema = z.object({ pollId: pollIdSchema, slotId: slotIdSchema, confirm: z.literal('yes').optional() });

/** poll.cancel: the first click asks, the second (`confirm: 'yes'`) calls the poll off. */
export const pollCancelPayloadSchema = z.object({ pollId: pollIdSchema, confirm: z.literal('yes').optional() });
