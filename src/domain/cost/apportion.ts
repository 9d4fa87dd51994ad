/** One share of an apportionment: the whole kronor, and the exact quota it was rounded from. */
export interface Apportioned<K extends string> {
  key: K;
  amount: number;
  /** Exact quota = total × weight / sum of weights, as a fraction (for showing the derivation). */
  quota: { numerator: bigint; denominator: bigint };
  /** True when this share got one krona above its quota's floor from the largest-remainder step. */
  roundedUp: boolean;
}

/**
 * Largest-remainder (Hamilton) apportionment of a whole-krona total by integer weights: every share is its
 * quota's floor, and the kronor left over go one each to the largest remainders, so the shares always sum
 * exactly to the total. Ties go to the larger weight, then to the earlier key, so the result is deterministic.
 * BigInt keeps the quotas exact whatever the sizes.
 */
export function apportion<K extends string>({ total, weights }: { total: number; weights: readonly { key: K; weight: bigint }[] }): Apportioned<K>[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new Error(`apportion: total must be whole kronor ≥ 0, got ${total}`);
  if (weights.some((w) => w.weight < 0n)) throw new Error('apportion: negative weight');
  const sum = weights.reduce((s, w) => s + w.weight, 0n);
  const T = BigInt(total);
  if (sum === 0n) {
    if (total !== 0) throw new Error('apportion: a positive total needs a positive weight');
    return weights.map((w) => ({ key: w.key, amount: 0, quota: { numerator: 0n, denominator: 1n }, roundedUp: false }));
  }
  const rows = weights.map((w, index) => {
    const numerator = T * w.weight;
    return { key: w.key, weight: w.weight, index, numerator, floor: numerator / sum, remainder: numerator % sum };
  });
  let left = T - rows.reduce((s, r) => s + r.floor, 0n);
  const order = [...rows].sort((a, b) =>
    a.remainder !== b.remainder ? (b.remainder > a.remainder ? 1 : -1) : a.weight !== b.weight ? (b.weight > a.weight ? 1 : -1) : a.index - b.index,
  );
  const up = new Set<number>();
  for (const r of order) {
    if (left === 0n) break;
    up.add(r.index);
    left -= 1n;
  }
  return rows.map((r) => ({
    key: r.key,
    amount: Number(r.floor + (up.has(r.index) ? 1n : 0n)),
    quota: { numerator: r.numerator, denominator: sum },
    roundedUp: up.has(r.index),
  }));
}
