// `npm run bench`: turn latency against a bare teams-ai echo bot at 1× and 10× data, durable write throughput,
// invitation fan-out under Teams' limits, cold start and memory. Prints a table and writes bench/results.json.
// See bench/README.md for what each figure means. Options: --quick (shorter measurements, for trying it out),
// --only=turns,writes,fanout,start (a subset), --turns=poll-read,poll-answer (only these turn kinds), --profile (CPU profiles of the bot under load, written to <tmpdir>/stark-bench-profiles/<scale>/;
// one file per thread: the largest is the main thread), --tsx (the bot from src/ through tsx instead of the build in dist/).
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { statfsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildDocument, writeDocument, type BuiltDocument, type Scale } from './data.js';
import { LeanConnector } from './lean-connector.js';
import { memoryOf, pinning, pinSelf, repoRoot, startServer, type ServerProcess } from './processes.js';
import { measureTurn, probe, warmUp, type TurnCell, type Timing } from './turn-bench.js';
import { turnKinds, type TurnKind } from './turns.js';
import { storeWriteThroughput, type StoreWriteResult } from './store-writes.js';
import { fanout, type FanoutResult } from './fanout.js';
import { coldStart, type ColdStartRun } from './cold-start.js';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { Store, STORE_FILE_NAME } from '../src/store/store.js';
import { journalFileOf } from '../src/store/journal.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const profile = args.has('--profile');
/** `--tsx`: run the bot from its TypeScript sources through tsx (as `npm start`), not from the build (`npm run serve`). */
const viaTsx = args.has('--tsx');
const botScript = viaTsx ? 'src/main.ts' : 'dist/main.js';
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = new Set((onlyArg ?? 'turns,writes,fanout,start').split(','));
const turnsArg = process.argv.find((a) => a.startsWith('--turns='))?.slice('--turns='.length);
const selectedTurns = turnsArg ? turnKinds.filter((k) => turnsArg.split(',').includes(k.name)) : turnKinds;

const timing: Timing = quick ? { rounds: 2, warmupMs: 200, durationMs: 600 } : { rounds: 4, warmupMs: 250, durationMs: 1_000 };
const concurrencies = [16, 64];
/** The writing turn whose rate is reported as "durable writes over HTTP": the need submission when it exists. */
const writePreference = ['need', 'rsvp'];
const TEN_YEARS_MS = Math.round(10 * 365.25 * 24 * 3600_000);
const profileDir = join(tmpdir(), 'stark-bench-profiles');
const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));

const started = performance.now();
const log = (line: string) => process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

