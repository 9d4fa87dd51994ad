import { z } from 'zod';
import { addLocalDays, stockholmAt } from './local-date.js';
import { meetingDate, rsvpClosesAt, type Invitee, type Meeting } from './meeting.js';

export const reminderConfigSchema = z
  .object({
    /** Reminder to those who have not answered, this many days before the RSVP deadline's day. */
    nonAnswerDaysBeforeDeadline: z.number().int().min(0).max(60).default(3),
    /** Reminder to those who said Ja or Kanske, this many days before the meeting's day. */
    attendeeDaysBeforeMeeting: z.number().int().min(0).max(60).default(1),
    /** Stockholm time of day the reminders go out, HH:mm. */
    timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('09:00'),
  })
  .strict();
export type ReminderConfig = z.infer<typeof reminderConfigSchema>;
export const DEFAULT_REMINDER_CONFIG: ReminderConfig = reminderConfigSchema.parse({});

export type ReminderKind = 'rsvp' | 'upcoming';

export interface Reminder {
  /** Stable across restarts: persist it when sent, pass it back in `sentKeys`, and it is never due again. */
  key: string;
  kind: ReminderKind;
  meetingId: string;
  personId: string;
  sequence: number;
  /** When it was scheduled for (ISO). It is sent at the first check at or after this. */
  at: string;
}

/**
 * The key names the meeting's SEQUENCE, so a moved meeting gets fresh reminders; a reminder whose moment lies
 * before the latest change (or before the person was invited) is not sent, so a change never repeats one.
 */
export const reminderKey = ({ meetingId, kind, personId, sequence }: Pick<Reminder, 'meetingId' | 'kind' | 'personId' | 'sequence'>): string =>
  `${meetingId}:${kind}:${personId}:${sequence}`;

/** The two moments a meeting's reminders are scheduled for. */
export function reminderTimes({ meeting, config = DEFAULT_REMINDER_CONFIG }: { meeting: Meeting; config?: ReminderConfig }): Record<ReminderKind, Date> {
  return {
    rsvp: stockholmAt(addLocalDays(meeting.rsvpBy, -config.nonAnswerDaysBeforeDeadline), config.timeOfDay),
    upcoming: stockholmAt(addLocalDays(meetingDate(meeting), -config.attendeeDaysBeforeMeeting), config.timeOfDay),
  };
}

/**
 * The reminders to send now: to invitees who have not answered, from N days before the deadline until it passes;
 * to those who said Ja or Kanske, from M days before the meeting until it starts. A reminder missed while the bot
 * was down goes out at the next check, as long as it still makes sense. Cancelled meetings send none.
 */
export function dueReminders({
  meetings,
  now,
  sentKeys,
  config = DEFAULT_REMINDER_CONFIG,
}: {
  meetings: readonly Meeting[];
  now: Date;
  sentKeys: ReadonlySet<string>;
  config?: ReminderConfig;
}): Reminder[] {
  const t = now.getTime();
  const out: Reminder[] = [];
  for (const meeting of meetings) {
    if (meeting.status !== 'scheduled') continue;
    const times = reminderTimes({ meeting, config });
    const window: Record<ReminderKind, { from: number; until: number; wants: (i: Invitee) => boolean }> = {
      rsvp: { from: times.rsvp.getTime(), until: rsvpClosesAt(meeting).getTime(), wants: (i) => !i.answer },
      upcoming: { from: times.upcoming.getTime(), until: Date.parse(meeting.start), wants: (i) => i.answer?.value === 'ja' || i.answer?.value === 'kanske' },
    };
    for (const kind of ['rsvp', 'upcoming'] as const) {
      const w = window[kind];
      if (t < w.from || t >= w.until) continue;
      for (const invitee of meeting.invitees) {
        if (!w.wants(invitee)) continue;
        // Invited (or the meeting changed) after the reminder's moment: the fresh card is reminder enough.
        if (Math.max(Date.parse(invitee.invitedAt), Date.parse(meeting.updatedAt)) > w.from) continue;
        const r = { kind, meetingId: meeting.id, personId: invitee.personId, sequence: meeting.sequence };
        const key = reminderKey(r);
        if (sentKeys.has(key)) continue;
        out.push({ ...r, key, at: new Date(w.from).toISOString() });
      }
    }
  }
  return out;
}
