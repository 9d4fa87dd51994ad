import { z } from 'zod';
import type { Meeting } from '../meetings/meeting.js';
import type { Need } from '../needs/need.js';
import { can } from '../permissions.js';
import { stockholmYear } from '../time.js';
import {
  RECORD_LIMITS,
  checkText,
  cleanText,
  decisionBodyOf,
  decisionBodySchema,
  instantSchema,
  needNumberSchema,
  personIdSchema,
  recordIdSchema,
  textSchema,
  type DecisionBody,
  type RecordActor,
} from './common.js';
import { isLocked, type MeetingRecord } from './record.js';

/**
 * The decisions log (beslut). Decisions are numbered per body and calendar year: "Programrådet 2027 § 4".
 *
 * The numbering rule: a decision gets its number when it is recorded, one above the highest number its body has
 * given in that year, withdrawn and superseded decisions included. Decisions are never deleted, so the numbers of a
 * body and year always run 1, 2, 3… without a gap, and no number is ever given twice.
 * - Recorded by mistake before the minutes are approved: it is withdrawn (struken). It keeps its number and stays in
 *   the log as withdrawn, with the reason.
 * - Worded wrongly before the minutes are approved: it is corrected under the same number; the earlier wording is kept.
 * - Once final (the minutes approved, or a per capsulam result) it is never changed: a later decision with its own
 *   number supersedes it (upphäver), and the log shows both.
 * The year is the Stockholm calendar year of the meeting (or of the per capsulam result), not of when it was typed in.
 */

export const decisionOriginSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('meeting'), meetingId: recordIdSchema, agendaItemId: recordIdSchema.optional() }).strict(),
  z.object({ kind: z.literal('perCapsulam'), procedureId: recordIdSchema }).strict(),
]);
export type DecisionOrigin = z.infer<typeof decisionOriginSchema>;

const needNumbersSchema = z
  .array(needNumberSchema)
  .max(RECORD_LIMITS.decisionNeeds)
  .refine((ns) => new Set(ns).size === ns.length, 'each need once');

export const decisionRevisionSchema = z
  .object({
    /** When this wording was replaced, and by whom. */
    at: instantSchema,
    by: personIdSchema,
    text: z.string(),
    needNumbers: z.array(needNumberSchema),
    agendaItemId: recordIdSchema.optional(),
  })
  .strict();
export type DecisionRevision = z.infer<typeof decisionRevisionSchema>;

export const decisionSchema = z
  .object({
    id: recordIdSchema,
    body: decisionBodySchema,
    year: z.number().int().min(2000).max(2100),
    number: z.number().int().positive(),
    text: textSchema(RECORD_LIMITS.decisionText),
    origin: decisionOriginSchema,
    /** The needs (by number) the decision concerns: their submitters and supporters are told. */
    needNumbers: needNumbersSchema,
    /** The meeting's start, or the moment a per capsulam result was established. */
    decidedAt: instantSchema,
    recordedAt: instantSchema,
    recordedBy: personIdSchema,
    /** When it became final: the minutes approved (justerade) or the per capsulam result. Null while preliminary. */
    finalAt: instantSchema.nullable(),
    status: z.enum(['valid', 'withdrawn', 'superseded']),
    withdrawal: z.object({ at: instantSchema, by: personIdSchema, reason: textSchema(RECORD_LIMITS.reason) }).strict().nullable(),
    supersedes: recordIdSchema.nullable(),
    supersededBy: recordIdSchema.nullable(),
    /** Earlier wordings, oldest first (corrections before the decision became final). */
    revisions: z.array(decisionRevisionSchema),
  })
  .strict()
  .superRefine((d, ctx) => {
    if ((d.status === 'withdrawn') !== (d.withdrawal !== null)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['withdrawal'], message: 'withdrawn goes with its reason' });
    if ((d.status === 'superseded') !== (d.supersededBy !== null)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['supersededBy'], message: 'superseded goes with the decision that supersedes it' });
  });
export type Decision = z.infer<typeof decisionSchema>;

