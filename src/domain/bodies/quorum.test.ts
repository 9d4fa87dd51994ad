import { describe, expect, it } from 'vitest';
import { PR } from '../../../tests/helpers/demo-bodies.js';
import { DEFAULT_QUORUM_POLICIES, DEFAULT_QUORUM_POLICY, decideQuorumPolicy, quorumOf, quorumPoliciesSchema, quorumPolicySchema, type QuorumPolicy } from './quorum.js';

const programrad = (mdu: number, vastmanland: number, sormland: number) => [
  { constituency: 'mdu' as const, seats: 3, covered: mdu },
  { constituency: 'vastmanland' as const, seats: 2, covered: vastmanland },
  { constituency: 'sormland' as const, seats: 2, covered: sormland },
];

describe('quorum', () => {
  it('by default is more than half of the seats (4 of the Programråd’s 7) and is marked as an assumption', () => {
    expect(quorumOf({ policy: DEFAULT_QUORUM_POLICY, counts: programrad(2, 1, 0) })).toEqual({
      required: 4,
      covered: 3,
      seats: 7,
      met: false,
      missingConstituencies: [],
      assumption: true,
    });
    expect(quorumOf({ policy: DEFAULT_QUORUM_POLICY, counts: programrad(2, 1, 1) }).met).toBe(true);
  });

  it('more than half of an even number (the Programgrupp’s 8) is 5', () => {
    const counts = [{ constituency: 'mdu' as const, seats: 4, covered: 4 }, { constituency: 'vastmanland' as const, seats: 2, covered: 0 }, { constituency: 'sormland' as const, seats: 2, covered: 0 }];
    expect(quorumOf({ policy: DEFAULT_QUORUM_POLICY, counts })).toMatchObject({ required: 5, met: false });
  });

  it('set by leadership is no longer an assumption, and can ask for every seat or a number and every constituency', () => {
    const now = new Date('2027-02-01T10:00:00Z');
    const policies = decideQuorumPolicy({ policies: DEFAULT_QUORUM_POLICIES, body: 'programrad', rule: { kind: 'atLeast', seats: 5 }, everyConstituency: true, by: PR.anna, now });
    expect(quorumPoliciesSchema.parse(policies)).toEqual(policies);
    expect(policies.programgrupp).toBe(DEFAULT_QUORUM_POLICY);
    const result = quorumOf({ policy: policies.programrad, counts: programrad(3, 2, 0) });
    expect(result).toEqual({ required: 5, covered: 5, seats: 7, met: false, missingConstituencies: ['sormland'], assumption: false });
    const all: QuorumPolicy = { rule: { kind: 'allSeats' }, everyConstituency: false };
    expect(quorumOf({ policy: all, counts: programrad(3, 2, 1) })).toMatchObject({ required: 7, met: false });
    expect(quorumOf({ policy: all, counts: programrad(3, 2, 2) }).met).toBe(true);
  });

  it('a stored policy is validated: no zero or fractional seat counts, no unknown rules', () => {
    expect(quorumPolicySchema.safeParse({ rule: { kind: 'atLeast', seats: 0 }, everyConstituency: false }).success).toBe(false);
    expect(quorumPolicySchema.safeParse({ rule: { kind: 'atLeast', seats: 2.5 }, everyConstituency: false }).success).toBe(false);
    expect(quorumPolicySchema.safeParse({ rule: { kind: 'twoThirds' }, everyConstituency: false }).success).toBe(false);
  });
});
