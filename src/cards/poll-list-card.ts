import type { MeetingType } from '../domain/meetings/meeting.js';
import type { Poll } from '../domain/polls/poll.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, heading, plain, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { pollVerbs } from './poll-verbs.js';

export interface PollListItem {
  pollId: string;
  type: MeetingType;
  title: string;
  /** Pre-formatted answer-by date. */
  answerBy: string;
  status: Poll['status'];
  /** Invitee's list: whether the viewer has answered every time. */
  answeredAll?: boolean | undefined;
  /** Leadership's list: how many have answered every time, of how many asked. */
  progress?: { answered: number; invited: number } | undefined;
}

export interface PollListCardModel {
  polls: readonly PollListItem[];
  /** Leadership: each poll opens its overview, and a button opens the form for a new one. */
  manage: boolean;
}

/** At most this many polls are listed (the newest first); older ones are finished long ago. */
export const MAX_LISTED_POLLS = 20;

/**
 * The date polls a person has to do with (issue #16): leadership's under "tidsförslag" with their progress, an
 * overview button each and a button for a new poll; an invitee's open ones under "möten", each with whether they have
 * answered every time and a button that shows their answer card.
 */
export function pollListCard(model: PollListCardModel, t: Catalogue): AdaptiveCard {
  const l = t.polls.list;
  const body: CardElement[] = [heading(model.manage ? l.heading : l.headingOpen)];
  if (model.polls.length === 0) body.push(textBlock(l.empty, { isSubtle: true }));
  for (const p of model.polls.slice(0, MAX_LISTED_POLLS)) {
    const items: CardElement[] = [textBlock(plain(l.item({ type: t.meetings.types[p.type], title: p.title, date: p.answerBy })), { weight: 'Bolder' })];
    const status: string[] = [];
    if (model.manage) status.push(l.status[p.status]);
    if (p.progress) status.push(l.progress(p.progress));
    if (p.answeredAll !== undefined) status.push(p.answeredAll ? l.answered : l.notAnswered);
    if (status.length > 0) items.push(textBlock(status.join(' · '), { isSubtle: true, size: 'Small', spacing: 'None' }));
    items.push({
      type: 'ActionSet',
      actions: [model.manage ? execute(l.overview, pollVerbs.overview, { pollId: p.pollId }) : execute(l.open, pollVerbs.open, { pollId: p.pollId })],
    });
    body.push({ type: 'Container', separator: true, spacing: 'Medium', items });
  }
  const actions: CardElement[] = model.manage ? [execute(l.newPoll, pollVerbs.form, {}, { style: 'positive' })] : [];
  return adaptiveCard(body, actions);
}
