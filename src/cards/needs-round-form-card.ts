import type { RoundFormError, RoundFormField, RoundFormValues } from '../domain/needs/rounds.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, errorBlock, execute, heading, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { needsVerbs } from './needs-verbs.js';

export interface NeedsRoundFormCardModel {
  values: Partial<RoundFormValues>;
  errors: readonly RoundFormError[];
  /** The programme years a round may be opened for now (openableYears()). */
  years: readonly number[];
  /** Rounds so far, newest first, closing date as yyyy-MM-dd. */
  rounds: ReadonlyArray<{ year: number; closingDate: string; open: boolean }>;
  /** What just happened (the round was opened), shown at the top. */
  notice?: string;
}

export function roundFormErrorText(t: Catalogue, error: RoundFormError, years: readonly number[]): string {
  const e = t.needs.round.errors;
  switch (error.problem) {
    case 'required':
      return e.required;
    case 'invalid':
      return e.invalid;
    case 'yearOutOfRange':
      return e.yearOutOfRange({ from: Math.min(...years), to: Math.max(...years) });
    case 'inThePast':
      return e.inThePast;
    case 'roundExists':
      return e.roundExists;
  }
}

/** Leadership opens a needs round: programme year and last day (Stockholm); the existing rounds listed below. */
export function needsRoundFormCard(model: NeedsRoundFormCardModel, t: Catalogue): AdaptiveCard {
  const r = t.needs.round;
  const errorsFor = (field: RoundFormField): CardElement[] =>
    model.errors.filter((e) => e.field === field).map((e) => ({ ...errorBlock(roundFormErrorText(t, e, model.years)), spacing: 'None', size: 'Small', id: `error-${field}` }));
  const body: CardElement[] = [
    ...(model.notice ? [textBlock(model.notice, { color: 'Good', weight: 'Bolder' })] : []),
    heading(r.heading),
    textBlock(r.intro, { isSubtle: true, size: 'Small', spacing: 'None' }),
  ];
  if (model.errors.length > 0) body.push(errorBlock(r.errorsIntro));
  const year = model.values.year && model.years.map(String).includes(model.values.year) ? { value: model.values.year } : {};
  body.push(
    { type: 'Input.ChoiceSet', id: 'year', label: r.year, isRequired: true, errorMessage: r.errors.required, ...year, choices: model.years.map((y) => ({ title: String(y), value: String(y) })) },
    ...errorsFor('year'),
    { type: 'Input.Date', id: 'closingDate', label: r.closingDate, isRequired: true, errorMessage: r.errors.required, ...(model.values.closingDate ? { value: model.values.closingDate } : {}) },
    textBlock(r.closingHint, { isSubtle: true, size: 'Small', spacing: 'None' }),
    ...errorsFor('closingDate'),
  );
  if (model.rounds.length > 0) {
    body.push(textBlock(r.existing, { weight: 'Bolder', spacing: 'Medium' }), ...model.rounds.map((x) => textBlock(r.existingLine(x), { spacing: 'None', size: 'Small' })));
  }
  return adaptiveCard(body, [execute(r.submit, needsVerbs.openRound, {}, { style: 'positive' })]);
}
