import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, heading, plain, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { cut, tag } from './records-card-parts.js';
import { recordsVerbs } from './records-verbs.js';

export interface ActionsListItem {
  actionId: string;
  title: string;
  ownerName: string;
  /** Pre-formatted due date. */
  due: string;
  overdue: boolean;
}

export interface ActionsListCardModel {
  /** mine: the viewer's own; meeting / person: leadership's views, grouped. */
  scope: 'mine' | 'meeting' | 'person';
  /** Groups in order (a meeting's title, a person's name; '' for the one group of "mine"). */
  groups: ReadonlyArray<{ heading: string; items: readonly ActionsListItem[] }>;
  /** Leadership may switch between the views. */
  canSwitch: boolean;
}

/** Rows the card shows in all; the rest are counted. A row is at most about 600 bytes (titles cut to 120 characters). */
export const ACTIONS_LIST_MAX_ROWS = 30;
const TITLE_MAX = 120;

/** Open action items: the viewer's own, or (leadership) per meeting or per person; earliest due first, overdue marked. */
export function actionsListCard(model: ActionsListCardModel, t: Catalogue): AdaptiveCard {
  const l = t.records.actionsList;
  const body: CardElement[] = [heading(model.scope === 'mine' ? l.mine : `${l.heading} – ${model.scope === 'meeting' ? l.perMeeting : l.perPerson}`)];
  const total = model.groups.reduce((n, g) => n + g.items.length, 0);
  if (total === 0) body.push(textBlock(l.none));
  let shown = 0;
  for (const group of model.groups) {
    if (shown >= ACTIONS_LIST_MAX_ROWS || group.items.length === 0) continue;
    if (group.heading !== '') body.push(textBlock(plain(cut(group.heading, TITLE_MAX)), { weight: 'Bolder', spacing: 'Medium' }));
    for (const item of group.items) {
      if (shown >= ACTIONS_LIST_MAX_ROWS) break;
      shown += 1;
      const line = l.line({ title: plain(cut(item.title, TITLE_MAX)), owner: plain(cut(item.ownerName, 80)), due: plain(item.due) });
      body.push({
        type: 'Container',
        spacing: 'Small',
        selectAction: execute(t.records.action.heading, recordsVerbs.action, { actionId: item.actionId }),
        items: [textBlock(line), ...(item.overdue ? [tag(t.records.action.overdue, 'Attention')] : [])],
      });
    }
  }
  if (total > shown) body.push(textBlock(l.more({ count: total - shown }), { isSubtle: true, spacing: 'Medium' }));
  const actions: CardElement[] = [];
  if (model.canSwitch) {
    if (model.scope !== 'meeting') actions.push(execute(l.perMeeting, recordsVerbs.actions, { scope: 'meeting' }));
    if (model.scope !== 'person') actions.push(execute(l.perPerson, recordsVerbs.actions, { scope: 'person' }));
    if (model.scope !== 'mine') actions.push(execute(l.mine, recordsVerbs.actions, { scope: 'mine' }));
  }
  return adaptiveCard(body, actions);
}
