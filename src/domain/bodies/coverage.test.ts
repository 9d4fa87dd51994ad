import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { id, PG, PR, seats } from '../../../tests/helpers/demo-bodies.js';
import { CONSTITUENCIES, type Constituency } from './body-rules.js';
import { seatCoverage, type Availability, type SeatCoverage } from './coverage.js';
import { DEFAULT_QUORUM_POLICY } from './quorum.js';
import { holdingsOn, type BodySeat } from './seats.js';

const date = '2027-04-13';
const allProgramrad = [PR.anna, PR.johan, PR.sara, PR.erik, PR.maria, PR.anders, PR.olof];
const everyone = (value: Availability, ids: readonly string[] = allProgramrad): Record<string, Availability> => Object.fromEntries(ids.map((p) => [p, value]));
const cover = (availability: Record<string, Availability | undefined>, s: readonly BodySeat[] = seats) =>
  seatCoverage({ seats: s, body: 'programrad', date, availability });
const by = (c: SeatCoverage) => Object.fromEntries(c.seats.map((s) => [s.seatId, s.coveredBy ? `${s.coveredBy.as}:${s.coveredBy.personId}:${s.coveredBy.via}` : null]));

describe('seat coverage', () => {
  it('every holder saying yes covers all seven Programråd seats, each by its holder', () => {
    const c = cover(everyone('yes'));
    expect([c.covered, c.total, c.coveredViaYes, c.complete]).toEqual([7, 7, 7, true]);
    expect(c.seats.every((s) => s.coveredBy?.as === 'holder' && s.coveredBy.personId === s.holderId)).toBe(true);
    expect(c.byConstituency).toEqual([
      { constituency: 'mdu', seats: 3, covered: 3 },
      { constituency: 'vastmanland', seats: 2, covered: 2 },
      { constituency: 'sormland', seats: 2, covered: 2 },
    ]);
    expect(c.quorum).toMatchObject({ met: true, required: 4, assumption: true });
  });

  it('a holder who cannot come is covered by a substitute of the same constituency', () => {
    const c = cover({ ...everyone('yes'), [PR.erik]: 'no', [PR.lars]: 'yes' });
    expect(by(c)['programrad-vastmanland-1']).toBe(`substitute:${PR.lars}:yes`);
    expect(c.complete).toBe(true);
  });

  it('Västmanland’s one substitute covers one of its two seats, not both', () => {
    const c = cover({ ...everyone('yes'), [PR.erik]: 'no', [PR.maria]: 'no', [PR.lars]: 'yes' });
    expect(c.covered).toBe(6);
    expect(c.byConstituency.find((x) => x.constituency === 'vastmanland')).toEqual({ constituency: 'vastmanland', seats: 2, covered: 1 });
    expect(Object.values(by(c)).filter((v) => v?.includes(PR.lars))).toHaveLength(1);
  });

  it('Sörmland has no substitute: a Sörmland holder saying no leaves the seat uncovered, whoever else can come', () => {
    const c = cover({ ...everyone('yes'), [PR.olof]: 'no', [PR.lars]: 'yes' });
    expect(by(c)['programrad-sormland-2']).toBeNull();
    expect(c.complete).toBe(false);
  });

  it('no answer is not availability; “if need be” is, and is counted apart from yes', () => {
    const c = cover({ ...everyone('yes'), [PR.anna]: undefined, [PR.johan]: 'ifNeedBe' });
    expect(by(c)['programrad-mdu-1']).toBeNull();
    expect(by(c)['programrad-mdu-2']).toBe(`holder:${PR.johan}:ifNeedBe`);
    expect([c.covered, c.coveredViaYes]).toEqual([6, 5]);
  });

  it('the seat is its holder’s: a holder who can come “if need be” is preferred over a substitute saying yes', () => {
    const c = cover({ ...everyone('yes'), [PR.erik]: 'ifNeedBe', [PR.lars]: 'yes' });
    expect(by(c)['programrad-vastmanland-1']).toBe(`holder:${PR.erik}:ifNeedBe`);
  });

  it('a vacant seat can be covered by a substitute', () => {
    const vacant = seats.map((s) => (s.id === 'programrad-vastmanland-2' ? { ...s, terms: [] } : s));
    const c = cover({ ...everyone('yes'), [PR.lars]: 'ifNeedBe' }, vacant);
    expect(c.seats.find((s) => s.seatId === 'programrad-vastmanland-2')).toEqual({
      seatId: 'programrad-vastmanland-2',
      constituency: 'vastmanland',
      ordinal: 2,
      coveredBy: { personId: PR.lars, as: 'substitute', via: 'ifNeedBe' },
    });
  });

  it('with two substitutes and one seat to fill, the one saying yes is chosen over the one saying “if need be”', () => {
    const second: BodySeat = { id: 'programrad-vastmanland-substitute-2', body: 'programrad', constituency: 'vastmanland', kind: 'substitute', terms: [{ personId: id(111), start: '2026-01-01' }] };
    const c = cover({ ...everyone('yes'), [PR.erik]: 'no', [PR.lars]: 'ifNeedBe', [id(111)]: 'yes' }, [...seats, second]);
    expect(by(c)['programrad-vastmanland-1']).toBe(`substitute:${id(111)}:yes`);
  });

  it('is a matching, not first come first served: a substitute for two constituencies goes where nobody else can', () => {
    // X substitutes for Västmanland and Sörmland, Y for Västmanland only; Erik and Olof cannot come.
    const [X, Y] = [id(901), id(902)];
    const extra: BodySeat[] = [
      { id: 'programrad-vastmanland-substitute-2', body: 'programrad', constituency: 'vastmanland', kind: 'substitute', terms: [{ personId: X, start: '2026-01-01' }] },
      { id: 'programrad-vastmanland-substitute-3', body: 'programrad', constituency: 'vastmanland', kind: 'substitute', terms: [{ personId: Y, start: '2026-01-01' }] },
      { id: 'programrad-sormland-substitute-1', body: 'programrad', constituency: 'sormland', kind: 'substitute', terms: [{ personId: X, start: '2026-01-01' }] },
    ];
    const withoutLars = seats.filter((s) => s.id !== 'programrad-vastmanland-substitute-1');
    const c = cover({ ...everyone('yes'), [PR.erik]: 'no', [PR.olof]: 'no', [X]: 'yes', [Y]: 'yes' }, [...withoutLars, ...extra]);
    expect(c.complete).toBe(true);
    expect(by(c)['programrad-vastmanland-1']).toBe(`substitute:${Y}:yes`);
    expect(by(c)['programrad-sormland-2']).toBe(`substitute:${X}:yes`);
  });

  it('only the body asked about counts: the Programgrupp’s seats have no substitutes in the roster', () => {
    const c = seatCoverage({ seats, body: 'programgrupp', date, availability: { ...everyone('yes', Object.values(PG)), [PG.robert]: 'no', [PR.lars]: 'yes' } });
    expect([c.total, c.covered]).toEqual([8, 7]);
    expect(c.quorum.required).toBe(5);
  });

  it('uses who holds the seat on the date', () => {
    const handedOver = seats.map((s) => (s.id === 'programrad-mdu-1' ? { ...s, terms: [{ personId: PR.anna, start: '2026-01-01', end: '2027-04-12' }, { personId: id(902), start: '2027-04-13' }] } : s));
    const c = cover({ ...everyone('yes'), [id(902)]: 'yes', [PR.anna]: 'no' }, handedOver);
    expect(by(c)['programrad-mdu-1']).toBe(`holder:${id(902)}:yes`);
  });
});

