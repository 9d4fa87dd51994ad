// DeliveryLog kept in memory, for tests and benchmarks. The durable one lives in src/store.
import type { DeliveryFailure, DeliveryLog, DeliveryReceipt, OutboundJob, RetryState } from './outbound-job.js';

type Entry =
  | { state: 'pending'; job: OutboundJob }
  | { state: 'sent'; job: OutboundJob; receipt: DeliveryReceipt }
  | { state: 'failed'; job: OutboundJob; failure: DeliveryFailure };

export class InMemoryDeliveryLog implements DeliveryLog {
  // Map iteration follows insertion order, which is the enqueue order pending() promises.
  readonly #entries = new Map<string, Entry>();

  async pending(): Promise<OutboundJob[]> {
    const jobs: OutboundJob[] = [];
    for (const entry of this.#entries.values()) if (entry.state === 'pending') jobs.push(structuredClone(entry.job));
    return jobs;
  }

  async enqueue(jobs: readonly OutboundJob[]): Promise<void> {
    for (const job of jobs) {
      if (!this.#entries.has(job.key)) this.#entries.set(job.key, { state: 'pending', job: structuredClone(job) });
    }
  }

  async markSent(key: string, receipt: DeliveryReceipt): Promise<void> {
    const entry = this.#entries.get(key);
    if (entry === undefined) throw new Error(`markSent: unknown key ${key}`);
    this.#entries.set(key, { state: 'sent', job: entry.job, receipt: { ...receipt } });
  }

  async markFailed(key: string, failure: DeliveryFailure): Promise<void> {
    const entry = this.#entries.get(key);
    if (entry === undefined) throw new Error(`markFailed: unknown key ${key}`);
    this.#entries.set(key, { state: 'failed', job: entry.job, failure: { ...failure } });
  }

  async isDone(key: string): Promise<boolean> {
    const state = this.#entries.get(key)?.state;
    return state === 'sent' || state === 'failed';
  }

  async noteRetry(key: string, retry: RetryState): Promise<void> {
    const entry = this.#entries.get(key);
    if (entry?.state !== 'pending') return;
    entry.job = { ...entry.job, attempts: retry.attempts, notBefore: retry.notBefore };
  }

  // For tests and reports.
  receipt(key: string): DeliveryReceipt | undefined {
    const entry = this.#entries.get(key);
    return entry?.state === 'sent' ? entry.receipt : undefined;
  }

  failure(key: string): DeliveryFailure | undefined {
    const entry = this.#entries.get(key);
    return entry?.state === 'failed' ? entry.failure : undefined;
  }

  counts(): { pending: number; sent: number; failed: number } {
    const counts = { pending: 0, sent: 0, failed: 0 };
    for (const entry of this.#entries.values()) counts[entry.state]++;
    return counts;
  }
}
