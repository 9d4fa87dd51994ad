import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, heading, textBlock, errorBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';

/** The verb the question card's button sends; the bot's action route listens for it. */
export const COST_ASK_VERB = 'cost.ask';
/** The year input's value for "the whole period". */
export const WHOLE_PERIOD = 'period';

export interface CostQuestionView {
  /** Every party, in the order to list them; `name` is what people search for. */
  parties: ReadonlyArray<{ id: string; name: string }>;
  period: { firstYear: number; lastYear: number };
  selectedPartyId: string | null;
  /** null = the whole period. */
  selectedYear: number | null;
  /** Shown at the top when a previous submit could not be read. */
  error?: string | null;
}

/**
 * For people who would rather click than type: a party picker with type-ahead (`style: "filtered"` — 23 parties
 * are more than the 15 a Teams dropdown shows) and a year picker, sending `cost.ask` with `partyId` and `year`.
 */
export function costQuestionCard(view: CostQuestionView, t: Catalogue): AdaptiveCard {
  const q = t.cost.question;
  const years: number[] = [];
  for (let y = view.period.firstYear; y <= view.period.lastYear; y++) years.push(y);
  const body: CardElement[] = [
    heading(q.title),
    ...(view.error ? [errorBlock(view.error)] : []),
    textBlock(q.intro, { isSubtle: true, spacing: 'None' }),
    {
      type: 'Input.ChoiceSet',
      id: 'partyId',
      label: q.partyLabel,
      style: 'filtered',
      isRequired: true,
      errorMessage: q.partyRequired,
      placeholder: q.partyPlaceholder,
      choices: view.parties.map((p) => ({ title: p.name, value: p.id })),
      ...(view.selectedPartyId ? { value: view.selectedPartyId } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: 'year',
      label: q.yearLabel,
      style: 'compact',
      value: view.selectedYear === null ? WHOLE_PERIOD : String(view.selectedYear),
      choices: [{ title: q.wholePeriod(view.period), value: WHOLE_PERIOD }, ...years.map((y) => ({ title: String(y), value: String(y) }))],
    },
  ];
  return adaptiveCard(body, [execute(q.ask, COST_ASK_VERB, {}, { style: 'positive' })]);
}
