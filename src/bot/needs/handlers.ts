import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../app/kernel.js';
import { editNeed, editRefusal } from '../../app/needs/edit-need.js';
import { openNeedsRound } from '../../app/needs/open-round.js';
import type { NeedsDeps } from '../../app/needs/ports.js';
import { reviewNeed, withdrawNeed, type MoveNeedCommand, type MoveNeedRefusal } from '../../app/needs/review-need.js';
import { submitNeed } from '../../app/needs/submit-need.js';
import { supportNeed } from '../../app/needs/support-need.js';
import type { Repositories } from '../../app/repositories.js';
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
import { ANSWER_MAX, type Need } from '../../domain/needs/need.js';
import { cleanNeedForm, emptyNeedForm, needFormValues, type NeedFormValues } from '../../domain/needs/need-form.js';
import type { RoundAssignment, RoundFormError } from '../../domain/needs/rounds.js';
import { similarNeedsOf } from '../../store/needs-similarity.js';
import { fileUnitOfWork } from '../../store/unit-of-work.js';
import type { ActionResult, Turn } from '../feature.js';
import { logAuditEntry } from '../audit-log.js';
import type { NeedsCommand } from './chat-text.js';
import { NEEDS_EXPORT_DOWNLOAD, needsExportLinkParams } from './export.js';
import { deliverNeedMessages } from './notifications.js';
import type { formPayloadSchema, listPayloadSchema, needNumberPayloadSchema, overviewPayloadSchema, reviewPayloadSchema, submitPayloadSchema, withdrawPayloadSchema } from './payloads.js';
import { needDetailView, needsDirectory, needsListModel, roundFormModel, similarNeedViews, type NeedsDirectory } from './views.js';

/**
 * The needs feature's handlers: the route has parsed the payload (zod) → a use case in src/app/needs checks the
 * permission, decides and commits once → the outcome is rendered with a card. Reads go through the repositories.
 */

type SubmitData = z.infer<typeof submitPayloadSchema>;
type FormData = z.infer<typeof formPayloadSchema>;
type ReviewData = z.infer<typeof reviewPayloadSchema>;
type ListData = z.infer<typeof listPayloadSchema>;

const actorOf = (turn: Turn): Actor => ({ person: turn.person, organisation: turn.organisation });
const depsOf = (turn: Turn): NeedsDeps => ({ uow: fileUnitOfWork(turn.services.store), similar: similarNeedsOf(turn.services.store) });
const read = <T>(turn: Turn, fn: (repos: Repositories) => T): T => fileUnitOfWork(turn.services.store).read(fn);
const findNeed = (turn: Turn, number: number): Need | undefined => read(turn, (repos) => repos.needs.get(number));
const directory = (turn: Turn): NeedsDirectory =>
  read(turn, (repos) => needsDirectory({ organisations: repos.organisations.all(), people: repos.people.all(), decisions: repos.records.decisions() }));
const countyOf = (turn: Turn) => countyLookup(read(turn, (repos) => repos.organisations.all()));
const message = (text: string): ActionResult => ({ message: text });
const card = (c: AdaptiveCard): ActionResult => ({ card: c });

