import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { id, organisations, people, PG, PR, SINCE, seats } from '../../../tests/helpers/demo-bodies.js';
import { checkComposition } from '../composition.js';
import type { Person } from '../people.js';
import { BODY_RULES, MEMO_TOTALS, ordinarySeatCount, seatAssumptions } from './body-rules.js';
import { appoint, endTerm, type BodySeat } from './seats.js';
import { checkSeatComposition, daysBetween, upcomingGaps } from './seat-composition.js';
import { seatsFromRoster } from './seats-from-roster.js';

const date = '2027-01-15';
const check = (s: readonly BodySeat[], roster: readonly Person[] = people, withinDays?: number) =>
  checkSeatComposition({ seats: s, date, people: roster, organisations, withinDays });
const replace = (all: readonly BodySeat[], next: BodySeat) => all.map((s) => (s.id === next.id ? next : s));
const seatById = (seatId: string): BodySeat => {
  const s = seats.find((x) => x.id === seatId);
  if (!s) throw new Error(`no seat ${seatId}`);
  return s;
};

describe('the agreement’s rules', () => {
  it('add up to the memo’s totals: Programråd 3 MDU + 4 others, Västmanland 2 + 1 substitute; Programgrupp 4 + 4, 2 per county', () => {
    const pr = BODY_RULES.programrad;
    expect(pr.ordinary.mdu.count).toBe(MEMO_TOTALS.programrad.mdu);
    expect((pr.ordinary.vastmanland.count ?? 0) + (pr.ordinary.sormland.count ?? 0)).toBe(MEMO_TOTALS.programrad.otherParties);
    expect(pr.ordinary.vastmanland.count).toBe(MEMO_TOTALS.programrad.vastmanlandOrdinary);
    expect(pr.substitute.vastmanland.count).toBe(MEMO_TOTALS.programrad.vastmanlandSubstitute);
    const pg = BODY_RULES.programgrupp;
    expect(pg.ordinary.mdu.count).toBe(MEMO_TOTALS.programgrupp.mdu);
    expect([pg.ordinary.vastmanland.count, pg.ordinary.sormland.count]).toEqual([MEMO_TOTALS.programgrupp.perCounty, MEMO_TOTALS.programgrupp.perCounty]);
    expect(ordinarySeatCount('programrad')).toBe(7);
    expect(ordinarySeatCount('programgrupp')).toBe(8);
  });
  it('name what the memo does not say: Sörmland’s Programråd seats and substitutes, and Programgrupp substitutes', () => {
    expect(BODY_RULES.programrad.ordinary.sormland.basis).toBe('assumption');
    expect(seatAssumptions('programrad').sort()).toEqual(['programradSubstitutesElsewhere', 'sormlandProgramradSeats']);
    expect(seatAssumptions('programgrupp')).toEqual(['programgruppSubstitutes']);
  });
});

describe('composition check over seats', () => {
  it('the demo roster’s seats follow the agreement', () => {
    expect(check(seats)).toEqual([]);
  });

  it('a vacant seat is reported, and so is Västmanland’s missing substitute', () => {
    const ended = endTerm({ seat: seatById('programrad-vastmanland-substitute-1'), lastDay: '2026-12-31' });
    if (!ended.ok) throw new Error(ended.reason);
    expect(check(replace(seats, ended.seat))).toEqual([
      { rule: 'vacant', body: 'programrad', seatId: 'programrad-vastmanland-substitute-1', constituency: 'vastmanland', kind: 'substitute' },
    ]);
  });

  it('too many seats in a constituency is reported, marked when the number rests on an assumption', () => {
    const extra: BodySeat = { id: 'programrad-sormland-3', body: 'programrad', constituency: 'sormland', kind: 'ordinary', terms: [] };
    expect(check([...seats, extra])).toEqual([
      { rule: 'seatCount', body: 'programrad', constituency: 'sormland', kind: 'ordinary', expected: 2, actual: 3, assumption: true },
      { rule: 'vacant', body: 'programrad', seatId: 'programrad-sormland-3', constituency: 'sormland', kind: 'ordinary' },
    ]);
  });

  it('a holder from another constituency, a county Programgrupp seat held by a non-director, one person twice, someone not in the roster', () => {
    const karin = id(24); // staff, Sala (Västmanland)
    const mduSeat = seatById('programrad-mdu-3');
    const s1 = replace(seats, { ...mduSeat, terms: [{ personId: karin, start: SINCE }] });
    expect(check(s1)).toContainEqual({ rule: 'wrongConstituency', body: 'programrad', seatId: 'programrad-mdu-3', personId: karin, constituency: 'mdu' });

    const pgSeat = seatById('programgrupp-vastmanland-2');
    const s2 = replace(seats, { ...pgSeat, terms: [{ personId: karin, start: SINCE }] });
    expect(check(s2)).toContainEqual({ rule: 'notDirector', body: 'programgrupp', seatId: 'programgrupp-vastmanland-2', personId: karin });

    const s3 = replace(seats, { ...seatById('programrad-vastmanland-2'), terms: [{ personId: PR.erik, start: SINCE }] });
    expect(check(s3)).toContainEqual({ rule: 'heldTwice', body: 'programrad', personId: PR.erik, seatIds: ['programrad-vastmanland-1', 'programrad-vastmanland-2'] });

    const s4 = replace(seats, { ...seatById('programrad-vastmanland-2'), terms: [{ personId: id(999), start: SINCE }] });
    expect(check(s4)).toContainEqual({ rule: 'unknownPerson', body: 'programrad', seatId: 'programrad-vastmanland-2', personId: id(999) });
  });

  it('a member in both bodies (Anders: Programråd and Programgrupp for Sörmland) is not “held twice”', () => {
    expect(check(seats).filter((d) => d.rule === 'heldTwice')).toEqual([]);
    expect(PR.anders).toBe(PG.anders);
  });
});

