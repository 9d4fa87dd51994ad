import type { AdaptiveCard, FileLink } from '../../cards/adaptive-card.js';
import { plain } from '../../cards/adaptive-card.js';
import { costAnswerCard, type CostAnswerView } from '../../cards/cost-answer-card.js';
import { costOverviewCard } from '../../cards/cost-overview-card.js';
import { costQuestionCard } from '../../cards/cost-question-card.js';
import type { CostData } from '../../domain/cost/cost-data.js';
import { computeCostShares, costForParty, type CostShares } from '../../domain/cost/cost-shares.js';
import { costTableRows } from '../../domain/cost/cost-table.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import type { CostQuestion, CostTarget } from './cost-question.js';
import { agreementQuotes, assumptionTexts, describeDerivation, subjectName, type ExplainContext } from './cost-explain.js';

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

/** One line of text for a target (used when several are asked at once, and for counties). */
function targetLine(ctx: CostReplyContext, shares: CostShares, target: CostTarget): string {
  const { t } = ctx;
  const ex = explainContext(ctx);
  const { firstYear, lastYear, years } = shares.period;
  const r = t.cost.replies;
  if (target.type === 'party') {
    const share = shares.parties.find((p) => p.partyId === target.partyId);
    const name = ex.partyName(target.partyId);
    if (!share || share.status === 'notParticipating') return r.partyNotParticipatingLine({ name });
    if (share.yearly === null) return r.partyNotDecidedLine({ name, county: share.county ? t.cost.counties[share.county] : '' });
    return r.partyLine({ name, yearly: share.yearly, periodTotal: share.yearly * years.length, firstYear, lastYear });
  }
  const county = shares.counties[target.county];
  const name = subjectName(target.type === 'county' ? { type: 'county', county: target.county } : { type: 'countyMunicipalities', county: target.county }, ex);
  if (target.type === 'county') return r.county({ name, yearly: county.yearly, periodTotal: county.yearly * years.length, firstYear, lastYear });
  if (!county.split) return r.countyNotDecided({ name, county: t.cost.counties[target.county], countyYearly: county.yearly });
  const yearly = county.split.municipalitiesYearly;
  return r.partyLine({ name, yearly, periodTotal: yearly * years.length, firstYear, lastYear });
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
      if (question.targets.length === 1 && only?.type === 'party') {
        const c = costAnswerCardFor(ctx, { partyId: only.partyId, year: question.year });
        if (c) return card(c);
      }
      const shares = scenarioShares(data);
      return text(question.targets.map((target) => targetLine(ctx, shares, target)).join('\n\n'));
    }
    case 'total': {
      const shares = scenarioShares(data);
      const { firstYear, lastYear, years } = shares.period;
      return text(r.total({ yearly: shares.programme.yearly, mdu: data.agreement.mdu.yearly, others: shares.otherParties.yearly, periodTotal: shares.programme.yearly * years.length, firstYear, lastYear }));
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
    case 'askerWithoutOrganisation':
      return text(r.askerWithoutOrganisation);
    case 'notUnderstood':
      return text(r.notUnderstood);
  }
}
