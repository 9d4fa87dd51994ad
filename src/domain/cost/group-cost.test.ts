import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import agreementJson from '../../../data/agreement.json' with { type: 'json' };
import populationJson from '../../../data/population-scb-2023-12-31.json' with { type: 'json' };
import organisationsJson from '../../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../organisations.js';
import { parseCostData } from './cost-data.js';
import { computeCostShares } from './cost-shares.js';
import { assumptionsUsed } from './derivation.js';
import { costOfGroup, type GroupCost, type NamedSubject } from './group-cost.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const data = parseCostData({ agreementJson, populationJson, organisations });
const shares = computeCostShares({ data });
const yearlyOf = (id: string) => shares.parties.find((p) => p.partyId === id)!.yearly;
const party = (partyId: string): NamedSubject => ({ type: 'party', partyId });
const vm = { type: 'county', county: 'vastmanland' } as const;
const sm = { type: 'county', county: 'sormland' } as const;
const vmMunicipalities = { type: 'countyMunicipalities', county: 'vastmanland' } as const;
const smMunicipalities = { type: 'countyMunicipalities', county: 'sormland' } as const;

function group(subjects: NamedSubject[], except: NamedSubject[] = [], year: number | null = null): GroupCost {
  const r = costOfGroup({ shares, subjects, except, year });
  if (!r.ok) throw new Error(`no group: ${r.reason}`);
  return r.group;
}
const decidedSum = (g: GroupCost) => g.parts.reduce((s, p) => s + (p.yearly ?? NaN), 0);

describe('every figure of the agreement’s table, as a group', () => {
  it.each([
    ['the programme', [{ type: 'programme' }], 3_500_000, 10_500_000],
    ['the other parties jointly', [{ type: 'otherParties' }], 2_450_000, 7_350_000],
    ['Sörmland', [sm], 1_269_000, 3_807_000],
    ['Västmanland', [vm], 1_181_000, 3_543_000],
    ['Västmanland’s municipalities', [vmMunicipalities], 591_000, 1_773_000],
    ['both counties', [vm, sm], 2_450_000, 7_350_000],
  ] as [string, NamedSubject[], number, number][])('%s, per year and over 2026–2028', (_name, subjects, yearly, period) => {
    const g = group(subjects);
    expect(g.status).toBe('decided');
    expect(g.yearly).toBe(yearly);
    expect(g.periodTotal).toBe(period);
    expect(g.derivation.at(-1)).toMatchObject({ kind: 'period', yearly, total: period });
  });

  it('the programme’s parts are MDU and the other parties, summing exactly', () => {
    const g = group([{ type: 'programme' }]);
    expect(g.parts.map((p) => [p.subject, p.yearly])).toEqual([
      [party('mdu'), 1_050_000],
      [{ type: 'otherParties' }, 2_450_000],
    ]);
    expect(g.assumptionIds).toEqual([]);
  });

  it('the other parties’ parts are the two counties, as the memo splits them', () => {
    const g = group([{ type: 'otherParties' }]);
    expect(g.parts.map((p) => p.yearly)).toEqual([1_181_000, 1_269_000]);
    expect(g.derivation.find((d) => d.kind === 'sum')).toMatchObject({ yearly: 2_450_000, parts: [{ yearly: 1_181_000 }, { yearly: 1_269_000 }] });
  });

  it('Västmanland’s municipalities: ten parts by population summing to 591,000, resting on the assumptions that say so', () => {
    const g = group([vmMunicipalities]);
    expect(g.parts).toHaveLength(10);
    expect(decidedSum(g)).toBe(591_000);
    expect(g.parts.find((p) => p.subject.type === 'party' && p.subject.partyId === 'vasteras')?.yearly).toBe(336_025);
    expect(g.derivation.find((d) => d.kind === 'remainder')).toMatchObject({ yearly: 591_000, ofYearly: 1_181_000, minus: [{ yearly: 590_000 }] });
    expect(g.assumptionIds).toEqual(expect.arrayContaining(['vastmanland-municipalities-remainder', 'vastmanland-municipalities-by-population']));
  });

  it('Sörmland’s 1,269,000 is decided though its parts are not: they are shown as not decided, with illustrations', () => {
    const g = group([sm]);
    expect(g.yearly).toBe(1_269_000);
    expect(g.parts.map((p) => p.status)).toEqual(['notDecided', 'notDecided', 'notDecided']);
    expect(g.parts.every((p) => p.illustrationYearly !== null)).toBe(true);
    expect(g.parts.reduce((s, p) => s + p.illustrationYearly!, 0)).toBe(1_269_000);
  });
});

