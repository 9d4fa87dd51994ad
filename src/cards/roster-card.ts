import { adaptiveCard, execute, heading, plain, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { rosterVerbs } from './roster-verbs.js';

export interface RosterCardModel {
  title: string;
  /** Groups by body, each by organisation, each a list of lines (name, title, seat, term). */
  groups: ReadonlyArray<{ title: string; organisations: ReadonlyArray<{ name: string; lines: readonly string[] }> }>;
  /** Everyone in the roster, for the choice of whose seat to change. */
  choices: ReadonlyArray<{ title: string; value: string }>;
  labels: { person: string; lastDay: string; successor: string; successorNone: string; end: string; handover: string; formIntro: string };
  today: string;
}

/**
 * Leadership's roster (issue #15): the bodies' members by organisation, with their seats and terms, and the form to
 * end a seat on a date or hand it over to a successor. Both buttons lead to a confirmation first.
 */
export function rosterCard(model: RosterCardModel): AdaptiveCard {
  const body: CardElement[] = [heading(model.title)];
  for (const group of model.groups) {
    body.push(textBlock(group.title, { weight: 'Bolder', size: 'Medium', separator: true }));
    for (const org of group.organisations) {
      body.push(textBlock(`**${plain(org.name)}**`, { spacing: 'Small' }));
      for (const line of org.lines) body.push(textBlock(`• ${plain(line)}`, { spacing: 'None', size: 'Small' }));
    }
  }
  body.push(
    textBlock(model.labels.formIntro, { separator: true, weight: 'Bolder' }),
    { type: 'Input.ChoiceSet', id: 'personId', label: model.labels.person, style: 'filtered', isRequired: true, choices: model.choices.map((c) => ({ title: plain(c.title), value: c.value })) },
    { type: 'Input.Date', id: 'lastDay', label: model.labels.lastDay, min: model.today, isRequired: true },
    { type: 'Input.ChoiceSet', id: 'successorId', label: model.labels.successor, style: 'filtered', placeholder: model.labels.successorNone, choices: model.choices.map((c) => ({ title: plain(c.title), value: c.value })) },
  );
  return adaptiveCard(body, [execute(model.labels.end, rosterVerbs.end, {}), execute(model.labels.handover, rosterVerbs.handover, {})]);
}
