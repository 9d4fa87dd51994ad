import { describe, expect, it } from 'vitest';
import agreementJson from '../../../data/agreement.json' with { type: 'json' };
import populationJson from '../../../data/population-scb-2023-12-31.json' with { type: 'json' };
import organisationsJson from '../../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../organisations.js';
import { agreementFileSchema, populationFileSchema } from './agreement.js';
import { checkCostData, parseCostData } from './cost-data.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const clone = <T>(x: T): T => structuredClone(x);

describe('agreement and population data', () => {
  it('the shipped files parse and are coherent with the organisations', () => {
    const data = parseCostData({ agreementJson, populationJson, organisations });
    expect(checkCostData(data)).toEqual([]);
  });

  it('every figure names its basis: a quoted source or a named assumption', () => {
    const a = agreementFileSchema.parse(agreementJson);
    const figures = [a.period.basis, a.mdu.basis, a.otherParties.basis, a.countyKey.basis, a.counties.vastmanland.basis, a.counties.sormland.basis];
    for (const basis of figures) expect(basis.length).toBeGreaterThan(0);
    expect(a.mdu.basis[0]).toMatchObject({ kind: 'agreement', sourceId: 'memo' });
    expect(a.counties.vastmanland.split?.municipalities.keyBasis).toEqual([{ kind: 'assumption', assumptionId: 'vastmanland-municipalities-by-population' }]);
  });

  it('Sörmland ships with its internal split not set, and an illustration that is an assumption', () => {
    const a = agreementFileSchema.parse(agreementJson);
    expect(a.counties.sormland.split).toBeNull();
    expect(a.counties.sormland.illustration?.assumptionId).toBe('sormland-illustration');
  });

  it('the population file names its source and reference date, and municipalities add up to each county', () => {
    const p = populationFileSchema.parse(populationJson);
    expect(p.referenceDate).toBe('2023-12-31');
    expect(p.source).toMatch(/SCB/);
    const broken = clone(populationJson);
    broken.counties[0]!.municipalities[0]!.population += 1;
    expect(populationFileSchema.safeParse(broken).success).toBe(false);
  });

  it('county shares that do not add up to the joint 2,450,000 are rejected', () => {
    const broken = clone(agreementJson);
    broken.counties.sormland.yearly = 1_270_000;
    expect(agreementFileSchema.safeParse(broken).success).toBe(false);
  });

  it('a basis citing an assumption that does not exist is rejected', () => {
    const broken = clone(agreementJson);
    broken.participation.default.basis = [{ kind: 'assumption', assumptionId: 'no-such-thing' }];
    expect(agreementFileSchema.safeParse(broken).success).toBe(false);
  });

  it('a rule whose fixed parts exceed the county share is rejected', () => {
    const broken = clone(agreementJson);
    broken.counties.vastmanland.split.region.yearly = 1_181_001;
    expect(agreementFileSchema.safeParse(broken).success).toBe(false);
  });

  it('a population dataset other than the one the agreement names is reported', () => {
    const data = parseCostData({ agreementJson, populationJson, organisations });
    expect(checkCostData({ ...data, population: { ...data.population, dataset: 'scb-2024-12-31' } })).toContainEqual(
      expect.objectContaining({ code: 'populationDatasetMismatch' }),
    );
  });

  it('population figures that do not reproduce the agreed county split are reported (31 Dec 2022 would not)', () => {
    const data = parseCostData({ agreementJson, populationJson, organisations });
    const shifted = clone(data.population);
    // Move 2,000 people from Sörmland to Västmanland: the thousand-rounded split no longer matches the memo.
    shifted.counties[0]!.population += 2000;
    shifted.counties[0]!.municipalities[0]!.population += 2000;
    shifted.counties[1]!.population -= 2000;
    shifted.counties[1]!.municipalities[0]!.population -= 2000;
    expect(checkCostData({ ...data, population: shifted }).map((i) => i.code)).toContain('countySplitNotReproduced');
  });

  it('a party the cost rules do not place (a second county board) is reported', () => {
    const data = parseCostData({ agreementJson, populationJson, organisations });
    const extra = { ...organisations[3]!, id: 'lansstyrelsen-vastmanland', county: 'vastmanland' as const };
    expect(checkCostData({ ...data, organisations: [...organisations, extra] })).toContainEqual({ code: 'partyOutsideCostRules', partyId: 'lansstyrelsen-vastmanland' });
  });
});
