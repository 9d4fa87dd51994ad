import { checkComposition, type CompositionDeviation } from '../composition.js';
import { addLocalDays, stockholmAt } from '../meetings/local-date.js';
import type { Organisation } from '../organisations.js';
import type { Person } from '../people.js';
import { stockholmDate } from '../time.js';

/*
 * Terms of office in the roster (issue #14 point 4, issue #15 point 4). A person's place in the roster — their seat,
 * their roles — can have a first and a last day (Stockholm dates, both inclusive). Outside them the person is not in
 * office: not invited, no rights (leadership's included), and told so politely. No dates: in office until further notice.
 */

export type TermState = { state: 'inOffice' } | { state: 'notYet'; start: string } | { state: 'ended'; end: string };

/** Where a person stands on a Stockholm date. */
export function termState({ person, date }: { person: Pick<Person, 'term'>; date: string }): TermState {
  const term = person.term;
  if (term?.start !== undefined && date < term.start) return { state: 'notYet', start: term.start };
  if (term?.end !== undefined && date > term.end) return { state: 'ended', end: term.end };
  return { state: 'inOffice' };
}

export const inOfficeOn = ({ person, date }: { person: Pick<Person, 'term'>; date: string }): boolean => termState({ person, date }).state === 'inOffice';

/** The people in office on a date: who is invited, who may act, who counts in the composition. */
export const peopleInOffice = <P extends Pick<Person, 'term'>>({ people, date }: { people: readonly P[]; date: string }): P[] => people.filter((person) => inOfficeOn({ person, date }));

/** A reminder that a term of office ends, for the person and for programme leadership. */
export interface TermEndReminder {
  /** Stable per term and stage: recorded once sent, never due again. Names the last day, so an extended term is reminded afresh. */
  key: string;
  personId: string;
  lastDay: string;
  /** The stage (60 or 14 by default). */
  daysBefore: number;
  daysLeft: number;
}

const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);

export const termEndKey = (r: { personId: string; lastDay: string; daysBefore: number }): string => `term-end:${r.personId}:${r.lastDay}:${r.daysBefore}`;

/**
 * The term-end reminders due now. Each stage is due from `timeOfDay` (Stockholm) on the day that many days before the
 * last day, until the term has ended; only the latest stage due is returned, so a reminder missed while the bot was
 * down is sent late but never together with the next one, and a term recorded with 10 days left gets one reminder.
 */
export function dueTermEndReminders({
  people,
  now,
  daysBefore = [60, 14],
  timeOfDay = '09:00',
  sentKeys,
}: {
  people: readonly Person[];
  now: Date;
  daysBefore?: readonly number[];
  timeOfDay?: string;
  sentKeys: ReadonlySet<string>;
}): TermEndReminder[] {
  const today = stockholmDate(now);
  const stages = [...new Set(daysBefore)].filter((d) => Number.isInteger(d) && d >= 0).sort((a, b) => a - b);
  const out: TermEndReminder[] = [];
  for (const person of people) {
    const lastDay = person.term?.end;
    if (lastDay === undefined || lastDay < today) continue;
    if (person.term?.start !== undefined && person.term.start > today) continue;
    const stage = stages.find((d) => stockholmAt(addLocalDays(lastDay, -d), timeOfDay).getTime() <= now.getTime());
    if (stage === undefined) continue;
    const r = { personId: person.aadObjectId, lastDay, daysBefore: stage, daysLeft: daysBetween(today, lastDay) };
    const key = termEndKey(r);
    if (!sentKeys.has(key)) out.push({ key, ...r });
  }
  return out;
}

/** A gap in the agreement's composition that opens when someone's term ends (and nobody is appointed from the next day). */
export interface TermEndGap {
  personId: string;
  lastDay: string;
  /** What the composition check reports from the day after that it does not report today. */
  deviations: CompositionDeviation[];
}

const deviationKey = (d: CompositionDeviation): string => JSON.stringify(d);

/**
 * The composition check of the roster as it will be after each term ending within `withinDays` of `today`: the
 * deviations that are new compared with today are the gaps that term's end opens. A successor entered with a term
 * starting the next day closes the gap, so it is not reported.
 */
export function gapsFromTermEnds({ people, organisations, today, withinDays = 180 }: { people: readonly Person[]; organisations: readonly Organisation[]; today: string; withinDays?: number }): TermEndGap[] {
  const now = new Set(checkComposition({ people: peopleInOffice({ people, date: today }), organisations }).map(deviationKey));
  const ends = [...new Set(people.flatMap((p) => (p.term?.end !== undefined && p.term.end >= today && daysBetween(today, p.term.end) <= withinDays ? [p.term.end] : [])))].sort();
  const out: TermEndGap[] = [];
  for (const lastDay of ends) {
    const after = checkComposition({ people: peopleInOffice({ people, date: addLocalDays(lastDay, 1) }), organisations }).filter((d) => !now.has(deviationKey(d)));
    if (after.length === 0) continue;
    for (const person of people.filter((p) => p.term?.end === lastDay)) out.push({ personId: person.aadObjectId, lastDay, deviations: after });
  }
  return out;
}
