import pg from 'pg';
import type { Store } from '../store/store.js';
import type { OutboxEntry } from '../store/sections/outbox.js';
import { OUTBOX_TABLE } from '../store/postgres/tables.js';
import type { DeliveryFailure, DeliveryLog, DeliveryReceipt, OutboundJob, RetryState } from './outbound-job.js';
import { StoreDeliveryLog } from './store-delivery-log.js';

/** Advisory lock class of delivery claims (two-int form: this, hashtext(key)). */
export const CLAIM_LOCK_CLASS = 0x53544c; // "STL"

const jobOf = (e: OutboxEntry): OutboundJob => ({
  key: e.key,
  conversationKey: e.conversationKey,
  tenantId: e.tenantId,
  payload: e.payload,
  ...(e.attempts !== undefined ? { attempts: e.attempts } : {}),
  ...(e.notBefore !== undefined ? { notBefore: e.notBefore } : {}),
});

/**
 * The delivery log when several instances share one PostgreSQL store: the outbox is the `outbox_entries` table, and
 * an instance sends a message only while it holds the message's *claim* — a session-level advisory lock on
 * hashtext(key), taken on this log's own connection just before the send (OutboundQueue asks `claim`), kept through
 * retries, and let go only once the outcome is committed. After taking it, the entry's state is read again: a key
 * another instance has already sent is dropped, not sent again. An instance that dies (SIGKILL, crash, lost network)
 * loses its connection and with it every claim at once, so another instance takes its messages over at the next poll
 * (`unclaimedPending`, which the messenger calls every few seconds) without waiting for a lease to run out.
 *
 * Entries this instance enqueued are written through its store like the file store's (StoreDeliveryLog: the journal of
 * the group commit, privacy export and erasure see them); outcomes of entries another instance enqueued are written
 * straight to their rows. A row never goes back from sent/failed to pending (pg-persistence.ts), and a key that has a
 * row already, pending or done, is not enqueued again: a reminder job that runs on both instances queues its key once.
 *
 * What no claim can close: a crash after Teams accepted a message and before its outcome is committed sends that one
 * message again when another instance takes it over (Teams takes no idempotency key), as on a single instance.
 */
export class PgDeliveryLog implements DeliveryLog {
  private readonly inner: StoreDeliveryLog;
  private readonly held = new Set<string>();
  private session: Promise<pg.Client> | null = null;
  private closed = false;

  constructor(
    store: Store,
    private readonly pool: pg.Pool,
    private readonly options: { url: string; applicationName?: string; now?: () => number } = { url: '' },
  ) {
    this.inner = new StoreDeliveryLog(store, options.now ?? Date.now);
  }

