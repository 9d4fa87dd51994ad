import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion } from './apportion.js';

const amounts = (r: { amount: number }[]) => r.map((x) => x.amount);

describe('largest-remainder apportionment', () => {
  it('gives the leftover kronor to the largest remainders (Hamilton): 10 by 1:1:1 is 4,3,3', () => {
    expect(amounts(apportion({ total: 10, weights: [{ key: 'a', weight: 1n }, { key: 'b', weight: 1n }, { key: 'c', weight: 1n }] }))).toEqual([4, 3, 3]);
  });

  it('the largest remainder wins, not the earliest key: 100 by 1:2:4 → 14.29, 28.57, 57.14 → 14, 29, 57', () => {
    expect(amounts(apportion({ total: 100, weights: [{ key: 'a', weight: 1n }, { key: 'b', weight: 2n }, { key: 'c', weight: 4n }] }))).toEqual([14, 29, 57]);
  });

  it('marks which shares were rounded up and keeps the exact quota', () => {
    const [a, b] = apportion({ total: 3, weights: [{ key: 'a', weight: 1n }, { key: 'b', weight: 1n }] });
    expect(a).toMatchObject({ amount: 2, roundedUp: true, quota: { numerator: 3n, denominator: 2n } });
    expect(b).toMatchObject({ amount: 1, roundedUp: false });
  });

  it('a zero total with zero weights is all zeros; a positive total with no weight is a bug', () => {
    expect(amounts(apportion({ total: 0, weights: [{ key: 'a', weight: 0n }] }))).toEqual([0]);
    expect(() => apportion({ total: 5, weights: [{ key: 'a', weight: 0n }] })).toThrow();
  });

  it('shares always sum exactly to the total, are never negative, and each is within one krona of its quota', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 30 }), (total, ws) => {
        fc.pre(ws.some((w) => w > 0));
        const r = apportion({ total, weights: ws.map((w, i) => ({ key: `k${i}`, weight: BigInt(w) })) });
        const sum = ws.reduce((s, w) => s + w, 0);
        expect(r.reduce((s, x) => s + x.amount, 0)).toBe(total);
        r.forEach((x, i) => {
          expect(x.amount).toBeGreaterThanOrEqual(0);
          expect(Math.abs(x.amount - (total * ws[i]!) / sum)).toBeLessThan(1);
        });
      }),
    );
  });
});
