import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { plain, type AdaptiveCard } from '../../cards/adaptive-card.js';
import { needDetailCard } from '../../cards/need-detail-card.js';
import { needFormCard, type NeedFormCardModel } from '../../cards/need-form-card.js';
import { needReceiptCard } from '../../cards/need-receipt-card.js';
import { needSimilarCard } from '../../cards/need-similar-card.js';
import { stateText } from '../../cards/needs-card-parts.js';
import { needsListCard } from '../../cards/needs-list-card.js';
import { needsOverviewCard } from '../../cards/needs-overview-card.js';
import { needsRoundFormCard } from '../../cards/needs-round-form-card.js';
import { countNeeds, countyLookup, pageNeeds, type NeedFilter } from '../../domain/needs/lists.js';
import { ANSWER_MAX, nextNeedNumber, type Need } from '../../domain/needs/need.js';
import { cleanNeedForm, emptyNeedForm, needFormValues, parseNeedForm, type NeedFormValues } from '../../domain/needs/need-form.js';
import { assignRound, openRound, parseRoundForm, type RoundFormError, type RoundAssignment } from '../../domain/needs/rounds.js';
import { editNeed, submitNeed, supportNeed, transition, type TransitionFailure } from '../../domain/needs/transitions.js';
import type { StoreDocument } from '../../store/schema.js';
import { SUBMISSION_LIMIT } from '../../store/sections/needs.js';
import type { ActionResult, Turn } from '../feature.js';
import { change as auditChange, needStateValue } from '../../domain/audit.js';
import { auditTurn, logAudit, type Recorded } from '../audit-log.js';
import type { NeedsCommand } from './chat-text.js';
import { NEEDS_EXPORT_DOWNLOAD, needsExportLinkParams } from './export.js';
import { deliverNeedMessages, pendingMessages } from './notifications.js';
import type {
  formPayloadSchema,
  listPayloadSchema,
  needNumberPayloadSchema,
  overviewPayloadSchema,
  reviewPayloadSchema,
  submitPayloadSchema,
  withdrawPayloadSchema,
} from './payloads.js';
import { reindex, similarityIndex } from './similarity-index.js';
import { needDetailView, needsDirectory, needsListModel, roundFormModel, similarNeedViews, type NeedsDirectory } from './views.js';

/**
 * The needs feature's handlers: parse (done by the routes) → permission → domain → one store write → card.
 * Every change is computed inside the store mutation from the document as it is then, so two clicks at once
 * cannot both act on a stale need; the domain functions validate before anything is changed.
 */

type SubmitData = z.infer<typeof submitPayloadSchema>;
type FormData = z.infer<typeof formPayloadSchema>;
type ReviewData = z.infer<typeof reviewPayloadSchema>;
type ListData = z.infer<typeof listPayloadSchema>;

const section = (turn: Turn) => turn.services.store.doc.needs;
const findNeed = (turn: Turn, number: number): Need | undefined => section(turn).needs.find((n) => n.number === number);
const directory = (turn: Turn): NeedsDirectory =>
  needsDirectory({ organisations: turn.services.store.doc.organisations, people: turn.services.store.doc.people, decisions: turn.services.store.doc.records.decisions });
const countyOf = (turn: Turn) => countyLookup(turn.services.store.doc.organisations);
const message = (text: string): ActionResult => ({ message: text });
const card = (c: AdaptiveCard): ActionResult => ({ card: c });

/** Programme years to offer in filters and the overview: every round's, and every year a need was put in. */
function knownYears(turn: Turn): number[] {
  const years = new Set<number>(section(turn).rounds.map((r) => r.year));
  for (const n of section(turn).needs) years.add(n.round);
  return [...years].sort((a, b) => b - a);
}

// ---------------------------------------------------------------- seeing a need

/**
 * Who sees a need in full: Programgrupp and leadership (all needs), its own organisation, and those who may stand
 * behind needs (directors, leadership: the similar-needs step shows them other organisations' needs anyway).
 */
