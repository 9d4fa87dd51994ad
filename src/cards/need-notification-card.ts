import type { NeedState, NeedStatus } from '../domain/needs/need.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, heading, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { clip, numberedTitle, stateText } from './needs-card-parts.js';
import { needsVerbs } from './needs-verbs.js';

export interface NeedNotificationCardModel {
  number: number;
  title: string;
  from: NeedStatus;
  to: NeedState;
  /** The answer or motivation, as the reviewer wrote it ('' when none). */
  text: string;
  /** The recipient is told because their organisation supports the need (not as its submitter). */
  asSupporter: boolean;
}

/** The news a submitter or supporter gets when a need changes status, with the reviewer's answer as typed. */
export function needNotificationCard(model: NeedNotificationCardModel, t: Catalogue): AdaptiveCard {
  const n = t.needs.notification;
  const body: CardElement[] = [heading(n.heading({ number: model.number })), numberedTitle(t, model.number, model.title)];
  if (model.to.status === 'tillbakadragen') body.push(textBlock(n.withdrawn));
  else body.push(textBlock(plain(n.changed({ from: t.needs.statuses[model.from], to: stateText(t, model.to) })), { weight: 'Bolder' }));
  if (model.text) body.push(textBlock(model.to.status === 'avslagen' ? n.motivation : n.answer, { size: 'Small', isSubtle: true }), userText(clip(model.text, 4000)));
  if (model.asSupporter) body.push(textBlock(n.supporterNote, { isSubtle: true, size: 'Small' }));
  return adaptiveCard(body, [execute(n.show, needsVerbs.show, { number: model.number })]);
}
