import { z } from 'zod';
import { aadObjectIdSchema, type Person } from '../people.js';
import { can } from '../permissions.js';
import { stockholmInstant, stockholmYear } from '../time.js';
import { instantSchema, programmeYearSchema } from './need.js';

/**
 * A needs round (behovsinventering) for one programme year: opened by programme leadership with a closing date.
 * There is at most one round per programme year; a need belongs to the round of its programme year.
 */
export const needsRoundSchema = z
  .object({
    year: programmeYearSchema,
    /** The last day needs are taken, a Stockholm calendar date (yyyy-MM-dd). */
    closingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** The instant the round closes: the start of the Stockholm day after closingDate. */
    closesAt: instantSchema,
    openedAt: instantSchema,
    openedBy: aadObjectIdSchema,
  })
  .strict();
export type NeedsRound = z.infer<typeof needsRoundSchema>;

type Actor = Pick<Person, 'aadObjectId' | 'roles' | 'organisationId'>;

/** How far ahead a round may be opened: the next three programme years. */
export const ROUND_YEARS_AHEAD = 3;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written yyyy-MM-dd. */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === mo - 1 && utc.getUTCDate() === d;
}

/** The instant a round with this closing date closes: midnight at the start of the next Stockholm day. */
export function roundClosesAt(closingDate: string): Date {
  const m = DATE.exec(closingDate);
  if (!m || !isCalendarDate(closingDate)) throw new Error(`not a calendar date: ${closingDate}`);
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  const iso = next.toISOString().slice(0, 10);
  // Midnight exists every day in Stockholm: the daylight-saving switches happen at 02:00 and 03:00.
  return stockholmInstant(iso, '00:00');
}

export const isRoundOpen = (round: Pick<NeedsRound, 'closesAt'>, now: Date): boolean => now.getTime() < round.closesAt.getTime();

export type RoundFormField = 'year' | 'closingDate';
export type RoundFormValues = Record<RoundFormField, string>;
export type RoundFormError = { field: RoundFormField; problem: 'required' | 'invalid' | 'yearOutOfRange' | 'inThePast' | 'roundExists' };
export type RoundFormResult =
  | { ok: true; value: { year: number; closingDate: string }; values: RoundFormValues }
  | { ok: false; errors: RoundFormError[]; values: RoundFormValues };

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');

/** The programme years a round may be opened for now: this Stockholm year and the next three. */
export const openableYears = (now: Date): number[] => {
  const y = stockholmYear(now);
  return Array.from({ length: ROUND_YEARS_AHEAD + 1 }, (_, i) => y + i);
};

/** The round form (year + closing date, Stockholm) from a card payload; every problem at once, values kept. */
export function parseRoundForm({ data, rounds, now }: { data: unknown; rounds: readonly Pick<NeedsRound, 'year'>[]; now: Date }): RoundFormResult {
  const raw = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const values: RoundFormValues = { year: str(raw.year), closingDate: str(raw.closingDate) };
  const errors: RoundFormError[] = [];
  const year = Number(values.year);
  if (values.year === '') errors.push({ field: 'year', problem: 'required' });
  else if (!/^\d{4}$/.test(values.year)) errors.push({ field: 'year', problem: 'invalid' });
  else if (!openableYears(now).includes(year)) errors.push({ field: 'year', problem: 'yearOutOfRange' });
  else if (rounds.some((r) => r.year === year)) errors.push({ field: 'year', problem: 'roundExists' });
  if (values.closingDate === '') errors.push({ field: 'closingDate', problem: 'required' });
  else if (!isCalendarDate(values.closingDate)) errors.push({ field: 'closingDate', problem: 'invalid' });
  else if (roundClosesAt(values.closingDate).getTime() <= now.getTime()) errors.push({ field: 'closingDate', problem: 'inThePast' });
  return errors.length > 0 ? { ok: false, errors, values } : { ok: true, value: { year, closingDate: values.closingDate }, values };
}

export type OpenRoundResult =
  | { ok: true; round: NeedsRound }
  | { ok: false; reason: 'forbidden' | 'roundExists' | 'yearOutOfRange' | 'invalidDate' | 'closingDateInPast' };

