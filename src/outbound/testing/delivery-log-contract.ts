// The behaviour every DeliveryLog must have, as a vitest suite to run against each implementation:
//   deliveryLogContract('store delivery log', { create: async () => ..., reopen: async () => ... })
// `reopen` (optional) opens a second instance on the same storage, as after a restart.
import { describe, expect, it } from 'vitest';
import type { DeliveryLog, OutboundJob } from '../outbound-job.js';

export interface DeliveryLogFactory {
  create(): Promise<DeliveryLog>;
  reopen?(): Promise<DeliveryLog>;
}

const job = (key: string, conversationKey = 'c1'): OutboundJob => ({
  key,
  conversationKey,
  tenantId: 't1',
  payload: { meetingId: 'm1', nested: { list: [1, 2, 3] } },
});

export function deliveryLogContract(name: string, factory: DeliveryLogFactory): void {
  describe(`${name} (DeliveryLog contract)`, () => {
    it('returns enqueued jobs as pending, in enqueue order, payload intact', async () => {
      const log = await factory.create();
      await log.enqueue([job('b'), job('a', 'c2')]);
      await log.enqueue([job('c')]);
      const pending = await log.pending();
      expect(pending.map((j) => j.key)).toEqual(['b', 'a', 'c']);
      expect(pending[1]).toMatchObject({ conversationKey: 'c2', tenantId: 't1', payload: job('a').payload });
    });

    it('ignores a key it already has, pending, sent or failed', async () => {
      const log = await factory.create();
      await log.enqueue([job('p', 'first'), job('s'), job('f')]);
      await log.markSent('s', { sentAt: 1, attempts: 1 });
      await log.markFailed('f', { reason: 'blocked', statusCode: 403, message: 'blocked', attempts: 1, failedAt: 1 });
      await log.enqueue([job('p', 'second'), job('s'), job('f')]);
      const pending = await log.pending();
      expect(pending.map((j) => [j.key, j.conversationKey])).toEqual([['p', 'first']]);
    });

    it('counts a key as done once sent or failed, and only then', async () => {
      const log = await factory.create();
      expect(await log.isDone('x')).toBe(false);
      await log.enqueue([job('x'), job('y')]);
      expect(await log.isDone('x')).toBe(false);
      await log.markSent('x', { activityId: 'a1', sentAt: 2, attempts: 1 });
      await log.markFailed('y', { reason: 'gaveUp', statusCode: 503, message: 'unavailable', attempts: 8, failedAt: 3 });
      expect(await log.isDone('x')).toBe(true);
      expect(await log.isDone('y')).toBe(true);
      expect(await log.pending()).toEqual([]);
    });

    it('returns the retry state noted for a pending job (when it supports noteRetry)', async () => {
      const log = await factory.create();
      if (log.noteRetry === undefined) return;
      await log.enqueue([job('r')]);
      await log.noteRetry('r', { attempts: 2, notBefore: 5000, statusCode: 429 });
      expect(await log.pending()).toEqual([expect.objectContaining({ key: 'r', attempts: 2, notBefore: 5000 })]);
    });

    it('keeps pending and done keys across a reopen (when the factory can reopen)', async () => {
      if (factory.reopen === undefined) return;
      const log = await factory.create();
      await log.enqueue([job('sent'), job('waiting')]);
      await log.markSent('sent', { sentAt: 1, attempts: 1 });
      const again = await factory.reopen();
      expect((await again.pending()).map((j) => j.key)).toEqual(['waiting']);
      expect(await again.isDone('sent')).toBe(true);
    });
  });
}
