// Cold start: spawn the bot as production does (`node dist/main.js`, `npm run serve`) on a data directory, poll
// /healthz until it answers 200, and read the child's peak resident set (VmHWM) at that moment.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { memoryOf, repoRoot } from './processes.js';

export interface ColdStartRun {
  readyMs: number;
  peakRssMb: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(500) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

export async function coldStart(p: { script: string; env: Record<string, string>; cpus: string | null; preload?: string[]; healthPath: string; timeoutMs?: number }): Promise<ColdStartRun> {
  const port = await freePort();
  const nodeArgs = [...(p.script.endsWith('.ts') ? ['--import', 'tsx'] : []), ...(p.preload ?? []).flatMap((m) => ['--import', m]), p.script];
  const [cmd, args] = p.cpus ? ['taskset', ['-c', p.cpus, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const started = performance.now();
  const child = spawn(cmd, args as string[], { cwd: repoRoot, env: { ...process.env, ...p.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => (stderr = (stderr + s).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = `http://127.0.0.1:${port}${p.healthPath}`;
    const deadline = started + (p.timeoutMs ?? 60_000);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${p.script} exited with ${child.exitCode}: ${stderr}`);
      if (await healthy(url)) break;
      if (performance.now() > deadline) throw new Error(`${p.script} not ready after ${p.timeoutMs ?? 60_000} ms: ${stderr}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const readyMs = performance.now() - started;
    const memory = memoryOf(child.pid ?? 0);
    return { readyMs, peakRssMb: memory?.peakRssMb ?? Number.NaN };
  } finally {
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  }
}
