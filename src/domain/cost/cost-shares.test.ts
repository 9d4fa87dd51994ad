import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import agreementJson from '../../../data/agreement.json' with { type: 'json' };
import populationJson from '../../../data/population-scb-2023-12-31.json' with { type: 'json' };
import organisationsJson from '../../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../organisations.js';
import type { CountySplitRule } from './agreement.js';
import { parseCostData, type CostData } from './cost-data.js';
import { computeCostShares, costForParty, type CostShares, type CountySplitResult } from './cost-shares.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const data = parseCostData({ agreementJson, populationJson, organisations });
const shares = computeCostShares({ data });
const yearly = (s: CostShares, id: string) => s.parties.find((p) => p.partyId === id)?.yearly;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const vmMunicipalities = organisations.filter((o) => o.kind === 'municipality' && o.county === 'vastmanland').map((o) => o.id);
const smMunicipalities = organisations.filter((o) => o.kind === 'municipality' && o.county === 'sormland').map((o) => o.id);

describe('the memo’s figures', () => {
  it('MDU pays 1,050,000 kr a year', () => expect(yearly(shares, 'mdu')).toBe(1_050_000));
  it('the other parties pay 2,450,000 kr a year jointly', () => expect(shares.otherParties.yearly).toBe(2_450_000));
  it('the programme costs 3,500,000 kr a year', () => expect(shares.programme.yearly).toBe(3_500_000));
  it('Sörmland’s share is 1,269,000 kr a year', () => expect(shares.counties.sormland.yearly).toBe(1_269_000));
  it('Västmanland’s share is 1,181,000 kr a year', () => expect(shares.counties.vastmanland.yearly).toBe(1_181_000));
  it('Region Västmanland pays 590,000 kr a year', () => expect(yearly(shares, 'region-vastmanland')).toBe(590_000));
  it('Region Västmanland pays 1,770,000 kr over 2026–2028', () => {
    const cost = costForParty({ shares, partyId: 'region-vastmanland' });
    expect(cost.ok && cost.periodTotal).toBe(1_770_000);
    expect(cost.ok && cost.perYear).toEqual([2026, 2027, 2028].map((year) => ({ year, amount: 590_000, reason: 'inPeriod' })));
  });
});

describe('Västmanland’s municipalities', () => {
  it('pay the rest of the county share, 591,000 kr, between them', () => {
    expect(shares.counties.vastmanland.split?.municipalitiesYearly).toBe(591_000);
    expect(sum(vmMunicipalities.map((id) => yearly(shares, id) ?? NaN))).toBe(591_000);
  });

  it('divide it by population: Västerås stad pays 336,025 kr a year (591,000 × 159,662 / 280,813 = 336,025.19)', () => {
    expect(yearly(shares, 'vasteras')).toBe(336_025);
  });

  it('every municipality is within one krona of its exact population quota', () => {
    const pops = new Map(populationJson.counties[0]!.municipalities.map((m) => [m.name, m.population]));
    for (const org of organisations.filter((o) => vmMunicipalities.includes(o.id))) {
      const exact = (591_000 * (pops.get(org.shortName) ?? NaN)) / 280_813;
      expect(Math.abs((yearly(shares, org.id) ?? NaN) - exact)).toBeLessThan(1);
    }
  });

  it('a municipality’s derivation goes from the agreed figures down to its population share and names the assumptions', () => {
    const v = shares.parties.find((p) => p.partyId === 'vasteras')!;
    expect(v.derivation.map((s) => s.kind)).toEqual(['stated', 'stated', 'remainder', 'populationShare']);
    expect(v.derivation.map((s) => s.yearly)).toEqual([2_450_000, 1_181_000, 591_000, 336_025]);
    expect(v.derivation[3]).toMatchObject({ population: 159_662, poolPopulation: 280_813, populationReferenceDate: '2023-12-31' });
    expect(v.assumptionIds).toEqual(['vastmanland-municipalities-remainder', 'vastmanland-municipalities-by-population', 'all-parties-participate']);
  });

  it('Region Västmanland’s figure rests on the agreement alone', () => {
    const r = shares.parties.find((p) => p.partyId === 'region-vastmanland')!;
    expect(r.status).toBe('decided');
    expect(r.assumptionIds).toEqual([]);
    expect(r.derivation.flatMap((s) => s.basis).every((b) => b.kind === 'agreement')).toBe(true);
  });
});

