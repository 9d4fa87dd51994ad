import { addLocalDays } from '../meetings/local-date.js';
import type { Organisation } from '../organisations.js';
import type { Person } from '../people.js';
import { BODY_RULES, CONSTITUENCIES, SEATED_BODIES, type Constituency, type SeatedBody, type SeatKind } from './body-rules.js';
import { holdingsOn, termOn, type BodySeat } from './seats.js';

/** A way the seats depart from the agreement's composition on a date (or will, within the horizon). */
export type SeatDeviation =
  /** The body has more or fewer seats of a kind in a constituency than the rules give it. */
  | { rule: 'seatCount'; body: SeatedBody; constituency: Constituency; kind: SeatKind; expected: number; actual: number; assumption: boolean }
  /** Nobody holds the seat on the date. */
  | { rule: 'vacant'; body: SeatedBody; seatId: string; constituency: Constituency; kind: SeatKind }
  /** The holder's organisation is not of the seat's constituency (an MDU seat held from a municipality, say). */
  | { rule: 'wrongConstituency'; body: SeatedBody; seatId: string; personId: string; constituency: Constituency }
  /** Programgrupp county seats are held by kommundirektörer/kommunchefer or regiondirektörer. */
  | { rule: 'notDirector'; body: SeatedBody; seatId: string; personId: string }
  /** One person holds two places in the same body (two seats, or a seat and a substitute's place). */
  | { rule: 'heldTwice'; body: SeatedBody; personId: string; seatIds: string[] }
  /** The holder is not in the roster. */
  | { rule: 'unknownPerson'; body: SeatedBody; seatId: string; personId: string }
  /** A term ends within the horizon and no successor's term starts the day after: the seat will fall vacant. */
  | { rule: 'termEnds'; body: SeatedBody; seatId: string; constituency: Constituency; kind: SeatKind; personId: string; lastDay: string; vacantFrom: string; inDays: number };

const DIRECTOR_TITLES = new Set(['kommundirektor', 'kommunchef', 'regiondirektor']);

/** Whole days from one Stockholm date to another (both yyyy-MM-dd). */
export function daysBetween(from: string, to: string): number {
  const ms = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10))) -
    Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  return Math.round(ms / 86_400_000);
}

/**
 * Seats whose holder's term ends within `withinDays` days of `date` (the term's last day no later than that) with no
 * successor from the next day. A term that ends with a successor already appointed opens no gap.
 */
export function upcomingGaps({ seats, date, withinDays }: { seats: readonly BodySeat[]; date: string; withinDays: number }): Extract<SeatDeviation, { rule: 'termEnds' }>[] {
  const horizon = addLocalDays(date, withinDays);
  const out: Extract<SeatDeviation, { rule: 'termEnds' }>[] = [];
  for (const seat of seats) {
    for (const term of seat.terms) {
      if (term.end === undefined || term.end < date || term.end > horizon) continue;
      const vacantFrom = addLocalDays(term.end, 1);
      if (termOn({ seat, date: vacantFrom })) continue;
      out.push({
        rule: 'termEnds',
        body: seat.body,
        seatId: seat.id,
        constituency: seat.constituency,
        kind: seat.kind,
        personId: term.personId,
        lastDay: term.end,
        vacantFrom,
        inDays: daysBetween(date, vacantFrom),
      });
    }
  }
  return out.sort((a, b) => a.vacantFrom.localeCompare(b.vacantFrom) || a.seatId.localeCompare(b.seatId));
}

/**
 * The composition check over seats on a date: seat counts per constituency against the rules (where the memo states
 * a number; counts resting on an assumption are flagged so the view can say so), vacancies, holders from the wrong
 * constituency, county Programgrupp seats held by someone who is not a director, one person in two places of one
 * body, holders not in the roster — and, with `withinDays`, the gaps that terms ending within that many days will
 * open (issue #15: reminders 60 and 14 days before a term ends).
 *
 * For seats derived from today's roster (`seatsFromRoster`) this finds no deviation exactly when the roster check in
 * src/domain/composition.ts finds none, apart from the checks that one does not make (constituency of the holder's
 * organisation, one person twice).
 */
export function checkSeatComposition({
  seats,
  date,
  people,
  organisations,
  withinDays,
}: {
  seats: readonly BodySeat[];
  date: string;
  people: readonly Person[];
  organisations: readonly Organisation[];
  withinDays?: number | undefined;
}): SeatDeviation[] {
  const personById = new Map(people.map((p) => [p.aadObjectId.toLowerCase(), p]));
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const out: SeatDeviation[] = [];

  for (const body of SEATED_BODIES) {
    const holdings = holdingsOn({ seats, body, date });
    const rules = BODY_RULES[body];
    for (const kind of ['ordinary', 'substitute'] as const) {
      for (const constituency of CONSTITUENCIES) {
        const rule = rules[kind][constituency];
        if (rule.count === null) continue;
        const actual = holdings.filter((h) => h.kind === kind && h.constituency === constituency).length;
        if (actual !== rule.count) out.push({ rule: 'seatCount', body, constituency, kind, expected: rule.count, actual, assumption: rule.basis !== 'memo' });
      }
    }
    const byPerson = new Map<string, string[]>();
    for (const h of holdings) {
      if (h.personId === undefined) {
        out.push({ rule: 'vacant', body, seatId: h.seatId, constituency: h.constituency, kind: h.kind });
        continue;
      }
      byPerson.set(h.personId, [...(byPerson.get(h.personId) ?? []), h.seatId]);
      const person = personById.get(h.personId);
      if (!person) {
        out.push({ rule: 'unknownPerson', body, seatId: h.seatId, personId: h.personId });
        continue;
      }
      const org = orgById.get(person.organisationId);
      const theirs: Constituency | undefined = org ? (org.kind === 'university' ? 'mdu' : (org.county ?? undefined)) : undefined;
      if (theirs !== h.constituency) out.push({ rule: 'wrongConstituency', body, seatId: h.seatId, personId: h.personId, constituency: h.constituency });
      if (rules.directorsOnly.includes(h.constituency) && !DIRECTOR_TITLES.has(person.directorTitle ?? '')) {
        out.push({ rule: 'notDirector', body, seatId: h.seatId, personId: h.personId });
      }
    }
    for (const [personId, seatIds] of byPerson) if (seatIds.length > 1) out.push({ rule: 'heldTwice', body, personId, seatIds });
  }
  if (withinDays !== undefined && withinDays > 0) out.push(...upcomingGaps({ seats, date, withinDays }));
  return out;
}
