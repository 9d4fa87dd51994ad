// Fan-out: 1,000 invitations, one per person's 1:1 conversation, through the real outbound queue on the real clock,
// against a fake Teams that enforces the documented limits (per conversation and 30/s per tenant) with 429s.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboundQueue } from '../src/outbound/outbound-queue.js';
import { InMemoryDeliveryLog } from '../src/outbound/memory-delivery-log.js';
import { rateLimitFloorMs, teamsRateLimits } from '../src/outbound/rate-limits.js';
import { systemClock } from '../src/outbound/clock.js';
import { FakeTeamsConnector } from '../src/outbound/testing/fake-teams-connector.js';
import type { DeliveryLog, OutboundJob } from '../src/outbound/outbound-job.js';
import { StoreDeliveryLog } from '../src/outbound/store-delivery-log.js';
import { Store } from '../src/store/store.js';
import type { StoreDocument } from '../src/store/schema.js';
import { DEMO_TENANT_ID } from '../src/config.js';
import { conversationOf, writeDocument } from './data.js';

export interface FanoutResult {
  log: 'memory' | 'store';
  invitations: number;
  /** enqueue → every invitation delivered (and its outcome recorded). */
  wallMs: number;
  /** First request to last request as Teams saw them. */
  firstToLastMs: number;
  /** No scheduler can start the last request earlier than this after the first (rateLimitFloorMs). */
  floorMs: number;
  /** wallMs / floorMs. */
  ratio: number;
  requests: number;
  throttled: number;
  lost: number;
  duplicated: number;
  /** Entries the durable log does not hold as sent after the drain (store log only). */
  unrecorded: number;
}

/** An invitation card of realistic size (about 3 KB of JSON, like the meetings invitation card). */
function invitationPayload(personId: string, i: number): unknown {
  return {
    personId,
    message: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Inbjudan: Årlig träff STARK', weight: 'Bolder', size: 'Large', wrap: true },
        { type: 'FactSet', facts: [{ title: 'När', value: 'torsdag 14 oktober 09:00–11:00' }, { title: 'Var', value: 'Mälardalens universitet, Västerås' }, { title: 'Svara senast', value: '7 oktober' }] },
        { type: 'TextBlock', text: 'Dagordning: '.padEnd(1_800, 'Inledning, lägesrapport, behovsinventering, programplan, övrigt. '), wrap: true },
        { type: 'Input.Text', id: 'comment', placeholder: 'Kommentar (valfritt)', maxLength: 500 },
      ],
      actions: ['ja', 'nej', 'kanske'].map((answer) => ({ type: 'Action.Execute', title: answer, verb: 'meeting.rsvp', data: { meetingId: 'bench-fanout', answer, n: i } })),
    },
  };
}

export async function fanout(p: { invitations: number; log: 'memory' | 'store'; doc?: StoreDocument; latencyMs: number }): Promise<FanoutResult> {
  const dir = p.log === 'store' ? await mkdtemp(join(tmpdir(), 'stark-bench-fanout-')) : null;
  let store: Store | null = null;
  try {
    let log: DeliveryLog;
    if (dir) {
      if (!p.doc) throw new Error('the store log needs a document');
      await writeDocument(dir, p.doc);
      store = await Store.open({ dataDir: dir, seed: () => Promise.reject(new Error('the bench document is missing')), backupsToKeep: 0 });
      log = new StoreDeliveryLog(store);
    } else {
      log = new InMemoryDeliveryLog();
    }
    const teams = new FakeTeamsConnector({ clock: systemClock, limits: teamsRateLimits, latencyMs: p.latencyMs });
    const queue = new OutboundQueue({ log, sender: teams.sender });
    const jobs: OutboundJob[] = Array.from({ length: p.invitations }, (_, i) => {
      const personId = `d0000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      return { key: `invite:bench-fanout:0:${personId}`, conversationKey: conversationOf(personId), tenantId: DEMO_TENANT_ID, payload: invitationPayload(personId, i) };
    });
    const floorMs = rateLimitFloorMs({ jobs, limits: teamsRateLimits });
    const start = performance.now();
    await queue.start();
    await queue.enqueue(jobs);
    const drained = await queue.drain();
    const wallMs = performance.now() - start;
    await queue.stop();
    if (drained.remaining !== 0) throw new Error(`fan-out stopped with ${drained.remaining} left`);
    const counts = teams.deliveryCounts();
    const times = teams.requests.map((r) => r.at);
    let unrecorded = 0;
    if (store) {
      const states = new Map(store.doc.outbox.entries.map((e) => [e.key, e.state]));
      unrecorded = jobs.filter((j) => states.get(j.key) !== 'sent').length;
    }
    return {
      log: p.log,
      invitations: jobs.length,
      wallMs,
      firstToLastMs: Math.max(...times) - Math.min(...times),
      floorMs,
      ratio: wallMs / floorMs,
      requests: teams.requests.length,
      throttled: teams.requests.filter((r) => r.status === 429).length,
      lost: jobs.filter((j) => (counts.get(j.key) ?? 0) === 0).length,
      duplicated: jobs.filter((j) => (counts.get(j.key) ?? 0) > 1).length,
      unrecorded,
    };
  } finally {
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
