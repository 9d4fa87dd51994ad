import type { County, Organisation } from '../organisations.js';
import type { BasisRef, CountySplitRule, SplitPart } from './agreement.js';
import { apportion } from './apportion.js';
import type { CostData } from './cost-data.js';
import { assumptionsUsed, mergeBasis, type CostSubject, type DerivationStep } from './derivation.js';

export type PartyRole = 'university' | 'region' | 'countyBoard' | 'municipality';

/** One party's yearly share (the same every year of the period) and how it came about. */
export interface PartyShare {
  partyId: string;
  role: PartyRole;
  county: County | null;
  /** decided: `yearly` is a figure; notDecided: its county's split is not set (yearly null); notParticipating: 0. */
  status: 'decided' | 'notDecided' | 'notParticipating';
  yearly: number | null;
  derivation: DerivationStep[];
  assumptionIds: string[];
  /** Only for notDecided parties: the amount under the county's illustrative rule. Never a decided figure. */
  illustration: { yearly: number; derivation: DerivationStep[]; assumptionIds: string[] } | null;
}

/** Money with nobody to pay it in this situation (a party out, or no participating municipality left). */
export interface Unallocated {
  subject: CostSubject;
  yearly: number;
  reason: 'partyNotParticipating' | 'noParticipatingMunicipalities';
}

/** A county's share divided under a rule (the decided one, or the illustration). Sums exactly to the county. */
export interface CountySplitResult {
  regionYearly: number;
  countyBoardYearly: number | null;
  municipalitiesYearly: number;
  /** Every party of the county (region, county board, municipalities) with what it pays; 0 when not participating. */
  amounts: { partyId: string; yearly: number }[];
  unallocated: Unallocated[];
}

export interface CountyShares {
  county: County;
  yearly: number;
  derivation: DerivationStep[];
  regionId: string;
  countyBoardId: string | null;
  municipalityIds: string[];
  /** null when the county's internal split is not decided. */
  split: CountySplitResult | null;
  /** Only when `split` is null and the data gives an illustrative rule. */
  illustration: (CountySplitResult & { assumptionId: string }) | null;
}

export interface CostScenario {
  /** Parties assumed not to take part, for a what-if. Nothing is saved. */
  excludedPartyIds: readonly string[];
}

export interface CostShares {
  period: { firstYear: number; lastYear: number; years: number[]; basis: BasisRef[] };
  /** Set when these figures are a what-if, not the agreement as it stands. */
  scenario: { excludedPartyIds: string[] } | null;
  population: { dataset: string; referenceDate: string; source: string };
  programme: { yearly: number; derivation: DerivationStep[] };
  otherParties: { yearly: number; derivation: DerivationStep[] };
  mduPartyId: string;
  counties: Record<County, CountyShares>;
  /** Every party, in the order of the organisations list. */
  parties: PartyShare[];
  /** Decided money nobody pays in this situation (never includes illustrations). */
  unallocated: Unallocated[];
}

const party = (partyId: string): CostSubject => ({ type: 'party', partyId });

