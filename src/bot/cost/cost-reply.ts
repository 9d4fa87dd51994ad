import type { AdaptiveCard, FileLink } from '../../cards/adaptive-card.js';
import { plain } from '../../cards/adaptive-card.js';
import { costAnswerCard, type CostAnswerView } from '../../cards/cost-answer-card.js';
import { costOverviewCard } from '../../cards/cost-overview-card.js';
import { costGroupCard, type CostGroupView } from '../../cards/cost-group-card.js';
import { costQuestionCard } from '../../cards/cost-question-card.js';
import { costUnclearCard } from '../../cards/cost-unclear-card.js';
import type { CostData } from '../../domain/cost/cost-data.js';
import { computeCostShares, costForParty, type CostShares } from '../../domain/cost/cost-shares.js';
import { costTableRows } from '../../domain/cost/cost-table.js';
import { costOfGroup, type NamedSubject } from '../../domain/cost/group-cost.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import type { CostQuestion, CostTarget } from '../../domain/cost/cost-question.js';
import { agreementQuotes, assumptionTexts, describeDerivation, subjectName, subjectNameInSentence, type ExplainContext } from './cost-explain.js';

/**
 * From a read question to what the bot sends: a card or a short text. Pure: the handler passes the data,
 * the person's catalogue and a way to make download links, and sends what comes back. Nothing is saved,
 * what-ifs included.
 */

export type CostReply = { kind: 'text'; text: string } | { kind: 'card'; card: AdaptiveCard };

/** Makes the signed download links for the overview (the bot serves them); excluded ids describe a what-if. */
export type CostDownloadLinks = (excludedPartyIds: readonly string[]) => { xlsxUrl: FileLink; csvUrl: FileLink | null };

export interface CostReplyContext {
  data: CostData;
  t: Catalogue;
  downloadLinks?: CostDownloadLinks;
}

const explainContext = ({ data, t }: CostReplyContext): ExplainContext => ({
  t,
  partyName: (id) => data.organisations.find((o) => o.id === id)?.name ?? id,
  assumptions: data.agreement.assumptions,
});

const partyNames = (data: CostData): Record<string, string> => Object.fromEntries(data.organisations.map((o) => [o.id, o.name]));

// The agreement's figures never change while the bot runs: each scenario is computed once per data set, not per
// question (it was a third of a cost turn's CPU).
const sharesCache = new WeakMap<CostData, Map<string, CostShares>>();

export function scenarioShares(data: CostData, excludedPartyIds: readonly string[] = []): CostShares {
  let perData = sharesCache.get(data);
  if (!perData) sharesCache.set(data, (perData = new Map()));
  const key = [...excludedPartyIds].sort().join(',');
  let shares = perData.get(key);
  if (!shares) {
    shares = computeCostShares({ data, scenario: excludedPartyIds.length > 0 ? { excludedPartyIds } : undefined });
    if (perData.size < 256) perData.set(key, shares);
  }
  return shares;
}

/** The answer card's view for one party (null when the party is unknown). */
export function costAnswerView(ctx: CostReplyContext, { partyId, year, excludedPartyIds = [] }: { partyId: string; year: number | null; excludedPartyIds?: readonly string[] }): CostAnswerView | null {
  const { data, t } = ctx;
  const shares = scenarioShares(data, excludedPartyIds);
  const cost = costForParty({ shares, partyId, year });
  if (!cost.ok) return null;
  const ex = explainContext(ctx);
  const share = cost.share;
  const countyTerms = share.county ? shares.counties[share.county] : null;
  const unallocated = shares.unallocated.reduce((s, u) => s + u.yearly, 0);
  return {
    partyId,
    name: ex.partyName(partyId),
    status: share.status,
    period: cost.period,
    yearly: share.yearly,
    periodTotal: cost.periodTotal,
    askedYear: cost.askedYear,
    derivation: describeDerivation(share.derivation, ex),
    assumptions: assumptionTexts(share.assumptionIds, ex),
    sources: agreementQuotes(share.derivation, ex),
    county: share.status === 'notDecided' && countyTerms ? { name: t.cost.counties[countyTerms.county], yearly: countyTerms.yearly } : null,
    illustration: cost.illustration
      ? {
          yearly: cost.illustration.yearly,
          periodTotal: cost.illustration.periodTotal,
          // The agreed top figures are already in the main derivation; the illustration shows only its own steps.
          derivation: describeDerivation(
            cost.illustration.derivation.filter((st) => st.subject.type !== 'otherParties' && st.subject.type !== 'county'),
            ex,
          ),
          assumptions: assumptionTexts(cost.illustration.assumptionIds, ex),
        }
      : null,
    scenario: shares.scenario ? { excluded: shares.scenario.excludedPartyIds.map(ex.partyName), excludedPartyIds: shares.scenario.excludedPartyIds, unallocatedYearly: unallocated } : null,
  };
}

