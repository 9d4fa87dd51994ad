import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, plain, textBlock, type AdaptiveCard } from './adaptive-card.js';
import { COST_FORM_VERB } from './cost-answer-card.js';

/** The core feature's verb that runs a help-card command as if it had been typed. */
export const HELP_RUN_VERB = 'help.run';

export interface CostUnclearView {
  /** The word that was not understood, as typed. */
  mention: string;
  year: number | null;
  span: 'year' | 'period' | null;
  period: { firstYear: number; lastYear: number };
}

/**
 * A cost question only half understood: what was understood and which word was not, with the help card and
 * the question form one click away — instead of a guessed figure or a made-up "did you mean".
 */
export function costUnclearCard(view: CostUnclearView, t: Catalogue): AdaptiveCard {
  const u = t.cost.unclear;
  return adaptiveCard(
    [
      // The typed word is shown back: escaped so nothing in it is read as markdown.
      textBlock(u.text({ mention: plain(view.mention), year: view.year, span: view.span, ...view.period })),
      textBlock(u.examples, { isSubtle: true }),
    ],
    [execute(u.helpButton, HELP_RUN_VERB, { command: t.core.help.help.command }), execute(u.formButton, COST_FORM_VERB)],
  );
}