const roleOf = (org: Organisation): PartyRole =>
  org.kind === 'university' ? 'university' : org.kind === 'region' ? 'region' : org.kind === 'county-board' ? 'countyBoard' : 'municipality';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Every party's yearly share under the agreement, or under a what-if that leaves some parties out.
 * The agreed figures (MDU, the other parties jointly, each county, a region's fixed part) never move;
 * derived shares are whole kronor by largest remainder, so each level sums exactly to its parent
 * (plus any `unallocated` money when a payer is left out).
 */
export function computeCostShares({ data, scenario }: { data: CostData; scenario?: CostScenario }): CostShares {
  const { agreement, population, organisations } = data;
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const excluded = new Set(scenario?.excludedPartyIds ?? []);
  for (const id of excluded) if (!byId.has(id)) throw new Error(`computeCostShares: unknown party in scenario: ${id}`);

  const participation = (partyId: string): { participates: boolean; cause: 'participation' | 'scenario'; basis: BasisRef[] } => {
    if (excluded.has(partyId)) return { participates: false, cause: 'scenario', basis: [] };
    const p = agreement.participation.parties[partyId] ?? agreement.participation.default;
    return { participates: p.participates, cause: 'participation', basis: p.basis };
  };
  const notParticipatingStep = (partyId: string): DerivationStep => {
    const p = participation(partyId);
    return { kind: 'notParticipating', subject: party(partyId), yearly: 0, cause: p.cause, basis: p.basis };
  };
  const populationOf = new Map(population.counties.flatMap((c) => c.municipalities.map((m) => [m.scbCode, m.population] as const)));

  const firstYear = agreement.period.firstYear;
  const lastYear = agreement.period.lastYear;
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);

  const mduStep: DerivationStep = { kind: 'stated', subject: party(agreement.mdu.partyId), yearly: agreement.mdu.yearly, basis: agreement.mdu.basis };
  const othersStep: DerivationStep = { kind: 'stated', subject: { type: 'otherParties' }, yearly: agreement.otherParties.yearly, basis: agreement.otherParties.basis };
  const programmeYearly = agreement.mdu.yearly + agreement.otherParties.yearly;
  const programmeStep: DerivationStep = {
    kind: 'sum',
    subject: { type: 'programme' },
    yearly: programmeYearly,
    parts: [
      { subject: party(agreement.mdu.partyId), yearly: agreement.mdu.yearly },
      { subject: { type: 'otherParties' }, yearly: agreement.otherParties.yearly },
    ],
    basis: mergeBasis(agreement.mdu.basis, agreement.otherParties.basis),
  };

  const shares = new Map<string, PartyShare>();
  const unallocated: Unallocated[] = [];

  const mduParticipates = participation(agreement.mdu.partyId).participates;
  shares.set(agreement.mdu.partyId, {
    partyId: agreement.mdu.partyId,
    role: 'university',
    county: null,
    status: mduParticipates ? 'decided' : 'notParticipating',
    yearly: mduParticipates ? agreement.mdu.yearly : 0,
    derivation: mduParticipates ? [mduStep] : [mduStep, notParticipatingStep(agreement.mdu.partyId)],
    assumptionIds: [],
    illustration: null,
  });
  if (!mduParticipates) unallocated.push({ subject: party(agreement.mdu.partyId), yearly: agreement.mdu.yearly, reason: 'partyNotParticipating' });

  const counties = {} as Record<County, CountyShares>;
  for (const county of ['vastmanland', 'sormland'] as const) {
    const terms = agreement.counties[county];
    const countySubject: CostSubject = { type: 'county', county };
    const countyStep: DerivationStep = {
      kind: 'stated',
      subject: countySubject,
      yearly: terms.yearly,
      basis: mergeBasis(agreement.countyKey.basis, terms.basis),
    };
    const municipalities = organisations.filter((o) => o.kind === 'municipality' && o.county === county);
    const head = [othersStep, countyStep];

    /** Applies a split rule; returns the county-level result and each party's derivation under it. */
    const applyRule = (rule: CountySplitRule) => {
      const T = terms.yearly;
      const parts: { partyId: string; part: SplitPart }[] = [{ partyId: terms.regionId, part: rule.region }];
      if (terms.countyBoardId && rule.countyBoard) parts.push({ partyId: terms.countyBoardId, part: rule.countyBoard });

      const fixedSum = parts.reduce((s, p) => s + (p.part.kind === 'fixed' ? p.part.yearly : 0), 0);
      const A = T - fixedSum;
      if (A < 0) throw new Error(`the fixed parts exceed ${county}'s share`);
      // Fractions are of the county total; with a common denominator D every quota is a whole-number weight.
      const D = parts.reduce((d, p) => (p.part.kind === 'fraction' ? (d * p.part.denominator) / gcd(d, p.part.denominator) : d), 1);
      const weights = parts.flatMap((p) =>
        p.part.kind === 'fraction' ? [{ key: p.partyId, weight: BigInt(T) * BigInt(p.part.numerator) * BigInt(D / p.part.denominator) }] : [],
      );
      const poolWeight = BigInt(A) * BigInt(D) - weights.reduce((s, w) => s + w.weight, 0n);
      if (poolWeight < 0n) throw new Error(`the region's and county board's parts exceed ${county}'s share`);
      const second = apportion({ total: A, weights: [...weights, { key: '#municipalities', weight: poolWeight }] });
      const secondBy = new Map(second.map((s) => [s.key, s]));

      const partSteps = new Map<string, DerivationStep>();
      const partAmount = new Map<string, number>();
      for (const { partyId, part } of parts) {
        if (part.kind === 'fixed') {
          partAmount.set(partyId, part.yearly);
          partSteps.set(partyId, { kind: 'stated', subject: party(partyId), yearly: part.yearly, basis: part.basis });
        } else {
          const s = secondBy.get(partyId);
          const yearly = s?.amount ?? 0;
          partAmount.set(partyId, yearly);
          partSteps.set(partyId, {
            kind: 'fraction',
            subject: party(partyId),
            yearly,
            of: countySubject,
            ofYearly: T,
            numerator: part.numerator,
            denominator: part.denominator,
            quota: (T * part.numerator) / part.denominator,
            roundedUp: s?.roundedUp ?? false,
            basis: part.basis,
          });
        }
      }
      const poolYearly = secondBy.get('#municipalities')?.amount ?? 0;
      const poolSubject: CostSubject = { type: 'countyMunicipalities', county };
      const poolStep: DerivationStep = {
        kind: 'remainder',
        subject: poolSubject,
        yearly: poolYearly,
        of: countySubject,
        ofYearly: T,
        minus: parts.map((p) => ({ subject: party(p.partyId), yearly: partAmount.get(p.partyId) ?? 0 })),
        basis: rule.municipalities.remainderBasis,
      };

      const out: CountySplitResult = {
        regionYearly: partAmount.get(terms.regionId) ?? 0,
        countyBoardYearly: terms.countyBoardId ? (partAmount.get(terms.countyBoardId) ?? 0) : null,
        municipalitiesYearly: poolYearly,
        amounts: [],
        unallocated: [],
      };
      const derivations = new Map<string, { yearly: number; derivation: DerivationStep[] }>();
      for (const { partyId } of parts) {
        const yearly = partAmount.get(partyId) ?? 0;
        const step = partSteps.get(partyId);
        const base = step ? [...head, step] : [...head];
        if (participation(partyId).participates) {
          out.amounts.push({ partyId, yearly });
          derivations.set(partyId, { yearly, derivation: base });
        } else {
          out.amounts.push({ partyId, yearly: 0 });
          derivations.set(partyId, { yearly: 0, derivation: [...base, notParticipatingStep(partyId)] });
          if (yearly > 0) out.unallocated.push({ subject: party(partyId), yearly, reason: 'partyNotParticipating' });
        }
      }

      const participants = municipalities.filter((m) => participation(m.id).participates);
      const popOf = (m: Organisation): number => {
        const p = m.scbCode ? populationOf.get(m.scbCode) : undefined;
        if (p === undefined) throw new Error(`no population for ${m.id}`);
        return p;
      };
      const poolPopulation = participants.reduce((s, m) => s + popOf(m), 0);
      // Everyone's share depends on who else is in the pool, so the participation basis is part of each derivation.
      const participationBasis = mergeBasis(...municipalities.map((m) => participation(m.id).basis));
      const byPop = participants.length > 0 ? apportion({ total: poolYearly, weights: participants.map((m) => ({ key: m.id, weight: BigInt(popOf(m)) })) }) : [];
      const popShare = new Map(byPop.map((s) => [s.key, s]));
      if (participants.length === 0 && poolYearly > 0) out.unallocated.push({ subject: poolSubject, yearly: poolYearly, reason: 'noParticipatingMunicipalities' });
      for (const m of municipalities) {
        const s = popShare.get(m.id);
        if (!s) {
          out.amounts.push({ partyId: m.id, yearly: 0 });
          derivations.set(m.id, { yearly: 0, derivation: [...head, poolStep, notParticipatingStep(m.id)] });
          continue;
        }
        out.amounts.push({ partyId: m.id, yearly: s.amount });
        derivations.set(m.id, {
          yearly: s.amount,
          derivation: [
            ...head,
            poolStep,
            {
              kind: 'populationShare',
              subject: party(m.id),
              yearly: s.amount,
              of: poolSubject,
              ofYearly: poolYearly,
              population: popOf(m),
              poolPopulation,
              populationReferenceDate: population.referenceDate,
              quota: (poolYearly * popOf(m)) / poolPopulation,
              roundedUp: s.roundedUp,
              basis: mergeBasis(rule.municipalities.keyBasis, participationBasis),
            },
          ],
        });
      }
      return { result: out, derivations };
    };

    const members = [terms.regionId, ...(terms.countyBoardId ? [terms.countyBoardId] : []), ...municipalities.map((m) => m.id)];
    const decided = terms.split ? applyRule(terms.split) : null;
    const illustrated = !terms.split && terms.illustration ? applyRule(terms.illustration.rule) : null;
    for (const id of members) {
      const org = byId.get(id);
      if (!org) throw new Error(`unknown party ${id}`);
      const base = { partyId: id, role: roleOf(org), county };
      if (decided) {
        const d = decided.derivations.get(id);
        const yearly = d?.yearly ?? 0;
        const participates = participation(id).participates;
        const derivation = d?.derivation ?? [];
        shares.set(id, { ...base, status: participates ? 'decided' : 'notParticipating', yearly, derivation, assumptionIds: assumptionsUsed(derivation), illustration: null });
      } else if (!participation(id).participates) {
        const derivation = [...head, notParticipatingStep(id)];
        shares.set(id, { ...base, status: 'notParticipating', yearly: 0, derivation, assumptionIds: assumptionsUsed(derivation), illustration: null });
      } else {
        const derivation: DerivationStep[] = [
          ...head,
          { kind: 'notDecided', subject: party(id), yearly: null, county, countyYearly: terms.yearly, basis: terms.basis },
        ];
        const ill = illustrated?.derivations.get(id);
        shares.set(id, {
          ...base,
          status: 'notDecided',
          yearly: null,
          derivation,
          assumptionIds: assumptionsUsed(derivation),
          illustration: ill ? { yearly: ill.yearly, derivation: ill.derivation, assumptionIds: assumptionsUsed(ill.derivation) } : null,
        });
      }
    }
    if (decided) unallocated.push(...decided.result.unallocated);
    counties[county] = {
      county,
      yearly: terms.yearly,
      derivation: head,
      regionId: terms.regionId,
      countyBoardId: terms.countyBoardId,
      municipalityIds: municipalities.map((m) => m.id),
      split: decided?.result ?? null,
      illustration: illustrated && terms.illustration ? { ...illustrated.result, assumptionId: terms.illustration.assumptionId } : null,
    };
  }

  const parties = organisations.map((o) => {
    const s = shares.get(o.id);
    if (!s) throw new Error(`party ${o.id} has no place in the cost rules`);
    return s;
  });

  return {
    period: { firstYear, lastYear, years, basis: agreement.period.basis },
    scenario: scenario ? { excludedPartyIds: [...excluded] } : null,
    population: { dataset: population.dataset, referenceDate: population.referenceDate, source: population.source },
    programme: { yearly: programmeYearly, derivation: [mduStep, othersStep, programmeStep] },
    otherParties: { yearly: agreement.otherParties.yearly, derivation: [othersStep] },
    mduPartyId: agreement.mdu.partyId,
    counties,
    parties,
    unallocated,
  };
}

