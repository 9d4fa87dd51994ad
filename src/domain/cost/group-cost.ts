import type { County } from '../organisations.js';
import type { CostShares, PartyShare, YearAmount } from './cost-shares.js';
import { assumptionsUsed, mergeBasis, type CostSubject, type DerivationStep } from './derivation.js';

/**
 * What a group of parties pays together: the programme, the other parties, a county, a county's municipalities,
 * or any selection ("Västerås och Köping", "alla utom MDU"). The answer has the parts and the sum, and the sum's
 * derivation. A sum is a decided figure only when every part of it is decided — or when the group is exactly a
 * figure the agreement states (Region Sörmland, Länsstyrelsen and Sörmland's municipalities together are
 * Sörmland's 1,269,000 kr even though their parts are not set).
 */

/** A subject a question can name: anything but the ad-hoc selection itself. */
export type NamedSubject = Exclude<CostSubject, { type: 'selection' }>;

export interface GroupPart {
  subject: NamedSubject;
  status: 'decided' | 'notDecided' | 'notParticipating';
  /** null when not decided. */
  yearly: number | null;
  /** For not-decided parts: the amount under the county's illustrative rule, never a decided figure. */
  illustrationYearly: number | null;
  /** The assumptions the part's figure rests on (for a not-decided part: its illustration's). */
  assumptionIds: string[];
  /** The step that gives this part its figure (its line in the sum's derivation). */
  derivation: DerivationStep[];
  /** The part's whole derivation from the agreed figures (what its sources and assumptions are). */
  chain: DerivationStep[];
}

export interface GroupCost {
  /** The group: a named subject when it is exactly one, else `selection`. */
  subject: CostSubject;
  /** What was asked for, as named (subjects inside another one asked for are left out, see `overlapping`). */
  named: NamedSubject[];
  /** What was taken out ("utom MDU"). */
  except: NamedSubject[];
  /** Subjects asked for that lie inside another one asked for: counted once. */
  overlapping: NamedSubject[];
  parts: GroupPart[];
  status: 'decided' | 'notDecided';
  yearly: number | null;
  periodTotal: number | null;
  /** The year asked about, if any (outside the period: amount 0, reason outsidePeriod). */
  askedYear: YearAmount | null;
  /** From the agreed figures to the sum, then over the period. */
  derivation: DerivationStep[];
  /** Every assumption the sum or its parts rest on, in order of first use. */
  assumptionIds: string[];
  /** Parts whose amounts are not decided (then the sum is not decided either, unless the agreement states it). */
  undecided: NamedSubject[];
  /** When not decided: the sum with the illustrative rule for the undecided parts. Never a decided figure. */
  illustration: { yearly: number; periodTotal: number; assumptionIds: string[] } | null;
  period: { firstYear: number; lastYear: number; years: number };
}

export type GroupCostResult = { ok: true; group: GroupCost } | { ok: false; reason: 'empty' } | { ok: false; reason: 'unknownParty'; partyId: string };

const COUNTIES: readonly County[] = ['vastmanland', 'sormland'];
const key = (s: CostSubject) => JSON.stringify(s);
const sameSubject = (a: CostSubject, b: CostSubject) => key(a) === key(b);

/** A node of the agreement's tree with its figure (decided or not). */
interface Node {
  subject: NamedSubject;
  status: GroupPart['status'];
  yearly: number | null;
  illustrationYearly: number | null;
  assumptionIds: string[];
  derivation: DerivationStep[];
  chain: DerivationStep[];
}

class Tree {
  private readonly byId: Map<string, PartyShare>;
  constructor(private readonly shares: CostShares) {
    this.byId = new Map(shares.parties.map((p) => [p.partyId, p]));
  }

  has(partyId: string): boolean {
    return this.byId.has(partyId);
  }