function maySee(turn: Turn, need: Need): boolean {
  return (
    turn.can('needs.viewAll') ||
    (turn.can('needs.viewOwn') && need.organisationId === turn.person.organisationId) ||
    turn.can('needs.support') ||
    need.supports.some((s) => s.organisationId === turn.person.organisationId)
  );
}

export function detailCard(turn: Turn, need: Need, notice?: string): AdaptiveCard {
  return needDetailCard({ ...needDetailView({ need, viewer: turn.person, dir: directory(turn), now: turn.now }), ...(notice ? { notice } : {}) }, turn.t);
}

export function showNeed(turn: Turn, number: number): ActionResult {
  const need = findNeed(turn, number);
  if (!need) return message(turn.t.needs.refusals.noSuchNeed({ number }));
  if (!maySee(turn, need)) return message(turn.t.core.notAllowed);
  return card(detailCard(turn, need));
}

// ---------------------------------------------------------------- the form and submitting

const newSubmissionId = (): string => randomUUID();

function formCard(turn: Turn, model: Omit<NeedFormCardModel, 'organisations'>): AdaptiveCard {
  // A need is submitted for the submitter's own organisation (transitions.ts submitNeed).
  return needFormCard({ ...model, organisations: [{ id: turn.organisation.id, name: turn.organisation.name }] }, turn.t);
}

function startValues(turn: Turn): NeedFormValues {
  return emptyNeedForm({ organisationId: turn.person.organisationId, contactName: turn.person.name, ...(turn.person.email ? { contactEmail: turn.person.email } : {}) });
}

/** "nytt behov" or "Behov: …": the form, empty or prefilled from the message for the person to check. */
export function newNeedForm(turn: Turn, prefill?: { title: string; description: string }): AdaptiveCard | string {
  if (!turn.can('needs.submit')) return turn.t.needs.refusals.submit;
  return formCard(turn, {
    mode: { kind: 'new' },
    values: { ...startValues(turn), ...(prefill ?? {}) },
    errors: [],
    ...(prefill ? { prefilled: true } : {}),
    submissionId: newSubmissionId(),
  });
}

/** needs.form: the edit form of a need, the form again with a draft (from the similar-needs card), or a new one. */
export function openForm(turn: Turn, data: FormData): ActionResult {
  if (data.number !== undefined) {
    const need = findNeed(turn, data.number);
    if (!need) return message(turn.t.needs.refusals.noSuchNeed({ number: data.number }));
    const refusal = editRefusal(turn, need);
    if (refusal) return message(refusal);
    return card(formCard(turn, { mode: { kind: 'edit', number: need.number }, values: needFormValues(need), errors: [] }));
  }
  if (!turn.can('needs.submit')) return message(turn.t.needs.refusals.submit);
  const draft = cleanNeedForm(data.draft);
  const hasDraft = draft.title !== '' || draft.description !== '';
  return card(
    formCard(turn, {
      mode: { kind: 'new' },
      values: hasDraft ? { ...draft, organisationId: turn.person.organisationId } : startValues(turn),
      errors: [],
      submissionId: data.submissionId ?? newSubmissionId(),
    }),
  );
}

function receipt(turn: Turn, number: number, round: RoundAssignment): ActionResult {
  const need = findNeed(turn, number);
  if (!need) return message(turn.t.needs.refusals.noSuchNeed({ number }));
  const canEdit = turn.can('needs.edit', { organisationId: need.organisationId, needStatus: need.state.status });
  return card(needReceiptCard({ number: need.number, title: need.title, round, canEdit }, turn.t));
}

type SubmitOutcome = { ok: true; number: number; round: RoundAssignment; need?: Need } | { ok: false; reason: 'forbidden' | 'otherOrganisation' };

/**
 * needs.submit: the form checked (back with the text kept and the problems named), then — unless "skicka ändå" —
 * up to three similar needs shown before anything is saved, then the need stored once per form submission.
 */
