import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, heading, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { explanation, headlineFacts, illustrationBox, sourceLines, type AskedYear, type DerivationLine } from './cost-card-parts.js';

/** Verbs of the answer card's buttons (the bot routes them). */
export const COST_OVERVIEW_VERB = 'cost.overview';
export const COST_FORM_VERB = 'cost.form';

export interface CostAnswerView {
  name: string;
  status: 'decided' | 'notDecided' | 'notParticipating';
  period: { firstYear: number; lastYear: number };
  /** null when not decided. */
  yearly: number | null;
  periodTotal: number | null;
  askedYear: AskedYear;
  derivation: DerivationLine[];
  /** The wording of each assumption the amount rests on. */
  assumptions: string[];
  /** The agreement's words the derivation cites. */
  sources: string[];
  /** For not-decided parties: the county's decided total. */
  county: { name: string; yearly: number } | null;
  /** For not-decided parties: the amount under the illustrative rule, never presented as decided. */
  illustration: { yearly: number; periodTotal: number; derivation: DerivationLine[]; assumptions: string[] } | null;
  /** Set for a what-if: who is left out (names and ids), and money nobody pays in it. */
  scenario: { excluded: string[]; excludedPartyIds: string[]; unallocatedYearly: number } | null;
  /** The party id, so "ask about another party" can preselect it. */
  partyId: string;
}

/** One party's cost: per year and for the period, how it is worked out, what is assumed, and scenario marking. */
export function costAnswerCard(view: CostAnswerView, t: Catalogue): AdaptiveCard {
  const a = t.cost.answer;
  const kr = t.cost.kr;
  const body: CardElement[] = [heading(a.title({ name: view.name }))];

  if (view.scenario) {
    body.push({
      type: 'Container',
      style: 'warning',
      items: [
        textBlock(a.scenario({ excluded: t.cost.list(view.scenario.excluded) }), { weight: 'Bolder' }),
        ...(view.scenario.unallocatedYearly > 0 ? [textBlock(a.unallocated({ yearly: view.scenario.unallocatedYearly }), { spacing: 'Small' })] : []),
      ],
    });
  }

  const perYear = view.status === 'notDecided' ? a.notDecided : view.status === 'notParticipating' ? a.notParticipating : kr(view.yearly ?? 0);
  body.push(...headlineFacts({ perYear, periodTotal: view.status === 'decided' ? view.periodTotal : null, askedYear: view.askedYear, period: view.period }, t));
  if (view.county) body.push(textBlock(a.countyDecided({ county: view.county.name, yearly: view.county.yearly })));

  body.push(...explanation(view, t));

  if (view.illustration) {
    const ill = view.illustration;
    body.push(illustrationBox({ amounts: a.illustrationAmounts({ yearly: ill.yearly, periodTotal: ill.periodTotal, ...view.period }), derivation: ill.derivation, assumptions: ill.assumptions }, t));
  }

  body.push(...sourceLines(view.sources));

  return adaptiveCard(body, [execute(a.showOverview, COST_OVERVIEW_VERB, view.scenario ? { excluded: view.scenario.excludedPartyIds.join(',') } : {}), execute(a.askAnother, COST_FORM_VERB, { partyId: view.partyId })]);
}