describe('gaps a term’s end will open', () => {
  const ended = endTerm({ seat: seatById('programrad-sormland-2'), lastDay: '2027-03-10' });
  if (!ended.ok) throw new Error(ended.reason);
  const ending = replace(seats, ended.seat);

  it('are reported within the horizon, with the day the seat falls vacant', () => {
    const gap = { rule: 'termEnds', body: 'programrad', seatId: 'programrad-sormland-2', constituency: 'sormland', kind: 'ordinary', personId: PR.olof, lastDay: '2027-03-10', vacantFrom: '2027-03-11', inDays: 55 };
    expect(check(ending, people, 60)).toEqual([gap]);
    expect(upcomingGaps({ seats: ending, date, withinDays: 60 })).toEqual([gap]);
  });
  it('are not reported beyond the horizon, nor without one (today the seat is held)', () => {
    expect(check(ending, people, 30)).toEqual([]);
    expect(check(ending)).toEqual([]);
  });
  it('are not gaps when a successor takes over the next day', () => {
    const next = appoint({ seat: ended.seat, personId: id(140), start: '2027-03-11' });
    if (!next.ok) throw new Error(next.reason);
    expect(upcomingGaps({ seats: replace(seats, next.seat), date, withinDays: 60 })).toEqual([]);
  });
  it('open on the day after the last day even when a successor starts later', () => {
    const next = appoint({ seat: ended.seat, personId: id(140), start: '2027-04-01' });
    if (!next.ok) throw new Error(next.reason);
    expect(upcomingGaps({ seats: replace(seats, next.seat), date, withinDays: 60 }).map((g) => g.vacantFrom)).toEqual(['2027-03-11']);
  });
  it('day counts are calendar days, across the spring daylight-saving switch', () => {
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });
});

describe('consistent with the roster check (src/domain/composition.ts)', () => {
  // Rosters made from the demo roster by dropping people and adding Programråd and Programgrupp members (from an
  // organisation of the seat's constituency, so only the counts vary): both checks agree on whether all is well.
  const orgOf = { mdu: 'mdu', vastmanland: 'vasteras', sormland: 'eskilstuna' } as const;
  const mutation = fc.oneof(
    fc.record({ op: fc.constant('drop' as const), index: fc.nat(people.length - 1) }),
    fc.record({
      op: fc.constant('addPr' as const),
      seat: fc.constantFrom('mdu' as const, 'vastmanland' as const, 'sormland' as const),
      membership: fc.constantFrom('ordinary' as const, 'substitute' as const),
    }),
    fc.record({ op: fc.constant('addPg' as const), seat: fc.constantFrom('mdu' as const, 'vastmanland' as const, 'sormland' as const), director: fc.boolean() }),
  );
  it('for rosters with members added and removed, one finds deviations exactly when the other does', () => {
    const seen = new Set<boolean>();
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 4 }), (mutations) => {
        let roster: Person[] = [...people];
        mutations.forEach((m, i) => {
          if (m.op === 'drop') roster = roster.filter((_, j) => j !== m.index % roster.length);
          else if (m.op === 'addPr') {
            roster.push({ aadObjectId: id(800 + i), name: `P${i}`, organisationId: orgOf[m.seat], title: 'x', roles: ['programrad'], programrad: { membership: m.membership, seat: m.seat } });
          } else {
            roster.push({
              aadObjectId: id(800 + i),
              name: `G${i}`,
              organisationId: orgOf[m.seat],
              title: 'x',
              roles: m.director ? ['director', 'programgrupp'] : ['programgrupp'],
              ...(m.director ? { directorTitle: 'kommundirektor' as const } : {}),
            });
          }
        });
        const old = checkComposition({ people: roster, organisations });
        const fresh = checkSeatComposition({ seats: seatsFromRoster({ people: roster, organisations, since: SINCE }).seats, date, people: roster, organisations });
        expect(fresh.length === 0).toBe(old.length === 0);
        seen.add(old.length === 0);
      }),
      { seed: 15, numRuns: 300 },
    );
    // Both outcomes occurred: rosters that follow the agreement and rosters that do not.
    expect([...seen].sort()).toEqual([false, true]);
  });
});
