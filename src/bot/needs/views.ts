import { decisionRef, decisionsForNeed, type Decision, type DecisionRef } from '../../domain/records/decision.js';
import type { NeedDetailView } from '../../cards/need-detail-card.js';
import type { NeedNotificationCardModel } from '../../cards/need-notification-card.js';
import type { SimilarNeedView } from '../../cards/need-similar-card.js';
import type { NeedSummaryView } from '../../cards/needs-card-parts.js';
import type { NeedsListCardModel } from '../../cards/needs-list-card.js';
import type { NeedsRoundFormCardModel } from '../../cards/needs-round-form-card.js';
import type { NeedExportLabels, NeedsPage, NeedFilter } from '../../domain/needs/lists.js';
import type { Need } from '../../domain/needs/need.js';
import { openableYears, isRoundOpen, type NeedsRound, type RoundFormError, type RoundFormValues } from '../../domain/needs/rounds.js';
import { reviewTargets, supportNeed, type Actor, type NeedNotification } from '../../domain/needs/transitions.js';
import { can } from '../../domain/permissions.js';
import { formatStockholm, stockholmDate } from '../../domain/time.js';
import type { Catalogue } from '../../i18n/catalogue.js';

/**
 * Turning stored needs into the needs cards' view models: names for ids, Stockholm dates, and what the viewer may
 * do (from permissions.ts and the domain rules). Pure: the bot hands in the roster and organisations it has.
 */
export interface NeedsDirectory {
  organisationName(id: string): string;
  personName(aadObjectId: string): string;
  /** The valid decisions that concern a need (meeting records, #17), oldest first. */
  decisionsFor?(number: number): Array<{ ref: DecisionRef; final: boolean }>;
}

export function needsDirectory({
  organisations,
  people,
  decisions,
}: {
  organisations: ReadonlyArray<{ id: string; name: string }>;
  people: ReadonlyArray<{ aadObjectId: string; name: string }>;
  /** The decisions log: a need's status shows the decisions that concern it. */
  decisions?: readonly Decision[];
}): NeedsDirectory {
  const orgs = new Map(organisations.map((o) => [o.id, o.name]));
  const names = new Map(people.map((p) => [p.aadObjectId.toLowerCase(), p.name]));
  return {
    organisationName: (id) => orgs.get(id) ?? id,
    // Someone who has left the roster is still in a need's history: shown as a dash, not as an id.
    personName: (id) => names.get(id.toLowerCase()) ?? '–',
    decisionsFor: (number) =>
      decisionsForNeed({ decisions: decisions ?? [], needNumber: number })
        .filter((d) => d.decision.status === 'valid')
        .map((d) => ({ ref: decisionRef(d.decision), final: d.final })),
  };
}

export const needSummaryView = (need: Need, dir: NeedsDirectory): NeedSummaryView => withDecisions(dir.decisionsFor?.(need.number) ?? [], {
  number: need.number,
  title: need.title,
  organisationName: dir.organisationName(need.organisationId),
  area: need.area,
  state: need.state,
  round: need.round,
  supportCount: need.supports.length,
  submittedDate: stockholmDate(need.submittedAt),
});

const withDecisions = (decisions: NonNullable<NeedSummaryView['decisions']>, view: NeedSummaryView): NeedSummaryView => (decisions.length > 0 ? { ...view, decisions } : view);

const dateTime = (d: Date): string => formatStockholm(d, 'yyyy-MM-dd HH:mm');

/** The programme years a reviewer may put a need's plan in: the need's own year and the years ahead. */
export const planYears = (need: Pick<Need, 'round'>, now: Date): number[] => [...new Set([need.round, ...openableYears(now)])].filter((y) => y >= need.round).sort((a, b) => a - b);