describe('several parties or a group: parts and sum', () => {
  it('Västerås and Köping together: both parts, and the sum with its derivation step', () => {
    const g = group([party('vasteras'), party('koping')]);
    const expected = yearlyOf('vasteras')! + yearlyOf('koping')!;
    expect(g.subject).toEqual({ type: 'selection' });
    expect(g.parts.map((p) => p.yearly)).toEqual([yearlyOf('vasteras'), yearlyOf('koping')]);
    expect(g.yearly).toBe(expected);
    expect(g.derivation.find((d) => d.kind === 'sum')).toMatchObject({ subject: { type: 'selection' }, yearly: expected });
    // Both rest on the population split, which is an assumption: the sum's line carries it.
    expect(assumptionsUsed(g.derivation.filter((d) => d.kind === 'sum'))).toContain('vastmanland-municipalities-by-population');
  });

  it('"alla utom MDU" is the other parties’ 2,450,000', () => {
    const g = group([{ type: 'programme' }], [party('mdu')]);
    expect(g.subject).toEqual({ type: 'otherParties' });
    expect(g.yearly).toBe(2_450_000);
  });

  it('everyone but Västerås: the programme less Västerås’ share, to the krona', () => {
    const g = group([{ type: 'programme' }], [party('vasteras')]);
    expect(g.yearly).toBe(3_500_000 - 336_025);
    expect(decidedSum(g)).toBe(g.yearly);
  });

  it('a name inside a group also asked for is counted once', () => {
    const g = group([party('vasteras'), vm]);
    expect(g.subject).toEqual(vm);
    expect(g.yearly).toBe(1_181_000);
    expect(g.overlapping).toEqual([party('vasteras')]);
  });

  it('a sum with a part that is not decided is not decided; its illustration is marked and adds the illustrative part', () => {
    const g = group([party('koping'), party('eskilstuna')]);
    expect(g.status).toBe('notDecided');
    expect(g.yearly).toBeNull();
    expect(g.undecided).toEqual([party('eskilstuna')]);
    const eskilstuna = shares.parties.find((p) => p.partyId === 'eskilstuna')!.illustration!.yearly;
    expect(g.illustration).toMatchObject({ yearly: yearlyOf('koping')! + eskilstuna, assumptionIds: expect.arrayContaining(['sormland-illustration']) });
  });

  it('Region Sörmland, Länsstyrelsen and Sörmland’s municipalities together are the county’s stated 1,269,000', () => {
    const g = group([party('region-sormland'), party('lansstyrelsen-sodermanland'), smMunicipalities]);
    expect(g.status).toBe('decided');
    expect(g.yearly).toBe(1_269_000);
    expect(g.undecided).toHaveLength(3);
  });

  it('a named year is that year’s amount; a year outside the period is 0 with its reason', () => {
    expect(group([vm, sm], [], 2027).askedYear).toEqual({ year: 2027, amount: 2_450_000, reason: 'inPeriod' });
    expect(group([vm, sm], [], 2030).askedYear).toEqual({ year: 2030, amount: 0, reason: 'outsidePeriod' });
  });

  it('any selection of decided parties sums exactly to its parts, and its parts never overlap', () => {
    const ids = shares.parties.map((p) => p.partyId);
    fc.assert(
      fc.property(fc.subarray(ids, { minLength: 1 }), fc.subarray(ids), (picked, out) => {
        const r = costOfGroup({ shares, subjects: picked.map(party), except: out.map(party) });
        const left = picked.filter((id) => !out.includes(id));
        if (left.length === 0) {
          expect(r).toEqual({ ok: false, reason: 'empty' });
          return;
        }
        if (!r.ok) throw new Error(r.reason);
        const g = r.group;
        const everyDecided = left.every((id) => yearlyOf(id) !== null);
        if (everyDecided) expect(g.yearly).toBe(left.reduce((s, id) => s + yearlyOf(id)!, 0));
        if (g.status === 'decided' && g.parts.every((p) => p.yearly !== null)) expect(decidedSum(g)).toBe(g.yearly);
        if (g.yearly !== null) expect(g.periodTotal).toBe(3 * g.yearly);
      }),
      { numRuns: 300 },
    );
  });
});
