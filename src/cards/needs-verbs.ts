import type { NeedStatus } from '../domain/needs/need.js';

/**
 * The Action.Execute verbs of the needs cards, shared by the cards that send them and the bot routes that receive
 * them (payload schemas: src/bot/needs/payloads.ts).
 */
export const needsVerbs = {
  /** Open the need form: empty, prefilled (data: the form fields), or to edit a need (data: `number`). */
  form: 'needs.form',
  /** Submit the new-need form (inputs: the form fields; data: `organisationId`, and `force: 'true'` to skip the similar-needs step). */
  submit: 'needs.submit',
  /** Save the edit form (data: `number`; inputs: the form fields). */
  save: 'needs.save',
  /** Stand behind a need (data: `number`). */
  support: 'needs.support',
  /** Show a need's detail card (data: `number`). */
  show: 'needs.show',
  /** Withdraw a need (data: `number`, `confirm: 'yes'`). */
  withdraw: 'needs.withdraw',
  /** Move a need along the review path (data: `number`, `to`; inputs: see reviewInputIds). */
  review: 'needs.review',
  /** A page of a needs list (data: `scope` mine|all, `token?`, the applied filter; `apply: 'true'` reads the filter inputs instead). */
  list: 'needs.list',
  /** The overview for one programme year or all (data: `round?`; or input `overviewRound`). */
  overview: 'needs.overview',
  /** Open a needs round (inputs: `year`, `closingDate`). */
  openRound: 'needs.openRound',
} as const;
export type NeedsVerb = (typeof needsVerbs)[keyof typeof needsVerbs];

/** Each review choice has its own inputs, so the ShowCards of one detail card never share an input id. */
export const reviewInputIds = {
  text: (to: NeedStatus): string => `reviewText-${to}`,
  planArea: 'planArea',
  planYear: 'planYear',
  mergeInto: 'mergeInto',
} as const;

/** The filter inputs of the "alla behov" list card ('' means any). */
export const listFilterInputIds = { area: 'filterArea', county: 'filterCounty', status: 'filterStatus', round: 'filterRound' } as const;

/** The programme-year choice on the overview card ('' means all years). */
export const overviewRoundInputId = 'overviewRound';
