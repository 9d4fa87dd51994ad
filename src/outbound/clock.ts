// Time as the outbound queue sees it; injected so tests run on fake time.
export interface Clock {
  now(): number;
  // Resolves after `ms`, or at once (without error) when the signal aborts.
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

// setTimeout cannot wait longer than 2^31 − 1 ms; a longer sleep wakes early and the caller re-checks.
const maxTimerMs = 2_147_483_647;

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.min(maxTimerMs, Math.max(0, ms)));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
