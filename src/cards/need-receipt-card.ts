import type { RoundAssignment } from '../domain/needs/rounds.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, heading, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { withdrawAction } from './needs-card-parts.js';
import { needsVerbs } from './needs-verbs.js';

export interface NeedReceiptCardModel {
  number: number;
  title: string;
  /** Which round the need went to, and why (a late need is told which round it went to instead). */
  round: RoundAssignment;
  /** Edit and withdraw are offered while the need is inkommen (true right after submitting). */
  canEdit: boolean;
}

/** The round sentence of a receipt: in the open round, moved to the next one (which), or no round yet. */
export function roundText(t: Catalogue, round: RoundAssignment): string {
  const r = t.needs.receipt;
  switch (round.kind) {
    case 'open':
      return r.inRound({ year: round.year, closingDate: round.closingDate });
    case 'late':
      return round.closingDate
        ? r.lateToOpen({ missedYear: round.missed.year, missedClosingDate: round.missed.closingDate, year: round.year, closingDate: round.closingDate })
        : r.lateToFollowing({ missedYear: round.missed.year, missedClosingDate: round.missed.closingDate, year: round.year });
    case 'noRound':
      return r.noRound({ year: round.year });
  }
}

/** The receipt after submitting: number, title as typed, the round (and why), what happens next. */
export function needReceiptCard(model: NeedReceiptCardModel, t: Catalogue): AdaptiveCard {
  const r = t.needs.receipt;
  const body: CardElement[] = [
    heading(r.heading({ number: model.number })),
    userText(model.title, { weight: 'Bolder' }),
    textBlock(roundText(t, model.round), model.round.kind === 'open' ? {} : { weight: 'Bolder' }),
    textBlock(r.whatNext, { isSubtle: true }),
  ];
  const actions: CardElement[] = [execute(r.show, needsVerbs.show, { number: model.number })];
  if (model.canEdit) actions.push(execute(r.edit, needsVerbs.form, { number: model.number }), withdrawAction(t, model.number));
  return adaptiveCard(body, actions);
}
