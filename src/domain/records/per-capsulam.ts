import { z } from 'zod';
import type { Need } from '../needs/need.js';
import { can } from '../permissions.js';
import {
  RECORD_LIMITS,
  checkText,
  cleanText,
  decisionBodySchema,
  instantSchema,
  needNumberSchema,
  personIdSchema,
  recordIdSchema,
  seatInputSchema,
  textSchema,
  type DecisionBody,
  type RecordActor,
  type SeatInput,
} from './common.js';
import { newDecision, type Decision } from './decision.js';

/**
 * Decisions between meetings (per capsulam): every seat of the body answers yes or no in chat by a deadline. The
 * result is established at the deadline (or earlier, once every seat has answered); seats that did not answer are
 * recorded as such. An adopted proposal becomes a numbered, final decision of the body; a rejected one gets no number.
 *
 * Who answers for a seat: its ordinary member; for a vacant seat, its substitutes (the first answer counts like any
 * other: the seat has one voice, and a later answer for the seat replaces an earlier one until the deadline).
 */

/**
 * When a proposal is adopted. The memo says nothing about per capsulam, so the rule is an assumption programme
 * leadership sets and the cards show as one: a majority of all the body's seats (not only of those who answered), or
 * every seat.
 */
export const perCapsulamRuleSchema = z.object({ adoptWhen: z.enum(['majorityOfSeats', 'unanimous']), assumption: z.literal(true) }).strict();
export type PerCapsulamRule = z.infer<typeof perCapsulamRuleSchema>;
export const DEFAULT_PER_CAPSULAM_RULE: PerCapsulamRule = { adoptWhen: 'majorityOfSeats', assumption: true };

export const perCapsulamAnswerValueSchema = z.enum(['yes', 'no']);
export type PerCapsulamAnswerValue = z.infer<typeof perCapsulamAnswerValueSchema>;