export function needDetailView({ need, viewer, dir, now }: { need: Need; viewer: Actor; dir: NeedsDirectory; now: Date }): NeedDetailView {
  const status = need.state.status;
  return {
    ...needSummaryView(need, dir),
    description: need.description,
    urgency: need.urgency,
    contact: need.contact,
    submittedByName: dir.personName(need.submittedBy),
    ...(need.state.status === 'avslagen' ? { motivation: need.state.motivation } : {}),
    supports: need.supports.map((s) => ({ organisationName: dir.organisationName(s.organisationId), byName: dir.personName(s.by), date: stockholmDate(s.at) })),
    history: need.history.map((h) => ({
      date: dateTime(h.at),
      byName: dir.personName(h.by),
      event: h.event,
      from: h.from,
      to: h.to,
      text: h.text,
      ...(h.relatedNeed !== undefined ? { relatedNeed: h.relatedNeed } : {}),
    })),
    viewer: {
      canSupport: supportNeed({ need, actor: viewer, now }).ok,
      alreadySupported: need.supports.some((s) => s.organisationId === viewer.organisationId),
      canEdit: can(viewer, 'needs.edit', { organisationId: need.organisationId, needStatus: status }),
      review: can(viewer, 'needs.review') ? [...reviewTargets(status)] : [],
      planYears: planYears(need, now),
    },
  };
}

/** The similar needs as the similar-needs card shows them to this viewer (found by NeedSimilarityIndex). */
export function similarNeedViews({ needs, viewer, dir, now }: { needs: readonly Need[]; viewer: Actor; dir: NeedsDirectory; now: Date }): SimilarNeedView[] {
  return needs.map((need) => ({
    ...needSummaryView(need, dir),
    excerpt: need.description,
    canSupport: supportNeed({ need, actor: viewer, now }).ok,
    alreadySupported: need.supports.some((s) => s.organisationId === viewer.organisationId),
    ownOrganisation: need.organisationId === viewer.organisationId,
  }));
}

export function needsListModel({
  scope,
  page,
  filter,
  rounds,
  dir,
  organisationId,
}: {
  scope: 'mine' | 'all';
  page: NeedsPage;
  filter: NeedFilter;
  rounds: readonly Pick<NeedsRound, 'year'>[] | readonly number[];
  dir: NeedsDirectory;
  /** For "mine": the viewer's organisation. */
  organisationId?: string;
}): NeedsListCardModel {
  const years = [...new Set(rounds.map((r) => (typeof r === 'number' ? r : r.year)))].sort((a, b) => b - a);
  return {
    scope,
    ...(organisationId ? { organisationName: dir.organisationName(organisationId) } : {}),
    page: { items: page.items.map((n) => needSummaryView(n, dir)), total: page.total, offset: page.offset, ...(page.next ? { next: page.next } : {}), ...(page.prev ? { prev: page.prev } : {}) },
    filter: { ...(filter.area ? { area: filter.area } : {}), ...(filter.county ? { county: filter.county } : {}), ...(filter.status ? { status: filter.status } : {}), ...(filter.round !== undefined ? { round: filter.round } : {}) },
    rounds: years,
  };
}

/** One notification card per person to tell (the submitter, and everyone who supported, as supporters). */
export function notificationModels({ need, notify }: { need: Need; notify: NeedNotification }): Array<{ aadObjectId: string; model: NeedNotificationCardModel }> {
  return notify.people.map((aadObjectId) => ({
    aadObjectId,
    model: { number: need.number, title: need.title, from: notify.from, to: notify.to, text: notify.text, asSupporter: aadObjectId !== need.submittedBy },
  }));
}

export function roundFormModel({ rounds, now, values = {}, errors = [] }: { rounds: readonly NeedsRound[]; now: Date; values?: Partial<RoundFormValues>; errors?: readonly RoundFormError[] }): NeedsRoundFormCardModel {
  return {
    values,
    errors,
    years: openableYears(now),
    rounds: [...rounds].sort((a, b) => b.year - a.year).map((r) => ({ year: r.year, closingDate: r.closingDate, open: isRoundOpen(r, now) })),
  };
}

/** The export's labels in the viewer's language. */
export const exportLabels = (t: Catalogue): NeedExportLabels => ({
  area: (a) => t.needs.areas[a],
  status: (s) => t.needs.statuses[s],
  county: (c) => (c === null ? t.needs.counties.none : t.needs.counties[c]),
});
