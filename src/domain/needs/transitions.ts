import type { Person } from '../people.js';
import { can } from '../permissions.js';
import { ANSWER_MAX, type HistoryEntry, type Need, type NeedFields, type NeedState, type NeedStatus, type ProgrammePlan, programmePlanSchema } from './need.js';
import { assignRound, type NeedsRound, type RoundAssignment } from './rounds.js';
import { cleanFormText, charCount } from './need-form.js';

export type Actor = Pick<Person, 'aadObjectId' | 'roles' | 'organisationId'>;

/**
 * The review path: inkommen → under-beredning → ingar-i-programplan | avslagen | sammanslagen. A duplicate may be
 * merged straight from inkommen (it needs no preparation); a rejection and a place in the plan come after
 * preparation. The submitting organisation may withdraw while inkommen. Everything else is final: a mistake is
 * corrected by a new need, so what submitters were told stays true.
 */
const reviewMoves: Readonly<Record<NeedStatus, readonly NeedStatus[]>> = {
  inkommen: ['under-beredning', 'sammanslagen'],
  'under-beredning': ['ingar-i-programplan', 'avslagen', 'sammanslagen'],
  'ingar-i-programplan': [],
  avslagen: [],
  sammanslagen: [],
  tillbakadragen: [],
};

/** The statuses Programgrupp and leadership may move a need to from its current status. */
export const reviewTargets = (status: NeedStatus): readonly NeedStatus[] => reviewMoves[status];

/** Who is told about a change: the submitter and the supporting organisations (and the people who supported). */
export interface NeedNotification {
  needNumber: number;
  from: NeedStatus;
  to: NeedState;
  /** The answer or motivation, as given. */
  text: string;
  /** aadObjectIds: the submitter and everyone who supported, without the person who made the change. */
  people: string[];
  /** The supporting organisations, for a bot that tells each organisation's directors. */
  organisationIds: string[];
}

export type TransitionFailure =
  | 'forbidden'
  | 'illegalTransition'
  | 'motivationRequired'
  | 'planRequired'
  | 'planInvalid'
  | 'mergeTargetRequired'
  | 'mergeIntoSelf'
  | 'mergeTargetClosed'
  | 'textTooLong';

export type TransitionResult =
  | { ok: true; need: Need; notify: NeedNotification; mergedInto?: Need }
  | { ok: false; reason: TransitionFailure };

const cleanAnswer = (text: string | undefined): string => cleanFormText(text ?? '', { multiline: true, keep: ANSWER_MAX * 2 });

function notification(need: Need, from: NeedStatus, to: NeedState, text: string, actor: Actor): NeedNotification {
  const people = [need.submittedBy, ...need.supports.map((s) => s.by)].filter((id, i, all) => id !== actor.aadObjectId && all.indexOf(id) === i);
  return { needNumber: need.number, from, to, text, people, organisationIds: need.supports.map((s) => s.organisationId) };
}

/**
 * Moves a need along the review path, or withdraws it. Review moves need the needs.review permission; withdrawal
 * needs needs.edit (the submitting organisation, while inkommen). `text` is the answer sent to the submitter and
 * supporters: required as the motivation of a rejection. A merge moves the need's organisation and supporters onto
 * the target as supporters (returned as `mergedInto`, to be saved with it).
 */
export function transition({
  need,
  to,
  actor,
  now,
  text,
  mergeInto,
  plan,
}: {
  need: Need;
  to: NeedStatus;
  actor: Actor;
  now: Date;
  text?: string;
  /** The need to merge into, when `to` is sammanslagen. */
  mergeInto?: Need;
  /** Area and programme year, when `to` is ingar-i-programplan. */
  plan?: ProgrammePlan;
}): TransitionResult {
  const from = need.state.status;
  if (to === 'tillbakadragen') {
    if (!can(actor, 'needs.edit', { organisationId: need.organisationId, needStatus: from })) {
      return { ok: false, reason: from === 'inkommen' ? 'forbidden' : 'illegalTransition' };
    }
  } else {
    if (!can(actor, 'needs.review')) return { ok: false, reason: 'forbidden' };
    if (!reviewMoves[from].includes(to)) return { ok: false, reason: 'illegalTransition' };
  }

  const answer = cleanAnswer(text);
  if (charCount(answer) > ANSWER_MAX) return { ok: false, reason: 'textTooLong' };

  let state: NeedState;
  let target: Need | undefined;
  switch (to) {
    case 'ingar-i-programplan': {
      if (!plan) return { ok: false, reason: 'planRequired' };
      const parsed = programmePlanSchema.safeParse(plan);
      if (!parsed.success) return { ok: false, reason: 'planInvalid' };
      state = { status: to, plan: parsed.data };
      break;
    }
    case 'avslagen':
      if (answer === '') return { ok: false, reason: 'motivationRequired' };
      state = { status: to, motivation: answer };
      break;
    case 'sammanslagen':
      if (!mergeInto) return { ok: false, reason: 'mergeTargetRequired' };
      if (mergeInto.number === need.number) return { ok: false, reason: 'mergeIntoSelf' };
      if (mergeInto.state.status === 'sammanslagen' || mergeInto.state.status === 'tillbakadragen') return { ok: false, reason: 'mergeTargetClosed' };
      state = { status: to, mergedInto: mergeInto.number };
      target = absorb({ target: mergeInto, source: need, actor, now });
      break;
    case 'inkommen':
      return { ok: false, reason: 'illegalTransition' };
    default:
      state = { status: to };
  }

  const entry: HistoryEntry = {
    at: now,
    by: actor.aadObjectId,
    event: 'transition',
    from,
    to,
    text: answer,
    ...(to === 'sammanslagen' && mergeInto ? { relatedNeed: mergeInto.number } : {}),
  };
  const updated: Need = { ...need, state, history: [...need.history, entry] };
  return { ok: true, need: updated, notify: notification(need, from, state, answer, actor), ...(target ? { mergedInto: target } : {}) };
}

