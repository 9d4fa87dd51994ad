import type { County } from '../organisations.js';
import type { CostSubject } from './derivation.js';
import type { CostData } from './cost-data.js';
import type { CostShares, PartyShare, Unallocated } from './cost-shares.js';

export type CostRowKind = 'mdu' | 'otherParties' | 'county' | 'region' | 'countyBoard' | 'municipalities' | 'municipality' | 'unallocated' | 'programme';

/**
 * One line of the full cost table, in the order a reader adds it up: each line's children follow it at the
 * next `level`, and the children of a line sum to it (an `unallocated` line counts as a child: money nobody
 * pays). The level-0 lines above the final `programme` line sum to it.
 */
export interface CostTableRow {
  kind: CostRowKind;
  level: 0 | 1 | 2 | 3;
  subject: CostSubject;
  county: County | null;
  /** agreed/decided figure, not decided (null amounts), or not participating (0). */
  status: 'decided' | 'notDecided' | 'notParticipating';
  /** Whether the figure rests on the agreement alone or also on assumptions; null when not decided. */
  basis: 'agreement' | 'assumption' | null;
  assumptionIds: string[];
  /** Population (SCB) for counties and municipalities, else null. */
  population: number | null;
  yearly: number | null;
  perYear: { year: number; amount: number | null }[];
  periodTotal: number | null;
  /** For not-decided lines: the illustrative amount (labelled as such wherever shown). */
  illustration: { yearly: number; periodTotal: number } | null;
  /** For unallocated lines: why nobody pays. */
  unallocatedReason: 'partyNotParticipating' | 'noParticipatingMunicipalities' | null;
}

export interface CostTable {
  years: number[];
  scenario: CostShares['scenario'];
  populationReferenceDate: string;
  rows: CostTableRow[];
}