export async function submit(turn: Turn, data: SubmitData): Promise<ActionResult> {
  const t = turn.t;
  if (!turn.can('needs.submit')) return message(t.needs.refusals.submit);
  const { submissionId } = data;
  const earlier = submissionId ? section(turn).submissions.find((s) => s.id === submissionId) : undefined;
  if (earlier) return receipt(turn, earlier.number, earlier.round);

  const form = parseNeedForm({ data: data.fields, organisationIds: [turn.person.organisationId] });
  if (!form.ok) {
    return card(formCard(turn, { mode: { kind: 'new' }, values: form.values, errors: form.errors, submissionId: submissionId ?? newSubmissionId() }));
  }
  const { organisationId, ...fields } = form.value;

  if (!data.force) {
    const round = assignRound({ rounds: section(turn).rounds, now: turn.now }).year;
    const found = similarityIndex(turn.services.store).findSimilar({ title: fields.title, description: fields.description, round });
    const needs = found.flatMap((f) => findNeed(turn, f.number) ?? []);
    if (needs.length > 0) {
      const similar = similarNeedViews({ needs, viewer: turn.person, dir: directory(turn), now: turn.now });
      return card(needSimilarCard({ draft: form.values, similar, ...(submissionId ? { submissionId } : {}) }, t));
    }
  }

  const written = await turn.services.store.updateOnce(turn.activityId, (doc): SubmitOutcome => {
    const s = doc.needs;
    const seen = submissionId ? s.submissions.find((x) => x.id === submissionId) : undefined;
    if (seen) return { ok: true, number: seen.number, round: seen.round };
    const result = submitNeed({ fields, organisationId, actor: turn.person, now: turn.now, number: nextNeedNumber(s.needs), rounds: s.rounds });
    if (!result.ok) return result;
    s.needs.push(result.need);
    if (submissionId) {
      s.submissions.push({ id: submissionId, number: result.need.number, round: result.round });
      if (s.submissions.length > SUBMISSION_LIMIT) s.submissions.splice(0, s.submissions.length - SUBMISSION_LIMIT);
    }
    return { ok: true, number: result.need.number, round: result.round, need: result.need };
  });
  if (written.duplicate) {
    // The same activity again (a redelivery): answer as the first time when we know what it became.
    const known = submissionId ? section(turn).submissions.find((s) => s.id === submissionId) : undefined;
    return known ? receipt(turn, known.number, known.round) : message(t.needs.messages.alreadyRecorded);
  }
  const outcome = written.result;
  if (!outcome.ok) return message(outcome.reason === 'forbidden' ? t.needs.refusals.submit : t.needs.refusals.otherOrganisation);
  if (outcome.need) {
    reindex(turn.services.store, [outcome.need]);
    turn.services.log.info('needs.submitted', { number: outcome.number, round: outcome.round.year });
  }
  return receipt(turn, outcome.number, outcome.round);
}

// ---------------------------------------------------------------- changing a need

/** Changes one stored need (and, for a merge, its target) inside a store mutation. */
function replaceNeed(doc: StoreDocument, need: Need): void {
  const i = doc.needs.needs.findIndex((n) => n.number === need.number);
  if (i >= 0) doc.needs.needs[i] = need;
}

function editRefusal(turn: Turn, need: Need): string | null {
  if (turn.can('needs.edit', { organisationId: need.organisationId, needStatus: need.state.status })) return null;
  return need.state.status !== 'inkommen' && need.organisationId === turn.person.organisationId ? turn.t.needs.refusals.notInkommen : turn.t.needs.refusals.editForbidden;
}

/**
 * A click Teams delivers again (same activity id) after its change was stored: answered with the need as it is
 * now, if this person may see it. Refused clicks are never recorded, so a redelivered one is refused again.
 */