describe('Sörmland, whose internal split is not set', () => {
  const sormlandParties = ['region-sormland', 'lansstyrelsen-sodermanland', ...smMunicipalities];

  it('has no decided figure for Region Sörmland, Länsstyrelsen or any municipality', () => {
    for (const id of sormlandParties) {
      const p = shares.parties.find((x) => x.partyId === id)!;
      expect(p.status).toBe('notDecided');
      expect(p.yearly).toBeNull();
      expect(p.derivation.at(-1)).toMatchObject({ kind: 'notDecided', county: 'sormland', countyYearly: 1_269_000 });
    }
    expect(shares.counties.sormland.split).toBeNull();
  });

  it('a party’s cost says "not decided" for each year and the period, never a number', () => {
    const c = costForParty({ shares, partyId: 'eskilstuna', year: 2027 });
    expect(c.ok && c.askedYear).toEqual({ year: 2027, amount: null, reason: 'notDecided' });
    expect(c.ok && c.periodTotal).toBeNull();
  });

  it('offers an illustration under Västmanland’s rule: region half, Länsstyrelsen 0, municipalities half by population', () => {
    const ill = shares.counties.sormland.illustration!;
    expect(ill.assumptionId).toBe('sormland-illustration');
    expect(ill.regionYearly).toBe(1_269_000 / 2);
    expect(ill.countyBoardYearly).toBe(0);
    expect(ill.municipalitiesYearly).toBe(1_269_000 / 2);
    expect(sum(ill.amounts.map((a) => a.yearly))).toBe(1_269_000);
    const esk = shares.parties.find((p) => p.partyId === 'eskilstuna')!;
    expect(Math.abs(esk.illustration!.yearly - (634_500 * 107_468) / 301_944)).toBeLessThan(1);
    expect(esk.illustration!.assumptionIds).toContain('sormland-illustration');
  });

  it('once leadership sets a rule, the figures are decided and add up (region fixed, Länsstyrelsen fixed, rest by population)', () => {
    const rule: CountySplitRule = {
      region: { kind: 'fraction', numerator: 1, denominator: 2, basis: [{ kind: 'agreement', sourceId: 'memo', quote: 'x' }] },
      countyBoard: { kind: 'fixed', yearly: 100_000, basis: [{ kind: 'agreement', sourceId: 'memo', quote: 'x' }] },
      municipalities: { gets: 'remainder', remainderBasis: [{ kind: 'agreement', sourceId: 'memo', quote: 'x' }], key: 'population', keyBasis: [{ kind: 'agreement', sourceId: 'memo', quote: 'x' }] },
    };
    const set = withSormlandRule(data, rule);
    const s = computeCostShares({ data: set });
    expect(yearly(s, 'region-sormland')).toBe(634_500);
    expect(yearly(s, 'lansstyrelsen-sodermanland')).toBe(100_000);
    expect(sum(smMunicipalities.map((id) => yearly(s, id) ?? NaN))).toBe(1_269_000 - 634_500 - 100_000);
    expect(s.counties.sormland.illustration).toBeNull();
  });
});