/** The target of a merge takes the source's organisation and supporters as its supporters (each organisation once). */
function absorb({ target, source, actor, now }: { target: Need; source: Need; actor: Actor; now: Date }): Need {
  const supports = [...target.supports];
  const has = (org: string) => org === target.organisationId || supports.some((s) => s.organisationId === org);
  for (const s of [{ organisationId: source.organisationId, by: source.submittedBy, at: source.submittedAt }, ...source.supports]) {
    if (!has(s.organisationId)) supports.push(s);
  }
  const status = target.state.status;
  const entry: HistoryEntry = { at: now, by: actor.aadObjectId, event: 'mergedFrom', from: status, to: status, text: '', relatedNeed: source.number };
  return { ...target, supports, history: [...target.history, entry] };
}

export type SubmitResult =
  | { ok: true; need: Need; round: RoundAssignment }
  | { ok: false; reason: 'forbidden' | 'otherOrganisation' };

/**
 * A new need, numbered `number` (from nextNeedNumber), in the round it arrives in. A need is submitted for the
 * submitter's own organisation: submitting for another organisation has no rule in permissions.ts yet.
 */
export function submitNeed({
  fields,
  organisationId,
  actor,
  now,
  number,
  rounds,
}: {
  fields: NeedFields;
  organisationId: string;
  actor: Actor;
  now: Date;
  number: number;
  rounds: readonly NeedsRound[];
}): SubmitResult {
  if (!can(actor, 'needs.submit')) return { ok: false, reason: 'forbidden' };
  if (organisationId !== actor.organisationId) return { ok: false, reason: 'otherOrganisation' };
  const round = assignRound({ rounds, now });
  const need: Need = {
    ...fields,
    number,
    organisationId,
    submittedBy: actor.aadObjectId,
    submittedAt: now,
    round: round.year,
    state: { status: 'inkommen' },
    history: [{ at: now, by: actor.aadObjectId, event: 'submitted', from: null, to: 'inkommen', text: '' }],
    supports: [],
  };
  return { ok: true, need, round };
}

export type EditResult = { ok: true; need: Need; changed: boolean } | { ok: false; reason: 'forbidden' | 'notInkommen' };

/** The submitting organisation changes the need's fields while it is inkommen. */
export function editNeed({ need, fields, actor, now }: { need: Need; fields: NeedFields; actor: Actor; now: Date }): EditResult {
  if (need.state.status !== 'inkommen') return { ok: false, reason: 'notInkommen' };
  if (!can(actor, 'needs.edit', { organisationId: need.organisationId, needStatus: need.state.status })) return { ok: false, reason: 'forbidden' };
  const changed =
    fields.title !== need.title ||
    fields.description !== need.description ||
    fields.area !== need.area ||
    fields.urgency !== need.urgency ||
    fields.contact.name !== need.contact.name ||
    fields.contact.email !== need.contact.email;
  if (!changed) return { ok: true, need, changed };
  const entry: HistoryEntry = { at: now, by: actor.aadObjectId, event: 'edited', from: 'inkommen', to: 'inkommen', text: '' };
  return { ok: true, changed, need: { ...need, ...fields, history: [...need.history, entry] } };
}

export type SupportResult =
  | { ok: true; need: Need }
  | { ok: false; reason: 'forbidden' | 'ownOrganisation' | 'alreadySupported' | 'closed' }
  | { ok: false; reason: 'merged'; mergedInto: number };

/**
 * An organisation stands behind an existing need ("ställ er bakom"): once per organisation, not its own need.
 * Needs already in a programme plan can still be supported (it shows how widely the need is shared); rejected and
 * withdrawn ones cannot, and a merged one points to the need it was merged into.
 */
export function supportNeed({ need, actor, now }: { need: Need; actor: Actor; now: Date }): SupportResult {
  if (!can(actor, 'needs.support')) return { ok: false, reason: 'forbidden' };
  if (need.organisationId === actor.organisationId) return { ok: false, reason: 'ownOrganisation' };
  if (need.state.status === 'sammanslagen') return { ok: false, reason: 'merged', mergedInto: need.state.mergedInto };
  if (need.state.status === 'avslagen' || need.state.status === 'tillbakadragen') return { ok: false, reason: 'closed' };
  if (need.supports.some((s) => s.organisationId === actor.organisationId)) return { ok: false, reason: 'alreadySupported' };
  return { ok: true, need: { ...need, supports: [...need.supports, { organisationId: actor.organisationId, by: actor.aadObjectId, at: now }] } };
}