function isRedelivery(turn: Turn): boolean {
  return turn.activityId !== undefined && turn.services.store.doc.processedActivities.includes(turn.activityId);
}
function answerAgain(turn: Turn, number: number): ActionResult {
  const need = findNeed(turn, number);
  if (!need) return message(turn.t.needs.refusals.noSuchNeed({ number }));
  return maySee(turn, need) ? card(detailCard(turn, need)) : message(turn.t.core.notAllowed);
}

type SupportOutcome = ReturnType<typeof supportNeed> | { ok: false; reason: 'noSuchNeed' };
const planSupport = (doc: Readonly<StoreDocument>, turn: Turn, number: number): SupportOutcome => {
  const need = doc.needs.needs.find((n) => n.number === number);
  return need ? supportNeed({ need, actor: turn.person, now: turn.now }) : { ok: false, reason: 'noSuchNeed' };
};

/** needs.support: the person's organisation stands behind an existing need ("ställ er bakom"). */
export async function support(turn: Turn, data: z.infer<typeof needNumberPayloadSchema>): Promise<ActionResult> {
  const t = turn.t;
  if (isRedelivery(turn)) return answerAgain(turn, data.number);
  // Checked before the write: a refused click records nothing, not even its activity id.
  let r = planSupport(turn.services.store.doc, turn, data.number);
  if (r.ok) {
    const written = await turn.services.store.updateOnce(turn.activityId, (doc) => {
      const result = planSupport(doc, turn, data.number);
      if (result.ok) replaceNeed(doc, result.need);
      return result;
    });
    if (written.duplicate) return answerAgain(turn, data.number);
    r = written.result;
  }
  if (!r.ok) {
    switch (r.reason) {
      case 'noSuchNeed':
        return message(t.needs.refusals.noSuchNeed({ number: data.number }));
      case 'forbidden':
        return message(t.core.notAllowed);
      case 'ownOrganisation':
        return message(t.needs.refusals.ownOrganisation);
      case 'alreadySupported':
        return message(t.needs.refusals.alreadySupported);
      case 'closed':
        return message(t.needs.refusals.closed);
      case 'merged':
        return message(t.needs.refusals.merged({ number: r.mergedInto }));
    }
  }
  turn.services.log.info('needs.supported', { number: data.number });
  return card(detailCard(turn, r.need, t.needs.messages.supported({ number: data.number })));
}

/** needs.save: the edit form, while the need is inkommen, by its own organisation. */
export async function save(turn: Turn, data: SubmitData): Promise<ActionResult> {
  const t = turn.t;
  if (data.number === undefined) return message(t.core.invalidInput);
  const number = data.number;
  const current = findNeed(turn, number);
  if (!current) return message(t.needs.refusals.noSuchNeed({ number }));
  const refusal = editRefusal(turn, current);
  if (refusal) return message(refusal);
  const form = parseNeedForm({ data: data.fields, organisationIds: [current.organisationId] });
  if (!form.ok) return card(formCard(turn, { mode: { kind: 'edit', number }, values: form.values, errors: form.errors }));
  const { organisationId: _org, ...fields } = form.value;
  const written = await turn.services.store.updateOnce(turn.activityId, (doc) => {
    const need = doc.needs.needs.find((n) => n.number === number);
    if (!need) return { ok: false as const, reason: 'noSuchNeed' as const };
    const result = editNeed({ need, fields, actor: turn.person, now: turn.now });
    if (result.ok && result.changed) replaceNeed(doc, result.need);
    return result;
  });
  const after = findNeed(turn, number);
  if (!after) return message(t.needs.refusals.noSuchNeed({ number }));
  if (written.duplicate) return card(detailCard(turn, after));
  const r = written.result;
  if (!r.ok) return message(r.reason === 'noSuchNeed' ? t.needs.refusals.noSuchNeed({ number }) : r.reason === 'notInkommen' ? t.needs.refusals.notInkommen : t.needs.refusals.editForbidden);
  if (r.changed) reindex(turn.services.store, [r.need]);
  return card(detailCard(turn, after, r.changed ? t.needs.messages.saved({ number }) : t.needs.messages.unchanged));
}

