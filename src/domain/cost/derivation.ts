import type { County } from '../organisations.js';
import type { BasisRef } from './agreement.js';

/** What an amount is the amount of. The bot names each one in the reader's language. */
export type CostSubject =
  | { type: 'programme' }
  | { type: 'otherParties' }
  | { type: 'county'; county: County }
  | { type: 'countyMunicipalities'; county: County }
  | { type: 'party'; partyId: string }
  /** Several subjects asked about together ("Västerås och Köping tillsammans"): their sum. */
  | { type: 'selection' };

/**
 * One step of how an amount came about, from the agreed top figures down to the party. Steps hold numbers
 * and codes only (JSON-safe); the bot turns them into sentences (sv/en). `basis` says whether the step rests
 * on the agreement (with the quoted words) or on a named assumption.
 */
export type DerivationStep =
  /** A figure stated outright: in the agreement, or as a fixed amount in a county's rule. */
  | { kind: 'stated'; subject: CostSubject; yearly: number; basis: BasisRef[] }
  /** A sum of parts (the programme total). */
  | { kind: 'sum'; subject: CostSubject; yearly: number; parts: { subject: CostSubject; yearly: number }[]; basis: BasisRef[] }
  /** What is left of a parent after the other parts. */
  | { kind: 'remainder'; subject: CostSubject; yearly: number; of: CostSubject; ofYearly: number; minus: { subject: CostSubject; yearly: number }[]; basis: BasisRef[] }
  /** A fraction of a parent, in whole kronor by largest remainder. */
  | {
      kind: 'fraction';
      subject: CostSubject;
      yearly: number;
      of: CostSubject;
      ofYearly: number;
      numerator: number;
      denominator: number;
      /** The exact quota before rounding, for display. */
      quota: number;
      roundedUp: boolean;
      basis: BasisRef[];
    }
  /** A population share of a pool, in whole kronor by largest remainder among the pool's participants. */
  | {
      kind: 'populationShare';
      subject: CostSubject;
      yearly: number;
      of: CostSubject;
      ofYearly: number;
      population: number;
      /** Population of everyone sharing the pool (participants only). */
      poolPopulation: number;
      populationReferenceDate: string;
      quota: number;
      roundedUp: boolean;
      basis: BasisRef[];
    }
  /** The party does not take part and pays nothing; `cause` says whether the data says so or a what-if. */
  | { kind: 'notParticipating'; subject: CostSubject; yearly: 0; cause: 'participation' | 'scenario'; basis: BasisRef[] }
  /** The county's internal split is not decided: the party's amount is unknown, the county's total is known. */
  | { kind: 'notDecided'; subject: CostSubject; yearly: null; county: County; countyYearly: number; basis: BasisRef[] }
  /** The yearly amount over the agreement's period. */
  | { kind: 'period'; subject: CostSubject; yearly: number; years: number; firstYear: number; lastYear: number; total: number; basis: BasisRef[] };

/** The assumptions a derivation rests on, in order of first use, without repeats. */
export function assumptionsUsed(steps: readonly DerivationStep[]): string[] {
  const out: string[] = [];
  for (const step of steps) {
    for (const ref of step.basis) {
      if (ref.kind === 'assumption' && !out.includes(ref.assumptionId)) out.push(ref.assumptionId);
    }
  }
  return out;
}

/** Basis refs without repeats (same kind and id), in first-seen order. */
export function mergeBasis(...lists: readonly (readonly BasisRef[])[]): BasisRef[] {
  const out: BasisRef[] = [];
  const key = (r: BasisRef) => (r.kind === 'agreement' ? `a:${r.sourceId}:${r.quote}` : `s:${r.assumptionId}`);
  const seen = new Set<string>();
  for (const ref of lists.flat()) {
    if (seen.has(key(ref))) continue;
    seen.add(key(ref));
    out.push(ref);
  }
  return out;
}
