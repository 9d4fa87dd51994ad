import { describe, expect, it } from 'vitest';
import { PR, seats } from '../../../tests/helpers/demo-bodies.js';
import { answered, makePoll, SCENARIO, type Answers } from '../../../tests/helpers/demo-polls.js';
import { decideQuorumPolicy, DEFAULT_QUORUM_POLICIES } from '../bodies/quorum.js';
import { rankSlots, slotResults, type SlotResult } from './results.js';

const poll = answered(makePoll(), SCENARIO);

describe('per-slot results', () => {
  const results = slotResults({ poll, seats });
  const [s1, s2, s3] = results;

  it('count the answers per time, with those not answered', () => {
    expect(results.map((r) => r.counts)).toEqual([
      { yes: 7, ifNeedBe: 0, no: 1, noAnswer: 0 },
      { yes: 6, ifNeedBe: 0, no: 2, noAnswer: 0 },
      { yes: 5, ifNeedBe: 1, no: 2, noAnswer: 0 },
    ]);
  });

  it('only the first time covers every seat, and only because Västmanland’s substitute stands in', () => {
    expect(results.map((r) => [r.coverage?.covered, r.coverage?.total, r.coversEverySeat])).toEqual([
      [7, 7, true],
      [6, 7, false],
      [6, 7, false],
    ]);
    expect(s1?.coverage?.seats.find((s) => s.seatId === 'programrad-vastmanland-1')?.coveredBy).toEqual({ personId: PR.lars, as: 'substitute', via: 'yes' });
    expect(s2?.coverage?.seats.find((s) => s.seatId === 'programrad-vastmanland-2')?.coveredBy).toBeUndefined();
    expect(s3?.coverage?.byConstituency.find((c) => c.constituency === 'sormland')).toEqual({ constituency: 'sormland', seats: 2, covered: 1 });
  });

  it('show quorum per time under the body’s policy (default: more than half, an assumption)', () => {
    expect(results.map((r) => r.coverage?.quorum.met)).toEqual([true, true, true]);
    expect(s1?.coverage?.quorum.assumption).toBe(true);
    const strict = decideQuorumPolicy({ policies: DEFAULT_QUORUM_POLICIES, body: 'programrad', rule: { kind: 'allSeats' }, everyConstituency: true, by: PR.anna, now: new Date('2027-02-01T00:00:00Z') });
    expect(slotResults({ poll, seats, quorum: strict }).map((r) => [r.coverage?.quorum.met, r.coverage?.quorum.assumption])).toEqual([
      [true, false],
      [false, false],
      [false, false],
    ]);
  });
});

describe('ranking', () => {
  it('puts the time that covers most seats first', () => {
    expect(rankSlots(slotResults({ poll, seats })).map((r) => [r.slot.id, r.rank])).toEqual([
      ['s1', 1],
      ['s2', 2],
      ['s3', 3],
    ]);
  });

  it('between equal coverage, prefers seats covered by a yes over “if need be”, then more yes overall', () => {
    // s2 and s3 both cover 6 seats; on s3 Sara's seat is covered only "if need be".
    const ranked = rankSlots(slotResults({ poll, seats }));
    expect(ranked[1]?.coverage?.coveredViaYes).toBe(6);
    expect(ranked[2]?.coverage?.coveredViaYes).toBe(5);
  });

  it('times that compare equal share a rank and stay in time order', () => {
    const everyoneYes: [string, Answers][] = SCENARIO.map(([who]) => [who, { s1: 'yes', s2: 'yes', s3: 'yes' }]);
    const equal = answered(makePoll(), everyoneYes);
    expect(rankSlots(slotResults({ poll: equal, seats })).map((r) => [r.slot.id, r.rank])).toEqual([
      ['s1', 1],
      ['s2', 1],
      ['s3', 1],
    ]);
  });

  it('the yearly meeting has no seats: times rank by yes, then “if need be”', () => {
    const yearly = makePoll({ type: 'arlig-traff' });
    const [a, b, c] = yearly.inviteeIds;
    if (!a || !b || !c) throw new Error('too few invitees');
    const p = answered(yearly, [
      [a, { s1: 'ifNeedBe', s2: 'yes', s3: 'yes' }],
      [b, { s1: 'yes', s2: 'no', s3: 'yes' }],
      [c, { s1: 'ifNeedBe', s2: 'yes', s3: 'ifNeedBe' }],
    ]);
    const ranked = rankSlots(slotResults({ poll: p, seats }));
    expect(ranked.map((r: SlotResult) => [r.slot.id, r.coverage, r.coversEverySeat])).toEqual([
      ['s3', undefined, false],
      ['s2', undefined, false],
      ['s1', undefined, false],
    ]);
  });
});