function transitionRefusal(turn: Turn, reason: TransitionFailure | 'noSuchNeed' | 'noSuchTarget', data: { number: number; to: string; mergeInto?: number | undefined }, from?: Need): string {
  const r = turn.t.needs.refusals;
  const status = (s: string) => (s in turn.t.needs.statuses ? turn.t.needs.statuses[s as keyof typeof turn.t.needs.statuses] : s);
  switch (reason) {
    case 'noSuchNeed':
      return r.noSuchNeed({ number: data.number });
    case 'noSuchTarget':
      return r.noSuchNeed({ number: data.mergeInto ?? 0 });
    case 'forbidden':
      return data.to === 'tillbakadragen' ? r.editForbidden : r.review;
    case 'illegalTransition':
      return data.to === 'tillbakadragen' ? r.notInkommen : r.illegalTransition({ from: status(from?.state.status ?? ''), to: status(data.to) });
    case 'textTooLong':
      return r.textTooLong({ max: ANSWER_MAX });
    default:
      return r[reason];
  }
}

/**
 * The change is saved with its messages; should handing them to the messenger fail now, they stay pending and the
 * needs job (or the person's next turn) sends them: the person who made the change still gets their answer.
 */
export async function deliverSafely(turn: Turn, personId?: string): Promise<void> {
  try {
    await deliverNeedMessages(turn.services, personId ? { personId } : {});
  } catch (err) {
    turn.services.log.error('needs.notifyFailed', { error: err instanceof Error ? err.name : 'unknown' });
  }
}

type MoveData = ReviewData | { number: number; to: 'tillbakadragen'; text: string; plan: undefined; mergeInto: undefined };
type MovePlan = { ok: true; result: Extract<ReturnType<typeof transition>, { ok: true }> } | { ok: false; reason: TransitionFailure | 'noSuchNeed' | 'noSuchTarget' };

function planMove(doc: Readonly<StoreDocument>, turn: Turn, data: MoveData): MovePlan {
  const need = doc.needs.needs.find((n) => n.number === data.number);
  if (!need) return { ok: false, reason: 'noSuchNeed' };
  const mergeInto = data.mergeInto !== undefined ? doc.needs.needs.find((n) => n.number === data.mergeInto) : undefined;
  if (data.to === 'sammanslagen' && data.mergeInto !== undefined && !mergeInto) return { ok: false, reason: 'noSuchTarget' };
  const result = transition({ need, to: data.to, actor: turn.person, now: turn.now, text: data.text, ...(mergeInto ? { mergeInto } : {}), ...(data.plan ? { plan: data.plan } : {}) });
  return result.ok ? { ok: true, result } : result;
}

