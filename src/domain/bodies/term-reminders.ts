import { addLocalDays, stockholmAt } from '../meetings/local-date.js';
import { stockholmDate } from '../time.js';
import type { Constituency, SeatedBody, SeatKind } from './body-rules.js';
import { daysBetween } from './seat-composition.js';
import { termOn, type BodySeat } from './seats.js';

/** A reminder that a term of office ends: for the holder and for programme leadership (issue #15). */
export interface TermEndReminder {
  /** Stable: persist it once sent and pass it back in `sentKeys`; it is never due again. Names the term's last day, so an extended term is reminded afresh. */
  key: string;
  seatId: string;
  body: SeatedBody;
  constituency: Constituency;
  kind: SeatKind;
  personId: string;
  /** The term's last day (Stockholm date). */
  lastDay: string;
  /** The stage this reminder belongs to (60 or 14 by default). */
  daysBefore: number;
  /** Days from today to the last day (0 on the last day itself). */
  daysLeft: number;
  /** Whoever is appointed from the day after, if anyone: then the seat does not fall vacant. */
  successorId?: string;
}

export const termEndReminderKey = (r: Pick<TermEndReminder, 'seatId' | 'personId' | 'lastDay' | 'daysBefore'>): string =>
  `term-end:${r.seatId}:${r.personId}:${r.lastDay}:${r.daysBefore}`;

/**
 * The term-end reminders due now. Each stage (`daysBefore`, default 60 and 14) is due from `timeOfDay` (Stockholm)
 * on the day that many days before the term's last day, until the term has ended. Only the latest stage due is
 * returned: a reminder missed while the bot was down is sent late, but never together with the next one, and a term
 * recorded with only 10 days left gets one reminder, not two.
 */
export function termEndReminders({
  seats,
  now,
  daysBefore = [60, 14],
  timeOfDay = '09:00',
  sentKeys = new Set<string>(),
}: {
  seats: readonly BodySeat[];
  now: Date;
  daysBefore?: readonly number[];
  timeOfDay?: string;
  sentKeys?: ReadonlySet<string>;
}): TermEndReminder[] {
  const today = stockholmDate(now);
  const stages = [...new Set(daysBefore)].filter((d) => Number.isInteger(d) && d >= 0).sort((a, b) => a - b);
  const out: TermEndReminder[] = [];
  for (const seat of seats) {
    for (const term of seat.terms) {
      if (term.end === undefined || term.end < today) continue;
      const lastDay = term.end;
      // The smallest stage whose moment has come is the latest one due.
      const stage = stages.find((d) => stockholmAt(addLocalDays(lastDay, -d), timeOfDay).getTime() <= now.getTime());
      if (stage === undefined) continue;
      const successor = termOn({ seat, date: addLocalDays(lastDay, 1) });
      const r: TermEndReminder = {
        key: '',
        seatId: seat.id,
        body: seat.body,
        constituency: seat.constituency,
        kind: seat.kind,
        personId: term.personId,
        lastDay,
        daysBefore: stage,
        daysLeft: daysBetween(today, lastDay),
        ...(successor ? { successorId: successor.personId } : {}),
      };
      r.key = termEndReminderKey(r);
      if (!sentKeys.has(r.key)) out.push(r);
    }
  }
  return out;
}
