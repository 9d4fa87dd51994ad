import type { DecisionBody } from '../domain/records/common.js';
import { RECORD_LIMITS } from '../domain/records/common.js';
import type { PerCapsulamRule } from '../domain/records/per-capsulam.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, errorBlock, execute, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { perCapsulamInputIds, recordsVerbs } from './records-verbs.js';

export interface PerCapsulamFormCardModel {
  /** How many seats each body has now (the question goes to them). */
  seats: Record<DecisionBody, number>;
  rule: PerCapsulamRule['adoptWhen'];
  /** Earliest deadline date allowed (today, Stockholm), yyyy-MM-dd. */
  minDate: string;
  values?: Partial<Record<keyof typeof perCapsulamInputIds, string>> | undefined;
  problems?: readonly string[] | undefined;
}

/** Leadership puts a proposal to a body's seats between meetings, with a deadline (Stockholm time). */
export function perCapsulamFormCard(model: PerCapsulamFormCardModel, t: Catalogue): AdaptiveCard {
  const f = t.records.perCapsulamForm;
  const v = model.values ?? {};
  const body: CardElement[] = [textBlock(f.heading, { size: 'Medium', weight: 'Bolder', style: 'heading' }), textBlock(f.intro, { isSubtle: true, spacing: 'None' })];
  for (const p of model.problems ?? []) body.push(errorBlock(p));
  const bodies: DecisionBody[] = ['programrad', 'programgrupp'];
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: perCapsulamInputIds.body,
      label: f.body,
      style: 'expanded',
      value: v.body ?? 'programrad',
      choices: bodies.map((b) => ({ title: `${t.records.bodies[b]} – ${f.seats({ count: model.seats[b] })}`, value: b })),
    },
    { type: 'Input.Text', id: perCapsulamInputIds.proposal, label: f.proposal, isMultiline: true, maxLength: RECORD_LIMITS.decisionText, ...(v.proposal ? { value: v.proposal } : {}) },
    { type: 'Input.Text', id: perCapsulamInputIds.needs, label: f.needs, maxLength: 200, ...(v.needs ? { value: v.needs } : {}) },
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Date', id: perCapsulamInputIds.deadlineDate, label: f.deadlineDate, min: model.minDate, ...(v.deadlineDate ? { value: v.deadlineDate } : {}) }] },
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: perCapsulamInputIds.deadlineTime, label: f.deadlineTime, value: v.deadlineTime ?? '16:00' }] },
      ],
    },
    textBlock(t.records.perCapsulam.rule[model.rule], { spacing: 'Medium' }),
    textBlock(t.records.perCapsulam.ruleAssumption, { isSubtle: true, size: 'Small', spacing: 'None' }),
  );
  return adaptiveCard(body, [execute(f.submit, recordsVerbs.openPerCapsulam, {}, { style: 'positive' })]);
}