/** A review move or a withdrawal, stored with its notifications in one write, then the notifications sent. */
async function move(turn: Turn, data: MoveData): Promise<ActionResult> {
  const t = turn.t;
  if (isRedelivery(turn)) return answerAgain(turn, data.number);
  // Checked before the write: a refused click records nothing, not even its activity id.
  const planned = planMove(turn.services.store.doc, turn, data);
  if (!planned.ok) return message(transitionRefusal(turn, planned.reason, data, findNeed(turn, data.number)));
  const written = await turn.services.store.updateOnce(turn.activityId, (doc): MovePlan & { told?: number; recorded?: Recorded } => {
    const before = doc.needs.needs.find((n) => n.number === data.number);
    const plan = planMove(doc, turn, data);
    if (!plan.ok) return plan;
    const { result } = plan;
    replaceNeed(doc, result.need);
    if (result.mergedInto) replaceNeed(doc, result.mergedInto);
    const messages = pendingMessages({ need: result.need, notify: result.notify });
    doc.needs.pending.push(...messages.filter((m) => !doc.needs.pending.some((p) => p.key === m.key)));
    // Reviews and merges are the programme group's and leadership's decisions: recorded. A withdrawal is the
    // submitting organisation's own act, not a leadership action.
    const recorded =
      data.to === 'tillbakadragen'
        ? undefined
        : auditTurn(turn, doc, data.to === 'sammanslagen' ? 'need.merged' : 'need.reviewed', { kind: 'need', id: `#${data.number}` }, [
            auditChange('status', before ? needStateValue(before.state) : undefined, needStateValue(result.need.state)),
            ...(data.text.trim() ? [auditChange('answer', undefined, data.text)] : []),
          ]);
    return { ...plan, told: messages.length, ...(recorded ? { recorded } : {}) };
  });
  if (written.duplicate) return answerAgain(turn, data.number);
  const r = written.result;
  if (!r.ok) return message(transitionRefusal(turn, r.reason, data, findNeed(turn, data.number)));
  logAudit(turn.services, r.recorded);
  const { need, mergedInto } = r.result;
  const told = r.told ?? 0;
  reindex(turn.services.store, [need, mergedInto]);
  turn.services.log.info('needs.transition', { number: need.number, to: need.state.status, told });
  await deliverSafely(turn);
  const notice =
    data.to === 'tillbakadragen' ? t.needs.messages.withdrawn({ number: data.number }) : t.needs.messages.reviewed({ number: data.number, status: stateText(t, need.state), count: told });
  return card(detailCard(turn, findNeed(turn, data.number) ?? need, notice));
}

/** needs.review: Programgrupp and leadership move a need along the review path. */
export function review(turn: Turn, data: ReviewData): Promise<ActionResult> | ActionResult {
  if (!turn.can('needs.review')) return message(turn.t.needs.refusals.review);
  return move(turn, data);
}

/** needs.withdraw: the submitting organisation withdraws its need while it is inkommen. */
export function withdraw(turn: Turn, data: z.infer<typeof withdrawPayloadSchema>): Promise<ActionResult> {
  return move(turn, { number: data.number, to: 'tillbakadragen', text: '', plan: undefined, mergeInto: undefined });
}

// ---------------------------------------------------------------- lists and the overview

function listCard(turn: Turn, scope: 'mine' | 'all', filter: NeedFilter, token?: string): AdaptiveCard {
  const own = scope === 'mine' ? { ...filter, organisationId: turn.person.organisationId } : filter;
  const page = pageNeeds({ needs: section(turn).needs, filter: own, countyOf: countyOf(turn), ...(token ? { token } : {}) });
  const { organisationId: _org, ...shown } = own;
  return needsListCard(
    needsListModel({ scope, page, filter: scope === 'mine' ? {} : shown, rounds: knownYears(turn), dir: directory(turn), ...(scope === 'mine' ? { organisationId: turn.person.organisationId } : {}) }),
    turn.t,
  );
}

export function list(turn: Turn, data: ListData): ActionResult {
  if (data.scope === 'all' && !turn.can('needs.viewAll')) return message(turn.t.needs.refusals.viewAll);
  if (data.scope === 'mine' && !turn.can('needs.viewOwn')) return message(turn.t.core.notAllowed);
  return card(listCard(turn, data.scope, data.scope === 'all' ? data.filter : {}, data.token));
}

function overviewCard(turn: Turn, round: number | undefined): AdaptiveCard {
  const needs = section(turn).needs.filter((n) => round === undefined || n.round === round);
  const { cells, total } = countNeeds({ needs, countyOf: countyOf(turn) });
  const link = (format: 'xlsx' | 'csv') => turn.link(NEEDS_EXPORT_DOWNLOAD, needsExportLinkParams({ format, round, locale: turn.locale }));
  return needsOverviewCard({ ...(round !== undefined ? { round } : {}), cells, total, rounds: knownYears(turn), downloads: { xlsx: link('xlsx'), csv: link('csv') } }, turn.t);
}

export function overview(turn: Turn, data: z.infer<typeof overviewPayloadSchema>): ActionResult {
  if (!turn.can('needs.export')) return message(turn.t.needs.refusals.export);
  return card(overviewCard(turn, data.round));
}

