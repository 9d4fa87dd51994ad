import { z } from 'zod';
import type { Person } from '../people.js';
import { can } from '../permissions.js';
import { stockholmDate, stockholmYear } from '../time.js';
import { addLocalDays, isLocalDate, isoWeekday, stockholmAt } from './local-date.js';
import { meetingDate, type Meeting } from './meeting.js';

/**
 * The agreement's meeting rhythm: the Programråd holds a dialogue with programme leadership twice a year, and all
 * directors and chairs meet once a year. "Twice a year" is read as one in spring (January–June) and one in autumn
 * (July–December), by the meeting's Stockholm date — the memo says only "två gånger per år"; this split is ours.
 * Two dialogues in one half-year still leave the other half missing.
 */
export type CadenceSlot = 'programradSpring' | 'programradAutumn' | 'yearlyMeeting';

export interface CadenceEntry {
  slot: CadenceSlot;
  /** The period the meeting must fall in, Stockholm dates, inclusive. */
  from: string;
  to: string;
  /** Scheduled (not cancelled) meetings in the period, earliest first. */
  meetingIds: string[];
  scheduled: boolean;
}

const slotsOf = (year: number): { slot: CadenceSlot; type: Meeting['type']; from: string; to: string }[] => [
  { slot: 'programradSpring', type: 'programrad', from: `${year}-01-01`, to: `${year}-06-30` },
  { slot: 'programradAutumn', type: 'programrad', from: `${year}-07-01`, to: `${year}-12-31` },
  { slot: 'yearlyMeeting', type: 'arlig-traff', from: `${year}-01-01`, to: `${year}-12-31` },
];

/** Whether the year's two Programråd dialogues and the yearly meeting are scheduled. */
export function cadence({ year, meetings }: { year: number; meetings: readonly Meeting[] }): { year: number; entries: CadenceEntry[]; complete: boolean } {
  const entries = slotsOf(year).map(({ slot, type, from, to }) => {
    const ids = meetings
      .filter((m) => m.status === 'scheduled' && m.type === type)
      .filter((m) => {
        const d = meetingDate(m);
        return d >= from && d <= to;
      })
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      .map((m) => m.id);
    return { slot, from, to, meetingIds: ids, scheduled: ids.length > 0 };
  });
  return { year, entries, complete: entries.every((e) => e.scheduled) };
}

export interface MissingMeeting {
  slot: CadenceSlot;
  from: string;
  to: string;
  /** 'toSchedule': its period has not ended, there is still time; 'missed': the period is over. */
  state: 'toSchedule' | 'missed';
}

/** The year's meetings that are not scheduled, as of `now`. */
export function missingMeetings({ year, meetings, now }: { year: number; meetings: readonly Meeting[]; now: Date }): MissingMeeting[] {
  const today = stockholmDate(now);
  return cadence({ year, meetings })
    .entries.filter((e) => !e.scheduled)
    .map((e) => ({ slot: e.slot, from: e.from, to: e.to, state: today > e.to ? 'missed' : 'toSchedule' }));
}

const monthDay = z.string().refine((s) => /^\d{2}-\d{2}$/.test(s) && isLocalDate(`2027-${s}`), 'a day of the year, MM-dd');

export const cadenceReminderConfigSchema = z
  .object({
    /** From which day (MM-dd) leadership is reminded of a slot still unscheduled. */
    remindFrom: z
      .object({ programradSpring: monthDay, programradAutumn: monthDay, yearlyMeeting: monthDay })
      .strict()
      .default({ programradSpring: '01-15', programradAutumn: '08-15', yearlyMeeting: '02-01' }),
    /** Repeat while it stays unscheduled. */
    everyDays: z.number().int().min(1).max(365).default(14),
    timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('09:00'),
  })
  .strict();
export type CadenceReminderConfig = z.infer<typeof cadenceReminderConfigSchema>;
export const DEFAULT_CADENCE_REMINDER_CONFIG: CadenceReminderConfig = cadenceReminderConfigSchema.parse({});

export interface CadenceReminder {
  /** `cadence:<year>:<slot>:<round>:<personId>`; each round is sent once per person. */
  key: string;
  year: number;
  slot: CadenceSlot;
  personId: string;
  at: string;
}

/**
 * Reminders to programme leadership (whoever may schedule meetings) about this year's unscheduled meetings: from the
 * slot's remind-from day, then every `everyDays` days until it is scheduled or its period ends. Only the latest round
 * is due; rounds missed while the bot was down are not sent one after another. Weekends move to the Monday.
 */
export function dueCadenceReminders({
  meetings,
  people,
  now,
  sentKeys,
  config = DEFAULT_CADENCE_REMINDER_CONFIG,
}: {
  meetings: readonly Meeting[];
  people: readonly Person[];
  now: Date;
  sentKeys: ReadonlySet<string>;
  config?: CadenceReminderConfig;
}): CadenceReminder[] {
  const year = stockholmYear(now);
  const leaders = people.filter((p) => can(p, 'meetings.schedule')).map((p) => p.aadObjectId);
  const out: CadenceReminder[] = [];
  for (const missing of missingMeetings({ year, meetings, now })) {
    if (missing.state !== 'toSchedule') continue;
    const first = `${year}-${config.remindFrom[missing.slot]}`;
    let round = -1;
    let at: Date | undefined;
    for (let k = 0; ; k++) {
      let day = addLocalDays(first, k * config.everyDays);
      while (isoWeekday(day) >= 6) day = addLocalDays(day, 1);
      const candidate = stockholmAt(day, config.timeOfDay);
      if (candidate.getTime() > now.getTime() || day > missing.to) break;
      round = k;
      at = candidate;
    }
    if (round < 0 || !at) continue;
    for (const personId of leaders) {
      const key = `cadence:${year}:${missing.slot}:${round}:${personId}`;
      if (!sentKeys.has(key)) out.push({ key, year, slot: missing.slot, personId, at: at.toISOString() });
    }
  }
  return out;
}
