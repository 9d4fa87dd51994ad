// Turn latency and throughput, the bot against the echo bot, in alternating rounds (echo, bot, bot, echo, …) so
// that whatever else the machine does falls on both alike.
import type { StoreDocument } from '../src/store/schema.js';
import type { Person } from '../src/domain/people.js';
import { conversationOf } from './data.js';
import type { LeanConnector } from './lean-connector.js';
import { runLoad, summarise, type LoadResult } from './load-generator.js';
import { cpuSecondsOf, machineBusySeconds, type ServerProcess } from './processes.js';
import { activityOf, type TurnKind } from './turns.js';

export interface SideStats {
  requests: number;
  errors: number;
  firstError: string | null;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  /** CPU time the server process spent per turn (user + system): steadier than latency on a shared machine. */
  cpuMsPerTurn: number;
  /** Cores kept busy by other processes on the machine meanwhile (not the servers, not the load generator). */
  otherLoad: number;
}

export interface TurnCell {
  scale: string;
  kind: string;
  label: string;
  write: boolean;
  concurrency: number;
  bot: SideStats;
  echo: SideStats;
  /**
   * bot ÷ echo. p50/p99/rps: the median over the rounds of each round's ratio (a round is one echo and one bot
   * segment back to back), so a burst of other work on the machine spoils one round, not the figure.
   * cpuPerTurn: server CPU per turn, all rounds pooled.
   */
  ratio: { p50: number; p99: number; rps: number; cpuPerTurn: number };
  /** The same, from all rounds pooled (p99 of every latency of the bot ÷ p99 of every latency of the echo bot). */
  pooledRatio: { p50: number; p99: number; rps: number };
  /** p99 ratio the turn should stay under: 1.2 for reads, 1.5 for writes. */
  target: number;
  met: boolean;
}

export interface Timing {
  rounds: number;
  warmupMs: number;
  durationMs: number;
}

const post = async (url: string, body: unknown): Promise<{ status: number; text: string }> => {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
};

/**
 * Sends the turn once from each person of its pool (which also stores their conversation reference, as a first
 * turn in Teams does) and checks every answer. Returns the first problem, or null when the bot does the turn.
 */
export async function probe(p: { kind: TurnKind; url: string; people: Person[]; connector: LeanConnector }): Promise<string | null> {
  if (p.people.length === 0) return 'nobody in the data may send this turn (no such meeting/role in the document)';
  for (const [i, person] of p.people.entries()) {
    const conversation = conversationOf(person.aadObjectId);
    p.connector.watch.add(conversation);
    p.connector.lastBody.delete(conversation);
    const { status, text } = await post(p.url, activityOf({ person, serviceUrl: p.connector.url, payload: p.kind.payload(person, i) }));
    p.connector.watch.delete(conversation);
    if (status !== 200) return `HTTP ${status}: ${text.slice(0, 200)}`;
    const problem = p.kind.check(p.kind.type === 'invoke' ? text : (p.connector.lastBody.get(conversation) ?? ''));
    if (problem) return problem;
  }
  return null;
}

interface Segment {
  result: LoadResult;
  cpuMs: number;
  otherLoad: number;
}

/** `check`: whether invoke answers are checked (the bot's; the echo bot answers every invoke with its data). */
async function segment(p: { kinds: TurnKind[]; server: ServerProcess; check: boolean; doc: StoreDocument; connector: LeanConnector; concurrency: number; timing: Timing }): Promise<Segment> {
  const pools = p.kinds.map((kind) => ({ kind, people: kind.people(p.doc) }));
  const cpu0 = cpuSecondsOf(p.server.pid);
  const self0 = process.cpuUsage();
  const busy0 = machineBusySeconds();
  const t0 = performance.now();
  const result = await runLoad({
    url: `${p.server.url}/api/messages`,
    concurrency: p.concurrency,
    warmupMs: p.timing.warmupMs,
    durationMs: p.timing.durationMs,
    // A slow turn (a write of a large document) still gets two answers per connection, within 6 s.
    minRequests: p.concurrency * 2,
    maxDurationMs: 6_000,
    next: (worker, i) => {
      const { kind, people } = pools[i % pools.length] as (typeof pools)[number];
      const person = people[worker % people.length] as Person;
      const body = JSON.stringify(activityOf({ person, serviceUrl: p.connector.url, payload: kind.payload(person, i) }));
      return kind.type === 'invoke' && p.check ? { body, check: (_status: number, answer: string) => kind.check(answer) } : { body };
    },
  });
  const wallS = (performance.now() - t0) / 1000;
  const serverS = cpuSecondsOf(p.server.pid) - cpu0;
  const self = process.cpuUsage(self0);
  const otherLoad = Math.max(0, (machineBusySeconds() - busy0 - serverS - (self.user + self.system) / 1e6) / wallS);
  return { result, cpuMs: serverS * 1000, otherLoad };
}

