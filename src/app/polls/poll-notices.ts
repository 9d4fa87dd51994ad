import { seatsFromRoster } from '../../domain/bodies/seats-from-roster.js';
import type { BodySeat } from '../../domain/bodies/seats.js';
import { can } from '../../domain/permissions.js';
import type { Poll, PollNotice, SlotId } from '../../domain/polls/poll.js';
import { memberPollView, type MemberPollView } from '../../domain/polls/views.js';
import type { Notice } from '../kernel.js';
import type { Repositories } from '../repositories.js';

/*
 * What the poll use cases share: the seats as the roster has them today, who leadership is, and the notices (data,
 * not text) that the polls feature renders — each invitee's own view of the poll, leadership's messages, the outcome.
 */

/** The roster has no term dates: every seat is held from this day on (see seatsFromRoster). */
export const SEATS_SINCE = '2000-01-01';

let lastSeats: { people: readonly unknown[]; organisations: readonly unknown[]; seats: BodySeat[] } | undefined;
const sameElements = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The bodies' seats from the roster. Every poll turn needs them, and the roster rarely changes: the last result is
 * kept while the people and organisations are the same records (records are replaced, never edited in place, so an
 * element-wise identity check sees every change; about 2 µs for 2,000 people against ~1 ms to rebuild).
 */
export function seatsOf(repos: Pick<Repositories, 'people' | 'organisations'>): BodySeat[] {
  const people = repos.people.all();
  const organisations = repos.organisations.all();
  if (lastSeats && sameElements(lastSeats.people, people) && sameElements(lastSeats.organisations, organisations)) return lastSeats.seats;
  const seats = seatsFromRoster({ people, organisations, since: SEATS_SINCE }).seats;
  lastSeats = { people: [...people], organisations: [...organisations], seats };
  return seats;
}

/** Who is told what leadership must hear (everyone answered, the deadline passed undecided): leadership and the poll's organiser. */
export function leadershipIds(repos: Pick<Repositories, 'people'>, poll: Pick<Poll, 'organiserId'>): string[] {
  const ids = repos.people.all().filter((p) => can(p, 'polls.manage')).map((p) => p.aadObjectId);
  return [...new Set([poll.organiserId, ...ids])].filter((id) => repos.people.get(id) !== undefined);
}

export const POLL_NOTICE = {
  /** An invitee's answer card: on invitation, as a reminder. */
  card: 'poll.card',
  everyoneAnswered: 'poll.everyoneAnswered',
  undecided: 'poll.undecided',
  outcome: 'poll.outcome',
} as const;

export interface PollCardNoticeData {
  view: MemberPollView;
  organiserName: string;
  /** Names of the other invitees whose answers an open poll shows; empty for an anonymous poll. */
  names: Record<string, string>;
  why: { kind: 'invited' } | { kind: 'reminder'; slotIds: SlotId[] };
}

/** The answer card for one invitee, built from the member view only (an anonymous poll's card cannot name anyone else). */
export function pollCardNotice({
  key,
  poll,
  personId,
  repos,
  seats,
  now,
  why,
}: {
  key: string;
  poll: Poll;
  personId: string;
  repos: Pick<Repositories, 'people'>;
  seats: readonly BodySeat[];
  now: Date;
  why: PollCardNoticeData['why'];
}): Notice | undefined {
  const r = memberPollView({ poll, personId, seats, now });
  if (!r.ok) return undefined;
  const names: Record<string, string> = {};
  for (const o of r.view.others ?? []) {
    const name = repos.people.get(o.personId)?.name;
    if (name) names[o.personId] = name;
  }
  const data: PollCardNoticeData = { view: r.view, organiserName: repos.people.get(poll.organiserId)?.name ?? '', names, why };
  return { key, personId, kind: POLL_NOTICE.card, data };
}

export interface PollOutcomeNoticeData {
  notice: Extract<PollNotice, { kind: 'pollFinalised' | 'pollCancelled' }>;
  type: Poll['type'];
  title: string;
  slot?: { date: string; start: string; end: string };
  place?: string;
  onlineUrl?: string;
  auto?: boolean;
  meetingId?: string;
}

export function outcomeNotices(poll: Poll, notify: readonly PollNotice[]): Notice[] {
  const slot = poll.finalised ? poll.slots.find((s) => s.id === poll.finalised?.slotId) : undefined;
  return notify.flatMap((n): Notice[] => {
    if (n.kind === 'pollInvited') return [];
    const data: PollOutcomeNoticeData = {
      notice: n,
      type: poll.type,
      title: poll.title,
      ...(slot ? { slot: { date: slot.date, start: slot.start, end: slot.end } } : {}),
      ...(poll.place !== undefined ? { place: poll.place } : {}),
      ...(poll.onlineUrl !== undefined ? { onlineUrl: poll.onlineUrl } : {}),
      ...(poll.finalised && 'auto' in poll.finalised ? { auto: true } : {}),
      ...(poll.meetingId !== undefined ? { meetingId: poll.meetingId } : {}),
    };
    return [{ key: `poll:${poll.id}:outcome:${n.personId}`, personId: n.personId, kind: POLL_NOTICE.outcome, data }];
  });
}

export interface PollLeadershipNoticeData {
  pollId: string;
  title: string;
  reason?: 'autoOff' | 'noSlotCoversEverySeat' | 'severalSlotsCoverEverySeat' | 'slotsPassed';
}
