import { describe, expect, it } from 'vitest';
import { needSchema, nextNeedNumber } from './need.js';
import { aNeed, people } from './test-fixtures.js';

describe('the need model', () => {
  it('a stored need read back from JSON parses, with its instants as Dates', () => {
    const parsed = needSchema.parse(JSON.parse(JSON.stringify(aNeed())));
    expect(parsed.submittedAt).toBeInstanceOf(Date);
    expect(parsed.submittedAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(parsed.history[0]!.at).toBeInstanceOf(Date);
  });

  it('an organisation supports a need once, and never its own', () => {
    const at = new Date('2026-03-03T10:00:00Z');
    const twice = aNeed({ supports: [{ organisationId: 'koping', by: people.kopingDirector.aadObjectId, at }, { organisationId: 'koping', by: people.kopingDirector.aadObjectId, at }] });
    const own = aNeed({ supports: [{ organisationId: 'vasteras', by: people.vasterasColleague.aadObjectId, at }] });
    expect(needSchema.safeParse(twice).success).toBe(false);
    expect(needSchema.safeParse(own).success).toBe(false);
  });

  it('a rejected need carries its motivation, a planned one its area and year, a merged one its target', () => {
    expect(needSchema.safeParse(aNeed({ state: { status: 'avslagen', motivation: '' } })).success).toBe(false);
    expect(needSchema.safeParse(aNeed({ state: { status: 'ingar-i-programplan', plan: { area: 'resilienta-organisationen', year: 2027 } } })).success).toBe(true);
    expect(needSchema.safeParse(JSON.parse('{"status":"ingar-i-programplan"}')).success).toBe(false);
    expect(needSchema.safeParse(aNeed({ state: { status: 'sammanslagen', mergedInto: 1 } })).success).toBe(false);
  });

  it('titles are 1–120 characters and descriptions 1–4000', () => {
    expect(needSchema.safeParse(aNeed({ title: 'x'.repeat(121) })).success).toBe(false);
    expect(needSchema.safeParse(aNeed({ title: '' })).success).toBe(false);
    expect(needSchema.safeParse(aNeed({ description: 'x'.repeat(4001) })).success).toBe(false);
  });

  it('need numbers go on from the highest ever given', () => {
    expect(nextNeedNumber([])).toBe(1);
    expect(nextNeedNumber([{ number: 3 }, { number: 7 }, { number: 5 }])).toBe(8);
  });
});