  /** The parties a subject stands for. */
  members(s: NamedSubject): string[] {
    const { shares } = this;
    switch (s.type) {
      case 'party':
        return [s.partyId];
      case 'county': {
        const c = shares.counties[s.county];
        return [c.regionId, ...(c.countyBoardId ? [c.countyBoardId] : []), ...c.municipalityIds];
      }
      case 'countyMunicipalities':
        return [...shares.counties[s.county].municipalityIds];
      case 'otherParties':
        return COUNTIES.flatMap((county) => this.members({ type: 'county', county }));
      case 'programme':
        return [shares.mduPartyId, ...this.members({ type: 'otherParties' })];
    }
  }

  /** The subjects a subject divides into, as the agreement's table does. */
  children(s: NamedSubject): NamedSubject[] {
    const { shares } = this;
    switch (s.type) {
      case 'programme':
        return [{ type: 'party', partyId: shares.mduPartyId }, { type: 'otherParties' }];
      case 'otherParties':
        return COUNTIES.map((county) => ({ type: 'county', county }));
      case 'county': {
        const c = shares.counties[s.county];
        return [
          { type: 'party', partyId: c.regionId },
          ...(c.countyBoardId ? [{ type: 'party', partyId: c.countyBoardId } as const] : []),
          { type: 'countyMunicipalities', county: s.county },
        ];
      }
      case 'countyMunicipalities':
        return shares.counties[s.county].municipalityIds.map((partyId) => ({ type: 'party', partyId }));
      case 'party':
        return [];
    }
  }

  /** The same parties as few subjects as the agreement's tree allows, largest first. */
  canonical(partyIds: ReadonlySet<string>): NamedSubject[] {
    const covers = (s: NamedSubject) => this.members(s).every((id) => partyIds.has(id));
    const out: NamedSubject[] = [];
    const walk = (s: NamedSubject) => {
      if (covers(s)) out.push(s);
      else for (const c of this.children(s)) walk(c);
    };
    const programme: NamedSubject = { type: 'programme' };
    for (const c of this.children(programme)) walk(c);
    // The whole programme is one subject; otherwise its top-level parts are.
    return out.length === 2 && covers(programme) ? [programme] : out.filter((s) => this.members(s).some((id) => partyIds.has(id)));
  }

  node(s: NamedSubject): Node {
    const { shares } = this;
    switch (s.type) {
      case 'programme': {
        const step = shares.programme.derivation.at(-1)!;
        return { subject: s, status: 'decided', yearly: shares.programme.yearly, illustrationYearly: null, assumptionIds: [], derivation: [step], chain: shares.programme.derivation };
      }
      case 'otherParties': {
        const step = shares.otherParties.derivation.at(-1)!;
        return { subject: s, status: 'decided', yearly: shares.otherParties.yearly, illustrationYearly: null, assumptionIds: [], derivation: [step], chain: shares.otherParties.derivation };
      }
      case 'county': {
        const c = shares.counties[s.county];
        const step = c.derivation.find((d) => d.subject.type === 'county')!;
        return { subject: s, status: 'decided', yearly: c.yearly, illustrationYearly: null, assumptionIds: assumptionsUsed([step]), derivation: [step], chain: c.derivation };
      }
      case 'countyMunicipalities': {
        const c = shares.counties[s.county];
        const pool = (derivations: DerivationStep[][]) =>
          derivations.flatMap((d) => d).find((d) => d.kind === 'remainder' && d.subject.type === 'countyMunicipalities' && d.subject.county === s.county);
        const members = c.municipalityIds.map((id) => this.party(id));
        if (c.split) {
          const step = pool(members.map((m) => m.derivation));
          const own = step ? [step] : [];
          return { subject: s, status: 'decided', yearly: c.split.municipalitiesYearly, illustrationYearly: null, assumptionIds: assumptionsUsed(own), derivation: own, chain: [...c.derivation, ...own] };
        }
        const countyStep = c.derivation.find((d) => d.subject.type === 'county')!;
        const notDecided: DerivationStep = { kind: 'notDecided', subject: s, yearly: null, county: s.county, countyYearly: c.yearly, basis: countyStep.basis };
        const illustrated = pool(members.map((m) => m.illustration?.derivation ?? []));
        return {
          subject: s,
          status: 'notDecided',
          yearly: null,
          illustrationYearly: c.illustration?.municipalitiesYearly ?? null,
          assumptionIds: illustrated ? assumptionsUsed([illustrated]) : c.illustration ? [c.illustration.assumptionId] : [],
          derivation: [notDecided],
          chain: [...c.derivation, notDecided],
        };
      }
      case 'party': {
        const p = this.party(s.partyId);
        // The party's own line: the step about it (its stated, fractional or population share, or "not decided").
        const own = p.derivation.filter((d) => d.subject.type === 'party' && d.subject.partyId === s.partyId);
        return {
          subject: s,
          status: p.status,
          yearly: p.yearly,
          illustrationYearly: p.status === 'notDecided' ? (p.illustration?.yearly ?? null) : null,
          assumptionIds: p.status === 'notDecided' ? (p.illustration?.assumptionIds ?? []) : p.assumptionIds,
          derivation: own,
          chain: p.derivation,
        };
      }
    }
  }

