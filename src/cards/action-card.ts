import type { DecisionRef } from '../domain/records/decision.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, factSet, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { refText, tag } from './records-card-parts.js';
import { actionInputIds, recordsVerbs } from './records-verbs.js';

export interface ActionCardModel {
  actionId: string;
  title: string;
  ownerName: string;
  /** Pre-formatted due date. */
  due: string;
  overdue: boolean;
  status: 'open' | 'done';
  completion?: { date: string; name: string; comment?: string | undefined } | undefined;
  source: { kind: 'decision'; ref: DecisionRef } | { kind: 'agendaItem'; meetingTitle: string; itemTitle: string };
  /** The viewer owns the action or is leadership: they can mark it done, or reopen it. */
  canUpdate: boolean;
  /** Why the card comes now (assigned, a reminder), already worded and escaped. */
  notice?: string | undefined;
}

/**
 * One action item as its owner sees it: what, from which decision or agenda item, by when (overdue marked); the owner
 * marks it done with an optional comment, or reopens it.
 */
export function actionCard(model: ActionCardModel, t: Catalogue): AdaptiveCard {
  const a = t.records.action;
  const body: CardElement[] = [];
  if (model.notice) body.push({ type: 'Container', style: 'emphasis', items: [textBlock(model.notice, { weight: 'Bolder' })] });
  body.push(textBlock(a.heading, { isSubtle: true, size: 'Small' }), userText(model.title, { size: 'Medium', weight: 'Bolder' }));
  body.push(tag(a.status[model.status], model.status === 'done' ? 'Good' : 'Default'));
  if (model.status === 'open' && model.overdue) body.push(tag(a.overdue, 'Attention'));
  const from = model.source.kind === 'decision' ? a.fromDecision({ ref: refText(t, model.source.ref) }) : a.fromItem({ meeting: model.source.meetingTitle, item: model.source.itemTitle });
  body.push(factSet([[a.owner, plain(model.ownerName)], [a.due, plain(model.due)], [a.from, plain(from)]]));

  if (model.completion) {
    body.push(textBlock(a.done({ date: plain(model.completion.date), name: plain(model.completion.name) }), { color: 'Good', spacing: 'Medium' }));
    if (model.completion.comment) body.push({ ...userText(model.completion.comment, { isSubtle: true, italic: true }), spacing: 'None' });
  }
  const actions: CardElement[] = [];
  if (model.canUpdate) {
    body.push({ type: 'Input.Text', id: actionInputIds.comment, label: a.comment, placeholder: a.commentPlaceholder, isMultiline: true, maxLength: 1000, spacing: 'Medium' });
    actions.push(
      model.status === 'open'
        ? execute(a.markDone, recordsVerbs.completeAction, { actionId: model.actionId }, { style: 'positive' })
        : execute(a.reopen, recordsVerbs.reopenAction, { actionId: model.actionId }),
    );
  }
  return adaptiveCard(body, actions);
}
