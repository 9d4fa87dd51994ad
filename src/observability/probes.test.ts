import { describe, expect, it } from 'vitest';
import { beforeDeadline, readinessOf } from './probes.js';

describe('readiness', () => {
  it('is ready only with the store open, the queue running and no shutdown begun', () => {
    expect(readinessOf({ storeOpen: true, queueRunning: true, draining: false })).toEqual({ ready: true });
    expect(readinessOf({ storeOpen: false, queueRunning: false, draining: false })).toEqual({ ready: false, waiting: ['store', 'queue'] });
    expect(readinessOf({ storeOpen: true, queueRunning: false, draining: false })).toEqual({ ready: false, waiting: ['queue'] });
    expect(readinessOf({ storeOpen: true, queueRunning: true, draining: true })).toEqual({ ready: false, waiting: ['shutdown'] });
  });
});

describe('beforeDeadline', () => {
  it('says whether the work settled before the deadline, and does not wait past it', async () => {
    expect(await beforeDeadline(Promise.resolve(), Date.now() + 1_000)).toBe(true);
    expect(await beforeDeadline(Promise.reject(new Error('x')), Date.now() + 1_000)).toBe(true);
    const started = Date.now();
    expect(await beforeDeadline(new Promise(() => undefined), Date.now() + 50)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