export function costAnswerCardFor(ctx: CostReplyContext, args: { partyId: string; year: number | null; excludedPartyIds?: readonly string[] }): AdaptiveCard | null {
  const view = costAnswerView(ctx, args);
  return view ? costAnswerCard(view, ctx.t) : null;
}

/** The whole table; with excluded ids it is a what-if, marked as such. */
export function costOverviewCardFor(ctx: CostReplyContext, { excludedPartyIds = [] }: { excludedPartyIds?: readonly string[] } = {}): AdaptiveCard {
  const { data, t } = ctx;
  const shares = scenarioShares(data, excludedPartyIds);
  const table = costTableRows({ shares, data });
  const ex = explainContext(ctx);
  const ids = [...new Set(table.rows.flatMap((r) => r.assumptionIds))];
  return costOverviewCard(
    {
      table,
      partyNames: partyNames(data),
      scenarioExcluded: shares.scenario ? shares.scenario.excludedPartyIds.map(ex.partyName) : null,
      assumptions: assumptionTexts(ids, ex),
      downloads: ctx.downloadLinks ? ctx.downloadLinks(excludedPartyIds) : null,
    },
    t,
  );
}

export function costQuestionCardFor(ctx: CostReplyContext, { selectedPartyId = null, selectedYear = null, error = null }: { selectedPartyId?: string | null; selectedYear?: number | null; error?: string | null } = {}): AdaptiveCard {
  const { data } = ctx;
  return costQuestionCard(
    {
      parties: data.organisations.map((o) => ({ id: o.id, name: o.name })),
      period: { firstYear: data.agreement.period.firstYear, lastYear: data.agreement.period.lastYear },
      selectedPartyId: selectedPartyId && data.organisations.some((o) => o.id === selectedPartyId) ? selectedPartyId : null,
      selectedYear,
      error,
    },
    ctx.t,
  );
}

const subjectOf = (target: CostTarget): NamedSubject => (target.type === 'party' ? { type: 'party', partyId: target.partyId } : target);

/** A subject's name in a list: the first starts the line, the others stand inside it. */
const nameInList = (subject: NamedSubject, ex: ExplainContext, position: number): string => (position === 0 ? subjectName(subject, ex) : subjectNameInSentence(subject, ex));

/** The group card's view: parts, sum and its derivation, for the subjects asked about less `except` (null when empty). */
export function costGroupView(ctx: CostReplyContext, { subjects, except = [], year }: { subjects: readonly NamedSubject[]; except?: readonly NamedSubject[]; year: number | null }): CostGroupView | null {
  const { data, t } = ctx;
  const g = t.cost.group;
  const ex = explainContext(ctx);
  const shares = scenarioShares(data);
  const r = costOfGroup({ shares, subjects, except, year });
  if (!r.ok) return null;
  const group = r.group;
  const names = (xs: readonly NamedSubject[]) => xs.map((s, i) => nameInList(s, ex, i));
  const inSentence = (xs: readonly NamedSubject[]) => xs.map((s) => subjectNameInSentence(s, ex));
  const asked = group.named.length === 1 && group.named[0]!.type === 'programme' ? g.allParties : t.cost.listAll(names(group.named));
  const exceptText = group.except.length > 0 ? g.except({ group: asked, except: inSentence(group.except) }) : null;
  const title = group.subject.type === 'selection' ? (exceptText ?? g.together({ names: names(group.named) })) : subjectName(group.subject, ex);
  const notes = [
    ...(exceptText && group.subject.type !== 'selection' ? [exceptText] : []),
    ...(group.overlapping.length > 0 ? [g.overlapping({ names: names(group.overlapping) })] : []),
  ];
  const partsDerivation = group.parts.flatMap((p) => p.chain);
  return {
    title,
    notes,
    status: group.status,
    period: { firstYear: group.period.firstYear, lastYear: group.period.lastYear },
    yearly: group.yearly,
    periodTotal: group.periodTotal,
    askedYear: group.askedYear,
    parts: group.parts.map((p) => ({
      name: subjectName(p.subject, ex),
      status: p.status,
      yearly: p.yearly,
      illustrationYearly: p.illustrationYearly,
      assumption: p.status === 'decided' && p.assumptionIds.length > 0,
    })),
    undecided: group.status === 'notDecided' ? names(group.undecided) : [],
    statedWhole: group.status === 'decided' && group.undecided.length > 0 ? subjectName(group.subject.type === 'selection' ? (group.named[0] ?? group.subject) : group.subject, ex) : null,
    derivation: describeDerivation(group.derivation, ex),
    assumptions: assumptionTexts(group.assumptionIds, ex),
    sources: agreementQuotes([...partsDerivation, ...group.derivation], ex),
    illustration: group.illustration ? { yearly: group.illustration.yearly, periodTotal: group.illustration.periodTotal, assumptions: assumptionTexts(group.illustration.assumptionIds, ex) } : null,
  };
}