  private party(partyId: string): PartyShare {
    const p = this.byId.get(partyId);
    if (!p) throw new Error(`no share for ${partyId}`);
    return p;
  }
}

/** The whole derivation of a named group: how the agreement arrives at its figure. */
function namedDerivation(shares: CostShares, tree: Tree, s: NamedSubject, parts: readonly Node[]): DerivationStep[] {
  switch (s.type) {
    case 'programme':
      return shares.programme.derivation;
    case 'otherParties': {
      // Stated jointly, and divided between the counties by population (both county figures are stated too).
      const counties = COUNTIES.map((county) => tree.node({ type: 'county', county }));
      const sum: DerivationStep = {
        kind: 'sum',
        subject: s,
        yearly: shares.otherParties.yearly,
        parts: counties.map((c) => ({ subject: c.subject, yearly: c.yearly ?? 0 })),
        basis: mergeBasis(...counties.flatMap((c) => c.derivation.map((d) => d.basis))),
      };
      return [...shares.otherParties.derivation, sum];
    }
    case 'county':
      // The parts' own lines where they are set (Region Västmanland's 590,000, the municipalities' rest); the card
      // marks the others "not decided".
      return [...shares.counties[s.county].derivation, ...parts.filter((p) => p.status !== 'notDecided').flatMap((p) => p.derivation)];
    case 'countyMunicipalities':
      return [...shares.counties[s.county].derivation, ...tree.node(s).derivation];
    case 'party':
      return tree.node(s).derivation;
  }
}

/**
 * What the subjects together pay per year and over the period, with the parts and how the sum comes about.
 * `except` takes parties out ("alla utom MDU": the programme except MDU, which is the other parties).
 */
