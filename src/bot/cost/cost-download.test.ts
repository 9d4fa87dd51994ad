import { describe, expect, it } from 'vitest';
import { costTableLinkParams, readCostTableParams } from './cost-download.js';

describe('cost-table link parameters', () => {
  it('carry the format, the language and the what-if, and read back the same', () => {
    const params = costTableLinkParams({ format: 'csv', excludedPartyIds: ['norberg', 'sala'], locale: 'en' });
    expect(params).toEqual({ format: 'csv', lang: 'en', excluded: 'norberg,sala' });
    expect(readCostTableParams(params)).toEqual({ format: 'csv', lang: 'en', excludedPartyIds: ['norberg', 'sala'] });
  });

  it('a long what-if is spread so no value passes the 200 characters a link parameter may hold', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `party-with-a-long-id-${i}`);
    const params = costTableLinkParams({ format: 'xlsx', excludedPartyIds: ids, locale: 'sv' });
    expect(Object.values(params).every((v) => v.length <= 200)).toBe(true);
    expect(Object.keys(params).length).toBeGreaterThan(3);
    expect(readCostTableParams(params)?.excludedPartyIds).toEqual(ids);
  });

  it('a link without a known format is not a cost-table link', () => {
    expect(readCostTableParams({ format: 'pdf' })).toBeNull();
    expect(readCostTableParams({})).toBeNull();
  });
});
