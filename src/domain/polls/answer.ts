import { z } from 'zod';
import { availabilitySchema, type Availability } from '../bodies/coverage.js';
import { hasAnsweredAll, isPollAnswerOpen, pollIdSchema, POLL_LIMITS, responseOf, SLOT_IDS, type Poll, type PollResponse, type SlotId } from './poll.js';

/** The answer card's input id for a slot's choice (yes / if need be / no). */
export const answerInputId = (slotId: SlotId): `answer-${SlotId}` => `answer-${slotId}`;

// An unchosen ChoiceSet arrives empty or not at all: that slot is left as it was.
const choice = z
  .union([availabilitySchema, z.literal('')])
  .optional()
  .transform((v) => (v ? v : undefined));
const choiceShape = Object.fromEntries(SLOT_IDS.map((id) => [answerInputId(id), choice])) as Record<`answer-${SlotId}`, typeof choice>;

const knownChoiceKeys = new Set<string>(Object.keys(choiceShape));

/**
 * The answer card's payload: the poll, one choice per slot (`answer-s1` … `answer-s8`) and the comment, turned into
 * `answerPoll`'s arguments. The comment's bound only stops absurd payloads; its length rule (500) is `answerPoll`'s.
 * A choice for a slot id no card has (`answer-s9`, `answer-x`) is a crafted payload: refused here, not dropped.
 */
export const pollAnswerInputSchema = z
  .object({ pollId: pollIdSchema, comment: z.string().max(10_000).optional(), ...choiceShape })
  .passthrough()
  .superRefine((input, ctx) => {
    for (const key of Object.keys(input)) {
      if (key.startsWith('answer-') && !knownChoiceKeys.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'unknown slot' });
    }
  })
  .transform((input) => {
    const answers: Partial<Record<SlotId, Availability>> = {};
    for (const id of SLOT_IDS) {
      const v = input[answerInputId(id)];
      if (v) answers[id] = v;
    }
    return { pollId: input.pollId, answers, comment: input.comment };
  });
export type PollAnswerInput = z.infer<typeof pollAnswerInputSchema>;

export type PollAnswerRefusal =
  /** Only the people asked answer. */
  | 'notInvited'
  | 'cancelled'
  /** A time has been chosen; the meeting's own invitation takes answers now. */
  | 'finalised'
  /** The deadline's day has ended (Stockholm time). */
  | 'deadlinePassed'
  /** An answer names a time that is not among the proposals (a stale or crafted card). Nothing is recorded. */
  | 'unknownSlot'
  /** A first answer with no choice and no comment (an empty or crafted payload): nothing to record. */
  | 'noAnswer'
  | 'commentTooLong';

/** Something leadership should hear about at once. */
export type PollEvent = { kind: 'everyoneAnswered'; pollId: string };

export type PollAnswerResult =
  | {
      ok: true;
      /** 'unchanged': the same answers and comment again (a double click, a redelivered invoke): nothing is stored. */
      outcome: 'recorded' | 'unchanged';
      poll: Poll;
      response: PollResponse;
      events: PollEvent[];
    }
  | { ok: false; reason: PollAnswerRefusal };

const normaliseComment = (comment: string | undefined): string | undefined => {
  const c = comment?.replace(/\r\n/g, '\n').trim();
  return c ? c : undefined;
};

/**
 * Records a person's answers: per slot yes / if need be / no, and one comment. They can change them until the
 * deadline. Slots not in `answers` keep their earlier answer (the card sends every choice, but an unchosen one may be
 * missing); the comment is replaced by what is sent, so clearing the comment's input removes it. When this answer
 * makes every invitee have answered every slot for the first time, `everyoneAnswered` is raised (once per poll: the
 * poll records when).
 */
export function answerPoll({
  poll,
  personId,
  answers,
  comment,
  now,
}: {
  poll: Poll;
  personId: string;
  answers: Readonly<Partial<Record<string, Availability>>>;
  comment?: string | undefined;
  now: Date;
}): PollAnswerResult {
  const who = personId.toLowerCase();
  if (!poll.inviteeIds.includes(who)) return { ok: false, reason: 'notInvited' };
  if (poll.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (poll.status === 'finalised') return { ok: false, reason: 'finalised' };
  if (!isPollAnswerOpen({ poll, now })) return { ok: false, reason: 'deadlinePassed' };
  const slotIds = new Set<string>(poll.slots.map((s) => s.id));
  if (Object.keys(answers).some((id) => !slotIds.has(id))) return { ok: false, reason: 'unknownSlot' };
  const text = normaliseComment(comment);
  if (text !== undefined && text.length > POLL_LIMITS.comment) return { ok: false, reason: 'commentTooLong' };

  const previous = responseOf(poll, who);
  if (!previous && Object.keys(answers).length === 0 && text === undefined) return { ok: false, reason: 'noAnswer' };
  const merged: Partial<Record<SlotId, Availability>> = { ...previous?.answers };
  for (const s of poll.slots) {
    const v = answers[s.id];
    if (v !== undefined) merged[s.id] = v;
  }
  const same = previous !== undefined && previous.comment === text && poll.slots.every((s) => previous.answers[s.id] === merged[s.id]);
  if (same) return { ok: true, outcome: 'unchanged', poll, response: previous, events: [] };

  const at = now.toISOString();
  const response: PollResponse = { personId: who, answers: merged, ...(text !== undefined ? { comment: text } : {}), answeredAt: previous?.answeredAt ?? at, updatedAt: at };
  const responses = previous ? poll.responses.map((r) => (r.personId === who ? response : r)) : [...poll.responses, response];
  let next: Poll = { ...poll, responses, updatedAt: at };
  const events: PollEvent[] = [];
  if (!poll.everyoneAnsweredAt && poll.inviteeIds.every((id) => hasAnsweredAll(next, id))) {
    next = { ...next, everyoneAnsweredAt: at };
    events.push({ kind: 'everyoneAnswered', pollId: poll.id });
  }
  return { ok: true, outcome: 'recorded', poll: next, response, events };
}