// ---- Properties, against a brute force over every assignment ----

const POOL = [id(1), id(2), id(3), id(4), id(5), id(6)];
const bodyArb = fc
  .record({
    ordinary: fc.array(fc.record({ c: fc.constantFrom(...CONSTITUENCIES), holder: fc.option(fc.constantFrom(...POOL), { nil: undefined }) }), { minLength: 1, maxLength: 7 }),
    substitutes: fc.array(fc.record({ c: fc.constantFrom(...CONSTITUENCIES), holder: fc.constantFrom(...POOL) }), { maxLength: 4 }),
    availability: fc.array(fc.constantFrom<Availability | undefined>('yes', 'ifNeedBe', 'no', undefined), { minLength: POOL.length, maxLength: POOL.length }),
  })
  .map(({ ordinary, substitutes, availability }) => {
    const mk = (kind: 'ordinary' | 'substitute', c: Constituency, holder: string | undefined, i: number): BodySeat => ({
      id: `s-${kind}-${i}`,
      body: 'programrad',
      constituency: c,
      kind,
      terms: holder ? [{ personId: holder, start: '2026-01-01' }] : [],
    });
    return {
      seats: [...ordinary.map((o, i) => mk('ordinary', o.c, o.holder, i)), ...substitutes.map((s, i) => mk('substitute', s.c, s.holder, i))],
      availability: Object.fromEntries(POOL.map((p, i) => [p, availability[i]])) as Record<string, Availability | undefined>,
    };
  });

