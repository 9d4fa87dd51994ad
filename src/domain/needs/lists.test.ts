import { describe, expect, it } from 'vitest';
import { countNeeds, countyLookup, needExportColumns, needExportRows, pageNeeds } from './lists.js';
import { aNeed, organisations, people } from './test-fixtures.js';
import type { Need } from './need.js';

const countyOf = countyLookup(organisations);
const many = (n: number): Need[] => Array.from({ length: n }, (_, i) => aNeed({ number: i + 1 }));

describe('paging needs', () => {
  it('newest first, ten to a page, with tokens forward and back', () => {
    const needs = many(25);
    const p1 = pageNeeds({ needs, countyOf });
    expect(p1.items.map((n) => n.number)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect(p1).toMatchObject({ total: 25, offset: 0 });
    expect(p1.prev).toBeUndefined();
    const p2 = pageNeeds({ needs, countyOf, token: p1.next });
    expect(p2.items.map((n) => n.number)).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
    expect(p2.offset).toBe(10);
    const p3 = pageNeeds({ needs, countyOf, token: p2.next });
    expect(p3.items.map((n) => n.number)).toEqual([5, 4, 3, 2, 1]);
    expect(p3.next).toBeUndefined();
    expect(pageNeeds({ needs, countyOf, token: p3.prev }).items.map((n) => n.number)).toEqual(p2.items.map((n) => n.number));
    expect(pageNeeds({ needs, countyOf, token: p2.prev }).items.map((n) => n.number)).toEqual(p1.items.map((n) => n.number));
  });

  it('a need added while paging does not shift the next page', () => {
    const needs = many(25);
    const p1 = pageNeeds({ needs, countyOf });
    const p2 = pageNeeds({ needs: [...needs, aNeed({ number: 26 })], countyOf, token: p1.next });
    expect(p2.items[0]!.number).toBe(15);
  });

  it('a malformed token gives the first page', () => {
    expect(pageNeeds({ needs: many(3), countyOf, token: 'before:abc' }).items.map((n) => n.number)).toEqual([3, 2, 1]);
  });

  it('filters by area, county, status, round and organisation together', () => {
    const needs = [
      aNeed({ number: 1 }),
      aNeed({ number: 2, organisationId: 'eskilstuna' }),
      aNeed({ number: 3, area: 'resilienta-organisationen' }),
      aNeed({ number: 4, state: { status: 'under-beredning' } }),
      aNeed({ number: 5, round: 2028 }),
      aNeed({ number: 6, organisationId: 'koping' }),
    ];
    const numbers = (filter: Parameters<typeof pageNeeds>[0]['filter']) => pageNeeds({ needs, countyOf, filter }).items.map((n) => n.number);
    expect(numbers({ county: 'sormland' })).toEqual([2]);
    expect(numbers({ area: 'resilienta-organisationen' })).toEqual([3]);
    expect(numbers({ status: 'under-beredning' })).toEqual([4]);
    expect(numbers({ round: 2028 })).toEqual([5]);
    expect(numbers({ organisationId: 'vasteras', status: 'inkommen', round: 2027, area: 'framtida-valfarden', county: 'vastmanland' })).toEqual([1]);
  });
});

describe('overview and export', () => {
  const needs = [
    aNeed({ number: 1 }),
    aNeed({ number: 2, organisationId: 'koping' }),
    aNeed({ number: 3, organisationId: 'eskilstuna', state: { status: 'avslagen', motivation: 'x' } }),
    aNeed({ number: 4, organisationId: 'mdu', area: 'mojliggorande-byrakratin' }),
  ];

  it('counts per area × county × status; MDU’s own needs count under no county', () => {
    const { cells, total } = countNeeds({ needs, countyOf });
    expect(total).toBe(4);
    expect(cells).toEqual(
      expect.arrayContaining([
        { area: 'framtida-valfarden', county: 'vastmanland', status: 'inkommen', count: 2 },
        { area: 'framtida-valfarden', county: 'sormland', status: 'avslagen', count: 1 },
        { area: 'mojliggorande-byrakratin', county: null, status: 'inkommen', count: 1 },
      ]),
    );
    expect(cells).toHaveLength(3);
  });

  it('one export row per need in number order, with labels from the caller and the Stockholm submission date', () => {
    const late = aNeed({ number: 9, submittedAt: new Date('2026-03-02T23:30:00Z'), supports: [{ organisationId: 'koping', by: people.kopingDirector.aadObjectId, at: new Date('2026-03-03T00:00:00Z') }] });
    const rows = needExportRows({
      needs: [late, needs[2]!],
      organisations,
      labels: { area: (a) => `A:${a}`, status: (s) => `S:${s}`, county: (c) => `C:${c ?? '-'}` },
    });
    expect(rows.map((r) => r.number)).toEqual([3, 9]);
    expect(rows[1]).toEqual({
      number: 9,
      title: late.title,
      organisation: 'Västerås stad',
      county: 'C:vastmanland',
      area: 'A:framtida-valfarden',
      status: 'S:inkommen',
      round: 2027,
      supports: 1,
      submitted: '2026-03-03',
    });
    expect(Object.keys(rows[0]!)).toEqual([...needExportColumns]);
  });
});