export function costGroupCardFor(ctx: CostReplyContext, args: Parameters<typeof costGroupView>[1]): AdaptiveCard | null {
  const view = costGroupView(ctx, args);
  return view ? costGroupCard(view, ctx.t) : null;
}

/** What to send for a question read by `interpretCostQuestion`. */
export function answerCostQuestion(ctx: CostReplyContext, question: CostQuestion): CostReply {
  const { data, t } = ctx;
  const r = t.cost.replies;
  const text = (s: string): CostReply => ({ kind: 'text', text: s });
  const card = (c: AdaptiveCard): CostReply => ({ kind: 'card', card: c });
  const ex = explainContext(ctx);
  switch (question.kind) {
    case 'cost': {
      const [only] = question.targets;
      const alone = question.targets.length === 1 && question.except.length === 0;
      if (alone && only?.type === 'party') {
        const c = costAnswerCardFor(ctx, { partyId: only.partyId, year: question.year });
        if (c) return card(c);
      }
      // A county's municipalities whose split is not decided: the county's figure and that it is not split yet.
      if (alone && only?.type === 'countyMunicipalities' && !scenarioShares(data).counties[only.county].split) {
        const county = scenarioShares(data).counties[only.county];
        return text(r.countyNotDecided({ name: subjectName(only, ex), county: t.cost.counties[only.county], countyYearly: county.yearly }));
      }
      const c = costGroupCardFor(ctx, { subjects: question.targets.map(subjectOf), except: question.except.map(subjectOf), year: question.year });
      return c ? card(c) : text(r.emptyGroup);
    }
    case 'total': {
      const c = costGroupCardFor(ctx, { subjects: [{ type: 'programme' }], year: question.year });
      if (!c) throw new Error('the programme has no parties');
      return card(c);
    }
    case 'distribution':
      return card(costOverviewCardFor(ctx));
    case 'whatIf': {
      if (question.focus?.type === 'party' && !question.excludedPartyIds.includes(question.focus.partyId)) {
        const c = costAnswerCardFor(ctx, { partyId: question.focus.partyId, year: question.year, excludedPartyIds: question.excludedPartyIds });
        if (c) return card(c);
      }
      return card(costOverviewCardFor(ctx, { excludedPartyIds: question.excludedPartyIds }));
    }
    case 'yearOutsidePeriod':
      return text(r.yearOutsidePeriod({ year: question.year, firstYear: question.firstYear, lastYear: question.lastYear }));
    case 'unknownParty':
      // The typed name is shown back as text: escape it so nothing in it is read as markdown.
      return text(r.unknownParty({ mention: plain(question.mention), suggestions: question.suggestions.map(ex.partyName) }));
    case 'unclear':
      return card(costUnclearCard({ mention: question.mention, year: question.year, span: question.span, period: { firstYear: data.agreement.period.firstYear, lastYear: data.agreement.period.lastYear } }, t));
    case 'askerWithoutOrganisation':
      return text(r.askerWithoutOrganisation);
    case 'notUnderstood':
      return text(r.notUnderstood);
  }
}
