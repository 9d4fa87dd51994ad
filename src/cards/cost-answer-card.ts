import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, factSet, heading, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';

/** Verbs of the answer card's buttons (the bot routes them). */
export const COST_OVERVIEW_VERB = 'cost.overview';
export const COST_FORM_VERB = 'cost.form';

export interface DerivationLine {
  text: string;
  /** True when the line rests on an assumption: shown marked. */
  assumption: boolean;
}

export interface CostAnswerView {
  name: string;
  status: 'decided' | 'notDecided' | 'notParticipating';
  period: { firstYear: number; lastYear: number };
  /** null when not decided. */
  yearly: number | null;
  periodTotal: number | null;
  /** The year asked about, if any (a year outside the period has amount 0 and reason outsidePeriod). */
  askedYear: { year: number; amount: number | null; reason: 'inPeriod' | 'outsidePeriod' | 'notParticipating' | 'notDecided' } | null;
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

// Assumption lines are italic and end in "(antagande)"; no colour: hosts' Warning yellow is unreadable on white.
const lines = (items: readonly DerivationLine[]): CardElement[] => items.map((l) => textBlock(l.assumption ? `_${l.text}_` : l.text, { spacing: 'Small' }));

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
  const facts: [string, string][] = [[a.perYear, perYear]];
  if (view.status === 'decided' && view.periodTotal !== null) facts.push([a.period(view.period), kr(view.periodTotal)]);
  if (view.askedYear && view.askedYear.reason === 'inPeriod' && view.askedYear.amount !== null) facts.push([a.year({ year: view.askedYear.year }), kr(view.askedYear.amount)]);
  body.push(factSet(facts));
  if (view.askedYear?.reason === 'outsidePeriod') body.push(textBlock(a.outsidePeriod({ year: view.askedYear.year, ...view.period }), { color: 'Attention' }));
  if (view.county) body.push(textBlock(a.countyDecided({ county: view.county.name, yearly: view.county.yearly })));

  body.push(textBlock(a.derivationTitle, { weight: 'Bolder', spacing: 'Medium' }), ...lines(view.derivation));

  body.push(textBlock(a.assumptionsTitle, { weight: 'Bolder', spacing: 'Medium' }));
  if (view.assumptions.length === 0) body.push(textBlock(a.noAssumptions, { isSubtle: true, spacing: 'Small' }));
  else body.push(...view.assumptions.map((text) => textBlock(`• ${text}`, { spacing: 'Small' })));

  if (view.illustration) {
    const ill = view.illustration;
    body.push({
      type: 'Container',
      style: 'emphasis',
      spacing: 'Medium',
      items: [
        textBlock(a.illustrationTitle, { weight: 'Bolder' }),
        textBlock(a.illustrationAmounts({ yearly: ill.yearly, periodTotal: ill.periodTotal, ...view.period })),
        ...lines(ill.derivation),
        ...ill.assumptions.map((text) => textBlock(`• ${text}`, { isSubtle: true, spacing: 'Small' })),
      ],
    });
  }

  if (view.sources.length > 0) body.push(...view.sources.map((s, i) => textBlock(s, { isSubtle: true, size: 'Small', spacing: i === 0 ? 'Medium' : 'None' })));

  return adaptiveCard(body, [execute(a.showOverview, COST_OVERVIEW_VERB, view.scenario ? { excluded: view.scenario.excludedPartyIds.join(',') } : {}), execute(a.askAnother, COST_FORM_VERB, { partyId: view.partyId })]);
}
