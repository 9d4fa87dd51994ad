import type { Availability } from '../domain/bodies/coverage.js';
import type { SlotId } from '../domain/polls/poll.js';
import type { OthersAnswers } from '../domain/polls/views.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';

/*
 * Pieces the date-poll cards share. Names and comments are what people typed: names go through plain(), comments
 * are TextRuns (never markdown).
 */

export const ANSWERS: readonly Availability[] = ['yes', 'ifNeedBe', 'no'];

/**
 * How much of who-said-what a card lists. An open poll lists names per answer and everyone's comments; the yearly
 * meeting asks some 45 people (a poll up to 500), and long names and comments in non-Latin script weigh two bytes a
 * character, so a card is built at the fullest level that fits Teams' size limit (28 KB for the strictest clients,
 * see tests/helpers/card-validator.ts; we keep a margin for the activity around it). Comments share a budget: with
 * few each is whole (≤ 500), with many each is cut, never below a readable minimum.
 */
export interface Detail {
  namesPerAnswer: number;
  comments: number;
  commentBudget: number;
}
export const DETAIL_LEVELS: readonly Detail[] = [
  { namesPerAnswer: Number.POSITIVE_INFINITY, comments: Number.POSITIVE_INFINITY, commentBudget: 5000 },
  { namesPerAnswer: 12, comments: 12, commentBudget: 2400 },
  { namesPerAnswer: 0, comments: 0, commentBudget: 0 },
];
export const CARD_BYTE_BUDGET = 26 * 1024;
export const COMMENT_MIN = 60;
/** Names in lists are cut: a roster name may be 200 characters. */
const NAME_MAX = 60;

const bytes = (card: AdaptiveCard): number => new TextEncoder().encode(JSON.stringify(card)).length;
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The card at the fullest level of detail that fits the budget; the last level lists no names or comments. */
export function fitted(build: (detail: Detail) => AdaptiveCard): AdaptiveCard {
  let card: AdaptiveCard | undefined;
  for (const detail of DETAIL_LEVELS) {
    card = build(detail);
    if (bytes(card) <= CARD_BYTE_BUDGET) return card;
  }
  if (!card) throw new Error('no detail levels');
  return card;
}

export const nameOf = (t: Catalogue, names: Readonly<Record<string, string>>, personId: string): string =>
  cut(Object.hasOwn(names, personId) ? (names[personId] ?? t.polls.unknownPerson) : t.polls.unknownPerson, NAME_MAX);

/** "Ja: Anna, Johan" per answer for one slot, at most `detail.namesPerAnswer` names each ("… och 3 till"). */
export function answersBySlot(t: Catalogue, names: Readonly<Record<string, string>>, people: readonly OthersAnswers[], slotId: SlotId, detail: Detail): CardElement[] {
  const out: CardElement[] = [];
  for (const value of ANSWERS) {
    const who = people.filter((p) => p.answers[slotId] === value);
    if (who.length === 0) continue;
    const shown = who.slice(0, detail.namesPerAnswer).map((p) => plain(nameOf(t, names, p.personId)));
    const rest = who.length - shown.length;
    const list = shown.length === 0 ? String(who.length) : rest > 0 ? `${shown.join(', ')} ${t.polls.card.more({ count: rest })}` : shown.join(', ');
    out.push(textBlock(t.polls.card.answeredBy({ answer: t.polls.answers[value], names: list }), { size: 'Small', spacing: 'None', isSubtle: true }));
  }
  return out;
}

/** The comments of others, name first, at most `detail.comments`, within the shared budget. */
export function commentsBlock(t: Catalogue, names: Readonly<Record<string, string>>, people: readonly OthersAnswers[], heading: string, detail: Detail): CardElement[] {
  const withComment = people.filter((p) => p.comment);
  if (withComment.length === 0) return [];
  const shown = withComment.slice(0, detail.comments);
  const rest = withComment.length - shown.length;
  const out: CardElement[] = [textBlock(heading, { weight: 'Bolder', spacing: 'Medium' })];
  if (shown.length > 0) {
    const per = Math.max(COMMENT_MIN, Math.floor(detail.commentBudget / shown.length));
    out.push({
      type: 'RichTextBlock',
      spacing: 'Small',
      inlines: shown.flatMap((p, i) => [
        ...inlinesOf(userText(`${i > 0 ? '\n' : ''}${nameOf(t, names, p.personId)}: `, { weight: 'Bolder' })),
        ...inlinesOf(userText(cut(p.comment ?? '', per), { italic: true })),
      ]),
    });
  }
  if (rest > 0) out.push(textBlock(t.polls.card.moreComments({ count: rest }), { isSubtle: true, size: 'Small', spacing: 'Small' }));
  return out;
}

const inlinesOf = (e: CardElement): CardElement[] => (Array.isArray(e.inlines) ? (e.inlines as CardElement[]) : []);
