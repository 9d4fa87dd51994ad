import Holidays from 'date-holidays';
import { isoWeekday } from './local-date.js';

/**
 * Why a date is a poor day for a meeting. Not an error: the leader may book it anyway.
 *
 * Holidays come from `date-holidays` (country SE). Besides the public holidays (type "public") we also warn for the
 * days it types "bank" in Sweden — midsommarafton, julafton and nyårsafton. They are not röda dagar, but Swedish
 * working-time law treats them like Sundays and almost every municipality and region closes, so a meeting there
 * would be empty. A warning costs the leader one click; a missed one costs a meeting. "observance"/"optional" days
 * (e.g. Easter Saturday falls on a weekend anyway, Twelfth Night eve) give no warning.
 */
export type DayWarning =
  | { kind: 'weekend'; date: string; weekday: 6 | 7 }
  | { kind: 'holiday'; date: string; name: { sv: string; en: string }; official: boolean };

type HolidayInfo = { name: { sv: string; en: string }; official: boolean };

const holidays = new Holidays('SE');
const byYear = new Map<number, Map<string, HolidayInfo>>();

function holidaysOf(year: number): Map<string, HolidayInfo> {
  const cached = byYear.get(year);
  if (cached) return cached;
  const en = new Map(holidays.getHolidays(year, 'en').map((h) => [`${h.date}|${h.rule}`, h.name]));
  const map = new Map<string, HolidayInfo>();
  for (const h of holidays.getHolidays(year, 'sv')) {
    if (h.type !== 'public' && h.type !== 'bank') continue;
    // `date` is the holiday's own calendar day ("2027-06-25 00:00:00"), independent of the machine's zone.
    const day = h.date.slice(0, 10);
    if (map.has(day) && map.get(day)?.official) continue;
    map.set(day, { name: { sv: h.name, en: en.get(`${h.date}|${h.rule}`) ?? h.name }, official: h.type === 'public' });
  }
  byYear.set(year, map);
  return map;
}

/** The Swedish holiday on a date (yyyy-MM-dd), if any: public holidays and the de-facto ones described above. */
export function swedishHoliday(date: string): HolidayInfo | undefined {
  return holidaysOf(Number(date.slice(0, 4))).get(date);
}

/** Warnings for holding a meeting on a Stockholm calendar date (yyyy-MM-dd). */
export function dayWarnings(date: string): DayWarning[] {
  const out: DayWarning[] = [];
  const weekday = isoWeekday(date);
  if (weekday === 6 || weekday === 7) out.push({ kind: 'weekend', date, weekday });
  const holiday = swedishHoliday(date);
  if (holiday) out.push({ kind: 'holiday', date, ...holiday });
  return out;
}
