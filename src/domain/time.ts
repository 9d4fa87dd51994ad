import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** The product's one time zone: every date a person sees or types is Stockholm time. */
export const STOCKHOLM = 'Europe/Stockholm';

/** "2027-03-29" + "09:30" in Stockholm → the instant. Throws on a malformed date or time (parse at the edge first). */
export function stockholmInstant(date: string, time: string): Date {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) throw new Error(`not a date and time: ${date} ${time}`);
  const [y, mo, da] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [h, mi] = [Number(t[1]), Number(t[2])];
  const z = new TZDate(y, mo - 1, da, h, mi, 0, STOCKHOLM);
  if (z.getFullYear() !== y || z.getMonth() !== mo - 1 || z.getDate() !== da || z.getHours() !== h || z.getMinutes() !== mi) {
    // Not a calendar date, or a local time skipped by the spring daylight-saving switch.
    throw new Error(`no such Stockholm time: ${date} ${time}`);
  }
  return new Date(z.getTime());
}

/** Formats an instant in Stockholm time with a date-fns pattern. */
export function formatStockholm(instant: Date, pattern: string): string {
  return format(new TZDate(instant.getTime(), STOCKHOLM), pattern);
}

/** The Stockholm calendar date (yyyy-MM-dd) of an instant. */
export const stockholmDate = (instant: Date): string => formatStockholm(instant, 'yyyy-MM-dd');

/** The Stockholm calendar year of an instant. */
export const stockholmYear = (instant: Date): number => Number(formatStockholm(instant, 'yyyy'));