/** Leadership opens the needs round for a programme year, taking needs until the end of the closing date. */
export function openRound({ rounds, year, closingDate, actor, now }: { rounds: readonly NeedsRound[]; year: number; closingDate: string; actor: Actor; now: Date }): OpenRoundResult {
  if (!can(actor, 'needs.manageRounds')) return { ok: false, reason: 'forbidden' };
  if (rounds.some((r) => r.year === year)) return { ok: false, reason: 'roundExists' };
  if (!openableYears(now).includes(year)) return { ok: false, reason: 'yearOutOfRange' };
  if (!isCalendarDate(closingDate)) return { ok: false, reason: 'invalidDate' };
  const closesAt = roundClosesAt(closingDate);
  if (closesAt.getTime() <= now.getTime()) return { ok: false, reason: 'closingDateInPast' };
  return { ok: true, round: { year, closingDate, closesAt, openedAt: now, openedBy: actor.aadObjectId } };
}

export type ChangeClosingResult = { ok: true; round: NeedsRound } | { ok: false; reason: 'forbidden' | 'noSuchRound' | 'invalidDate' | 'closingDateInPast' };

/** Leadership moves a round's closing date (to extend it, or close it early); a past date is refused. */
export function changeRoundClosing({ rounds, year, closingDate, actor, now }: { rounds: readonly NeedsRound[]; year: number; closingDate: string; actor: Actor; now: Date }): ChangeClosingResult {
  if (!can(actor, 'needs.manageRounds')) return { ok: false, reason: 'forbidden' };
  const round = rounds.find((r) => r.year === year);
  if (!round) return { ok: false, reason: 'noSuchRound' };
  if (!isCalendarDate(closingDate)) return { ok: false, reason: 'invalidDate' };
  const closesAt = roundClosesAt(closingDate);
  if (closesAt.getTime() <= now.getTime()) return { ok: false, reason: 'closingDateInPast' };
  return { ok: true, round: { ...round, closingDate, closesAt } };
}

/**
 * Which programme year a need arriving now belongs to, and why, so the submitter can be told.
 * - `open`: a round is open; the earliest open programme year takes the need.
 * - `late`: the need came after a round closed. "Next round" is then the earliest round still open (`closingDate`
 *   set) when the missed round closed while that one was already open; with no round open, the programme year
 *   after the latest closed round, and never a year already under way (at least next Stockholm year). That year's
 *   round may not be opened yet; the need waits in it and is part of it when leadership opens it.
 * - `noRound`: no round has ever been opened; the need goes to next Stockholm year's programme. (An assumption:
 *   the memo says needs are gathered year by year, not when.)
 */
export type RoundAssignment =
  | { kind: 'open'; year: number; closingDate: string }
  | { kind: 'late'; year: number; missed: { year: number; closingDate: string }; closingDate?: string }
  | { kind: 'noRound'; year: number };

export function assignRound({ rounds, now }: { rounds: readonly NeedsRound[]; now: Date }): RoundAssignment {
  const byYear = [...rounds].sort((a, b) => a.year - b.year);
  const open = byYear.filter((r) => isRoundOpen(r, now));
  const closed = byYear.filter((r) => !isRoundOpen(r, now));
  const target = open[0];
  if (target) {
    // A round the person could still have reached had they come before it closed: both were open at once.
    const missed = closed.filter((r) => r.year < target.year && r.closesAt.getTime() > target.openedAt.getTime()).at(-1);
    return missed
      ? { kind: 'late', year: target.year, closingDate: target.closingDate, missed: { year: missed.year, closingDate: missed.closingDate } }
      : { kind: 'open', year: target.year, closingDate: target.closingDate };
  }
  const last = closed.at(-1);
  if (last) return { kind: 'late', year: Math.max(last.year + 1, stockholmYear(now) + 1), missed: { year: last.year, closingDate: last.closingDate } };
  return { kind: 'noRound', year: stockholmYear(now) + 1 };
}