export const perCapsulamSchema = z
  .object({
    id: recordIdSchema,
    body: decisionBodySchema,
    /** The proposed decision, as it will stand in the log if adopted. */
    proposal: textSchema(RECORD_LIMITS.decisionText),
    needNumbers: z.array(needNumberSchema).max(RECORD_LIMITS.decisionNeeds),
    openedAt: instantSchema,
    openedBy: personIdSchema,
    deadline: instantSchema,
    /** The seats as they were when the question was put: who may answer does not shift while it runs. */
    seats: z.array(seatInputSchema).min(1).max(RECORD_LIMITS.perCapsulamSeats),
    rule: perCapsulamRuleSchema,
    /** Every answer given, in order; the last one per seat counts. */
    answers: z.array(z.object({ seatId: recordIdSchema, personId: personIdSchema, value: perCapsulamAnswerValueSchema, at: instantSchema }).strict()),
    result: z
      .object({
        at: instantSchema,
        outcome: z.enum(['adopted', 'rejected']),
        yes: z.array(recordIdSchema),
        no: z.array(recordIdSchema),
        notAnswered: z.array(recordIdSchema),
        /** The numbered decision, when adopted. */
        decisionId: recordIdSchema.nullable(),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type PerCapsulam = z.infer<typeof perCapsulamSchema>;

/** The people who may answer for a seat: the holder, or the substitutes of a vacant seat. */
export const seatAnswerers = (seat: Pick<SeatInput, 'holderId' | 'substituteIds'>): string[] => (seat.holderId ? [seat.holderId] : [...seat.substituteIds]);

/** Whom to send the question to: one card per person per seat they answer for. */
export const perCapsulamRecipients = (procedure: Pick<PerCapsulam, 'seats'>): Array<{ seatId: string; personId: string }> =>
  procedure.seats.flatMap((s) => seatAnswerers(s).map((personId) => ({ seatId: s.seatId, personId })));

export type OpenPerCapsulamResult =
  | { ok: true; procedure: PerCapsulam }
  | { ok: false; reason: 'forbidden' | 'deadlineNotAfterNow' | 'noSeats' | 'tooManySeats' | 'seatOfOtherBody' | 'duplicateSeat' | 'tooManyNeeds' }
  | { ok: false; reason: 'unknownNeeds'; needNumbers: number[] }
  | { ok: false; reason: 'invalid'; problem: { field: 'proposal'; problem: 'required' | 'tooLong'; max: number } };

/** Leadership puts a proposal to the body's seats with a deadline. */
export function openPerCapsulam({
  id,
  body,
  proposal,
  needNumbers,
  needs,
  deadline,
  seats,
  rule,
  actor,
  now,
}: {
  id: string;
  body: DecisionBody;
  proposal: string;
  needNumbers: readonly number[];
  needs: readonly Pick<Need, 'number'>[];
  deadline: Date;
  seats: readonly SeatInput[];
  rule: PerCapsulamRule;
  actor: RecordActor;
  now: Date;
}): OpenPerCapsulamResult {
  if (!can(actor, 'records.manage')) return { ok: false, reason: 'forbidden' };
  const text = cleanText(proposal, { multiline: true, max: RECORD_LIMITS.decisionText });
  const problem = checkText(text, RECORD_LIMITS.decisionText);
  if (problem) return { ok: false, reason: 'invalid', problem: { field: 'proposal', problem, max: RECORD_LIMITS.decisionText } };
  if (deadline.getTime() <= now.getTime()) return { ok: false, reason: 'deadlineNotAfterNow' };
  if (seats.length === 0) return { ok: false, reason: 'noSeats' };
  if (seats.length > RECORD_LIMITS.perCapsulamSeats) return { ok: false, reason: 'tooManySeats' };
  if (seats.some((s) => s.body !== body)) return { ok: false, reason: 'seatOfOtherBody' };
  if (new Set(seats.map((s) => s.seatId)).size !== seats.length) return { ok: false, reason: 'duplicateSeat' };
  const unique = [...new Set(needNumbers)].sort((a, b) => a - b);
  if (unique.length > RECORD_LIMITS.decisionNeeds) return { ok: false, reason: 'tooManyNeeds' };
  const known = new Set(needs.map((n) => n.number));
  const unknown = unique.filter((n) => !known.has(n));
  if (unknown.length > 0) return { ok: false, reason: 'unknownNeeds', needNumbers: unknown };
  return {
    ok: true,
    procedure: {
      id,
      body,
      proposal: text,
      needNumbers: unique,
      openedAt: now.toISOString(),
      openedBy: actor.aadObjectId,
      deadline: deadline.toISOString(),
      seats: seats.map((s) => ({ ...s, substituteIds: [...s.substituteIds] })),
      rule,
      answers: [],
      result: null,
    },
  };
}

/** Each seat's current answer (the last one given for it). */
export function currentAnswers(procedure: Pick<PerCapsulam, 'answers'>): Map<string, { personId: string; value: PerCapsulamAnswerValue; at: string }> {
  const out = new Map<string, { personId: string; value: PerCapsulamAnswerValue; at: string }>();
  for (const a of procedure.answers) out.set(a.seatId, { personId: a.personId, value: a.value, at: a.at });
  return out;
}

/** The seats by answer so far. */
export function perCapsulamTally(procedure: Pick<PerCapsulam, 'answers' | 'seats'>): { yes: string[]; no: string[]; notAnswered: string[] } {
  const answers = currentAnswers(procedure);
  const tally = { yes: [] as string[], no: [] as string[], notAnswered: [] as string[] };
  for (const seat of procedure.seats) {
    const a = answers.get(seat.seatId);
    (a ? tally[a.value] : tally.notAnswered).push(seat.seatId);
  }
  return tally;
}

export type AnswerPerCapsulamResult =
  | { ok: true; outcome: 'recorded' | 'unchanged'; procedure: PerCapsulam }
  | { ok: false; reason: 'unknownSeat' | 'forbidden' | 'closed' | 'deadlinePassed' };

/** A seat's answer, from its holder (or a substitute of a vacant seat), until the deadline. */
export function answerPerCapsulam({
  procedure,
  seatId,
  value,
  actor,
  now,
}: {
  procedure: PerCapsulam;
  seatId: string;
  value: PerCapsulamAnswerValue;
  actor: RecordActor;
  now: Date;
}): AnswerPerCapsulamResult {
  const seat = procedure.seats.find((s) => s.seatId === seatId);
  if (!seat) return { ok: false, reason: 'unknownSeat' };
  if (!can(actor, 'records.answerPerCapsulam', { seatPersonIds: seatAnswerers(seat) })) return { ok: false, reason: 'forbidden' };
  if (procedure.result) return { ok: false, reason: 'closed' };
  if (now.getTime() >= Date.parse(procedure.deadline)) return { ok: false, reason: 'deadlinePassed' };
  const current = currentAnswers(procedure).get(seatId);
  if (current?.value === value && current.personId === actor.aadObjectId) return { ok: true, outcome: 'unchanged', procedure };
  return {
    ok: true,
    outcome: 'recorded',
    procedure: { ...procedure, answers: [...procedure.answers, { seatId, personId: actor.aadObjectId, value, at: now.toISOString() }] },
  };
}

const adopted = (rule: PerCapsulamRule, yes: number, seats: number): boolean => (rule.adoptWhen === 'unanimous' ? yes === seats : yes * 2 > seats);

export type ClosePerCapsulamResult =
  | { ok: true; procedure: PerCapsulam; decision: Decision | null }
  | { ok: false; reason: 'alreadyClosed' | 'beforeDeadline' };

/**
 * Establishes the result: at or after the deadline, or earlier once every seat has answered. Seats without an
 * answer are listed as not answered (and count as no yes). An adopted proposal gets the body's next number, dated
 * at the deadline (or when the last seat answered, if earlier), final at once. `decisions` is the whole log.
 */
export function closePerCapsulam({
  procedure,
  decisions,
  decisionId,
  now,
}: {
  procedure: PerCapsulam;
  decisions: readonly Decision[];
  /** A fresh id for the decision, used if the proposal is adopted. */
  decisionId: string;
  now: Date;
}): ClosePerCapsulamResult {
  if (procedure.result) return { ok: false, reason: 'alreadyClosed' };
  const tally = perCapsulamTally(procedure);
  const deadline = Date.parse(procedure.deadline);
  const early = now.getTime() < deadline;
  if (early && tally.notAnswered.length > 0) return { ok: false, reason: 'beforeDeadline' };
  const decidedAt = early ? now : new Date(deadline);
  const outcome = adopted(procedure.rule, tally.yes.length, procedure.seats.length) ? 'adopted' : 'rejected';
  let decision: Decision | null = null;
  if (outcome === 'adopted') {
    decision = newDecision({
      decisions,
      id: decisionId,
      body: procedure.body,
      decidedAt,
      origin: { kind: 'perCapsulam', procedureId: procedure.id },
      text: procedure.proposal,
      needNumbers: procedure.needNumbers,
      finalAt: now.toISOString(),
      by: procedure.openedBy,
      now,
    }).decision;
  }
  return {
    ok: true,
    procedure: { ...procedure, result: { at: decidedAt.toISOString(), outcome, ...tally, decisionId: decision?.id ?? null } },
    decision,
  };
}

/** The procedures whose result is due: the deadline has passed, or every seat has answered. */
export const duePerCapsulamResults = ({ procedures, now }: { procedures: readonly PerCapsulam[]; now: Date }): PerCapsulam[] =>
  procedures.filter((p) => !p.result && (now.getTime() >= Date.parse(p.deadline) || perCapsulamTally(p).notAnswered.length === 0));

export interface PerCapsulamReminder {
  key: string;
  procedureId: string;
  seatId: string;
  personId: string;
}

/**
 * Reminders to the people of seats that have not answered, from `hoursBefore` the deadline until it passes; one per
 * person and seat (keyed), and none for a procedure put after the reminder's moment.
 */
export function duePerCapsulamReminders({
  procedures,
  now,
  sentKeys,
  hoursBefore = 24,
}: {
  procedures: readonly PerCapsulam[];
  now: Date;
  sentKeys: ReadonlySet<string>;
  hoursBefore?: number;
}): PerCapsulamReminder[] {
  const out: PerCapsulamReminder[] = [];
  for (const p of procedures) {
    if (p.result) continue;
    const deadline = Date.parse(p.deadline);
    const from = deadline - hoursBefore * 3_600_000;
    if (now.getTime() < from || now.getTime() >= deadline || Date.parse(p.openedAt) > from) continue;
    const answered = currentAnswers(p);
    for (const { seatId, personId } of perCapsulamRecipients(p)) {
      if (answered.has(seatId)) continue;
      const key = `${p.id}:per-capsulam-reminder:${seatId}:${personId}`;
      if (!sentKeys.has(key)) out.push({ key, procedureId: p.id, seatId, personId });
    }
  }
  return out;
}
