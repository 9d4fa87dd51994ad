import { adaptiveCard, execute, factSet, heading, plain, textBlock, type AdaptiveCard } from './adaptive-card.js';

export interface RosterConfirmModel {
  title: string;
  intro: string;
  facts: ReadonlyArray<readonly [string, string]>;
  /** The verb and data the confirm button sends again, with `confirm: 'yes'`. */
  verb: string;
  data: Record<string, string>;
  confirm: string;
  cancel: string;
}

/** "Are you sure?" before a roster change: what will happen, to whom, from when. */
export function rosterConfirmCard(model: RosterConfirmModel): AdaptiveCard {
  return adaptiveCard(
    [heading(model.title), textBlock(model.intro), factSet(model.facts.map(([k, v]) => [k, plain(v)] as const))],
    [execute(model.confirm, model.verb, { ...model.data, confirm: 'yes' }, { style: 'destructive' }), execute(model.cancel, model.verb, { ...model.data, confirm: 'no' })],
  );
}
