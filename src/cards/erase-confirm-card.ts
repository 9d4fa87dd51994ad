import { adaptiveCard, execute, factSet, heading, plain, textBlock, type AdaptiveCard } from './adaptive-card.js';

/** The card's verbs (src/bot/privacy/handlers.ts parses their data). */
export const PRIVACY_REMOVE_VERB = 'privacy.remove';
export const PRIVACY_CANCEL_VERB = 'privacy.cancel';

export interface EraseConfirmModel {
  title: string;
  intro: string;
  personId: string;
  /** Name, organisation, title, e-mail: shown to leadership so they remove the right person. */
  facts: ReadonlyArray<readonly [string, string]>;
  removeOnly: { title: string; explain: string };
  erase: { title: string; explain: string };
  cancel: string;
}

/**
 * Leadership's confirmation before a person leaves the roster: remove only, or remove and erase their personal data.
 * The buttons carry the person's id and the choice; the handler checks the rights again on the press.
 */
export function eraseConfirmCard(model: EraseConfirmModel): AdaptiveCard {
  return adaptiveCard(
    [
      heading(model.title),
      textBlock(model.intro, { isSubtle: true }),
      factSet(model.facts.map(([k, v]) => [k, plain(v)] as const)),
      textBlock(`**${plain(model.removeOnly.title)}**: ${model.removeOnly.explain}`, { size: 'Small' }),
      textBlock(`**${plain(model.erase.title)}**: ${model.erase.explain}`, { size: 'Small' }),
    ],
    [
      execute(model.erase.title, PRIVACY_REMOVE_VERB, { personId: model.personId, mode: 'erase' }, { style: 'destructive' }),
      execute(model.removeOnly.title, PRIVACY_REMOVE_VERB, { personId: model.personId, mode: 'remove' }),
      execute(model.cancel, PRIVACY_CANCEL_VERB, {}),
    ],
  );
}
