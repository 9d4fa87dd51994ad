import { z } from 'zod';
import { isLocalDate } from '../meetings/local-date.js';
import { constituencySchema, seatedBodySchema, seatKindSchema, type Constituency, type SeatedBody, type SeatKind } from './body-rules.js';

/** A Stockholm calendar date, yyyy-MM-dd. */
export const localDateSchema = z.string().refine(isLocalDate, 'a date yyyy-MM-dd');

/** A person's id as stored: the AAD object id in lower case (the roster lower-cases it on load). */
export const personIdSchema = z.string().regex(/^[0-9a-f-]{36}$/, 'a lower-case AAD object id');

/** Seat ids appear in card data and reminder keys: URL-safe, short. */
export const seatIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/);

/**
 * A term of office (mandatperiod): who holds the seat from `start` to `end`, both Stockholm dates and inclusive.
 * No `end`: until further notice.
 */
export const termSchema = z
  .object({ personId: personIdSchema, start: localDateSchema, end: localDateSchema.optional() })
  .strict()
  .refine((t) => t.end === undefined || t.end >= t.start, { message: 'a term ends on or after its start', path: ['end'] });
export type Term = z.infer<typeof termSchema>;

/**
 * A seat in a body — an ordinary seat, or a substitute's place — and its terms of office, oldest first. The seat
 * exists whether or not anyone holds it: on a date no term covers, it is vacant. Keeping the terms (not just the
 * current holder) is what lets a successor be appointed ahead of the handover, a term's end be reminded of, and a
 * past meeting's attendance be checked against who held the seat then.
 */
export const bodySeatSchema = z
  .object({
    id: seatIdSchema,
    body: seatedBodySchema,
    constituency: constituencySchema,
    kind: seatKindSchema,
    terms: z.array(termSchema).max(200),
  })
  .strict()
  .superRefine((seat, ctx) => {
    for (let i = 1; i < seat.terms.length; i++) {
      const previous = seat.terms[i - 1];
      const term = seat.terms[i];
      if (!previous || !term) continue;
      if (previous.end === undefined || previous.end >= term.start) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['terms', i], message: 'terms are in order and do not overlap' });
      }
    }
  });
export type BodySeat = z.infer<typeof bodySeatSchema>;

/** All seats of all bodies, as the store keeps them: ids are unique. */
export const bodySeatsSchema = z.array(bodySeatSchema).superRefine((seats, ctx) => {
  const seen = new Set<string>();
  for (const [i, s] of seats.entries()) {
    if (seen.has(s.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'id'], message: `duplicate seat id ${s.id}` });
    seen.add(s.id);
  }
});

/** The term in force on a date, if any. */
export const termOn = ({ seat, date }: { seat: BodySeat; date: string }): Term | undefined =>
  seat.terms.find((t) => t.start <= date && (t.end === undefined || date <= t.end));

/** Who holds a seat on a date; undefined when it is vacant. */
export const holderOn = ({ seat, date }: { seat: BodySeat; date: string }): string | undefined => termOn({ seat, date })?.personId;

/** One seat on one date, with what a view needs to name it ("Västmanland 2", "ersättare Västmanland 1"). */
export interface SeatHolding {
  seatId: string;
  body: SeatedBody;
  constituency: Constituency;
  kind: SeatKind;
  /** 1-based position among the body's seats of this constituency and kind, in the seats' order. */
  ordinal: number;
  /** Absent: vacant on that date. */
  personId?: string;
}

/** A body's seats and substitutes' places on a date, in the seats' order, with their holders. */
export function holdingsOn({ seats, body, date }: { seats: readonly BodySeat[]; body: SeatedBody; date: string }): SeatHolding[] {
  const counter = new Map<string, number>();
  const out: SeatHolding[] = [];
  for (const seat of seats) {
    if (seat.body !== body) continue;
    const k = `${seat.constituency}/${seat.kind}`;
    const ordinal = (counter.get(k) ?? 0) + 1;
    counter.set(k, ordinal);
    const personId = holderOn({ seat, date });
    out.push({ seatId: seat.id, body, constituency: seat.constituency, kind: seat.kind, ordinal, ...(personId !== undefined ? { personId } : {}) });
  }
  return out;
}

/** Seats nobody holds on a date (ordinary seats and substitutes' places alike). */
export const vacanciesOn = ({ seats, body, date }: { seats: readonly BodySeat[]; body: SeatedBody; date: string }): SeatHolding[] =>
  holdingsOn({ seats, body, date }).filter((h) => h.personId === undefined);

/** The seats a person holds on a date, across bodies. */
export const seatsHeldBy = ({ seats, personId, date }: { seats: readonly BodySeat[]; personId: string; date: string }): BodySeat[] =>
  seats.filter((seat) => holderOn({ seat, date }) === personId);

/** Everyone who holds one of a body's seats or substitutes' places on any of the dates, in the seats' order. */
export function holdersOnAny({ seats, body, dates }: { seats: readonly BodySeat[]; body: SeatedBody; dates: readonly string[] }): string[] {
  const out = new Set<string>();
  for (const seat of seats) {
    if (seat.body !== body) continue;
    for (const date of dates) {
      const id = holderOn({ seat, date });
      if (id !== undefined) out.add(id);
    }
  }
  return [...out];
}

export type AppointRefusal =
  /** The new term would overlap a term already recorded (end it first, or hand over). */
  | 'overlapsTerm'
  | 'endBeforeStart';

/**
 * Records a term: a new holder of a vacant seat, or a successor from the day after the current term's end. Terms
 * stay in date order. Refused when the dates overlap a recorded term.
 */
export function appoint({ seat, personId, start, end }: { seat: BodySeat; personId: string; start: string; end?: string | undefined }):
  | { ok: true; seat: BodySeat }
  | { ok: false; reason: AppointRefusal } {
  if (end !== undefined && end < start) return { ok: false, reason: 'endBeforeStart' };
  const overlaps = seat.terms.some((t) => t.start <= (end ?? '9999-12-31') && start <= (t.end ?? '9999-12-31'));
  if (overlaps) return { ok: false, reason: 'overlapsTerm' };
  const term: Term = { personId: personId.toLowerCase(), start, ...(end !== undefined ? { end } : {}) };
  const terms = [...seat.terms, term].sort((a, b) => a.start.localeCompare(b.start));
  return { ok: true, seat: bodySeatSchema.parse({ ...seat, terms }) };
}

/**
 * Ends the term in force on `lastDay` at the end of that day: the seat is vacant from the next day unless a
 * successor's term starts then. Refused when nobody holds the seat that day.
 */
export function endTerm({ seat, lastDay }: { seat: BodySeat; lastDay: string }):
  | { ok: true; seat: BodySeat; ended: Term }
  | { ok: false; reason: 'vacantOnDate' } {
  const current = termOn({ seat, date: lastDay });
  if (!current) return { ok: false, reason: 'vacantOnDate' };
  const ended: Term = { ...current, end: lastDay };
  return { ok: true, seat: { ...seat, terms: seat.terms.map((t) => (t === current ? ended : t)) }, ended };
}
