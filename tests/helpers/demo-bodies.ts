import organisationsFile from '../../data/organisations.json' with { type: 'json' };
import rosterFile from '../../data/demo-roster.json' with { type: 'json' };
import { organisationsFileSchema } from '../../src/domain/organisations.js';
import { rosterFileSchema } from '../../src/domain/people.js';
import { seatsFromRoster } from '../../src/domain/bodies/seats-from-roster.js';

/** Test data for the seat, poll and card tests: the demo roster and its seats. */
export const people = rosterFileSchema.parse(rosterFile).people;
export const organisations = organisationsFileSchema.parse(organisationsFile).organisations;

export const id = (n: number): string => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

/** The demo roster's Programråd: MDU (021, 027, 028), Västmanland (020, 022; substitute 023), Sörmland (025, 104). */
export const PR = {
  anna: id(21),
  johan: id(27),
  sara: id(28),
  erik: id(20),
  maria: id(22),
  lars: id(23),
  anders: id(25),
  olof: id(104),
} as const;

/** Programgrupp: MDU (026, 100, 101, 102), Västmanland (109, 111), Sörmland (025, 132). */
export const PG = {
  eva: id(26),
  per: id(100),
  lena: id(101),
  mikael: id(102),
  emma: id(109),
  cecilia: id(111),
  anders: id(25),
  robert: id(132),
} as const;

export const SINCE = '2026-01-01';
export const seats = seatsFromRoster({ people, organisations, since: SINCE }).seats;