/** The best assignment by (covered, covered by their own holder, covered via yes), trying every one. */
function bruteForce(s: readonly BodySeat[], availability: Record<string, Availability | undefined>): [number, number, number] {
  const holdings = holdingsOn({ seats: s, body: 'programrad', date });
  const ordinary = holdings.filter((h) => h.kind === 'ordinary');
  const subs = holdings.filter((h) => h.kind === 'substitute');
  const ok = (p: string | undefined): p is string => p !== undefined && (availability[p] === 'yes' || availability[p] === 'ifNeedBe');
  let best: [number, number, number] = [0, 0, 0];
  const better = (a: [number, number, number], b: [number, number, number]) => a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] > b[2];
  const go = (i: number, used: Set<string>, score: [number, number, number]) => {
    if (i === ordinary.length) {
      if (better(score, best)) best = score;
      return;
    }
    const seat = ordinary[i];
    if (!seat) return;
    go(i + 1, used, score);
    const options: { p: string; own: boolean }[] = [];
    if (ok(seat.personId)) options.push({ p: seat.personId, own: true });
    for (const sub of subs) if (sub.constituency === seat.constituency && ok(sub.personId) && sub.personId !== seat.personId) options.push({ p: sub.personId, own: false });
    for (const o of options) {
      if (used.has(o.p)) continue;
      used.add(o.p);
      go(i + 1, used, [score[0] + 1, score[1] + (o.own ? 1 : 0), score[2] + (availability[o.p] === 'yes' ? 1 : 0)]);
      used.delete(o.p);
    }
  };
  go(0, new Set(), [0, 0, 0]);
  return best;
}

describe('seat coverage, properties', () => {
  const run = (s: readonly BodySeat[], availability: Record<string, Availability | undefined>) =>
    seatCoverage({ seats: s, body: 'programrad', date, availability, policy: DEFAULT_QUORUM_POLICY });

  it('covers exactly as many seats as the best assignment a brute force finds, and is as good on holders and yes', () => {
    fc.assert(
      fc.property(bodyArb, ({ seats: s, availability }) => {
        const c = run(s, availability);
        const [covered, own, yes] = bruteForce(s, availability);
        expect(c.covered).toBeLessThanOrEqual(covered);
        expect(c.covered).toBe(covered);
        expect(c.seats.filter((x) => x.coveredBy?.as === 'holder').length).toBe(own);
        expect(c.coveredViaYes).toBe(yes);
      }),
      { seed: 16, numRuns: 600 },
    );
  });

  it('nobody — substitute or holder — covers two seats, and every cover is someone allowed and able to come', () => {
    fc.assert(
      fc.property(bodyArb, ({ seats: s, availability }) => {
        const c = run(s, availability);
        const subsOf = (k: Constituency) => holdingsOn({ seats: s, body: 'programrad', date }).filter((h) => h.kind === 'substitute' && h.constituency === k).map((h) => h.personId);
        const coverers = c.seats.flatMap((x) => (x.coveredBy ? [x.coveredBy.personId] : []));
        expect(new Set(coverers).size).toBe(coverers.length);
        for (const x of c.seats) {
          if (!x.coveredBy) continue;
          expect(x.coveredBy.via).toBe(availability[x.coveredBy.personId]);
          if (x.coveredBy.as === 'holder') expect(x.coveredBy.personId).toBe(x.holderId);
          else expect(subsOf(x.constituency)).toContain(x.coveredBy.personId);
        }
      }),
      { seed: 17, numRuns: 600 },
    );
  });

  it('one more yes never reduces coverage', () => {
    fc.assert(
      fc.property(bodyArb, fc.constantFrom(...POOL), ({ seats: s, availability }, who) => {
        const before = run(s, availability);
        const after = run(s, { ...availability, [who]: 'yes' });
        expect(after.covered).toBeGreaterThanOrEqual(before.covered);
      }),
      { seed: 18, numRuns: 600 },
    );
  });
});
