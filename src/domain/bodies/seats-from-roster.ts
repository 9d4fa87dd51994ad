import type { Organisation } from '../organisations.js';
import type { Person } from '../people.js';
import { BODY_RULES, CONSTITUENCIES, type Constituency, type SeatedBody, type SeatKind } from './body-rules.js';
import { bodySeatsSchema, type BodySeat } from './seats.js';

/**
 * Today's roster carries seats implicitly: `person.programrad = { membership, seat }` for the Programråd, and the
 * `programgrupp` role with the person's organisation (MDU, or the organisation's county) for the Programgrupp.
 * This derives the seat records from it, so the seat model gives the same answers as the roster until seats are
 * stored as records of their own.
 *
 * - Each constituency gets as many seats as the rules give it, or more when the roster has more people there (the
 *   composition check then reports the surplus); seats nobody fills are vacant.
 * - The roster has no dates: every term starts on `since` (e.g. the day the roster was loaded) and has no end.
 * - Ids are stable for the same roster: `programrad-vastmanland-1`, `programrad-vastmanland-substitute-1`, …,
 *   numbered in roster order.
 * - A Programgrupp member whose organisation is unknown, or belongs to no county and is not MDU, cannot be placed;
 *   they are returned in `unplaced` rather than dropped silently.
 */
export function seatsFromRoster({
  people,
  organisations,
  since,
}: {
  people: readonly Person[];
  organisations: readonly Organisation[];
  since: string;
}): { seats: BodySeat[]; unplaced: string[] } {
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const seats: BodySeat[] = [];
  const unplaced: string[] = [];

  const add = (body: SeatedBody, kind: SeatKind, constituency: Constituency, holders: readonly Person[]) => {
    const rule = BODY_RULES[body][kind][constituency];
    const count = Math.max(rule.count ?? 0, holders.length);
    for (let i = 0; i < count; i++) {
      const holder = holders[i];
      seats.push({
        id: `${body}-${constituency}${kind === 'substitute' ? '-substitute' : ''}-${i + 1}`,
        body,
        constituency,
        kind,
        terms: holder ? [{ personId: holder.aadObjectId.toLowerCase(), start: since }] : [],
      });
    }
  };

  for (const kind of ['ordinary', 'substitute'] as const) {
    for (const c of CONSTITUENCIES) {
      add('programrad', kind, c, people.filter((p) => p.programrad?.membership === kind && p.programrad.seat === c));
    }
  }

  const group = people.filter((p) => p.roles.includes('programgrupp'));
  const constituencyOf = (p: Person): Constituency | undefined => {
    const org = orgById.get(p.organisationId);
    if (!org) return undefined;
    return org.kind === 'university' ? 'mdu' : (org.county ?? undefined);
  };
  for (const p of group) if (constituencyOf(p) === undefined) unplaced.push(p.aadObjectId.toLowerCase());
  for (const c of CONSTITUENCIES) add('programgrupp', 'ordinary', c, group.filter((p) => constituencyOf(p) === c));

  return { seats: bodySeatsSchema.parse(seats), unplaced };
}