export function costOfGroup({
  shares,
  subjects,
  except = [],
  year = null,
}: {
  shares: CostShares;
  subjects: readonly NamedSubject[];
  except?: readonly NamedSubject[];
  year?: number | null;
}): GroupCostResult {
  const tree = new Tree(shares);
  for (const s of [...subjects, ...except]) {
    if (s.type === 'party' && !tree.has(s.partyId)) return { ok: false, reason: 'unknownParty', partyId: s.partyId };
  }
  // One of each; a subject inside another one asked for is counted once, in the larger.
  const unique = subjects.filter((s, i) => subjects.findIndex((x) => sameSubject(x, s)) === i);
  const inside = (a: NamedSubject, b: NamedSubject) => !sameSubject(a, b) && tree.members(a).every((id) => tree.members(b).includes(id));
  const named = unique.filter((s) => !unique.some((o) => inside(s, o)));
  const overlapping = unique.filter((s) => !named.includes(s));

  const taken = new Set(except.flatMap((s) => tree.members(s)));
  const partyIds = new Set(named.flatMap((s) => tree.members(s)).filter((id) => !taken.has(id)));
  if (partyIds.size === 0) return { ok: false, reason: 'empty' };
  const nodes = tree.canonical(partyIds);

  // Exactly one subject of the agreement's tree: answer as that subject, its parts being its children.
  const single = except.length > 0 ? (nodes.length === 1 ? nodes[0]! : null) : named.length === 1 ? named[0]! : null;
  const subject: CostSubject = single ?? { type: 'selection' };
  const partSubjects = single ? (single.type === 'party' ? [single] : tree.children(single)) : except.length > 0 ? nodes : named;
  const parts = partSubjects.map((s) => tree.node(s));
  const nodeFigures = nodes.map((s) => tree.node(s));

  const { firstYear, lastYear, years } = shares.period;
  const decided = (n: Node) => n.status !== 'notDecided' && n.yearly !== null;
  const undecided = parts.filter((p) => !decided(p)).map((p) => p.subject);
  const total = (ns: readonly Node[]) => ns.reduce((s, n) => s + (n.yearly ?? 0), 0);

  let yearly: number | null = null;
  let derivation: DerivationStep[];
  if (single && (single.type !== 'countyMunicipalities' || parts.every(decided))) {
    yearly = single.type === 'party' ? tree.node(single).yearly : single.type === 'countyMunicipalities' ? total(parts) : tree.node(single).yearly;
    derivation = namedDerivation(shares, tree, single, parts);
  } else if (single) {
    derivation = namedDerivation(shares, tree, single, parts);
  } else if (parts.every(decided)) {
    yearly = total(parts);
    derivation = [
      ...parts.flatMap((p) => p.derivation),
      { kind: 'sum', subject, yearly, parts: parts.map((p) => ({ subject: p.subject, yearly: p.yearly ?? 0 })), basis: mergeBasis(...parts.flatMap((p) => p.derivation.map((d) => d.basis))) },
    ];
  } else if (nodeFigures.every(decided)) {
    // The parts are not set one by one, but together they are a figure the agreement states.
    yearly = total(nodeFigures);
    derivation = [
      ...parts.flatMap((p) => p.derivation),
      ...nodeFigures.flatMap((n) => n.derivation),
      ...(nodeFigures.length > 1
        ? [{ kind: 'sum', subject, yearly, parts: nodeFigures.map((n) => ({ subject: n.subject, yearly: n.yearly ?? 0 })), basis: mergeBasis(...nodeFigures.flatMap((n) => n.derivation.map((d) => d.basis))) } as const]
        : []),
    ];
  } else {
    derivation = parts.flatMap((p) => p.derivation);
  }
  const status = yearly === null ? 'notDecided' : 'decided';
  if (yearly !== null) {
    derivation = [...derivation, { kind: 'period', subject, yearly, years: years.length, firstYear, lastYear, total: yearly * years.length, basis: shares.period.basis }];
  }

  const illustrable = status === 'notDecided' && parts.every((p) => decided(p) || p.illustrationYearly !== null);
  const illustrationYearly = illustrable ? parts.reduce((s, p) => s + (decided(p) ? (p.yearly ?? 0) : (p.illustrationYearly ?? 0)), 0) : null;
  const assumptionIds = [...new Set([...assumptionsUsed(derivation), ...parts.filter(decided).flatMap((p) => p.assumptionIds)])];

  const askedYear: YearAmount | null =
    year === null
      ? null
      : year < firstYear || year > lastYear
        ? { year, amount: 0, reason: 'outsidePeriod' }
        : yearly === null
          ? { year, amount: null, reason: 'notDecided' }
          : { year, amount: yearly, reason: 'inPeriod' };

  return {
    ok: true,
    group: {
      subject,
      named,
      except: [...except],
      overlapping,
      parts: parts.map((p) => ({ subject: p.subject, status: p.status, yearly: p.yearly, illustrationYearly: p.illustrationYearly, assumptionIds: p.assumptionIds, derivation: p.derivation, chain: p.chain })),
      status,
      yearly,
      periodTotal: yearly === null ? null : yearly * years.length,
      askedYear,
      derivation,
      assumptionIds,
      undecided,
      illustration:
        illustrationYearly === null
          ? null
          : {
              yearly: illustrationYearly,
              periodTotal: illustrationYearly * years.length,
              assumptionIds: [...new Set(parts.filter((p) => !decided(p)).flatMap((p) => p.assumptionIds))],
            },
      period: { firstYear, lastYear, years: years.length },
    },
  };
}