describe('years and participation', () => {
  it('a year outside 2026–2028 costs 0 with the reason outsidePeriod', () => {
    const c = costForParty({ shares, partyId: 'koping', year: 2029 });
    expect(c.ok && c.askedYear).toEqual({ year: 2029, amount: 0, reason: 'outsidePeriod' });
    const before = costForParty({ shares, partyId: 'koping', year: 2025 });
    expect(before.ok && before.askedYear?.reason).toBe('outsidePeriod');
  });

  it('a year inside the period costs the yearly share', () => {
    const c = costForParty({ shares, partyId: 'koping', year: 2027 });
    expect(c.ok && c.askedYear).toEqual({ year: 2027, amount: yearly(shares, 'koping'), reason: 'inPeriod' });
  });

  it('an unknown party is a tagged failure, not a figure', () => {
    expect(costForParty({ shares, partyId: 'uppsala' })).toEqual({ ok: false, reason: 'unknownParty', partyId: 'uppsala' });
  });

  it('a municipality that does not participate (in the data) pays 0 and the others divide the 591,000 kr', () => {
    const d = structuredClone(data) as CostData;
    d.agreement.participation.parties.norberg = { participates: false, basis: [{ kind: 'agreement', sourceId: 'memo', quote: 'x' }] };
    const s = computeCostShares({ data: d });
    const c = costForParty({ shares: s, partyId: 'norberg', year: 2026 });
    expect(c.ok && c.askedYear).toEqual({ year: 2026, amount: 0, reason: 'notParticipating' });
    expect(sum(vmMunicipalities.map((id) => yearly(s, id) ?? NaN))).toBe(591_000);
    expect(yearly(s, 'vasteras')).toBeGreaterThan(336_025);
    expect(s.scenario).toBeNull();
  });
});

describe('what-if scenarios', () => {
  it('"if Norberg does not take part": Norberg pays 0, the others divide 591,000 kr, the region stays at 590,000 kr, marked as a scenario', () => {
    const s = computeCostShares({ data, scenario: { excludedPartyIds: ['norberg'] } });
    expect(s.scenario).toEqual({ excludedPartyIds: ['norberg'] });
    expect(yearly(s, 'norberg')).toBe(0);
    expect(s.parties.find((p) => p.partyId === 'norberg')!.derivation.at(-1)).toMatchObject({ kind: 'notParticipating', cause: 'scenario' });
    expect(yearly(s, 'region-vastmanland')).toBe(590_000);
    expect(sum(vmMunicipalities.map((id) => yearly(s, id) ?? NaN))).toBe(591_000);
    // Västerås now shares with 275,296 people instead of 280,813.
    expect(Math.abs((yearly(s, 'vasteras') ?? NaN) - (591_000 * 159_662) / (280_813 - 5_517))).toBeLessThan(1);
  });

  it('a scenario saves nothing: the data and the figures without it are unchanged', () => {
    const before = JSON.stringify(data);
    computeCostShares({ data, scenario: { excludedPartyIds: ['norberg', 'region-vastmanland'] } });
    expect(JSON.stringify(data)).toBe(before);
    expect(computeCostShares({ data })).toEqual(shares);
  });

  it('leaving Region Västmanland out does not move its 590,000 kr to anyone: it is reported as unallocated', () => {
    const s = computeCostShares({ data, scenario: { excludedPartyIds: ['region-vastmanland'] } });
    expect(yearly(s, 'region-vastmanland')).toBe(0);
    expect(s.unallocated).toEqual([{ subject: { type: 'party', partyId: 'region-vastmanland' }, yearly: 590_000, reason: 'partyNotParticipating' }]);
    expect(yearly(s, 'vasteras')).toBe(336_025);
  });

  it('with no Västmanland municipality left, their 591,000 kr is unallocated', () => {
    const s = computeCostShares({ data, scenario: { excludedPartyIds: vmMunicipalities } });
    expect(s.unallocated).toEqual([{ subject: { type: 'countyMunicipalities', county: 'vastmanland' }, yearly: 591_000, reason: 'noParticipatingMunicipalities' }]);
  });

  it('an unknown party in a scenario is a bug and throws', () => {
    expect(() => computeCostShares({ data, scenario: { excludedPartyIds: ['uppsala'] } })).toThrow();
  });
});

function withSormlandRule(d: CostData, rule: CountySplitRule): CostData {
  const copy = structuredClone(d) as CostData;
  copy.agreement.counties.sormland.split = rule;
  return copy;
}

/** Sum of a split's amounts plus its unallocated money: must equal the county's agreed share. */
const splitTotal = (r: CountySplitResult) => sum(r.amounts.map((a) => a.yearly)) + sum(r.unallocated.map((u) => u.yearly));

