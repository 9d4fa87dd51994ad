import { MEMO_TOTALS } from './bodies/body-rules.js';
import type { Organisation } from './organisations.js';
import type { Person } from './people.js';

/** A way the roster departs from the agreement's composition of the bodies. */
export type CompositionDeviation =
  | { body: 'programrad'; rule: 'mduSeats'; expected: number; actual: number }
  | { body: 'programrad'; rule: 'otherSeats'; expected: number; actual: number }
  | { body: 'programrad'; rule: 'vastmanlandOrdinary'; expected: number; actual: number }
  | { body: 'programrad'; rule: 'vastmanlandSubstitute'; expected: number; actual: number }
  | { body: 'programgrupp'; rule: 'mduMembers'; expected: number; actual: number }
  | { body: 'programgrupp'; rule: 'municipalMembers'; expected: number; actual: number }
  | { body: 'programgrupp'; rule: 'perCounty'; county: 'vastmanland' | 'sormland'; expected: number; actual: number }
  | { body: 'programgrupp'; rule: 'notDirector'; personId: string };

/**
 * The agreement's composition rules: Programråd 3 MDU + 4 others, Västmanland 2 ordinary + 1 substitute
 * (appointed by SRB); Programgrupp 4 MDU + 4 from the municipalities, each county appointing 2 among its
 * kommundirektörer and/or regiondirektörer.
 *
 * This checks the roster as it is today (seats implied by `person.programrad` and the `programgrupp` role). Seat
 * records with terms of office are checked by `checkSeatComposition` (src/domain/bodies/seat-composition.ts), which
 * agrees with this one on the roster-derived seats and adds vacancies on a date and gaps a term's end will open.
 */
export function checkComposition({ people, organisations }: { people: readonly Person[]; organisations: readonly Organisation[] }): CompositionDeviation[] {
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const out: CompositionDeviation[] = [];
  const expect = (d: CompositionDeviation & { expected: number; actual: number }) => {
    if (d.expected !== d.actual) out.push(d);
  };

  const ordinary = people.filter((p) => p.programrad?.membership === 'ordinary');
  expect({ body: 'programrad', rule: 'mduSeats', expected: MEMO_TOTALS.programrad.mdu, actual: ordinary.filter((p) => p.programrad?.seat === 'mdu').length });
  expect({ body: 'programrad', rule: 'otherSeats', expected: MEMO_TOTALS.programrad.otherParties, actual: ordinary.filter((p) => p.programrad?.seat !== 'mdu').length });
  expect({ body: 'programrad', rule: 'vastmanlandOrdinary', expected: MEMO_TOTALS.programrad.vastmanlandOrdinary, actual: ordinary.filter((p) => p.programrad?.seat === 'vastmanland').length });
  expect({
    body: 'programrad',
    rule: 'vastmanlandSubstitute',
    expected: MEMO_TOTALS.programrad.vastmanlandSubstitute,
    actual: people.filter((p) => p.programrad?.membership === 'substitute' && p.programrad.seat === 'vastmanland').length,
  });

  const group = people.filter((p) => p.roles.includes('programgrupp'));
  const mduGroup = group.filter((p) => orgById.get(p.organisationId)?.kind === 'university');
  const others = group.filter((p) => orgById.get(p.organisationId)?.kind !== 'university');
  expect({ body: 'programgrupp', rule: 'mduMembers', expected: MEMO_TOTALS.programgrupp.mdu, actual: mduGroup.length });
  expect({ body: 'programgrupp', rule: 'municipalMembers', expected: MEMO_TOTALS.programgrupp.municipalities, actual: others.length });
  for (const county of ['vastmanland', 'sormland'] as const) {
    expect({ body: 'programgrupp', rule: 'perCounty', county, expected: MEMO_TOTALS.programgrupp.perCounty, actual: others.filter((p) => orgById.get(p.organisationId)?.county === county).length });
  }
  for (const p of others) {
    if (p.directorTitle !== 'kommundirektor' && p.directorTitle !== 'kommunchef' && p.directorTitle !== 'regiondirektor') {
      out.push({ body: 'programgrupp', rule: 'notDirector', personId: p.aadObjectId });
    }
  }
  return out;
}
