import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, factSet, heading, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { COST_FORM_VERB, COST_OVERVIEW_VERB } from './cost-answer-card.js';
import { explanation, headlineFacts, illustrationBox, sourceLines, type AskedYear, type DerivationLine } from './cost-card-parts.js';

export interface CostGroupPartView {
  name: string;
  status: 'decided' | 'notDecided' | 'notParticipating';
  yearly: number | null;
  /** For not-decided parts: the illustrative amount (shown as such). */
  illustrationYearly: number | null;
  /** True when the part's figure rests on an assumption: shown marked. */
  assumption: boolean;
}

export interface CostGroupView {
  /** Resolved: "Västerås stad och Köpings kommun tillsammans", "Övriga parter gemensamt". */
  title: string;
  /** Resolved lines under the title: what was taken out, what was counted once. */
  notes: string[];
  status: 'decided' | 'notDecided';
  period: { firstYear: number; lastYear: number };
  /** null when not decided. */
  yearly: number | null;
  periodTotal: number | null;
  askedYear: AskedYear;
  parts: CostGroupPartView[];
  /** Names of the parts without a decided amount, when the sum is not decided because of them. */
  undecided: string[];
  /** When the sum is decided as a whole but its parts are not: the agreement's name for the whole. */
  statedWhole: string | null;
  derivation: DerivationLine[];
  assumptions: string[];
  sources: string[];
  /** When not decided: the sum with the illustrative rule, never presented as decided. */
  illustration: { yearly: number; periodTotal: number; assumptions: string[] } | null;
}

/**
 * A group's cost (the programme, the other parties, a county, its municipalities, or several parties asked
 * together): the sum per year and for the period, the parts that make it up, how the sum is worked out, and
 * which figures are assumptions.
 */
export function costGroupCard(view: CostGroupView, t: Catalogue): AdaptiveCard {
  const a = t.cost.answer;
  const g = t.cost.group;
  const kr = t.cost.kr;
  const body: CardElement[] = [heading(view.title), ...view.notes.map((n) => textBlock(n, { isSubtle: true, spacing: 'None' }))];

  body.push(...headlineFacts({ perYear: view.yearly === null ? a.notDecided : kr(view.yearly), periodTotal: view.periodTotal, askedYear: view.askedYear, period: view.period }, t));
  if (view.status === 'notDecided' && view.undecided.length > 0) body.push(textBlock(g.sumNotDecided({ names: view.undecided })));
  if (view.statedWhole) body.push(textBlock(g.statedWhole({ name: view.statedWhole })));

  const partValue = (p: CostGroupPartView): string => {
    if (p.status === 'notParticipating') return a.notParticipating;
    if (p.yearly === null) return p.illustrationYearly === null ? g.partNotDecided : g.partIllustration({ yearly: p.illustrationYearly });
    return p.assumption ? g.partAssumption({ yearly: p.yearly }) : kr(p.yearly);
  };
  body.push(textBlock(g.partsTitle, { weight: 'Bolder', spacing: 'Medium' }));
  body.push(factSet([...view.parts.map((p) => [p.name, partValue(p)] as const), [g.sum, view.yearly === null ? a.notDecided : kr(view.yearly)]]));

  if (view.illustration) {
    body.push(illustrationBox({ amounts: g.illustrationSum({ yearly: view.illustration.yearly, periodTotal: view.illustration.periodTotal, ...view.period }), assumptions: view.illustration.assumptions }, t));
  }

  body.push(...explanation(view, t), ...sourceLines(view.sources));

  return adaptiveCard(body, [execute(a.showOverview, COST_OVERVIEW_VERB), execute(a.askAnother, COST_FORM_VERB)]);
}