/** A year's amount for a party, with why it is what it is. */
export interface YearAmount {
  year: number;
  /** 0 outside the period or when not participating; null when the county's split is not decided. */
  amount: number | null;
  reason: 'inPeriod' | 'outsidePeriod' | 'notParticipating' | 'notDecided';
}

export type PartyCost =
  | { ok: false; reason: 'unknownParty'; partyId: string }
  | {
      ok: true;
      share: PartyShare;
      scenario: CostShares['scenario'];
      period: { firstYear: number; lastYear: number };
      perYear: YearAmount[];
      /** The whole period's amount; null when not decided. */
      periodTotal: number | null;
      /** Present when a year was asked: that year (which may lie outside the period). */
      askedYear: YearAmount | null;
      /** For notDecided parties: the illustration per year and over the period. */
      illustration: { yearly: number; periodTotal: number; derivation: DerivationStep[]; assumptionIds: string[] } | null;
    };

/** A party's cost per year and over the period, optionally for one asked year. */
export function costForParty({ shares, partyId, year }: { shares: CostShares; partyId: string; year?: number | null }): PartyCost {
  const share = shares.parties.find((p) => p.partyId === partyId);
  if (!share) return { ok: false, reason: 'unknownParty', partyId };
  const { firstYear, lastYear, years } = shares.period;
  const amountFor = (y: number): YearAmount => {
    if (y < firstYear || y > lastYear) return { year: y, amount: 0, reason: 'outsidePeriod' };
    if (share.status === 'notParticipating') return { year: y, amount: 0, reason: 'notParticipating' };
    if (share.status === 'notDecided') return { year: y, amount: null, reason: 'notDecided' };
    return { year: y, amount: share.yearly, reason: 'inPeriod' };
  };
  const periodTotal = share.yearly === null ? null : share.yearly * years.length;
  const periodStep = (yearly: number): DerivationStep => ({
    kind: 'period',
    subject: { type: 'party', partyId },
    yearly,
    years: years.length,
    firstYear,
    lastYear,
    total: yearly * years.length,
    basis: shares.period.basis,
  });
  return {
    ok: true,
    share: share.yearly === null || share.status === 'notParticipating' ? share : { ...share, derivation: [...share.derivation, periodStep(share.yearly)] },
    scenario: shares.scenario,
    period: { firstYear, lastYear },
    perYear: years.map(amountFor),
    periodTotal,
    askedYear: year === undefined || year === null ? null : amountFor(year),
    illustration: share.illustration
      ? {
          yearly: share.illustration.yearly,
          periodTotal: share.illustration.yearly * years.length,
          derivation: [...share.illustration.derivation, periodStep(share.illustration.yearly)],
          assumptionIds: share.illustration.assumptionIds,
        }
      : null,
  };
}
