import type { Catalogue } from '../i18n/catalogue.js';
import { factSet, textBlock, type CardElement } from './adaptive-card.js';

/** One derivation line of a cost card. */
export interface DerivationLine {
  text: string;
  /** True when the line rests on an assumption: shown marked. */
  assumption: boolean;
}

/** The year asked about, if any (a year outside the period has amount 0 and reason outsidePeriod). */
export type AskedYear = { year: number; amount: number | null; reason: 'inPeriod' | 'outsidePeriod' | 'notParticipating' | 'notDecided' } | null;

// Assumption lines are italic and end in "(antagande)"; no colour: hosts' Warning yellow is unreadable on white.
export const derivationLines = (items: readonly DerivationLine[]): CardElement[] => items.map((l) => textBlock(l.assumption ? `_${l.text}_` : l.text, { spacing: 'Small' }));

/**
 * The figures a cost card leads with, the same on every cost card: per year, for the period (when decided) and
 * the year asked about; a year outside the period is said to cost nothing.
 */
export function headlineFacts(
  { perYear, periodTotal, askedYear, period }: { perYear: string; periodTotal: number | null; askedYear: AskedYear; period: { firstYear: number; lastYear: number } },
  t: Catalogue,
): CardElement[] {
  const a = t.cost.answer;
  const facts: [string, string][] = [[a.perYear, perYear]];
  if (periodTotal !== null) facts.push([a.period(period), t.cost.kr(periodTotal)]);
  if (askedYear && askedYear.reason === 'inPeriod' && askedYear.amount !== null) facts.push([a.year({ year: askedYear.year }), t.cost.kr(askedYear.amount)]);
  const out: CardElement[] = [factSet(facts)];
  if (askedYear?.reason === 'outsidePeriod') out.push(textBlock(a.outsidePeriod({ year: askedYear.year, ...period }), { color: 'Attention' }));
  return out;
}

/** How the figure is worked out, the assumptions it rests on, and the agreement's words it cites. */
export function explanation({ derivation, assumptions }: { derivation: readonly DerivationLine[]; assumptions: readonly string[] }, t: Catalogue): CardElement[] {
  const a = t.cost.answer;
  return [
    textBlock(a.derivationTitle, { weight: 'Bolder', spacing: 'Medium' }),
    ...derivationLines(derivation),
    textBlock(a.assumptionsTitle, { weight: 'Bolder', spacing: 'Medium' }),
    ...(assumptions.length === 0 ? [textBlock(a.noAssumptions, { isSubtle: true, spacing: 'Small' })] : assumptions.map((text) => textBlock(`• ${text}`, { spacing: 'Small' }))),
  ];
}

/** The agreement's words, small and subtle, at the foot of the card. */
export const sourceLines = (sources: readonly string[]): CardElement[] => sources.map((s, i) => textBlock(s, { isSubtle: true, size: 'Small', spacing: i === 0 ? 'Medium' : 'None' }));

/** An illustration (an undecided amount under the illustrative rule): boxed and titled so it never reads as decided. */
export const illustrationBox = ({ amounts, derivation = [], assumptions }: { amounts: string; derivation?: readonly DerivationLine[]; assumptions: readonly string[] }, t: Catalogue): CardElement => ({
  type: 'Container',
  style: 'emphasis',
  spacing: 'Medium',
  items: [
    textBlock(t.cost.answer.illustrationTitle, { weight: 'Bolder' }),
    textBlock(amounts),
    ...derivationLines(derivation),
    ...assumptions.map((text) => textBlock(`• ${text}`, { isSubtle: true, spacing: 'Small' })),
  ],
});
