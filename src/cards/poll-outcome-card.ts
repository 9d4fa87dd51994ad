import type { MeetingType } from '../domain/meetings/meeting.js';
import type { PollNotice } from '../domain/polls/poll.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, factSet, heading, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { meetingVerbs } from './meeting-verbs.js';

export interface PollOutcomeCardModel {
  /** The outcome for this person, from `finalisePoll` / `autoFinalise` / `cancelPoll`. */
  notice: Extract<PollNotice, { kind: 'pollFinalised' | 'pollCancelled' }>;
  type: MeetingType;
  title: string;
  /** The chosen time, pre-formatted in Stockholm time in the viewer's language (finalised only). */
  when?: string | undefined;
  place?: string | undefined;
  onlineUrl?: string | undefined;
  /** Chosen automatically when answers closed. */
  auto?: boolean | undefined;
  /** The meeting made from the poll: a button shows its invitation (for those the meeting invites). */
  meetingId?: string | undefined;
}

/**
 * What everyone asked in a poll is told when it ends (issue #16 point 5): the chosen time and what it means for them
 * — recorded as coming (they said yes), invited to answer the meeting's own invitation, or not called this time — or
 * that the poll was called off.
 */
export function pollOutcomeCard(model: PollOutcomeCardModel, t: Catalogue): AdaptiveCard {
  const o = t.polls.outcome;
  const n = model.notice;
  const kind = textBlock(plain(`${t.polls.kind} · ${t.meetings.types[model.type]}`), { isSubtle: true, size: 'Small' });
  if (n.kind === 'pollCancelled') {
    return adaptiveCard([heading(o.cancelledHeading), kind, textBlock(o.cancelled({ title: plain(model.title) }))]);
  }

  const body: CardElement[] = [heading(o.finalisedHeading), kind, userText(model.title, { weight: 'Bolder', size: 'Medium' })];
  const facts: [string, string][] = [];
  if (model.when) facts.push([o.when, model.when]);
  if (model.place) facts.push([o.place, plain(model.place)]);
  if (model.onlineUrl) facts.push([t.polls.card.online, plain(model.onlineUrl)]);
  if (facts.length > 0) body.push(factSet(facts));
  body.push(textBlock(o[n.role], { weight: 'Bolder', spacing: 'Medium', ...(n.role === 'coming' ? { color: 'Good' } : {}) }));
  if (model.auto) body.push(textBlock(o.auto, { isSubtle: true, size: 'Small' }));

  const actions: CardElement[] = model.meetingId && n.role !== 'notNeeded' ? [execute(o.openInvitation, meetingVerbs.open, { meetingId: model.meetingId })] : [];
  return adaptiveCard(body, actions);
}
