import { stockholmInstant } from '../time.js';

/**
 * Calendar dates ("2027-03-29") as people see them in Stockholm. Arithmetic on the date itself (not on instants)
 * so that "the day before" is the day before even across a daylight-saving switch, whatever the machine's zone.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const isLocalDate = (s: string): boolean => {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const u = new Date(Date.UTC(y, mo - 1, d));
  return u.getUTCFullYear() === y && u.getUTCMonth() === mo - 1 && u.getUTCDate() === d;
};

export const isLocalTime = (s: string): boolean => TIME.test(s);

function utcNoon(date: string): Date {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
}

/** The date `days` calendar days after (or before, if negative) `date`. */
export function addLocalDays(date: string, days: number): string {
  const u = utcNoon(date);
  u.setUTCDate(u.getUTCDate() + days);
  return u.toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = utcNoon(date).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The instant of a Stockholm wall-clock time, or undefined when the date or time is malformed, not a calendar date,
 * or skipped by the spring daylight-saving switch (02:00–02:59 on the last Sunday of March).
 */
export function tryStockholmInstant(date: string, time: string): Date | undefined {
  if (!isLocalDate(date) || !isLocalTime(time)) return undefined;
  try {
    return stockholmInstant(date, time);
  } catch {
    return undefined;
  }
}

/**
 * A configured time of day on a date, for schedules: a time the spring switch skips moves forward by an hour
 * (02:30 → 03:30) instead of vanishing, so a reminder is never lost.
 */
export function stockholmAt(date: string, time: string): Date {
  const exact = tryStockholmInstant(date, time);
  if (exact) return exact;
  const [h, m] = time.split(':');
  const later = tryStockholmInstant(date, `${String(Number(h) + 1).padStart(2, '0')}:${m}`);
  if (!later) throw new Error(`no Stockholm time for ${date} ${time}`);
  return later;
}