/** Programme years to offer in filters and the overview: every round's, and every year a need was put in. */
function knownYears(turn: Turn): number[] {
  return read(turn, (repos) => {
    const years = new Set<number>(repos.needs.rounds().map((r) => r.year));
    for (const n of repos.needs.all()) years.add(n.round);
    return [...years].sort((a, b) => b - a);
  });
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

const editRefusalText = (turn: Turn, reason: 'notInkommen' | 'editForbidden'): string => turn.t.needs.refusals[reason];

/** needs.form: the edit form of a need, the form again with a draft (from the similar-needs card), or a new one. */
export function openForm(turn: Turn, data: FormData): ActionResult {
  if (data.number !== undefined) {
    const need = findNeed(turn, data.number);
    if (!need) return message(turn.t.needs.refusals.noSuchNeed({ number: data.number }));
    const refusal = editRefusal(actorOf(turn), need);
    if (refusal) return message(editRefusalText(turn, refusal));
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

/**
 * needs.submit: the form checked (back with the text kept and the problems named), then — unless "skicka ändå" —
 * up to three similar needs shown before anything is saved, then the need stored once per form submission.
 */
export async function submit(turn: Turn, data: SubmitData): Promise<ActionResult> {
  const t = turn.t;
  const { submissionId } = data;
  const r = await submitNeed(depsOf(turn), actorOf(turn), { activityId: turn.activityId, submissionId, fields: data.fields, force: data.force }, turn.now);
  if (!r.ok) return message(r.reason === 'forbidden' ? t.needs.refusals.submit : t.needs.refusals.otherOrganisation);
  const v = r.value;
  switch (v.kind) {
    case 'form':
      return card(formCard(turn, { mode: { kind: 'new' }, values: v.values, errors: v.errors, submissionId: submissionId ?? newSubmissionId() }));
    case 'similar': {
      const similar = similarNeedViews({ needs: v.needs, viewer: turn.person, dir: directory(turn), now: turn.now });
      return card(needSimilarCard({ draft: v.draft, similar, ...(submissionId ? { submissionId } : {}) }, t));
    }
    case 'duplicate':
      return message(t.needs.messages.alreadyRecorded);
    case 'receipt':
      if (v.need) turn.services.log.info('needs.submitted', { number: v.number, round: v.round.year });
      return receipt(turn, v.number, v.round);
  }
}

// ---------------------------------------------------------------- changing a need

/** A click Teams delivers again after its change was stored: the need as it is now, if this person may see it. */
function answerAgain(turn: Turn, number: number): ActionResult {
  const need = findNeed(turn, number);
  if (!need) return message(turn.t.needs.refusals.noSuchNeed({ number }));
  return maySee(turn, need) ? card(detailCard(turn, need)) : message(turn.t.core.notAllowed);
}

/** needs.support: the person's organisation stands behind an existing need ("ställ er bakom"). */
export async function support(turn: Turn, data: z.infer<typeof needNumberPayloadSchema>): Promise<ActionResult> {
  const t = turn.t;
  const r = await supportNeed(depsOf(turn), actorOf(turn), { activityId: turn.activityId, number: data.number }, turn.now);
  if (!r.ok) {
    switch (r.reason) {
      case 'noSuchNeed':
        return message(t.needs.refusals.noSuchNeed({ number: data.number }));
      case 'forbidden':
        return message(t.core.notAllowed);
      case 'merged': {
        const state = findNeed(turn, data.number)?.state;
        return message(t.needs.refusals.merged({ number: state?.status === 'sammanslagen' ? state.mergedInto : 0 }));
      }
      default:
        return message(t.needs.refusals[r.reason]);
    }
  }
  if (r.value.kind === 'again') return answerAgain(turn, data.number);
  turn.services.log.info('needs.supported', { number: data.number });
  return card(detailCard(turn, r.value.need, t.needs.messages.supported({ number: data.number })));
}

/** needs.save: the edit form, while the need is inkommen, by its own organisation. */
export async function save(turn: Turn, data: SubmitData): Promise<ActionResult> {
  const t = turn.t;
  if (data.number === undefined) return message(t.core.invalidInput);
  const number = data.number;
  const r = await editNeed(depsOf(turn), actorOf(turn), { activityId: turn.activityId, number, fields: data.fields }, turn.now);
  if (!r.ok) return message(r.reason === 'noSuchNeed' ? t.needs.refusals.noSuchNeed({ number }) : editRefusalText(turn, r.reason));
  const v = r.value;
  if (v.kind === 'form') return card(formCard(turn, { mode: { kind: 'edit', number }, values: v.values, errors: v.errors }));
  if (v.kind === 'again') return card(detailCard(turn, v.need));
  return card(detailCard(turn, v.need, v.changed ? t.needs.messages.saved({ number }) : t.needs.messages.unchanged));
}

function transitionRefusal(turn: Turn, reason: MoveNeedRefusal, data: { number: number; to: string; mergeInto?: number | undefined }): string {
  const r = turn.t.needs.refusals;
  const status = (s: string) => (s in turn.t.needs.statuses ? turn.t.needs.statuses[s as keyof typeof turn.t.needs.statuses] : s);
  switch (reason) {
    case 'notReviewer':
      return r.review;
    case 'noSuchNeed':
      return r.noSuchNeed({ number: data.number });
    case 'noSuchTarget':
      return r.noSuchNeed({ number: data.mergeInto ?? 0 });
    case 'forbidden':
      return data.to === 'tillbakadragen' ? r.editForbidden : r.review;
    case 'illegalTransition':
      return data.to === 'tillbakadragen' ? r.notInkommen : r.illegalTransition({ from: status(findNeed(turn, data.number)?.state.status ?? ''), to: status(data.to) });
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

/** A review move or a withdrawal has been stored with its notifications: the notifications sent, the need shown. */
async function moved(turn: Turn, command: Pick<MoveNeedCommand, 'number' | 'to' | 'mergeInto'>, r: Awaited<ReturnType<typeof reviewNeed>>): Promise<ActionResult> {
  const t = turn.t;
  if (!r.ok) return message(transitionRefusal(turn, r.reason, command));
  if (r.value.kind === 'again') return answerAgain(turn, command.number);
  const { need, told, audit } = r.value;
  logAuditEntry(turn.services, audit);
  turn.services.log.info('needs.transition', { number: need.number, to: need.state.status, told });
  await deliverSafely(turn);
  const notice =
    command.to === 'tillbakadragen' ? t.needs.messages.withdrawn({ number: command.number }) : t.needs.messages.reviewed({ number: command.number, status: stateText(t, need.state), count: told });
  return card(detailCard(turn, findNeed(turn, command.number) ?? need, notice));
}

/** needs.review: Programgrupp and leadership move a need along the review path. */
export async function review(turn: Turn, data: ReviewData): Promise<ActionResult> {
  const command = { activityId: turn.activityId, number: data.number, to: data.to, text: data.text, plan: data.plan, mergeInto: data.mergeInto };
  return moved(turn, command, await reviewNeed(depsOf(turn), actorOf(turn), command, turn.now));
}

/** needs.withdraw: the submitting organisation withdraws its need while it is inkommen. */
export async function withdraw(turn: Turn, data: z.infer<typeof withdrawPayloadSchema>): Promise<ActionResult> {
  return moved(turn, { number: data.number, to: 'tillbakadragen' }, await withdrawNeed(depsOf(turn), actorOf(turn), { activityId: turn.activityId, number: data.number }, turn.now));
}

// ---------------------------------------------------------------- lists and the overview

function listCard(turn: Turn, scope: 'mine' | 'all', filter: NeedFilter, token?: string): AdaptiveCard {
  const own = scope === 'mine' ? { ...filter, organisationId: turn.person.organisationId } : filter;
  const page = pageNeeds({ needs: read(turn, (repos) => repos.needs.all()), filter: own, countyOf: countyOf(turn), ...(token ? { token } : {}) });
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
  const needs = read(turn, (repos) => repos.needs.all()).filter((n) => round === undefined || n.round === round);
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
  const model = roundFormModel({ rounds: read(turn, (repos) => repos.needs.rounds()), now: turn.now, ...(extra.values ? { values: extra.values } : {}), ...(extra.errors ? { errors: extra.errors } : {}) });
  return needsRoundFormCard({ ...model, ...(extra.notice ? { notice: extra.notice } : {}) }, turn.t);
}

/** needs.openRound: leadership opens the needs round of a programme year with its last day. */
export async function openRoundAction(turn: Turn, data: Record<string, unknown>): Promise<ActionResult> {
  const t = turn.t;
  const r = await openNeedsRound(depsOf(turn), actorOf(turn), { activityId: turn.activityId, data }, turn.now);
  if (!r.ok) return message(t.needs.refusals.manageRounds);
  const v = r.value;
  if (v.kind === 'form') return card(roundCard(turn, { values: v.values, errors: v.errors }));
  if (v.kind === 'again') return card(roundCard(turn));
  logAuditEntry(turn.services, v.audit);
  turn.services.log.info('needs.roundOpened', { year: v.year, closingDate: v.closingDate });
  return card(roundCard(turn, { notice: t.needs.round.opened({ year: v.year, closingDate: v.closingDate }) }));
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

