import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Store } from '../../src/store/store.js';
import { buildSeedDocument } from '../../src/store/seed.js';
import { PgPersistence } from '../../src/store/postgres/pg-persistence.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { freshSchema, type TestSchema } from '../helpers/postgres.js';

/**
 * Two bot processes on one PostgreSQL database, a 1,000-invitation fan-out, one instance SIGKILLed half-way:
 * every invitation reaches Teams (the fake connector) exactly once.
 *
 * Instance A queues the 1,000 invitations (one per person, each in their own 1:1 conversation) and starts sending;
 * instance B, which queued nothing, takes pending ones nobody holds on its poll, so both send from the start. When
 * half have arrived, A is killed with SIGKILL. Its claims (session advisory locks) go with its connection at once; B
 * takes over everything A had not finished. Afterwards: every key arrived exactly once, and every outbox row is sent.
 *
 * The kill is placed where exactly-once is possible at all: the connector first holds new requests (hold()), so
 * nothing A sent is half-way through Teams when it dies (a held request whose sender died is dropped, as a request
 * that never reached Teams). A kill between Teams accepting a message and its outcome being committed can repeat that
 * message, on two instances as on one (Teams takes no idempotency key; src/outbound/pg-delivery-log.ts).
 */

const INVITATIONS = 1_000;
const childScript = fileURLToPath(new URL('./two-instance-child.ts', import.meta.url));
const personOf = (i: number): string => `p${String(i).padStart(4, '0')}`;
const keyOf = (i: number): string => `invite:two-instance:0:${personOf(i)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Instance {
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

function startInstance(url: string, dataDir: string): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, STARK_DATABASE_URL: url, STARK_OUTBOUND_POLL_MS: '300', TZ: 'Asia/Kathmandu' },
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, lines, exited, stderr: () => stderr };
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number, instance?: Instance): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${instance ? `; stderr: ${instance.stderr().slice(-2_000)}` : ''}`);
    await sleep(20);
  }
}

/** The roster's seed plus a 1:1 conversation with each invitee, on the fake connector. */
async function prepareDatabase(schema: TestSchema, connectorUrl: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'stark-two-prep-'));
  const persistence = new PgPersistence({ url: schema.url });
  const store = await Store.open({
    dataDir: dir,
    backupsToKeep: 0,
    persistence,
    seed: async () => {
      const doc = await buildSeedDocument({ now: new Date() });
      for (let i = 0; i < INVITATIONS; i++) {
        doc.conversationRefs[personOf(i)] = {
          serviceUrl: connectorUrl,
          channelId: 'msteams',
          conversation: { id: `a:two-${personOf(i)}`, conversationType: 'personal' },
          bot: { id: 'bot' },
          user: { id: `29:${personOf(i)}`, aadObjectId: personOf(i) },
          updatedAt: new Date().toISOString(),
        };
      }
      return doc;
    },
  });
  await store.close();
  await rm(dir, { recursive: true, force: true });
}

describe('two instances on one PostgreSQL database', () => {
  it(`a ${INVITATIONS}-invitation fan-out with one instance SIGKILLed half-way: 0 lost, 0 duplicated`, async () => {
    const schema = await freshSchema('two');
    cleanups.push(() => schema.drop());
    const connector = await new FakeConnector().start();
    cleanups.push(() => connector.close());
    await prepareDatabase(schema, connector.url);
    const dirA = await mkdtemp(join(tmpdir(), 'stark-two-a-'));
    const dirB = await mkdtemp(join(tmpdir(), 'stark-two-b-'));
    cleanups.push(() => rm(dirA, { recursive: true, force: true }), () => rm(dirB, { recursive: true, force: true }));

    const a = startInstance(schema.url, dirA);
    const b = startInstance(schema.url, dirB);
    await waitFor('A ready', () => a.lines.some((l) => l.startsWith('READY ')), 120_000, a);
    await waitFor('B ready', () => b.lines.some((l) => l.startsWith('READY ')), 120_000, b);

    const started = Date.now();
    a.child.stdin!.write(`FANOUT ${INVITATIONS}\n`);
    await waitFor('A to queue the invitations', () => a.lines.some((l) => l.startsWith('QUEUED ') || l.startsWith('FAILED ')), 20_000, a);
    expect(a.lines.find((l) => l.startsWith('QUEUED ') || l.startsWith('FAILED '))).toBe(`QUEUED ${INVITATIONS}`);

    const keyOfCall = (c: { body: Record<string, unknown> }) => /invite:two-instance:0:p\d{4}/.exec(String(c.body.text ?? ''))?.[0] ?? null;
    const invitations = () => connector.delivered.map(keyOfCall).filter((k): k is string => k !== null);
    await waitFor('half of the invitations to arrive', () => invitations().length >= INVITATIONS / 2, 40_000, a);

    // Hold new requests, let the outcomes of the answered ones commit, then kill A.
    connector.hold();
    await sleep(400);
    const beforeKill = invitations().length;
    a.child.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');
    connector.release();

    await waitFor('every invitation to arrive', () => new Set(invitations()).size >= INVITATIONS, 45_000, b);
    // Time for a late duplicate to show up (B's next polls).
    await sleep(1_000);
    const elapsedMs = Date.now() - started;

    const counts = new Map<string, number>();
    for (const k of invitations()) counts.set(k, (counts.get(k) ?? 0) + 1);
    const expected = Array.from({ length: INVITATIONS }, (_, i) => keyOf(i));
    const lost = expected.filter((k) => !counts.has(k));
    const duplicated = expected.filter((k) => (counts.get(k) ?? 0) > 1);
    const states = new pg.Client({ connectionString: schema.url });
    await states.connect();
    const { rows } = await states.query<{ state: string; n: string }>(`SELECT state, count(*) AS n FROM outbox_entries GROUP BY state`);
    await states.end();
    b.child.kill('SIGTERM');
    await b.exited;

    process.stdout.write(
      `two instances: ${INVITATIONS} invitations in ${elapsedMs} ms; ${beforeKill} arrived before the kill, ${connector.droppedWhileHeld} held requests of the killed instance dropped; lost ${lost.length}, duplicated ${duplicated.length}\n`,
    );
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(beforeKill).toBeGreaterThanOrEqual(INVITATIONS / 2);
    expect(beforeKill).toBeLessThan(INVITATIONS);
    expect(Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]))).toEqual({ sent: INVITATIONS });
  }, 300_000);
});
