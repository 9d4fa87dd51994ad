/**
 * Readiness: whether this instance should get traffic. Liveness (/healthz) only says the process answers; readiness
 * (/readyz) also needs the store open and the outbound queue running, and turns false as soon as shutdown begins so
 * a load balancer (App Service health check, a slot swap's warm-up) stops sending before the port closes.
 */
export interface ReadinessState {
  storeOpen: boolean;
  queueRunning: boolean;
  draining: boolean;
}

export type Readiness = { ready: true } | { ready: false; waiting: Array<'store' | 'queue' | 'shutdown'> };

export function readinessOf(state: ReadinessState): Readiness {
  const waiting: Array<'store' | 'queue' | 'shutdown'> = [];
  if (state.draining) waiting.push('shutdown');
  if (!state.storeOpen) waiting.push('store');
  if (!state.queueRunning) waiting.push('queue');
  return waiting.length === 0 ? { ready: true } : { ready: false, waiting };
}

/** Resolves true when `work` settles before `deadline` (epoch ms), false when the deadline comes first. */
export async function beforeDeadline(work: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work.then(() => true as const, () => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