/**
 * The whole log as the store keeps it: ids unique, and each body's numbers per year exactly 1…n (the numbering rule
 * above), so a damaged or hand-edited file is refused on load instead of handing out a number twice.
 */
export const decisionLogSchema = z.array(decisionSchema).superRefine((log, ctx) => {
  const ids = new Set<string>();
  const numbers = new Map<string, number[]>();
  log.forEach((d, i) => {
    if (ids.has(d.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'id'], message: `decision id ${d.id} twice` });
    ids.add(d.id);
    const key = `${d.body} ${d.year}`;
    numbers.set(key, [...(numbers.get(key) ?? []), d.number]);
  });
  for (const [key, ns] of numbers) {
    const sorted = [...ns].sort((a, b) => a - b);
    if (sorted.some((n, i) => n !== i + 1)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${key}: numbers must run 1…${ns.length} without gap or repeat` });
  }
});

/** How a decision is cited: body, year, number ("Programrådet 2027 § 4"; the catalogue words it). */
export type DecisionRef = Pick<Decision, 'body' | 'year' | 'number'>;
export const decisionRef = (d: DecisionRef): DecisionRef => ({ body: d.body, year: d.year, number: d.number });

/** One above the highest number the body has given in the year (withdrawn and superseded ones included). */
export function nextDecisionNumber({ decisions, body, year }: { decisions: Iterable<Pick<Decision, 'body' | 'year' | 'number'>>; body: DecisionBody; year: number }): number {
  let max = 0;
  for (const d of decisions) if (d.body === body && d.year === year && d.number > max) max = d.number;
  return max + 1;
}

/**
 * Need numbers as typed into a form: "12, 15", "#12 #15", "12 och 15". Numbers are taken wherever they stand; any
 * other word is ignored, except that text with no number at all is returned as empty. Duplicates collapse, order is
 * ascending. `invalid` lists tokens that look like numbers but are not valid need numbers ("0", "12.5").
 */
export function parseNeedNumbers(text: string): { numbers: number[]; invalid: string[] } {
  const numbers = new Set<number>();
  const invalid: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^#?(\d{1,9})$/.exec(token);
    if (m) {
      const n = Number(m[1]);
      if (n > 0) numbers.add(n);
      else invalid.push(token);
    } else if (/^#?\d/.test(token)) invalid.push(token);
  }
  return { numbers: [...numbers].sort((a, b) => a - b), invalid };
}

export type DecisionTextProblem = { field: 'text'; problem: 'required' | 'tooLong'; max: number };

function checkNeeds(numbers: readonly number[], needs: readonly Pick<Need, 'number'>[]): { ok: true; numbers: number[] } | { ok: false; reason: 'tooManyNeeds' } | { ok: false; reason: 'unknownNeeds'; needNumbers: number[] } {
  const unique = [...new Set(numbers)];
  if (unique.length > RECORD_LIMITS.decisionNeeds) return { ok: false, reason: 'tooManyNeeds' };
  const known = new Set(needs.map((n) => n.number));
  const unknown = unique.filter((n) => !known.has(n));
  if (unknown.length > 0) return { ok: false, reason: 'unknownNeeds', needNumbers: unknown };
  return { ok: true, numbers: unique.sort((a, b) => a - b) };
}

function cleanDecisionText(text: string): { ok: true; text: string } | { ok: false; problem: DecisionTextProblem } {
  const cleaned = cleanText(text, { multiline: true, max: RECORD_LIMITS.decisionText });
  const problem = checkText(cleaned, RECORD_LIMITS.decisionText);
  return problem ? { ok: false, problem: { field: 'text', problem, max: RECORD_LIMITS.decisionText } } : { ok: true, text: cleaned };
}

export type RecordDecisionResult =
  | { ok: true; decision: Decision; /** The decision it supersedes, now marked so (save both). */ superseded?: Decision | undefined }
  | {
      ok: false;
      reason:
        | 'forbidden'
        | 'bodyTakesNoDecisions'
        | 'cancelled'
        | 'meetingNotStarted'
        | 'locked'
        | 'unknownAgendaItem'
        | 'tooManyNeeds'
        | 'supersededNotFound'
        | 'supersedesOtherBody'
        | 'supersedesNotValid';
    }
  | { ok: false; reason: 'unknownNeeds'; needNumbers: number[] }
  | { ok: false; reason: 'invalid'; problem: DecisionTextProblem };

/**
 * Records a decision taken at a meeting, numbered by the rule above. `decisions` must hold at least every decision of
 * the body (the store passes the whole log, within the same write that saves the result, so two recordings never
 * get one number). `id` is a fresh id from the caller; a duplicate is a bug and throws.
 */
export function recordDecision({
  decisions,
  id,
  meeting,
  record,
  agendaItemId,
  text,
  needNumbers,
  needs,
  supersedes,
  actor,
  now,
}: {
  decisions: readonly Decision[];
  id: string;
  meeting: Pick<Meeting, 'id' | 'type' | 'start' | 'status'>;
  record: Pick<MeetingRecord, 'agenda' | 'minutes'> | undefined;
  agendaItemId?: string | undefined;
  text: string;
  needNumbers: readonly number[];
  /** The needs register (numbers are checked against it). */
  needs: readonly Pick<Need, 'number'>[];
  /** The id of an earlier decision this one supersedes (upphäver). */
  supersedes?: string | undefined;
  actor: RecordActor;
  now: Date;
}): RecordDecisionResult {
  if (!can(actor, 'records.manage')) return { ok: false, reason: 'forbidden' };
  const body = decisionBodyOf(meeting.type);
  if (!body) return { ok: false, reason: 'bodyTakesNoDecisions' };
  if (meeting.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (now.getTime() < Date.parse(meeting.start)) return { ok: false, reason: 'meetingNotStarted' };
  if (record && isLocked(record)) return { ok: false, reason: 'locked' };
  if (agendaItemId !== undefined && !record?.agenda.some((a) => a.id === agendaItemId)) return { ok: false, reason: 'unknownAgendaItem' };
  const cleaned = cleanDecisionText(text);
  if (!cleaned.ok) return { ok: false, reason: 'invalid', problem: cleaned.problem };
  const linked = checkNeeds(needNumbers, needs);
  if (!linked.ok) return linked;
  const prior = supersedes === undefined ? undefined : decisions.find((d) => d.id === supersedes);
  if (supersedes !== undefined) {
    if (!prior) return { ok: false, reason: 'supersededNotFound' };
    if (prior.body !== body) return { ok: false, reason: 'supersedesOtherBody' };
    if (prior.status !== 'valid') return { ok: false, reason: 'supersedesNotValid' };
  }
  return newDecision({ decisions, id, body, decidedAt: new Date(meeting.start), origin: { kind: 'meeting', meetingId: meeting.id, ...(agendaItemId !== undefined ? { agendaItemId } : {}) }, text: cleaned.text, needNumbers: linked.numbers, finalAt: null, prior, by: actor.aadObjectId, now });
}

/** Shared by meetings and per capsulam: the numbered decision (and the superseded one). */
export function newDecision({
  decisions,
  id,
  body,
  decidedAt,
  origin,
  text,
  needNumbers,
  finalAt,
  prior,
  by,
  now,
}: {
  decisions: readonly Decision[];
  id: string;
  body: DecisionBody;
  decidedAt: Date;
  origin: DecisionOrigin;
  text: string;
  needNumbers: number[];
  finalAt: string | null;
  prior?: Decision | undefined;
  by: string;
  now: Date;
}): { ok: true; decision: Decision; superseded?: Decision | undefined } {
  if (decisions.some((d) => d.id === id)) throw new Error(`decision id ${id} is already used`);
  const year = stockholmYear(decidedAt);
  const decision: Decision = {
    id,
    body,
    year,
    number: nextDecisionNumber({ decisions, body, year }),
    text,
    origin,
    needNumbers,
    decidedAt: decidedAt.toISOString(),
    recordedAt: now.toISOString(),
    recordedBy: by,
    finalAt,
    status: 'valid',
    withdrawal: null,
    supersedes: prior?.id ?? null,
    supersededBy: null,
    revisions: [],
  };
  const superseded = prior ? { ...prior, status: 'superseded' as const, supersededBy: id } : undefined;
  return { ok: true, decision, ...(superseded ? { superseded } : {}) };
}

export type ChangeDecisionRefusal = 'forbidden' | 'final' | 'notValid' | 'perCapsulam' | 'locked';

/** Why a decision cannot be corrected or withdrawn, if it cannot. */
function changeRefusal(decision: Decision, actor: RecordActor, record: Pick<MeetingRecord, 'minutes'> | undefined): ChangeDecisionRefusal | undefined {
  if (!can(actor, 'records.manage')) return 'forbidden';
  if (decision.origin.kind === 'perCapsulam') return 'perCapsulam';
  if (decision.finalAt !== null || (record && isLocked(record))) return 'final';
  if (decision.status !== 'valid') return 'notValid';
  return undefined;
}

/**
 * Corrects a preliminary decision's wording, needs or agenda item under the same number; the earlier wording is kept
 * in `revisions`. A final decision is never corrected: record a new one that supersedes it.
 */
export function correctDecision({
  decision,
  record,
  text,
  needNumbers,
  agendaItemId,
  needs,
  actor,
  now,
}: {
  decision: Decision;
  /** The record of the decision's meeting. */
  record: Pick<MeetingRecord, 'agenda' | 'minutes'> | undefined;
  text: string;
  needNumbers: readonly number[];
  agendaItemId?: string | undefined;
  needs: readonly Pick<Need, 'number'>[];
  actor: RecordActor;
  now: Date;
}):
  | { ok: true; outcome: 'corrected' | 'unchanged'; decision: Decision }
  | { ok: false; reason: ChangeDecisionRefusal | 'unknownAgendaItem' | 'tooManyNeeds' }
  | { ok: false; reason: 'unknownNeeds'; needNumbers: number[] }
  | { ok: false; reason: 'invalid'; problem: DecisionTextProblem } {
  const refusal = changeRefusal(decision, actor, record);
  if (refusal) return { ok: false, reason: refusal };
  if (agendaItemId !== undefined && !record?.agenda.some((a) => a.id === agendaItemId)) return { ok: false, reason: 'unknownAgendaItem' };
  const cleaned = cleanDecisionText(text);
  if (!cleaned.ok) return { ok: false, reason: 'invalid', problem: cleaned.problem };
  const linked = checkNeeds(needNumbers, needs);
  if (!linked.ok) return linked;
  const oldItem = decision.origin.kind === 'meeting' ? decision.origin.agendaItemId : undefined;
  if (cleaned.text === decision.text && linked.numbers.join() === decision.needNumbers.join() && agendaItemId === oldItem) {
    return { ok: true, outcome: 'unchanged', decision };
  }
  const revision: DecisionRevision = {
    at: now.toISOString(),
    by: actor.aadObjectId,
    text: decision.text,
    needNumbers: decision.needNumbers,
    ...(oldItem !== undefined ? { agendaItemId: oldItem } : {}),
  };
  const origin: DecisionOrigin =
    decision.origin.kind === 'meeting' ? { kind: 'meeting', meetingId: decision.origin.meetingId, ...(agendaItemId !== undefined ? { agendaItemId } : {}) } : decision.origin;
  return {
    ok: true,
    outcome: 'corrected',
    decision: { ...decision, text: cleaned.text, needNumbers: linked.numbers, origin, revisions: [...decision.revisions, revision] },
  };
}

/**
 * Withdraws (stryker) a preliminary decision recorded by mistake: it keeps its number and stays in the log, marked
 * withdrawn with the reason. If it superseded an earlier decision, that one is valid again (`restored`).
 */
export function withdrawDecision({
  decision,
  decisions,
  record,
  reason,
  actor,
  now,
}: {
  decision: Decision;
  decisions: readonly Decision[];
  record: Pick<MeetingRecord, 'minutes'> | undefined;
  reason: string;
  actor: RecordActor;
  now: Date;
}):
  | { ok: true; decision: Decision; restored?: Decision | undefined }
  | { ok: false; reason: ChangeDecisionRefusal | 'reasonRequired' | 'reasonTooLong' } {
  const refusal = changeRefusal(decision, actor, record);
  if (refusal) return { ok: false, reason: refusal };
  const why = cleanText(reason, { multiline: true, max: RECORD_LIMITS.reason });
  const problem = checkText(why, RECORD_LIMITS.reason);
  if (problem) return { ok: false, reason: problem === 'required' ? 'reasonRequired' : 'reasonTooLong' };
  const withdrawn: Decision = { ...decision, status: 'withdrawn', withdrawal: { at: now.toISOString(), by: actor.aadObjectId, reason: why } };
  const prior = decision.supersedes ? decisions.find((d) => d.id === decision.supersedes) : undefined;
  const restored = prior && prior.supersededBy === decision.id ? { ...prior, status: 'valid' as const, supersededBy: null } : undefined;
  return { ok: true, decision: withdrawn, ...(restored ? { restored } : {}) };
}

/**
 * When a meeting's minutes are approved, its decisions become final (withdrawn ones too: what was struck stays
 * struck). Returns the decisions that changed, to save in the same write as the minutes.
 */
export function finaliseMeetingDecisions({ decisions, meetingId, now }: { decisions: readonly Decision[]; meetingId: string; now: Date }): Decision[] {
  return decisions
    .filter((d) => d.origin.kind === 'meeting' && d.origin.meetingId === meetingId && d.finalAt === null)
    .map((d) => ({ ...d, finalAt: now.toISOString() }));
}

const byRef = (a: Decision, b: Decision): number => a.year - b.year || a.body.localeCompare(b.body) || a.number - b.number;

/** A meeting's decisions in number order. */
export const meetingDecisions = ({ decisions, meetingId }: { decisions: readonly Decision[]; meetingId: string }): Decision[] =>
  decisions.filter((d) => d.origin.kind === 'meeting' && d.origin.meetingId === meetingId).sort(byRef);

/**
 * The decisions that concern a need, oldest first, for its status and history view. Withdrawn and superseded ones
 * are included (marked by their status) so the history stays true; `final` says whether the minutes are approved.
 */
export function decisionsForNeed({ decisions, needNumber }: { decisions: readonly Decision[]; needNumber: number }): Array<{ decision: Decision; final: boolean }> {
  return decisions
    .filter((d) => d.needNumbers.includes(needNumber))
    .sort((a, b) => Date.parse(a.decidedAt) - Date.parse(b.decidedAt) || byRef(a, b))
    .map((decision) => ({ decision, final: decision.finalAt !== null }));
}

export interface DecisionNotification {
  decisionId: string;
  /** The needs of the decision this person submitted or supports. */
  needNumbers: number[];
  personId: string;
}

/**
 * Who is told about final decisions: for each valid decision, the submitter of each linked need and everyone who
 * supports one, each person once per decision (with the needs that concern them), never the person who acted.
 * Call it when decisions become final: on approval of the minutes, on a per capsulam result.
 */
export function decisionNotifications({
  decisions,
  needs,
  actorId,
}: {
  decisions: readonly Decision[];
  needs: readonly Pick<Need, 'number' | 'submittedBy' | 'supports'>[];
  actorId: string | null;
}): DecisionNotification[] {
  const byNumber = new Map(needs.map((n) => [n.number, n]));
  const out: DecisionNotification[] = [];
  for (const d of decisions) {
    if (d.status !== 'valid') continue;
    const perPerson = new Map<string, number[]>();
    for (const number of d.needNumbers) {
      const need = byNumber.get(number);
      if (!need) continue;
      for (const personId of [need.submittedBy, ...need.supports.map((s) => s.by)]) {
        if (personId === actorId) continue;
        const list = perPerson.get(personId) ?? [];
        if (!list.includes(number)) list.push(number);
        perPerson.set(personId, list);
      }
    }
    for (const [personId, needNumbers] of perPerson) out.push({ decisionId: d.id, needNumbers, personId });
  }
  return out;
}

/** Stable key of a decision notification: persist it when sent, and it is never sent again. */
export const decisionNotificationKey = (n: Pick<DecisionNotification, 'decisionId' | 'personId'>): string => `${n.decisionId}:decision-notice:${n.personId}`;
