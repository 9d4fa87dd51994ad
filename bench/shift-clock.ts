// Preloaded into the bot under test at 10× (`node --import tsx --import ./bench/shift-clock.ts src/main.ts`):
// moves the process's wall clock forward by BENCH_CLOCK_OFFSET_MS, so the bot runs "ten years on" against a
// decade of data whose needs rounds and meetings lie in the past. Needs rounds start in 2025 (the domain refuses
// earlier years), so a decade of history cannot end today. Only `new Date()` and `Date.now()` move; monotonic
// timers (setTimeout, performance.now) are untouched; `Date()` called as a function still reads the real clock.
const offset = Number(process.env.BENCH_CLOCK_OFFSET_MS ?? 0);

if (Number.isFinite(offset) && offset !== 0) {
  const RealDate = Date;
  // A Proxy, not a subclass: Date.prototype stays the real one, which libraries read (date-fns/tz copies its
  // getters from it) and which `instanceof` and `extends Date` rely on.
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args: unknown[], newTarget: () => unknown) {
      return Reflect.construct(target, args.length === 0 ? [target.now() + offset] : args, newTarget) as object;
    },
    get(target, property, receiver) {
      if (property === 'now') return () => target.now() + offset;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

export {};
