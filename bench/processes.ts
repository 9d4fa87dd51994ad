import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));

const hasTaskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * On a machine with at least two cores the servers run on the last core and the load generator (this process, with
 * the fake connector) on the others, so neither steals the other's CPU. Without taskset both float.
 */
export function pinning(): { servers: string | null; generator: string | null } {
  const cores = (spawnSync('nproc', [], { encoding: 'utf8' }).stdout ?? '').trim();
  const n = Number(cores);
  if (!hasTaskset || !(n >= 2)) return { servers: null, generator: null };
  return { servers: String(n - 1), generator: n === 2 ? '0' : `0-${n - 2}` };
}

export function pinSelf(cpus: string | null): void {
  if (cpus) spawnSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Milliseconds from spawn to the ready line. */
  readyMs: number;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `node <script>` (with `--import tsx` for a .ts script) and resolves when a stdout line matches `ready` (its first group: the URL). */
export function startServer(p: { script: string; env?: Record<string, string>; ready: RegExp; cpus: string | null; timeoutMs?: number; nodeArgs?: string[] }): Promise<ServerProcess> {
  const nodeArgs = [...(p.script.endsWith('.ts') ? ['--import', 'tsx'] : []), ...(p.nodeArgs ?? []), p.script];
  const [cmd, args] = p.cpus ? ['taskset', ['-c', p.cpus, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const started = performance.now();
  const child = spawn(cmd, args as string[], { cwd: repoRoot, env: { ...process.env, ...p.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let buffered = '';
  const keep = (s: string) => {
    out = (out + s).slice(-20_000);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${p.script} did not become ready in time:\n${out}`));
    }, p.timeoutMs ?? 60_000);
    let ready = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', keep);
    child.stdout.on('data', (chunk: string) => {
      keep(chunk);
      if (ready) return;
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = p.ready.exec(line);
        if (m) {
          ready = true;
          clearTimeout(timer);
          const exited = new Promise<void>((r) => child.once('exit', () => r()));
          resolve({
            child,
            pid: child.pid ?? 0,
            url: m[1] ?? '',
            readyMs: performance.now() - started,
            output: () => out,
            async stop() {
              if (child.exitCode !== null || child.signalCode !== null) return;
              child.kill('SIGTERM');
              const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
              await exited;
              clearTimeout(t);
            },
          });
          return;
        }
      }
    });
    child.once('exit', (code) => {
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`${p.script} exited with ${code} before it was ready:\n${out}`));
      }
    });
  });
}

/** Peak and current resident set of a live process, MB (Linux /proc). */
export function memoryOf(pid: number): { peakRssMb: number; rssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { peakRssMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far (Linux /proc). */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds the whole machine has been busy (all processes, all cores; Linux /proc/stat). */
export function machineBusySeconds(): number {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal
    const busy = (fields[0] ?? 0) + (fields[1] ?? 0) + (fields[2] ?? 0) + (fields[5] ?? 0) + (fields[6] ?? 0) + (fields[7] ?? 0);
    return busy / 100;
  } catch {
    return Number.NaN;
  }
}
