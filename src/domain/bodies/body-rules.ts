import { z } from 'zod';

/**
 * The agreement's governance bodies with seats. The yearly meeting (årlig träff) is not a body with seats: every
 * director and chair of the parties is invited to it.
 */
export const seatedBodySchema = z.enum(['programrad', 'programgrupp']);
export type SeatedBody = z.infer<typeof seatedBodySchema>;
export const SEATED_BODIES: readonly SeatedBody[] = seatedBodySchema.options;

/** Who a seat is held for. The values are those of `programrad.seat` in the roster (src/domain/people.ts). */
export const constituencySchema = z.enum(['mdu', 'vastmanland', 'sormland']);
export type Constituency = z.infer<typeof constituencySchema>;
export const CONSTITUENCIES: readonly Constituency[] = constituencySchema.options;

/** An ordinary seat (ordinarie ledamot) or a substitute's place (ersättare). */
export const seatKindSchema = z.enum(['ordinary', 'substitute']);
export type SeatKind = z.infer<typeof seatKindSchema>;

/**
 * Where the memo is silent and the product still has to act, it acts on an assumption it names. Every screen that
 * rests on one shows it (the catalogue's `bodies.assumptions` has the text), and leadership can replace it.
 */
export const assumptionSchema = z.enum([
  /** The memo gives the "other parties" 4 Programråd seats and Västmanland 2 of them; Sörmland's 2 are by implication, and who appoints them is not said. */
  'sormlandProgramradSeats',
  /** The memo names a substitute for Västmanland only; whether MDU and Sörmland have substitutes in the Programråd is not said. */
  'programradSubstitutesElsewhere',
  /** The memo says nothing about substitutes in the Programgrupp. */
  'programgruppSubstitutes',
  /** The memo states no quorum; the default policy (src/domain/bodies/quorum.ts) applies until leadership sets one. */
  'quorumDefault',
]);
export type Assumption = z.infer<typeof assumptionSchema>;

/** How many seats (or substitutes' places) a constituency has, and on what basis. */
export type SeatRule =
  | { count: number; basis: 'memo' }
  | { count: number; basis: 'assumption'; assumption: Assumption }
  /** The memo does not say: any number is accepted and none is missing. */
  | { count: null; basis: 'notStated'; assumption: Assumption };

export interface BodyRules {
  ordinary: Record<Constituency, SeatRule>;
  substitute: Record<Constituency, SeatRule>;
  /**
   * Constituencies whose seats must be held by a kommundirektör/kommunchef or regiondirektör (Programgrupp: "varje
   * län utser två representanter av kommundirektörer och/eller regiondirektörer"). Kommunchef is the same office
   * under another name in some municipalities.
   */
  directorsOnly: readonly Constituency[];
}

/**
 * The composition the memo (tjänsteskrivelse) lays down:
 * - Programråd: 3 representatives of MDU and 4 of the other parties; SRB appoints 2 ordinary and 1 substitute for
 *   Västmanland. The remaining 2 are taken to be Sörmland's (assumption).
 * - Programgrupp: 4 from MDU and 4 from the municipalities, each county appointing 2 among its kommundirektörer
 *   and/or regiondirektörer. Substitutes are not mentioned.
 * A substitute serves any seat of its constituency (Västmanland's one substitute, either of its two seats).
 */
export const BODY_RULES: Readonly<Record<SeatedBody, BodyRules>> = {
  programrad: {
    ordinary: {
      mdu: { count: 3, basis: 'memo' },
      vastmanland: { count: 2, basis: 'memo' },
      sormland: { count: 2, basis: 'assumption', assumption: 'sormlandProgramradSeats' },
    },
    substitute: {
      mdu: { count: null, basis: 'notStated', assumption: 'programradSubstitutesElsewhere' },
      vastmanland: { count: 1, basis: 'memo' },
      sormland: { count: null, basis: 'notStated', assumption: 'programradSubstitutesElsewhere' },
    },
    directorsOnly: [],
  },
  programgrupp: {
    ordinary: {
      mdu: { count: 4, basis: 'memo' },
      vastmanland: { count: 2, basis: 'memo' },
      sormland: { count: 2, basis: 'memo' },
    },
    substitute: {
      mdu: { count: null, basis: 'notStated', assumption: 'programgruppSubstitutes' },
      vastmanland: { count: null, basis: 'notStated', assumption: 'programgruppSubstitutes' },
      sormland: { count: null, basis: 'notStated', assumption: 'programgruppSubstitutes' },
    },
    directorsOnly: ['vastmanland', 'sormland'],
  },
};

/** The memo's own totals, which the per-constituency rules above must add up to. */
export const MEMO_TOTALS = {
  programrad: { mdu: 3, otherParties: 4, vastmanlandOrdinary: 2, vastmanlandSubstitute: 1 },
  programgrupp: { mdu: 4, municipalities: 4, perCounty: 2 },
} as const;

/** The number of ordinary seats a body has under the rules (Programråd 7, Programgrupp 8). */
export const ordinarySeatCount = (body: SeatedBody): number =>
  CONSTITUENCIES.reduce((sum, c) => sum + (BODY_RULES[body].ordinary[c].count ?? 0), 0);

/** The assumptions a body's seats rest on (not the quorum's: see `quorumOf`). */
export function seatAssumptions(body: SeatedBody): Assumption[] {
  const rules = BODY_RULES[body];
  const out = new Set<Assumption>();
  for (const kind of ['ordinary', 'substitute'] as const) {
    for (const c of CONSTITUENCIES) {
      const rule = rules[kind][c];
      if (rule.basis !== 'memo') out.add(rule.assumption);
    }
  }
  return [...out];
}
