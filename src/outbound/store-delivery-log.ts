import type { Store } from '../store/store.js';
import type { StoreDocument } from '../store/schema.js';
import type { OutboxEntry } from '../store/sections/outbox.js';
import type { DeliveryFailure, DeliveryLog, DeliveryReceipt, OutboundJob, RetryState } from './outbound-job.js';

/** Finished entries are kept this long, so a key re-sent within it is still recognised as done. */
const KEEP_DONE_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * The outbound queue's delivery log, durable in the store: `enqueue` resolves once the jobs are on disk, so a
 * message the bot said it would send survives a restart; outcomes are written the same way.
 */
export class StoreDeliveryLog implements DeliveryLog {
  private readonly index = new Map<string, OutboxEntry>();

  constructor(private readonly store: Store, private readonly now: () => number = Date.now) {
    for (const entry of store.doc.outbox.entries) this.index.set(entry.key, entry);
  }

  async pending(): Promise<OutboundJob[]> {
    return this.store.doc.outbox.entries
      .filter((e) => e.state === 'pending')
      .map((e) => ({
        key: e.key,
        conversationKey: e.conversationKey,
        tenantId: e.tenantId,
        payload: e.payload,
        ...(e.attempts !== undefined ? { attempts: e.attempts } : {}),
        ...(e.notBefore !== undefined ? { notBefore: e.notBefore } : {}),
      }));
  }

  async enqueue(jobs: readonly OutboundJob[]): Promise<void> {
    const fresh = jobs.filter((j) => !this.index.has(j.key));
    if (fresh.length === 0) return;
    const at = this.now();
    await this.store.update((doc) => {
      for (const job of fresh) {
        if (this.index.has(job.key)) continue;
        const entry: OutboxEntry = { key: job.key, conversationKey: job.conversationKey, tenantId: job.tenantId, state: 'pending', enqueuedAt: at, payload: job.payload };
        doc.outbox.entries.push(entry);
        this.index.set(job.key, entry);
      }
    });
  }

  async markSent(key: string, receipt: DeliveryReceipt): Promise<void> {
    await this.finish(key, (e) => {
      e.state = 'sent';
      e.attempts = receipt.attempts;
      e.doneAt = receipt.sentAt;
      if (receipt.activityId) e.activityId = receipt.activityId;
    });
  }

  async markFailed(key: string, failure: DeliveryFailure): Promise<void> {
    await this.finish(key, (e) => {
      e.state = 'failed';
      e.attempts = failure.attempts;
      e.doneAt = failure.failedAt;
      e.failure = { reason: failure.reason, ...(failure.statusCode !== undefined ? { statusCode: failure.statusCode } : {}) };
    });
  }

  async isDone(key: string): Promise<boolean> {
    const state = this.index.get(key)?.state;
    return state === 'sent' || state === 'failed';
  }

  async noteRetry(key: string, state: RetryState): Promise<void> {
    const entry = this.index.get(key);
    if (entry?.state !== 'pending') return;
    await this.store.update((doc) => {
      const e = this.draftOf(doc, entry);
      e.attempts = state.attempts;
      e.notBefore = state.notBefore;
    });
  }

  /** Where a key stands: for the organiser's view of who has been reached. */
  stateOf(key: string): OutboxEntry['state'] | 'unknown' {
    return this.index.get(key)?.state ?? 'unknown';
  }

  activityIdOf(key: string): string | undefined {
    return this.index.get(key)?.activityId;
  }

  /**
   * The entry as the mutation's draft holds it: a write must go through the draft to be recorded (and so reach the
   * journal, and be undone with the mutation). Found by position in the document, not by a scan through the draft.
   */
  private draftOf(doc: StoreDocument, entry: OutboxEntry): OutboxEntry {
    const at = this.store.doc.outbox.entries.indexOf(entry);
    const e = at >= 0 ? doc.outbox.entries[at] : undefined;
    if (!e) throw new Error(`delivery entry ${entry.key} is no longer in the log`);
    return e;
  }

  private async finish(key: string, apply: (entry: OutboxEntry) => void): Promise<void> {
    const entry = this.index.get(key);
    if (!entry) throw new Error(`unknown delivery key ${key}`);
    const cutoff = this.now() - KEEP_DONE_MS;
    await this.store.update((doc) => {
      const e = this.draftOf(doc, entry);
      apply(e);
      delete e.payload;
      delete e.notBefore;
      // Old outcomes go: the log would otherwise grow with every message ever sent.
      if (doc.outbox.entries.length > 1_000 && (doc.outbox.entries[0]?.doneAt ?? Infinity) < cutoff) {
        const kept = doc.outbox.entries.filter((e) => e.state === 'pending' || (e.doneAt ?? Infinity) >= cutoff);
        for (const e of doc.outbox.entries) if (!kept.includes(e)) this.index.delete(e.key);
        doc.outbox.entries = kept;
      }
    });
  }
}