// ---------------------------------------------------------------- rounds

function roundCard(turn: Turn, extra: { values?: Record<string, string>; errors?: readonly RoundFormError[]; notice?: string } = {}): AdaptiveCard {
  const model = roundFormModel({ rounds: section(turn).rounds, now: turn.now, ...(extra.values ? { values: extra.values } : {}), ...(extra.errors ? { errors: extra.errors } : {}) });
  return needsRoundFormCard({ ...model, ...(extra.notice ? { notice: extra.notice } : {}) }, turn.t);
}

const openFailure: Record<'roundExists' | 'yearOutOfRange' | 'invalidDate' | 'closingDateInPast', RoundFormError> = {
  roundExists: { field: 'year', problem: 'roundExists' },
  yearOutOfRange: { field: 'year', problem: 'yearOutOfRange' },
  invalidDate: { field: 'closingDate', problem: 'invalid' },
  closingDateInPast: { field: 'closingDate', problem: 'inThePast' },
};

/** needs.openRound: leadership opens the needs round of a programme year with its last day. */
export async function openRoundAction(turn: Turn, data: Record<string, unknown>): Promise<ActionResult> {
  const t = turn.t;
  if (!turn.can('needs.manageRounds')) return message(t.needs.refusals.manageRounds);
  const form = parseRoundForm({ data, rounds: section(turn).rounds, now: turn.now });
  if (!form.ok) return card(roundCard(turn, { values: form.values, errors: form.errors }));
  const { year, closingDate } = form.value;
  const written = await turn.services.store.updateOnce(turn.activityId, (doc) => {
    const result = openRound({ rounds: doc.needs.rounds, year, closingDate, actor: turn.person, now: turn.now });
    if (!result.ok) return result;
    doc.needs.rounds.push(result.round);
    return { ...result, recorded: auditTurn(turn, doc, 'needs.roundOpened', { kind: 'needsRound', id: String(year) }, [auditChange('year', undefined, year), auditChange('closingDate', undefined, closingDate)]) };
  });
  if (written.duplicate) return card(roundCard(turn));
  const r = written.result;
  if (r.ok) logAudit(turn.services, r.recorded);
  if (!r.ok) return r.reason === 'forbidden' ? message(t.needs.refusals.manageRounds) : card(roundCard(turn, { values: form.values, errors: [openFailure[r.reason]] }));
  turn.services.log.info('needs.roundOpened', { year, closingDate });
  return card(roundCard(turn, { notice: t.needs.round.opened({ year, closingDate }) }));
}

// ---------------------------------------------------------------- chat

/** What a chat command answers: a card, or text (with an optional note before it). */
export async function chat(turn: Turn, command: NeedsCommand): Promise<void> {
  const t = turn.t;
  switch (command.kind) {
    case 'newNeed':
      return turn.reply(newNeedForm(turn));
    case 'needFromText':
      return turn.reply(newNeedForm(turn, command.prefill));
    case 'myNeeds':
      return turn.reply(turn.can('needs.viewOwn') ? listCard(turn, 'mine', {}) : t.core.notAllowed);
    case 'allNeeds':
      if (!turn.can('needs.viewAll')) return turn.reply(t.needs.refusals.viewAll);
      // Words that were not understood are named (as typed, escaped), so nobody reads a wider list as the one they asked for.
      if (command.unknown.length > 0) await turn.reply(t.needs.chat.unknownFilter({ words: plain(command.unknown.join(' ')) }));
      return turn.reply(listCard(turn, 'all', command.filter));
    case 'showNeed': {
      const shown = showNeed(turn, command.number);
      return turn.reply('card' in shown ? shown.card : shown.message);
    }
    case 'overview':
      return turn.reply(turn.can('needs.export') ? overviewCard(turn, command.round) : t.needs.refusals.export);
    case 'openRound':
      return turn.reply(turn.can('needs.manageRounds') ? roundCard(turn) : t.needs.refusals.manageRounds);
  }
}

