import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { plain } from '../../cards/adaptive-card.js';
import { pollAnswerCard } from '../../cards/poll-answer-card.js';
import { pollListCard, type PollListItem } from '../../cards/poll-list-card.js';
import { pollOutcomeCard } from '../../cards/poll-outcome-card.js';
import { pollOverviewCard } from '../../cards/poll-overview-card.js';
import type { Person } from '../../domain/people.js';
import { hasAnsweredAll, slotEnd, slotStart, type Poll, type PollSlot, type SlotId, type SlotTimes } from '../../domain/polls/poll.js';
import { leadershipPollView } from '../../domain/polls/views.js';
import type { BodySeat } from '../../domain/bodies/seats.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import type { PollCardNoticeData, PollOutcomeNoticeData } from '../../app/polls/poll-notices.js';
import { formatDate, formatWhen } from '../meetings/views.js';

/* Poll state → cards, in the viewer's language and Stockholm time. Pure: handlers and notice renderers pass in what they read. */

// Formatting a Stockholm time goes through Intl twice per instant (about 0.2 ms a time); a poll card shows up to eight
// on every turn, always the same ones: kept per language, a bounded map.
const whenCache = new WeakMap<Catalogue, Map<string, string>>();

export function slotWhenOf(t: Catalogue, slot: SlotTimes): string {
  let cache = whenCache.get(t);
  if (!cache) whenCache.set(t, (cache = new Map()));
  const key = `${slot.date} ${slot.start} ${slot.end}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const when = formatWhen(t, { start: slotStart(slot).toISOString(), end: slotEnd(slot).toISOString() });
  if (cache.size >= 1_000) cache.clear();
  cache.set(key, when);
  return when;
}

export const slotWhenMap = (t: Catalogue, slots: readonly PollSlot[] | ReadonlyArray<{ slotId: SlotId; date: string; start: string; end: string }>): Record<string, string> =>
  Object.fromEntries(slots.map((s) => ['slotId' in s ? s.slotId : s.id, slotWhenOf(t, s)]));

/** An invitee's answer card from the member view a use case put in a notice (or a handler computed). */
export function answerCardOf(t: Catalogue, data: PollCardNoticeData, notice?: string): AdaptiveCard {
  let text = notice;
  if (!text && data.why.kind === 'reminder') {
    const when = slotWhenMap(t, data.view.slots.filter((s) => (data.why.kind === 'reminder' ? data.why.slotIds.includes(s.slotId) : false)));
    text = t.polls.replies.reminderNotice({ slots: plain(Object.values(when).join(', ')) });
  }
  return pollAnswerCard(
    {
      view: data.view,
      slotWhen: slotWhenMap(t, data.view.slots),
      answerBy: formatDate(t, data.view.answerBy),
      organiserName: data.organiserName || t.polls.unknownPerson,
      names: data.names,
      refreshUserIds: [],
      ...(text ? { notice: text } : {}),
    },
    t,
  );
}

export function overviewCardOf({
  t,
  poll,
  seats,
  people,
  now,
  confirmSlotId,
  confirmCancel,
  notices,
}: {
  t: Catalogue;
  poll: Poll;
  seats: readonly BodySeat[];
  people: readonly Person[];
  now: Date;
  confirmSlotId?: SlotId | undefined;
  confirmCancel?: boolean | undefined;
  notices?: readonly string[] | undefined;
}): AdaptiveCard {
  const view = leadershipPollView({ poll, seats, now });
  const names = Object.fromEntries(people.map((p) => [p.aadObjectId, p.name]));
  return pollOverviewCard({ view, slotWhen: slotWhenMap(t, poll.slots), answerBy: formatDate(t, poll.answerBy), names, confirmSlotId, confirmCancel, notices }, t);
}

export function outcomeCardOf(t: Catalogue, data: PollOutcomeNoticeData): AdaptiveCard {
  return pollOutcomeCard(
    {
      notice: data.notice,
      type: data.type,
      title: data.title,
      ...(data.slot ? { when: slotWhenOf(t, data.slot) } : {}),
      place: data.place,
      onlineUrl: data.onlineUrl,
      auto: data.auto,
      meetingId: data.meetingId,
    },
    t,
  );
}

const newestFirst = (a: Poll, b: Poll) => b.createdAt.localeCompare(a.createdAt);

/** Leadership's list: every poll not long over, newest first, with progress. */
export function leadershipListOf(t: Catalogue, polls: readonly Poll[]): AdaptiveCard {
  const items: PollListItem[] = [...polls].sort(newestFirst).map((p) => ({
    pollId: p.id,
    type: p.type,
    title: p.title,
    answerBy: formatDate(t, p.answerBy),
    status: p.status,
    progress: { answered: p.inviteeIds.filter((id) => hasAnsweredAll(p, id)).length, invited: p.inviteeIds.length },
  }));
  return pollListCard({ polls: items, manage: true }, t);
}

/** An invitee's open polls (issue #16: members see open polls under "möten"). */
export function openPollsOf(polls: readonly Poll[], personId: string): Poll[] {
  return polls.filter((p) => p.status === 'open' && p.inviteeIds.includes(personId)).sort(newestFirst);
}

export function inviteeListOf(t: Catalogue, polls: readonly Poll[], personId: string): AdaptiveCard {
  const items: PollListItem[] = polls.map((p) => ({ pollId: p.id, type: p.type, title: p.title, answerBy: formatDate(t, p.answerBy), status: p.status, answeredAll: hasAnsweredAll(p, personId) }));
  return pollListCard({ polls: items, manage: false }, t);
}
