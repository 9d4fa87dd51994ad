import { z } from 'zod';
import type { Constituency, SeatedBody } from './body-rules.js';
import { personIdSchema } from './seats.js';

/**
 * The memo states no quorum (beslutsförhet) for either body. The product still has to say whether a meeting or a
 * proposed time has enough seats covered, so quorum is a policy value: a default that every view marks as an
 * assumption, until programme leadership sets the policy (then `decided` says who and when).
 */
export const quorumRuleSchema = z.discriminatedUnion('kind', [
  /** More than half of the body's ordinary seats are covered (Programråd 4 of 7, Programgrupp 5 of 8). */
  z.object({ kind: z.literal('moreThanHalf') }).strict(),
  /** At least this many seats are covered. */
  z.object({ kind: z.literal('atLeast'), seats: z.number().int().min(1).max(50) }).strict(),
  /** Every seat is covered. */
  z.object({ kind: z.literal('allSeats') }).strict(),
]);
export type QuorumRule = z.infer<typeof quorumRuleSchema>;

export const quorumPolicySchema = z
  .object({
    rule: quorumRuleSchema,
    /** Also require at least one covered seat from each constituency (MDU, Västmanland, Sörmland). */
    everyConstituency: z.boolean(),
    /** Set by leadership; absent on the default, which is then an assumption. */
    decided: z.object({ by: personIdSchema, at: z.string().datetime({ offset: true }) }).strict().optional(),
  })
  .strict();
export type QuorumPolicy = z.infer<typeof quorumPolicySchema>;

export const quorumPoliciesSchema = z.object({ programrad: quorumPolicySchema, programgrupp: quorumPolicySchema }).strict();
export type QuorumPolicies = z.infer<typeof quorumPoliciesSchema>;

export const DEFAULT_QUORUM_POLICY: QuorumPolicy = { rule: { kind: 'moreThanHalf' }, everyConstituency: false };
export const DEFAULT_QUORUM_POLICIES: QuorumPolicies = { programrad: DEFAULT_QUORUM_POLICY, programgrupp: DEFAULT_QUORUM_POLICY };

/** Leadership sets a body's quorum policy; it is no longer an assumption. */
export function decideQuorumPolicy({
  policies,
  body,
  rule,
  everyConstituency,
  by,
  now,
}: {
  policies: QuorumPolicies;
  body: SeatedBody;
  rule: QuorumRule;
  everyConstituency: boolean;
  by: string;
  now: Date;
}): QuorumPolicies {
  const policy = quorumPolicySchema.parse({ rule, everyConstituency, decided: { by: by.toLowerCase(), at: now.toISOString() } });
  return { ...policies, [body]: policy };
}

/** Seats and covered seats of one constituency. */
export interface ConstituencyCount {
  constituency: Constituency;
  seats: number;
  covered: number;
}

export interface QuorumResult {
  /** Covered seats needed. */
  required: number;
  covered: number;
  seats: number;
  met: boolean;
  /** Constituencies with seats but none covered, when the policy asks for every constituency. */
  missingConstituencies: Constituency[];
  /** True while the policy is the default: the view must say the memo states no quorum. */
  assumption: boolean;
}

/** Whether covered seats make a quorum under a policy. */
export function quorumOf({ policy, counts }: { policy: QuorumPolicy; counts: readonly ConstituencyCount[] }): QuorumResult {
  const seats = counts.reduce((s, c) => s + c.seats, 0);
  const covered = counts.reduce((s, c) => s + c.covered, 0);
  const required = policy.rule.kind === 'moreThanHalf' ? Math.floor(seats / 2) + 1 : policy.rule.kind === 'allSeats' ? seats : policy.rule.seats;
  const missingConstituencies = policy.everyConstituency ? counts.filter((c) => c.seats > 0 && c.covered === 0).map((c) => c.constituency) : [];
  return { required, covered, seats, met: covered >= required && missingConstituencies.length === 0, missingConstituencies, assumption: policy.decided === undefined };
}