  /** The connection that holds this instance's claims (made on first use; a lost one is made again, its claims gone). */
  private claims(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('the delivery log is closed'));
    if (this.session) return this.session;
    const client = new pg.Client({ connectionString: this.options.url, application_name: (this.options.applicationName ?? `stark-claims pid ${process.pid}`).slice(0, 63) });
    const session = client.connect().then(() => client);
    client.on('error', () => {
      // The server dropped the connection: every claim went with it. Forget them; sends in flight finish, and their
      // outcome writes still land (the rows guard against going back to pending).
      this.held.clear();
      if (this.session === session) this.session = null;
    });
    session.catch(() => {
      if (this.session === session) this.session = null;
    });
    this.session = session;
    return session;
  }

  async pending(): Promise<OutboundJob[]> {
    const { rows } = await this.pool.query<{ payload: OutboxEntry }>(`SELECT payload FROM ${OUTBOX_TABLE} WHERE state = 'pending' ORDER BY pos, id`);
    return rows.map((r) => jobOf(r.payload));
  }

  /** Pending entries nobody holds a claim on (another instance died, or enqueued them and has not got to them). */
  async unclaimedPending(limit = 1_000): Promise<OutboundJob[]> {
    const { rows } = await this.pool.query<{ payload: OutboxEntry }>(
      `SELECT o.payload FROM ${OUTBOX_TABLE} o
        WHERE o.state = 'pending'
          AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = $1::oid AND l.objid = hashtext(o.id)::oid AND l.objsubid = 2)
        ORDER BY o.pos, o.id LIMIT $2`,
      [CLAIM_LOCK_CLASS, limit],
    );
    return rows.map((r) => jobOf(r.payload));
  }

  async enqueue(jobs: readonly OutboundJob[]): Promise<void> {
    if (jobs.length === 0) return;
    // A key with a row already (pending at another instance, or done) is not queued twice.
    const { rows } = await this.pool.query<{ id: string }>(`SELECT id FROM ${OUTBOX_TABLE} WHERE id = ANY($1::text[])`, [jobs.map((j) => j.key)]);
    const known = new Set(rows.map((r) => r.id));
    await this.inner.enqueue(jobs.filter((j) => !known.has(j.key)));
  }

  async isDone(key: string): Promise<boolean> {
    if (await this.inner.isDone(key)) return true;
    const { rows } = await this.pool.query<{ state: string }>(`SELECT state FROM ${OUTBOX_TABLE} WHERE id = $1`, [key]);
    return rows[0]?.state === 'sent' || rows[0]?.state === 'failed';
  }

  /**
   * Takes the key's claim; true when this instance may send it now (the claim held, the entry still pending).
   * Re-entrant for a key this instance holds (a retry).
   */
  async claim(key: string): Promise<boolean> {
    const client = await this.claims();
    if (!this.held.has(key)) {
      const got = (await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS got', [CLAIM_LOCK_CLASS, key])).rows[0]?.got === true;
      if (!got) return false;
      this.held.add(key);
    }
    // Read after the claim is held (a statement of its own, so a snapshot taken after it): an outcome another
    // instance committed before letting go is seen here.
    const { rows } = await client.query<{ state: string }>(`SELECT state FROM ${OUTBOX_TABLE} WHERE id = $1`, [key]);
    if (rows[0]?.state === 'pending') return true;
    await this.release(key);
    return false;
  }

  private async release(key: string): Promise<void> {
    if (!this.held.delete(key)) return;
    const client = await this.claims().catch(() => null);
    await client?.query('SELECT pg_advisory_unlock($1, hashtext($2))', [CLAIM_LOCK_CLASS, key]).catch(() => undefined);
  }

  async markSent(key: string, receipt: DeliveryReceipt): Promise<void> {
    try {
      if (this.inner.stateOf(key) !== 'unknown') await this.inner.markSent(key, receipt);
      else await this.finishRow(key, { state: 'sent', attempts: receipt.attempts, doneAt: receipt.sentAt, ...(receipt.activityId ? { activityId: receipt.activityId } : {}) });
    } finally {
      await this.release(key);
    }
  }

  async markFailed(key: string, failure: DeliveryFailure): Promise<void> {
    try {
      if (this.inner.stateOf(key) !== 'unknown') await this.inner.markFailed(key, failure);
      else {
        await this.finishRow(key, {
          state: 'failed',
          attempts: failure.attempts,
          doneAt: failure.failedAt,
          failure: { reason: failure.reason, ...(failure.statusCode !== undefined ? { statusCode: failure.statusCode } : {}) },
        });
      }
    } finally {
      await this.release(key);
    }
  }

  async noteRetry(key: string, state: RetryState): Promise<void> {
    if (this.inner.stateOf(key) !== 'unknown') return this.inner.noteRetry(key, state);
    await this.pool.query(`UPDATE ${OUTBOX_TABLE} SET payload = payload || jsonb_build_object('attempts', $2::int, 'notBefore', $3::float8) WHERE id = $1 AND state = 'pending'`, [key, state.attempts, state.notBefore]);
  }

  /** The outcome of an entry another instance enqueued, on its row (its message dropped, as the store log does). */
  private async finishRow(key: string, outcome: Partial<OutboxEntry>): Promise<void> {
    await this.pool.query(`UPDATE ${OUTBOX_TABLE} SET payload = (payload - 'payload' - 'notBefore') || $2::jsonb WHERE id = $1 AND state = 'pending'`, [key, JSON.stringify(outcome)]);
  }

  stateOf(key: string): OutboxEntry['state'] | 'unknown' {
    return this.inner.stateOf(key);
  }

  activityIdOf(key: string): string | undefined {
    return this.inner.activityIdOf(key);
  }

  /** Lets go of every claim (they would go with the connection anyway). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.held.clear();
    const session = this.session;
    this.session = null;
    const client = await session?.catch(() => null);
    await client?.end().catch(() => undefined);
  }
}
