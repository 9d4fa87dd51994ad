import { Agent, request } from 'node:http';

/** One request of a load run: what to POST, and a check of the answer (an error string when it is wrong). */
export interface LoadRequest {
  body: string;
  check?: (status: number, body: string) => string | null;
}

export interface LoadResult {
  requests: number;
  /** Every completed request, the warm-up included (for CPU per request). */
  completed: number;
  errors: number;
  firstError: string | null;
  /** Completed requests per second over the measured window. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Every latency of the measured window, ms (kept to pool rounds; not written to results.json). */
  latencies: number[];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function summarise(latencies: number[], elapsedMs: number, errors: number, firstError: string | null, completed = latencies.length): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const arr = Array.from(sorted);
  return {
    requests: latencies.length,
    completed,
    errors,
    firstError,
    rps: elapsedMs > 0 ? (latencies.length / elapsedMs) * 1000 : 0,
    p50: percentile(arr, 50),
    p90: percentile(arr, 90),
    p99: percentile(arr, 99),
    max: arr.at(-1) ?? Number.NaN,
    latencies,
  };
}

function post(agent: Agent, url: URL, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A closed-loop load: `concurrency` keep-alive connections, each sending its next request as soon as the previous
 * one is answered. Latencies are taken with the monotonic clock; the first `warmupMs` are not counted.
 */
export async function runLoad(p: {
  url: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Keep measuring past durationMs until this many requests completed (slow turns), but never past maxDurationMs. */
  minRequests?: number;
  maxDurationMs?: number;
  next: (worker: number, i: number) => LoadRequest;
}): Promise<LoadResult> {
  const url = new URL(p.url);
  const agent = new Agent({ keepAlive: true, maxSockets: p.concurrency, maxFreeSockets: p.concurrency });
  const start = performance.now();
  const measureFrom = start + p.warmupMs;
  let end = measureFrom + p.durationMs;
  const hardEnd = measureFrom + Math.max(p.durationMs, p.maxDurationMs ?? p.durationMs);
  const minRequests = p.minRequests ?? 0;
  // The window closes at `end`, or later for a slow turn: once minRequests are in, or at hardEnd.
  const measuring = () => {
    const now = performance.now();
    if (now < end) return true;
    if (latencies.length + errors < minRequests && now < hardEnd) {
      end = now + 1;
      return true;
    }
    return false;
  };
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let counter = 0;
  let completed = 0;
  const worker = async (w: number) => {
    while (measuring()) {
      const r = p.next(w, counter++);
      const t0 = performance.now();
      let problem: string | null;
      try {
        const res = await post(agent, url, r.body);
        problem = res.status >= 200 && res.status < 300 ? (r.check?.(res.status, res.body) ?? null) : `HTTP ${res.status}: ${res.body.slice(0, 200)}`;
      } catch (err) {
        problem = err instanceof Error ? err.message : String(err);
      }
      const t1 = performance.now();
      completed++;
      // Counted by completion time: throughput and latency describe the same requests.
      if (t1 < measureFrom || t1 > end) continue;
      if (problem) {
        errors++;
        firstError ??= problem;
      } else {
        latencies.push(t1 - t0);
      }
    }
  };
  await Promise.all(Array.from({ length: p.concurrency }, (_, w) => worker(w)));
  agent.destroy();
  return summarise(latencies, Math.max(p.durationMs, end - measureFrom), errors, firstError, completed);
}