/** The full table per party and year (programme, MDU, counties, regions, Länsstyrelsen, every municipality). */
export function costTableRows({ shares, data }: { shares: CostShares; data: CostData }): CostTable {
  const popByCode = new Map(data.population.counties.flatMap((c) => c.municipalities.map((m) => [m.scbCode, m.population] as const)));
  const orgById = new Map(data.organisations.map((o) => [o.id, o]));
  const populationOf = (subject: CostSubject): number | null => {
    if (subject.type === 'county') return data.population.counties.find((c) => c.county === subject.county)?.population ?? null;
    if (subject.type === 'otherParties') return data.population.counties.reduce((s, c) => s + c.population, 0);
    if (subject.type !== 'party') return null;
    const org = orgById.get(subject.partyId);
    return org?.kind === 'municipality' && org.scbCode ? (popByCode.get(org.scbCode) ?? null) : null;
  };
  const years = shares.period.years;
  const n = years.length;
  const money = (yearly: number | null) => ({
    yearly,
    perYear: years.map((year) => ({ year, amount: yearly })),
    periodTotal: yearly === null ? null : yearly * n,
  });
  const ill = (yearly: number | null | undefined) => (yearly === null || yearly === undefined ? null : { yearly, periodTotal: yearly * n });
  const rows: CostTableRow[] = [];
  const byId = new Map(shares.parties.map((p) => [p.partyId, p]));

  const partyRow = (kind: CostRowKind, level: CostTableRow['level'], p: PartyShare): CostTableRow => ({
    kind,
    level,
    subject: { type: 'party', partyId: p.partyId },
    county: p.county,
    status: p.status,
    basis: p.status === 'notDecided' ? null : p.assumptionIds.length > 0 ? 'assumption' : 'agreement',
    assumptionIds: p.status === 'notDecided' ? (p.illustration?.assumptionIds ?? []) : p.assumptionIds,
    population: populationOf({ type: 'party', partyId: p.partyId }),
    ...money(p.yearly),
    illustration: p.status === 'notDecided' ? ill(p.illustration?.yearly) : null,
    unallocatedReason: null,
  });
  /** Money nobody pays; under an illustration it is itself illustrative (status notDecided, amount in `illustration`). */
  const unallocatedRow = (u: Unallocated, level: CostTableRow['level'], county: County | null, illustrative = false): CostTableRow => ({
    kind: 'unallocated',
    level,
    subject: u.subject,
    county,
    status: illustrative ? 'notDecided' : 'decided',
    basis: illustrative ? null : 'agreement',
    assumptionIds: [],
    population: null,
    ...money(illustrative ? null : u.yearly),
    illustration: illustrative ? ill(u.yearly) : null,
    unallocatedReason: u.reason,
  });
  const need = (id: string): PartyShare => {
    const p = byId.get(id);
    if (!p) throw new Error(`no share for ${id}`);
    return p;
  };

  rows.push(partyRow('mdu', 0, need(shares.mduPartyId)));
  for (const u of shares.unallocated.filter((x) => x.subject.type === 'party' && x.subject.partyId === shares.mduPartyId)) rows.push(unallocatedRow(u, 0, null));
  rows.push({
    kind: 'otherParties',
    level: 0,
    subject: { type: 'otherParties' },
    county: null,
    status: 'decided',
    basis: 'agreement',
    assumptionIds: [],
    population: populationOf({ type: 'otherParties' }),
    ...money(shares.otherParties.yearly),
    illustration: null,
    unallocatedReason: null,
  });
  for (const county of ['vastmanland', 'sormland'] as const) {
    const c = shares.counties[county];
    const decided = c.split !== null;
    rows.push({
      kind: 'county',
      level: 1,
      subject: { type: 'county', county },
      county,
      status: 'decided',
      basis: 'agreement',
      assumptionIds: [],
      population: populationOf({ type: 'county', county }),
      ...money(c.yearly),
      illustration: null,
      unallocatedReason: null,
    });
    // Money nobody pays sits beside what it belongs to: a left-out party's part next to that party, an
    // unfunded municipal pool among the municipalities.
    const unpaid = (subject: CostSubject) =>
      (c.split?.unallocated ?? c.illustration?.unallocated ?? []).filter((u) => JSON.stringify(u.subject) === JSON.stringify(subject));
    rows.push(partyRow('region', 2, need(c.regionId)));
    for (const u of unpaid({ type: 'party', partyId: c.regionId })) rows.push(unallocatedRow(u, 2, county, !decided));
    if (c.countyBoardId) {
      rows.push(partyRow('countyBoard', 2, need(c.countyBoardId)));
      for (const u of unpaid({ type: 'party', partyId: c.countyBoardId })) rows.push(unallocatedRow(u, 2, county, !decided));
    }
    const munis = c.municipalityIds.map(need);
    const poolAssumptions = [...new Set(munis.flatMap((m) => (decided ? m.assumptionIds : (m.illustration?.assumptionIds ?? []))))];
    rows.push({
      kind: 'municipalities',
      level: 2,
      subject: { type: 'countyMunicipalities', county },
      county,
      status: decided ? 'decided' : 'notDecided',
      basis: decided ? (poolAssumptions.length > 0 ? 'assumption' : 'agreement') : null,
      assumptionIds: poolAssumptions,
      population: munis.reduce((s, m) => s + (m.status === 'notParticipating' ? 0 : (populationOf({ type: 'party', partyId: m.partyId }) ?? 0)), 0),
      ...money(decided ? c.split!.municipalitiesYearly : null),
      illustration: decided ? null : ill(c.illustration?.municipalitiesYearly),
      unallocatedReason: null,
    });
    for (const m of munis) rows.push(partyRow('municipality', 3, m));
    for (const u of unpaid({ type: 'countyMunicipalities', county })) rows.push(unallocatedRow(u, 3, county, !decided));
  }
  rows.push({
    kind: 'programme',
    level: 0,
    subject: { type: 'programme' },
    county: null,
    status: 'decided',
    basis: 'agreement',
    assumptionIds: [],
    population: null,
    ...money(shares.programme.yearly),
    illustration: null,
    unallocatedReason: null,
  });
  return { years, scenario: shares.scenario, populationReferenceDate: shares.population.referenceDate, rows };
}
