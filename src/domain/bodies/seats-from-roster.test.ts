import { describe, expect, it } from 'vitest';
import { id, organisations, people, PG, PR, SINCE } from '../../../tests/helpers/demo-bodies.js';
import type { Person } from '../people.js';
import { holdingsOn } from './seats.js';
import { seatsFromRoster } from './seats-from-roster.js';

const derive = (roster: readonly Person[]) => seatsFromRoster({ people: roster, organisations, since: SINCE });
const holders = (roster: readonly Person[], body: 'programrad' | 'programgrupp', date = '2027-01-01') =>
  holdingsOn({ seats: derive(roster).seats, body, date }).map((h) => [h.seatId, h.personId ?? null]);

describe('seats from today’s roster', () => {
  it('the demo roster gives the Programråd 3 MDU, 2 Västmanland and 2 Sörmland seats and Västmanland’s substitute, in roster order', () => {
    expect(holders(people, 'programrad')).toEqual([
      ['programrad-mdu-1', PR.anna],
      ['programrad-mdu-2', PR.johan],
      ['programrad-mdu-3', PR.sara],
      ['programrad-vastmanland-1', PR.erik],
      ['programrad-vastmanland-2', PR.maria],
      ['programrad-sormland-1', PR.anders],
      ['programrad-sormland-2', PR.olof],
      ['programrad-vastmanland-substitute-1', PR.lars],
    ]);
  });

  it('the Programgrupp’s seats follow each member’s organisation: MDU, or its county', () => {
    expect(holders(people, 'programgrupp')).toEqual([
      ['programgrupp-mdu-1', PG.eva],
      ['programgrupp-mdu-2', PG.per],
      ['programgrupp-mdu-3', PG.lena],
      ['programgrupp-mdu-4', PG.mikael],
      ['programgrupp-vastmanland-1', PG.emma],
      ['programgrupp-vastmanland-2', PG.cecilia],
      ['programgrupp-sormland-1', PG.anders],
      ['programgrupp-sormland-2', PG.robert],
    ]);
  });

  it('terms start on the given date and have no end: nobody holds a seat before it', () => {
    const { seats } = derive(people);
    expect(seats.every((s) => s.terms.every((t) => t.start === SINCE && t.end === undefined))).toBe(true);
    expect(holdingsOn({ seats, body: 'programrad', date: '2025-12-31' }).every((h) => h.personId === undefined)).toBe(true);
  });

  it('a constituency with fewer people than seats gets vacant seats; one with more gets extra seats', () => {
    const withoutOlof = people.filter((p) => p.aadObjectId !== PR.olof);
    expect(holders(withoutOlof, 'programrad')).toContainEqual(['programrad-sormland-2', null]);
    const eva = people.find((p) => p.aadObjectId === PG.eva);
    if (!eva) throw new Error('demo roster changed');
    const extra: Person = { ...eva, aadObjectId: id(900), roles: ['programrad'], programrad: { membership: 'ordinary', seat: 'mdu' } };
    expect(holders([...people, extra], 'programrad').filter(([seatId]) => String(seatId).startsWith('programrad-mdu-'))).toHaveLength(4);
  });

  it('the same roster gives the same seat ids', () => {
    expect(derive(people).seats.map((s) => s.id)).toEqual(derive(people).seats.map((s) => s.id));
  });

  it('a Programgrupp member whose organisation cannot be placed is reported, not dropped silently', () => {
    const robert = people.find((p) => p.aadObjectId === PG.robert);
    if (!robert) throw new Error('demo roster changed');
    const r = derive([...people.filter((p) => p !== robert), { ...robert, organisationId: 'no-such-org' }]);
    expect(r.unplaced).toEqual([PG.robert]);
    expect(holdingsOn({ seats: r.seats, body: 'programgrupp', date: '2027-01-01' }).find((h) => h.seatId === 'programgrupp-sormland-2')?.personId).toBeUndefined();
    expect(derive(people).unplaced).toEqual([]);
  });
});