describe('properties (any populations, any participation set)', () => {
  type Part = { kind: 'fixed'; yearly: number } | { kind: 'fraction'; numerator: number; denominator: number };
  const partyIds = organisations.map((o) => o.id);
  const populations = fc.array(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 19, maxLength: 19 });
  const excludedSet = fc.subarray(partyIds);
  // Parts small enough that region + county board always fit within Sörmland's 1,269,000.
  const part: fc.Arbitrary<Part> = fc.oneof(
    fc.record({ kind: fc.constant('fixed' as const), yearly: fc.integer({ min: 0, max: 400_000 }) }),
    fc.integer({ min: 1, max: 12 }).chain((denominator) =>
      fc.integer({ min: 0, max: Math.floor(denominator / 2) }).map((numerator) => ({ kind: 'fraction' as const, numerator, denominator })),
    ),
  );
  const sormlandRule = fc.option(fc.tuple(part, part), { nil: null });

  const build = (pops: number[], rule: [Part, Part] | null): CostData => {
    const d = structuredClone(data) as CostData;
    let i = 0;
    for (const c of d.population.counties) {
      for (const m of c.municipalities) m.population = pops[i++]!;
      c.population = sum(c.municipalities.map((m) => m.population));
    }
    if (rule) {
      const basis = [{ kind: 'agreement' as const, sourceId: 'memo', quote: 'x' }];
      d.agreement.counties.sormland.split = {
        region: { ...rule[0], basis },
        countyBoard: { ...rule[1], basis },
        municipalities: { gets: 'remainder', remainderBasis: basis, key: 'population', keyBasis: basis },
      };
    }
    return d;
  };
  const countyOf = (id: string) => organisations.find((o) => o.id === id)?.county;

  it('every level sums exactly to its parent, no share is negative, the agreed figures are untouched', () => {
    fc.assert(
      fc.property(populations, excludedSet, sormlandRule, (pops, excluded, rule) => {
        const s = computeCostShares({ data: build(pops, rule), scenario: { excludedPartyIds: excluded } });
        expect(s.programme.yearly).toBe(3_500_000);
        expect(s.otherParties.yearly).toBe(2_450_000);
        expect(s.counties.vastmanland.yearly).toBe(1_181_000);
        expect(s.counties.sormland.yearly).toBe(1_269_000);
        expect(yearly(s, 'mdu')).toBe(excluded.includes('mdu') ? 0 : 1_050_000);
        expect(yearly(s, 'region-vastmanland')).toBe(excluded.includes('region-vastmanland') ? 0 : 590_000);
        expect(s.counties.vastmanland.split!.municipalitiesYearly).toBe(591_000);

        for (const c of ['vastmanland', 'sormland'] as const) {
          for (const r of [s.counties[c].split, s.counties[c].illustration]) {
            if (!r) continue;
            expect(splitTotal(r)).toBe(s.counties[c].yearly);
            expect(r.regionYearly + (r.countyBoardYearly ?? 0) + r.municipalitiesYearly).toBe(s.counties[c].yearly);
          }
          const split = s.counties[c].split;
          if (split) {
            // What the parties pay plus what nobody pays is the county's agreed share, to the krona.
            const paid = sum(s.parties.filter((p) => p.county === c).map((p) => p.yearly ?? NaN));
            expect(paid + sum(split.unallocated.map((u) => u.yearly))).toBe(s.counties[c].yearly);
          } else {
            expect(s.parties.filter((p) => p.county === c && p.status !== 'notParticipating').every((p) => p.yearly === null)).toBe(true);
          }
        }
        const mduUnallocated = sum(s.unallocated.filter((u) => u.subject.type === 'party' && u.subject.partyId === 'mdu').map((u) => u.yearly));
        expect((yearly(s, 'mdu') ?? NaN) + mduUnallocated).toBe(1_050_000);

        for (const p of s.parties) {
          if (p.yearly !== null) expect(p.yearly).toBeGreaterThanOrEqual(0);
          if (p.illustration) expect(p.illustration.yearly).toBeGreaterThanOrEqual(0);
          if (excluded.includes(p.partyId)) {
            expect(p.status).toBe('notParticipating');
            expect(p.yearly).toBe(0);
          }
          expect(p.county).toBe(countyOf(p.partyId));
        }
      }),
      { numRuns: 300 },
    );
  });
});
