import { answerInputId } from '../domain/polls/answer.js';
import { POLL_LIMITS } from '../domain/polls/poll.js';
import type { MemberPollView } from '../domain/polls/views.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, factSet, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { MAX_REFRESH_USERS } from './meeting-invitation-card.js';
import { ANSWERS, answersBySlot, commentsBlock, fitted, type Detail } from './poll-card-parts.js';
import { pollVerbs } from './poll-verbs.js';

export interface PollAnswerCardModel {
  /**
   * The viewer's view from `memberPollView` (src/domain/polls/views.ts): the only source of what the card shows of
   * the poll, so an anonymous poll's card cannot show other people's answers — they are not in it.
   */
  view: MemberPollView;
  /** Each slot pre-formatted in Stockholm time in the viewer's language ("tisdag 13 april 2027 kl. 09.00–12.00"). */
  slotWhen: Readonly<Record<string, string>>;
  /** Pre-formatted answer-by date. */
  answerBy: string;
  organiserName: string;
  /** Names by person id, for the other invitees' answers in an open poll. */
  names: Readonly<Record<string, string>>;
  /** Who gets their own view through Universal Actions refresh; in a 1:1 chat, the recipient. */
  refreshUserIds: readonly string[];
  /** Why this card comes now (invited, answers saved, reminder…), already escaped; not kept on refresh. */
  notice?: string | undefined;
}

/**
 * The poll as an invitee sees it (issue #16 point 2): the meeting's details, per proposed time the viewer's own
 * answer as a yes / if need be / no choice and how many seats are covered so far, one comment, and a send button
 * (Action.Execute). In an open poll it also lists who answered what, with their comments. After the deadline, or
 * once a time is chosen or the poll is called off, the answers are shown without inputs. The card refreshes to each
 * viewer's own view (Universal Actions).
 *
 * Size: 8 times × 3 choices plus coverage is about 8 KB; an open poll adds names per answer and comments, listed as
 * fully as Teams' card size allows (see `fitted`), so even a yearly-meeting poll with every invitee commenting fits.
 */
export function pollAnswerCard(model: PollAnswerCardModel, t: Catalogue): AdaptiveCard {
  return fitted((detail) => build(model, t, detail));
}

function build(model: PollAnswerCardModel, t: Catalogue, detail: Detail): AdaptiveCard {
  const c = t.polls.card;
  const v = model.view;
  const body: CardElement[] = [];
  if (model.notice) body.push({ type: 'Container', style: 'emphasis', items: [textBlock(model.notice, { weight: 'Bolder' })] });
  body.push(textBlock(plain(c.heading({ type: t.meetings.types[v.type] })), { isSubtle: true, size: 'Small' }), userText(v.title, { size: 'Medium', weight: 'Bolder' }));

  const facts: [string, string][] = [];
  if (v.place) facts.push([c.place, plain(v.place)]);
  if (v.onlineUrl) facts.push([c.online, plain(v.onlineUrl)]);
  facts.push([c.deadline, model.answerBy], [c.organiser, plain(model.organiserName)]);
  body.push(factSet(facts));
  if (v.agenda) body.push(textBlock(c.agenda, { weight: 'Bolder', spacing: 'Small' }), userText(v.agenda));

  const finalWhen = v.finalSlotId ? model.slotWhen[v.finalSlotId] : undefined;
  if (v.status === 'cancelled') body.push(textBlock(c.cancelled, { color: 'Attention', weight: 'Bolder', size: 'Medium' }));
  else if (v.status === 'finalised' && finalWhen) body.push(textBlock(plain(c.finalised({ when: finalWhen })), { color: 'Good', weight: 'Bolder', size: 'Medium' }));
  else if (v.answerOpen) body.push(textBlock(c.intro({ date: model.answerBy }), { spacing: 'Medium' }));
  else body.push(textBlock(c.closed({ date: model.answerBy }), { isSubtle: true, spacing: 'Medium' }));
  body.push(textBlock(v.visibility === 'open' ? c.openNote : c.anonymousNote, { isSubtle: true, size: 'Small', spacing: 'Small' }));

  for (const slot of v.slots) {
    const when = model.slotWhen[slot.slotId] ?? `${slot.date} ${slot.start}–${slot.end}`;
    const chosen = v.finalSlotId === slot.slotId;
    const items: CardElement[] = [textBlock(plain(chosen ? `✅ ${when} · ${c.chosen}` : when), { weight: 'Bolder' })];
    items.push(
      textBlock(slot.yes !== undefined ? c.yesCount({ count: slot.yes }) : c.covered({ covered: slot.coveredSeats, total: slot.totalSeats }), {
        size: 'Small',
        spacing: 'None',
        ...(slot.yes === undefined && slot.coveredSeats === slot.totalSeats && slot.totalSeats > 0 ? { color: 'Good' } : {}),
      }),
    );
    if (v.answerOpen) {
      items.push({
        type: 'Input.ChoiceSet',
        id: answerInputId(slot.slotId),
        label: c.yourAnswerLabel,
        style: 'expanded',
        wrap: true,
        choices: ANSWERS.map((value) => ({ title: t.polls.answers[value], value })),
        ...(slot.own ? { value: slot.own } : {}),
      });
    } else {
      items.push(textBlock(slot.own ? c.yourAnswer({ answer: t.polls.answers[slot.own] }) : c.noAnswerYet, { spacing: 'Small', ...(slot.own ? {} : { isSubtle: true }) }));
    }
    if (v.others) items.push(...answersBySlot(t, model.names, v.others, slot.slotId, detail));
    body.push({ type: 'Container', separator: true, spacing: 'Medium', items });
  }

  if (v.answerOpen) {
    body.push({
      type: 'Input.Text',
      id: 'comment',
      label: c.comment,
      placeholder: c.commentPlaceholder,
      isMultiline: true,
      maxLength: POLL_LIMITS.comment,
      spacing: 'Medium',
      ...(v.ownComment ? { value: v.ownComment } : {}),
    });
  } else if (v.ownComment) {
    body.push(textBlock(c.yourComment, { isSubtle: true, size: 'Small', spacing: 'Medium' }), userText(v.ownComment, { isSubtle: true }));
  }
  if (v.others) body.push(...commentsBlock(t, model.names, v.others, c.comments, detail));

  const actions: CardElement[] = v.answerOpen ? [execute(c.submit, pollVerbs.answer, { pollId: v.pollId }, { style: 'positive' })] : [];
  const userIds = model.refreshUserIds.slice(0, MAX_REFRESH_USERS);
  return adaptiveCard(body, actions, {
    refresh: { action: execute(c.refresh, pollVerbs.refresh, { pollId: v.pollId }), ...(userIds.length > 0 ? { userIds } : {}) },
  });
}