function machine() {
  const fsType = (() => {
    const types: Record<number, string> = { 0xef53: 'ext4', 0x01021994: 'tmpfs', 0x58465342: 'xfs', 0x9123683e: 'btrfs', 0x794c7630: 'overlayfs' };
    try {
      const t = statfsSync(tmpdir()).type;
      return types[t] ?? `0x${t.toString(16)}`;
    } catch {
      return 'unknown';
    }
  })();
  const model = (() => {
    try {
      return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
    } catch {
      return cpus()[0]?.model ?? 'unknown';
    }
  })();
  return {
    cpus: cpus().length,
    model,
    ramGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    dataFileSystem: fsType,
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

interface Results {
  startedAt: string;
  machine: ReturnType<typeof machine>;
  mode: 'full' | 'quick';
  pinning: ReturnType<typeof pinning>;
  timing: Timing;
  data: Record<string, Omit<BuiltDocument, 'doc'>>;
  dataAfterTurns: Record<string, { bytes: number; needs: number }>;
  turns: TurnCell[];
  missingTurns: Array<{ scale: string; kind: string; reason: string }>;
  botMemory: Record<string, { peakRssMb: number; rssMb: number } | null>;
  writes: { store?: StoreWriteResult; http?: { kind: string; concurrency: number; writesPerSecond: number; p50: number; p99: number } | null };
  fanout: FanoutResult[];
  coldStart: { bot?: ColdStartRun[]; echo?: ColdStartRun[]; botMedian?: ColdStartRun; echoMedian?: ColdStartRun };
  targets: Array<{ what: string; target: string; measured: string; met: boolean | null }>;
  totalSeconds: number;
}

const median = (runs: ColdStartRun[]): ColdStartRun => {
  const by = <K extends keyof ColdStartRun>(k: K) => [...runs].sort((a, b) => a[k] - b[k])[Math.floor(runs.length / 2)]?.[k] ?? Number.NaN;
  return { readyMs: by('readyMs'), peakRssMb: by('peakRssMb') };
};

async function main(): Promise<void> {
  const pins = pinning();
  pinSelf(pins.generator);
  const results: Results = {
    startedAt: new Date().toISOString(),
    machine: machine(),
    mode: quick ? 'quick' : 'full',
    pinning: pins,
    timing,
    data: {},
    dataAfterTurns: {},
    turns: [],
    missingTurns: [],
    botMemory: {},
    writes: {},
    fanout: [],
    coldStart: {},
    targets: [],
    totalSeconds: 0,
  };
  log(`machine: ${results.machine.cpus} × ${results.machine.model}, ${results.machine.ramGb} GB, ${results.machine.node}; servers on CPU ${pins.servers ?? 'any'}, load generator on CPU ${pins.generator ?? 'any'}`);

  const work = await mkdtemp(join(tmpdir(), 'stark-bench-'));
  if (!viaTsx) {
    log('building dist/ (npm run build) to run the bot as production does');
    execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' });
  }
  // The "ten years on" clock as plain JavaScript, so that the compiled bot needs no TypeScript loader.
  const shiftClock = join(work, 'shift-clock.mjs');
  await writeFile(shiftClock, ts.transpileModule(await readFile(join(repoRoot, 'bench/shift-clock.ts'), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
  const shiftClockUrl = pathToFileURL(shiftClock).href;
  const connector = await new LeanConnector().start();
  const now = new Date();
  const docs = new Map<Scale, BuiltDocument>();
  const servers: ServerProcess[] = [];
  try {
    for (const scale of ['1x', '10x'] as const) {
      const clockNow = scale === '10x' ? new Date(now.getTime() + TEN_YEARS_MS) : now;
      const built = await buildDocument({ scale, now: clockNow, serviceUrl: connector.url });
      docs.set(scale, built);
      const { doc: _doc, ...summary } = built;
      results.data[scale] = summary;
      log(`data ${scale}: ${JSON.stringify(built.counts)}, ${(built.bytes / 1e6).toFixed(1)} MB; sections ${JSON.stringify(built.sections)}`);
      await writeDocument(join(work, scale), built.doc);
    }
    const tenX = docs.get('10x') as BuiltDocument;

    if (only.has('turns')) {
      const echo = await startServer({ script: 'bench/echo-bot.ts', ready: /^listening (\S+)/, cpus: pins.servers });
      servers.push(echo);
      for (const scale of ['1x', '10x'] as const) {
        const built = docs.get(scale) as BuiltDocument;
        // Per-person limits off the scale: the load generator sends hundreds of turns a minute as the same people.
        const limits = Object.fromEntries(['TURNS', 'NEEDS', 'COMMENTS', 'WRITES', 'DOWNLOADS'].map((k) => [`STARK_LIMIT_${k}`, '1000000']));
        const env: Record<string, string> = { PORT: '0', HOST: '127.0.0.1', STARK_DATA_DIR: join(work, scale), STARK_BACKUPS_KEEP: '0', STARK_LOG_LEVEL: 'info', ...limits };
        if (scale === '10x') env.BENCH_CLOCK_OFFSET_MS = String(TEN_YEARS_MS);
        const nodeArgs = [...(scale === '10x' ? ['--import', shiftClockUrl] : []), ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, scale)}`] : [])];
        const bot = await startServer({ script: botScript, ready: /listening on (\S+)\/api\/messages/, cpus: pins.servers, env, nodeArgs });
        servers.push(bot);
        log(`bot ${scale} ready in ${bot.readyMs.toFixed(0)} ms`);
        const available: TurnKind[] = [];
        for (const kind of selectedTurns) {
          const problem = await probe({ kind, url: bot.url, people: kind.people(built.doc), connector });
          if (problem) {
            results.missingTurns.push({ scale, kind: kind.name, reason: problem });
            log(`  ${kind.name}: not measured — ${problem}`);
          } else {
            available.push(kind);
          }
        }
        await warmUp({ kinds: available, bot, echo, doc: built.doc, connector, ms: quick ? 1_500 : 4_000 });
        for (const concurrency of concurrencies) {
          for (const kind of available) {
            const cell = await measureTurn({ scale, kind, bot, echo, doc: built.doc, connector, concurrency, timing });
            results.turns.push(cell);
            log(`  ${scale} ${kind.name.padEnd(8)} c=${String(concurrency).padEnd(2)} p99 bot ${cell.bot.p99.toFixed(1)} ms / echo ${cell.echo.p99.toFixed(1)} ms = ${cell.ratio.p99.toFixed(2)}×  rps ${cell.bot.rps.toFixed(0)} / ${cell.echo.rps.toFixed(0)}${cell.bot.errors ? `  ERRORS ${cell.bot.errors}: ${cell.bot.firstError}` : ''}`);
          }
        }
        results.botMemory[scale] = memoryOf(bot.pid);
        await bot.stop();
        servers.splice(servers.indexOf(bot), 1);
        // Write turns add needs and answers: the document the last cells ran on is larger than the one they started on.
        const after = await readFile(join(work, scale, STORE_FILE_NAME), 'utf8');
        const parsed = JSON.parse(after) as { needs?: { needs?: unknown[] } };
        results.dataAfterTurns[scale] = { bytes: Buffer.byteLength(after), needs: parsed.needs?.needs?.length ?? 0 };
      }
      await echo.stop();
      servers.splice(servers.indexOf(echo), 1);
      const httpWrites = results.turns
        .filter((c) => c.scale === '10x' && c.write && c.concurrency === 64)
        .sort((a, b) => writePreference.indexOf(a.kind) - writePreference.indexOf(b.kind))[0];
      results.writes.http = httpWrites ? { kind: httpWrites.kind, concurrency: 64, writesPerSecond: httpWrites.bot.rps, p50: httpWrites.bot.p50, p99: httpWrites.bot.p99 } : null;
    }

    if (only.has('writes')) {
      log('durable writes: 64 writers on the 10× document, in process');
      results.writes.store = await storeWriteThroughput({ doc: tenX.doc, writers: 64, durationMs: quick ? 1_500 : 3_000 });
      const w = results.writes.store;
      log(`  ${w.writesPerSecond.toFixed(0)} writes/s, ${w.writesPerFlush.toFixed(1)} per flush, ${w.msPerFlush.toFixed(1)} ms per flush, ack p99 ${w.ackP99.toFixed(1)} ms`);
    }

    if (only.has('fanout')) {
      for (const logKind of ['memory', 'store'] as const) {
        log(`fan-out: 1,000 invitations, ${logKind} delivery log, real clock (about 34 s)`);
        const r = await fanout({ invitations: 1_000, log: logKind, doc: tenX.doc, latencyMs: 50 });
        results.fanout.push(r);
        log(`  ${(r.wallMs / 1000).toFixed(2)} s vs floor ${(r.floorMs / 1000).toFixed(2)} s = ${r.ratio.toFixed(3)}×, ${r.throttled} throttled, ${r.lost} lost, ${r.duplicated} duplicated`);
      }
    }

    if (only.has('start')) {
      const runs = quick ? 2 : 3;
      const bot: ColdStartRun[] = [];
      const echo: ColdStartRun[] = [];
      // The generated 10× document (not the one the turns wrote to) as the bot keeps it: its own snapshot, named by
      // its journal. The generated file is validated in full once, here; the bot then starts on what it wrote.
      const prepared = join(work, 'start-prepared');
      await writeDocument(prepared, tenX.doc);
      const store = await Store.open({ dataDir: prepared, seed: () => Promise.reject(new Error('no 10× document')), backupsToKeep: 0 });
      await store.update((doc) => void (doc.backups.lastSnapshotDate = null));
      await store.close();
      for (let i = 0; i < runs; i++) {
        const dir = join(work, `start-${i}`);
        await mkdir(dir, { recursive: true });
        for (const f of [join(prepared, STORE_FILE_NAME), journalFileOf(join(prepared, STORE_FILE_NAME))]) await copyFile(f, join(dir, f.slice(prepared.length + 1)));
        bot.push(await coldStart({ script: botScript, healthPath: '/healthz', cpus: pins.servers, preload: [shiftClockUrl], env: { STARK_DATA_DIR: dir, BENCH_CLOCK_OFFSET_MS: String(TEN_YEARS_MS), STARK_LOG_LEVEL: 'warn' } }));
        echo.push(await coldStart({ script: 'bench/echo-bot.ts', healthPath: '/healthz', cpus: pins.servers, env: {} }));
      }
      results.coldStart = { bot, echo, botMedian: median(bot), echoMedian: median(echo) };
      log(`cold start at 10×: ready ${median(bot).readyMs.toFixed(0)} ms, peak RSS ${median(bot).peakRssMb.toFixed(0)} MB (echo bot: ${median(echo).readyMs.toFixed(0)} ms, ${median(echo).peakRssMb.toFixed(0)} MB)`);
    }
  } finally {
    for (const s of servers) await s.stop();
    await connector.close();
    await rm(work, { recursive: true, force: true });
  }

  results.targets = targets(results);
  results.totalSeconds = Math.round((performance.now() - started) / 1000);
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${table(results)}\n`);
  process.stdout.write(`\nWritten to bench/results.json in ${results.totalSeconds} s.\n`);
}

function targets(r: Results): Results['targets'] {
  const out: Results['targets'] = [];
  for (const c of r.turns) {
    out.push({ what: `${c.scale} ${c.kind} c=${c.concurrency} p99 vs echo`, target: `≤ ${c.target}×`, measured: `${c.ratio.p99.toFixed(2)}×`, met: c.met });
  }
  for (const m of r.missingTurns) out.push({ what: `${m.scale} ${m.kind}`, target: 'measured', measured: `missing: ${m.reason}`, met: false });
  if (r.writes.store) out.push({ what: 'durable writes/s, 64 writers, 10× (Store.update)', target: '≥ 1000', measured: r.writes.store.writesPerSecond.toFixed(0), met: r.writes.store.writesPerSecond >= 1_000 });
  if (r.writes.http) out.push({ what: `durable writes/s over HTTP (${r.writes.http.kind} turn), c=64, 10×`, target: '≥ 1000', measured: r.writes.http.writesPerSecond.toFixed(0), met: r.writes.http.writesPerSecond >= 1_000 });
  for (const f of r.fanout) {
    out.push({ what: `fan-out 1,000 (${f.log} log) wall vs floor`, target: '≤ 1.1×', measured: `${f.ratio.toFixed(3)}×`, met: f.ratio <= 1.1 });
    out.push({ what: `fan-out 1,000 (${f.log} log) lost / duplicated`, target: '0 / 0', measured: `${f.lost} / ${f.duplicated}${f.unrecorded ? ` (${f.unrecorded} not recorded as sent)` : ''}`, met: f.lost === 0 && f.duplicated === 0 && f.unrecorded === 0 });
  }
  if (r.coldStart.botMedian) {
    out.push({ what: 'cold start to ready, 10×', target: '≤ 2000 ms', measured: `${r.coldStart.botMedian.readyMs.toFixed(0)} ms`, met: r.coldStart.botMedian.readyMs <= 2_000 });
    out.push({ what: 'peak RSS at ready, 10×', target: '≤ 250 MB', measured: `${r.coldStart.botMedian.peakRssMb.toFixed(0)} MB`, met: r.coldStart.botMedian.peakRssMb <= 250 });
  }
  const underLoad = r.botMemory['10x'];
  if (underLoad) out.push({ what: 'peak RSS after the 10× load runs', target: '≤ 250 MB', measured: `${underLoad.peakRssMb.toFixed(0)} MB`, met: underLoad.peakRssMb <= 250 });
  return out;
}

function table(r: Results): string {
  const lines: string[] = [];
  const row = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const w = [22, 4, 9, 9, 7, 9, 9, 7, 7, 7, 7, 6, 11];
  lines.push(`Turns (ms; bot vs bare teams-ai echo bot, ${r.timing.rounds} alternating rounds of ${r.timing.durationMs} ms each;`);
  lines.push('  × = bot ÷ echo, median over rounds; cpu × = server CPU per turn; other = cores busy with other work meanwhile)');
  lines.push(row(['scale turn', 'conc', 'bot p50', 'bot p99', 'bot/s', 'echo p50', 'echo p99', 'echo/s', 'p50 ×', 'p99 ×', 'cpu ×', 'other', 'target'], w));
  for (const c of r.turns) {
    lines.push(
      row(
        [`${c.scale} ${c.kind}`, String(c.concurrency), c.bot.p50.toFixed(1), c.bot.p99.toFixed(1), c.bot.rps.toFixed(0), c.echo.p50.toFixed(1), c.echo.p99.toFixed(1), c.echo.rps.toFixed(0), c.ratio.p50.toFixed(2), c.ratio.p99.toFixed(2), c.ratio.cpuPerTurn.toFixed(2), ((c.bot.otherLoad + c.echo.otherLoad) / 2).toFixed(2), `${c.met ? 'ok' : 'MISS'} ≤${c.target}`],
        w,
      ),
    );
  }
  for (const m of r.missingTurns) lines.push(`${m.scale} ${m.kind}: not measured — ${m.reason}`);
  lines.push('');
  lines.push('Targets');
  for (const t of r.targets) lines.push(`  ${t.met === null ? '  ' : t.met ? 'ok' : '✗ '} ${t.what.padEnd(52)} ${t.measured.padStart(12)}  (target ${t.target})`);
  return lines.join('\n');
}

await main();
