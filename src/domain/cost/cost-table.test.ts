import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import agreementJson from '../../../data/agreement.json' with { type: 'json' };
import populationJson from '../../../data/population-scb-2023-12-31.json' with { type: 'json' };
import organisationsJson from '../../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../organisations.js';
import { parseCostData } from './cost-data.js';
import { computeCostShares } from './cost-shares.js';
import { costTableRows, type CostTableRow } from './cost-table.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const data = parseCostData({ agreementJson, populationJson, organisations });
const table = (excluded: string[] = []) => costTableRows({ shares: computeCostShares({ data, scenario: excluded.length ? { excludedPartyIds: excluded } : undefined }), data });
const partyRow = (rows: CostTableRow[], id: string) => rows.find((r) => r.subject.type === 'party' && r.subject.partyId === id);

/** Each row's direct children (the following rows one level deeper, until a row at its level or above). */
function children(rows: CostTableRow[], i: number): CostTableRow[] {
  const out: CostTableRow[] = [];
  for (let j = i + 1; j < rows.length && rows[j]!.level > rows[i]!.level; j++) if (rows[j]!.level === rows[i]!.level + 1) out.push(rows[j]!);
  return out;
}

/** The tree adds up: every row with children equals their sum (amounts, or illustrations where not decided). */
function checkAddsUp(rows: CostTableRow[]): void {
  const programme = rows.at(-1)!;
  expect(programme.kind).toBe('programme');
  const top = rows.filter((r) => r.level === 0 && r.kind !== 'programme');
  expect(top.reduce((s, r) => s + (r.yearly ?? NaN), 0)).toBe(programme.yearly);
  rows.forEach((row, i) => {
    const kids = children(rows, i);
    if (kids.length === 0 || row.yearly === null) return;
    const decided = kids.every((k) => k.yearly !== null);
    const value = (k: CostTableRow) => (decided ? k.yearly : k.status === 'notParticipating' ? 0 : k.illustration?.yearly) ?? NaN;
    expect(kids.reduce((s, k) => s + value(k), 0)).toBe(row.yearly);
  });
  for (const r of rows) if (r.yearly !== null) expect(r.periodTotal).toBe(r.yearly * r.perYear.length);
}

describe('the cost table', () => {
  const t = table();

  it('lists MDU, the other parties, both counties, both regions, Länsstyrelsen and every municipality once, then the total', () => {
    const ids = t.rows.flatMap((r) => (r.subject.type === 'party' ? [r.subject.partyId] : []));
    expect([...ids].sort()).toEqual(organisations.map((o) => o.id).sort());
    expect(t.rows.map((r) => r.kind).filter((k) => k !== 'municipality')).toEqual([
      'mdu', 'otherParties', 'county', 'region', 'municipalities', 'county', 'region', 'countyBoard', 'municipalities', 'programme',
    ]);
    expect(t.years).toEqual([2026, 2027, 2028]);
  });

  it('adds up at every level, with Sörmland’s parts added up by their illustration', () => checkAddsUp(t.rows));

  it('shows each year and the period: Region Västmanland 590,000 a year, 1,770,000 over 2026–2028', () => {
    const r = partyRow(t.rows, 'region-vastmanland')!;
    expect(r.perYear).toEqual([{ year: 2026, amount: 590_000 }, { year: 2027, amount: 590_000 }, { year: 2028, amount: 590_000 }]);
    expect(r.periodTotal).toBe(1_770_000);
    expect(r.basis).toBe('agreement');
  });

  it('marks Västmanland’s municipalities as resting on assumptions and Sörmland’s parts as not decided with an illustration', () => {
    expect(partyRow(t.rows, 'vasteras')).toMatchObject({ yearly: 336_025, basis: 'assumption', population: 159_662 });
    expect(partyRow(t.rows, 'eskilstuna')).toMatchObject({ yearly: null, status: 'notDecided', basis: null, periodTotal: null });
    expect(partyRow(t.rows, 'region-sormland')!.illustration).toEqual({ yearly: 634_500, periodTotal: 1_903_500 });
  });

  it('adds up in any what-if, with unallocated money as its own line', () => {
    const ids = organisations.map((o) => o.id);
    fc.assert(
      fc.property(fc.subarray(ids), (excluded) => {
        const rows = table(excluded).rows;
        checkAddsUp(rows);
        for (const id of excluded) expect(partyRow(rows, id)).toMatchObject({ status: 'notParticipating', yearly: 0 });
      }),
      { numRuns: 200 },
    );
    const rows = table(['mdu', 'region-vastmanland']).rows;
    expect(rows.filter((r) => r.kind === 'unallocated').map((r) => r.yearly)).toEqual([1_050_000, 590_000]);
  });
});