function pool(results: Segment[]): SideStats {
  const latencies = results.flatMap((r) => r.result.latencies);
  const errors = results.reduce((n, r) => n + r.result.errors, 0);
  const windowMs = results.reduce((n, r) => n + (r.result.requests > 0 ? (r.result.requests / r.result.rps) * 1000 : 0), 0);
  const s = summarise(latencies, windowMs, errors, results.find((r) => r.result.firstError)?.result.firstError ?? null);
  const completed = results.reduce((n, r) => n + r.result.completed, 0);
  const cpuMs = results.reduce((n, r) => n + r.cpuMs, 0);
  const otherLoad = results.reduce((n, r) => n + r.otherLoad, 0) / Math.max(1, results.length);
  return { requests: s.requests, errors, firstError: s.firstError, rps: s.rps, p50: s.p50, p90: s.p90, p99: s.p99, cpuMsPerTurn: completed > 0 ? cpuMs / completed : Number.NaN, otherLoad };
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

/**
 * Loads both servers with every turn, mixed, until their JIT has settled (CPU per turn falls for the first few
 * thousand turns), so neither is measured cold.
 */
export async function warmUp(p: { kinds: TurnKind[]; bot: ServerProcess; echo: ServerProcess; doc: StoreDocument; connector: LeanConnector; ms: number }): Promise<void> {
  if (p.kinds.length === 0) return;
  for (const server of [p.echo, p.bot]) {
    await segment({ kinds: p.kinds, server, check: server === p.bot, doc: p.doc, connector: p.connector, concurrency: 16, timing: { rounds: 1, warmupMs: 0, durationMs: p.ms } });
  }
}

export async function measureTurn(p: {
  scale: string;
  kind: TurnKind;
  bot: ServerProcess;
  echo: ServerProcess;
  doc: StoreDocument;
  connector: LeanConnector;
  concurrency: number;
  timing: Timing;
}): Promise<TurnCell> {
  const bot: Segment[] = [];
  const echo: Segment[] = [];
  for (let round = 0; round < p.timing.rounds; round++) {
    // Two rounds settle a turn that is several times slower than the echo bot; more would only cost minutes.
    if (round >= 2 && bot.every((r, i) => r.result.p50 > 5 * ((echo[i] as Segment).result.p50 || Infinity))) break;
    // echo, bot | bot, echo | …: a drift in the machine's load favours neither side.
    const order = round % 2 === 0 ? (['echo', 'bot'] as const) : (['bot', 'echo'] as const);
    for (const side of order) {
      const server = side === 'bot' ? p.bot : p.echo;
      const r = await segment({ kinds: [p.kind], server, check: side === 'bot', doc: p.doc, connector: p.connector, concurrency: p.concurrency, timing: p.timing });
      (side === 'bot' ? bot : echo).push(r);
    }
  }
  const b = pool(bot);
  const e = pool(echo);
  const target = p.kind.write ? 1.5 : 1.2;
  const paired = (f: (x: LoadResult) => number) => medianOf(bot.map((r, i) => f(r.result) / f((echo[i] as Segment).result)));
  const ratio = { p50: paired((x) => x.p50), p99: paired((x) => x.p99), rps: paired((x) => x.rps), cpuPerTurn: b.cpuMsPerTurn / e.cpuMsPerTurn };
  const pooledRatio = { p50: b.p50 / e.p50, p99: b.p99 / e.p99, rps: b.rps / e.rps };
  return { scale: p.scale, kind: p.kind.name, label: p.kind.label, write: p.kind.write, concurrency: p.concurrency, bot: b, echo: e, ratio, pooledRatio, target, met: b.errors === 0 && ratio.p99 <= target };
}
