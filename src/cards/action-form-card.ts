import type { DecisionRef } from '../domain/records/decision.js';
import { RECORD_LIMITS } from '../domain/records/common.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, errorBlock, execute, plain, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { cut, refText } from './records-card-parts.js';
import { actionInputIds, recordsVerbs } from './records-verbs.js';

export interface ActionFormCardModel {
  source: { kind: 'decision'; decisionId: string; ref: DecisionRef } | { kind: 'agendaItem'; meetingId: string; itemId: string; meetingTitle: string; itemTitle: string };
  /** The roster, as picker choices ("Name, Organisation"). */
  people: ReadonlyArray<{ id: string; label: string }>;
  /** Earliest due date allowed (today, Stockholm), yyyy-MM-dd. */
  minDate: string;
  values?: { title?: string | undefined; owner?: string | undefined; due?: string | undefined } | undefined;
  problems?: readonly string[] | undefined;
}

/** Leadership creates an action from a decision or an agenda item: what, who (from the roster), by when. */
export function actionFormCard(model: ActionFormCardModel, t: Catalogue): AdaptiveCard {
  const f = t.records.actionForm;
  const v = model.values ?? {};
  const source =
    model.source.kind === 'decision'
      ? t.records.action.fromDecision({ ref: refText(t, model.source.ref) })
      : t.records.action.fromItem({ meeting: model.source.meetingTitle, item: model.source.itemTitle });
  const body: CardElement[] = [textBlock(f.heading, { size: 'Medium', weight: 'Bolder', style: 'heading' }), textBlock(plain(f.from({ source: cut(source, 250) })), { isSubtle: true, spacing: 'None' })];
  for (const p of model.problems ?? []) body.push(errorBlock(p));
  body.push(
    { type: 'Input.Text', id: actionInputIds.title, label: f.title, maxLength: RECORD_LIMITS.actionTitle, ...(v.title ? { value: v.title } : {}) },
    {
      type: 'Input.ChoiceSet',
      id: actionInputIds.owner,
      label: f.owner,
      // The roster has more people than a dropdown shows (15): type-ahead.
      style: 'filtered',
      placeholder: f.pickPerson,
      choices: model.people.map((p) => ({ title: cut(p.label, 100), value: p.id })),
      ...(v.owner ? { value: v.owner } : {}),
    },
    { type: 'Input.Date', id: actionInputIds.due, label: f.due, min: model.minDate, ...(v.due ? { value: v.due } : {}) },
  );
  const data = model.source.kind === 'decision' ? { decisionId: model.source.decisionId } : { meetingId: model.source.meetingId, itemId: model.source.itemId };
  return adaptiveCard(body, [execute(f.submit, recordsVerbs.createAction, data, { style: 'positive' })]);
}
