import { holdingsOn, type BodySeat } from '../bodies/seats.js';
import { stockholmAt } from '../meetings/local-date.js';
import { stockholmDate } from '../time.js';
import { isPollAnswerOpen, responseOf, type Poll, type SlotId } from './poll.js';
import { slotResults } from './results.js';

export interface PollReminder {
  /** `poll:<pollId>:reminder:<personId>:<Stockholm date>` — one per person per day. Persist it when sent. */
  key: string;
  pollId: string;
  personId: string;
  /** The Stockholm date of this round. */
  day: string;
  /** 1 for the first reminder this person gets for this poll. */
  nth: number;
  /** The slots this person has not answered in which a seat they could cover is uncovered (all unanswered slots for the yearly meeting). */
  slotIds: SlotId[];
  /** Those seats (none for the yearly meeting). */
  seatIds: string[];
}

export const pollReminderPrefix = (pollId: string, personId: string): string => `poll:${pollId}:reminder:${personId}:`;

/**
 * The poll reminders to send now. The rules:
 *
 * - Rounds: once a day, from `timeOfDay` (Stockholm) until the day ends, starting the day after the poll was made
 *   (the invitation itself is that day's message) and ending when answers close. A round missed while the bot was
 *   down is made up later the same day, never the next day.
 * - Recipients — only people whose answer could still change a seat's coverage: a person is reminded when there is a
 *   slot they have not answered in which a seat they could cover is uncovered — their own seat (as its holder on the
 *   slot's date), or, for a substitute, any seat of their constituency. Someone who has answered every slot, even all
 *   "no", is not reminded; nor is a member whose seat is covered in every slot they left open (by a substitute, say).
 *   The yearly meeting has no seats: everyone who has not answered every slot is reminded.
 * - At most `maxReminders` per person per poll, counted from `sentKeys`; never twice a day (the key names the day).
 */
export function dueReminders({
  poll,
  seats,
  now,
  timeOfDay,
  maxReminders,
  sentKeys,
}: {
  poll: Poll;
  seats: readonly BodySeat[];
  now: Date;
  timeOfDay: string;
  maxReminders: number;
  sentKeys: ReadonlySet<string>;
}): PollReminder[] {
  if (!isPollAnswerOpen({ poll, now })) return [];
  const day = stockholmDate(now);
  if (day <= stockholmDate(new Date(poll.createdAt))) return [];
  if (now.getTime() < stockholmAt(day, timeOfDay).getTime()) return [];

  const unansweredBy = (personId: string): SlotId[] => {
    const r = responseOf(poll, personId);
    return poll.slots.filter((s) => r?.answers[s.id] === undefined).map((s) => s.id);
  };

  // For a body with seats: per slot, the uncovered seats and who could cover each.
  const couldCover = new Map<string, Map<SlotId, string[]>>(); // person → slot → uncovered seats they could cover
  if (poll.type !== 'arlig-traff') {
    const body = poll.type;
    for (const result of slotResults({ poll, seats })) {
      const holdings = holdingsOn({ seats, body, date: result.slot.date });
      for (const seat of result.coverage?.seats ?? []) {
        if (seat.coveredBy) continue;
        const people = new Set<string>();
        if (seat.holderId) people.add(seat.holderId);
        for (const h of holdings) if (h.kind === 'substitute' && h.constituency === seat.constituency && h.personId) people.add(h.personId);
        for (const p of people) {
          const bySlot = couldCover.get(p) ?? new Map<SlotId, string[]>();
          bySlot.set(result.slot.id, [...(bySlot.get(result.slot.id) ?? []), seat.seatId]);
          couldCover.set(p, bySlot);
        }
      }
    }
  }

  const out: PollReminder[] = [];
  for (const personId of poll.inviteeIds) {
    const open = unansweredBy(personId);
    if (open.length === 0) continue;
    let slotIds: SlotId[] = open;
    let seatIds: string[] = [];
    if (poll.type !== 'arlig-traff') {
      const bySlot = couldCover.get(personId);
      slotIds = open.filter((s) => (bySlot?.get(s)?.length ?? 0) > 0);
      seatIds = [...new Set(slotIds.flatMap((s) => bySlot?.get(s) ?? []))];
    }
    if (slotIds.length === 0) continue;
    const prefix = pollReminderPrefix(poll.id, personId);
    const key = `${prefix}${day}`;
    if (sentKeys.has(key)) continue;
    let sent = 0;
    for (const k of sentKeys) if (k.startsWith(prefix)) sent += 1;
    if (sent >= maxReminders) continue;
    out.push({ key, pollId: poll.id, personId, day, nth: sent + 1, slotIds, seatIds });
  }
  return out;
}
