import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Store, STORE_FILE_NAME } from '../../src/store/store.js';
import { buildSeedDocument } from '../../src/store/seed.js';
import { documentSchema, type StoreDocument } from '../../src/store/schema.js';
import { migrate } from '../../src/store/migrations.js';
import { LoadClient, answerCardOf } from '../helpers/load-client.js';
import { generatedPeople } from './generated-people.js';
import { mulberry32 } from '../helpers/prng.js';

/**
 * Crash test: the real bot in a child process under continuous write load over HTTP is SIGKILLed at random
 * moments, round after round on the same data dir. After each round the store must load (Store.open, which
 * validates it) and hold every write the bot acknowledged (HTTP 200 with the success answer) before it died.
 *
 * Every request is a distinguishable write. Person P's k-th request arrives in conversation `crash:P:k`, so the
 * turn first stores P's conversation reference (a new conversation id), then does its own write, and answers only
 * after both are on disk. It is either
 *   - an Action.Execute "core.language" click (language sv/en by k's parity: P's preference), or
 *   - a "needs.submit" of a need titled `Crash P k` with its own submission id: needs accumulate, so every
 *     acknowledged one must be on disk, exactly once.
 * Each person has at most one request in flight, so after a kill P's stored reference must be request k (the last
 * acknowledged) or k+1 (in flight at the kill), never older, and the language must be what those requests leave.
 * The people are mostly fresh (1,000 generated directors besides the demo roster), so most references are first
 * contacts that add an entry: losing any acknowledged one is caught, not only the latest per person.
 *
 * The store is the journal (src/store/journal.ts): the bot compacts it every 64 KB here (crash-child.ts), so kills
 * land in appends (a torn last line, dropped at the next start) and in compactions (a `.next` file left), both
 * counted below. The check opens the store as the next bot does and does not close it, so every round starts on
 * the journal as the kill left it.
 *
 * What a SIGKILL can and cannot show: it proves that the answer comes only after the write reached the OS and
 * that the store is never left unreadable, also when the kill lands in the middle of a commit or a compaction. It cannot show fsync: the kernel keeps unsynced data across a process kill. durability-order.test.ts
 * covers that with a power-loss model of the file system.
 */

/**
 * 14 rounds: each spawns a bot, which costs seconds on a loaded 2-core CI machine; 12 kills under load and 2 during
 * start-up still land in appends, group commits and compactions (counted and printed below). CRASH_ROUNDS runs more.
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 14);
/** Rounds whose kill may land during start-up (opening the store); the others kill under load. */
const STARTUP_KILL_ROUNDS = new Set([5, 11]);
const WORKERS = 48;
const EXTRA_PEOPLE = 1_000;

const childScript = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const demoRoster = JSON.parse(await readFile(fileURLToPath(new URL('../../data/demo-roster.json', import.meta.url)), 'utf8')) as { people: Array<{ aadObjectId: string }> };

// Seeded, so a failing run can be replayed with CRASH_SEED.
const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
const random = mulberry32(seed);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const languageOf = (k: number): 'sv' | 'en' => (k % 2 === 1 ? 'en' : 'sv');
const needTitle = (person: string, k: number) => `Crash ${person} ${k}`;
/** Directors and leadership may submit needs; the roster is read once so the load knows who may. */
const submitters = new Map<string, string>();
const conversationOf = (person: string, k: number) => `crash:${person}:${k}`;
const seqOf = (conversationId: string): number => Number(conversationId.split(':').at(-1));

interface RoundLog {
  round: number;
  killAfterMs: number;
  killedDuringStartup: boolean;
  acknowledged: number;
  inFlightAtKill: number;
  tempFileLeft: boolean;
  /** A compaction was under way at the kill (its .next file was left). */
  midCompaction: boolean;
  /** The journal ended in a torn line at the kill (dropped at the next start). */
  tornTail: boolean;
  ms: number;
  phases: string;
}

let dataDir: string;
const people: string[] = [];
/** Per person: the last request sent and the last one acknowledged (0: none). */
const sent = new Map<string, number>();
const acked = new Map<string, number>();
type Language = 'sv' | 'en' | undefined;
/** This round's requests per person, in order (a round's requests before the last one were all acknowledged). */
const thisRound = new Map<string, Array<{ k: number; kind: 'language' | 'need' }>>();
/** Each person's language as found on disk after the previous round: where this round starts. */
const languageOnDisk = new Map<string, Language>();
const ackedNeeds = new Set<string>();
const sentNeeds = new Set<string>();
const rounds: RoundLog[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'stark-crash-'));
  // A store with many more roster people than the demo: the seed, plus generated staff.
  const doc = await buildSeedDocument({ now: new Date() });
  doc.people.push(...generatedPeople(EXTRA_PEOPLE, 7, 'director'));
  for (const p of doc.people) if (p.roles.includes('director') || p.roles.includes('leadership')) submitters.set(p.aadObjectId, p.organisationId);
  await writeFile(join(dataDir, STORE_FILE_NAME), JSON.stringify(doc));
  people.push(...demoRoster.people.map((p) => p.aadObjectId.toLowerCase()), ...doc.people.slice(demoRoster.people.length).map((p) => p.aadObjectId));
});

/** Every child started, so none outlives a failed test. */
const children = new Set<ChildProcess>();

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

interface Child {
  process: ChildProcess;
  /** Resolves once the bot's modules are loaded (it then waits for `go`). */
  loaded: Promise<boolean>;
  /** Starts the bot on the data dir. */
  go(): void;
  ready: Promise<string | null>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

/** Spawns a bot that loads its modules and waits: the next round's bot is prepared while this round runs. */
function startChild(): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TZ: 'Asia/Kathmandu' } });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let onLoaded: (ok: boolean) => void = () => undefined;
  const loaded = new Promise<boolean>((resolve) => (onLoaded = resolve));
  const ready = new Promise<string | null>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'LOADED') onLoaded(true);
      const m = /^READY (\S+)$/.exec(line);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => {
      onLoaded(false);
      resolve(null);
    });
  });
  return { process: child, loaded, go: () => child.stdin!.write('GO\n'), ready, exited, stderr: () => stderr };
}

/** Continuous load until `stop()`: WORKERS concurrent requests, each person at most once in flight. */
function runLoad(client: LoadClient) {
  let stopped = false;
  const failures: string[] = [];
  let cursor = Math.floor(random() * people.length);
  let acknowledged = 0;
  let firstAck: () => void = () => undefined;
  const firstAcknowledged = new Promise<void>((resolve) => (firstAck = resolve));
  const inFlight = new Set<string>();
  const worker = async () => {
    while (!stopped) {
      let person = people[cursor % people.length]!;
      cursor++;
      while (inFlight.has(person)) person = people[cursor++ % people.length]!;
      const k = (sent.get(person) ?? 0) + 1;
      sent.set(person, k);
      const kind = submitters.has(person) && random() < 0.5 ? 'need' : 'language';
      if (!thisRound.has(person)) thisRound.set(person, []);
      thisRound.get(person)!.push({ k, kind });
      inFlight.add(person);
      try {
        const conversation = { conversationId: conversationOf(person, k) };
        const r =
          kind === 'language'
            ? await client.invoke(person, 'core.language', { language: languageOf(k) }, conversation)
            : await (sentNeeds.add(needTitle(person, k)),
              client.invoke(person, 'needs.submit', { ...needForm, organisationId: submitters.get(person), title: needTitle(person, k), submissionId: `crash-${person}-${k}` }, conversation));
        // Acknowledged: 200 with the success answer (the help card in the chosen language; the need's receipt).
        const card = answerCardOf(r.body);
        const success = kind === 'language' ? card !== undefined : card !== undefined && JSON.stringify(card).includes('"needs.show"') && JSON.stringify(card).includes(needTitle(person, k));
        if (r.status === 200 && success) {
          acked.set(person, k);
          if (kind === 'need') ackedNeeds.add(needTitle(person, k));
          acknowledged++;
          firstAck();
        } else {
          failures.push(`${person} request ${k}: answered ${r.status} ${r.text.slice(0, 200)}`);
        }
      } catch (err) {
        // Only the kill may break a connection.
        if (!stopped) failures.push(`${person} request ${k}: ${String(err)}`);
        return;
      } finally {
        inFlight.delete(person);
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, worker);
  return {
    /** Resolves with the first acknowledged write: the bot is warmed up and writing. */
    firstAcknowledged,
    inFlight: () => inFlight.size,
    acknowledged: () => acknowledged,
    /** Stops sending; resolves once every request has its answer or its broken connection. */
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
      return failures;
    },
  };
}

/** A need form as the card sends it: valid, and "skicka ändå" so the similar-needs step does not stop it. */
const needForm = { description: 'Behov som skickas under kraschtestet.', area: 'framtida-valfarden', contactName: 'Test', urgency: 'medium', force: 'true' };

/**
 * The languages P's disk may hold when it holds P's request s: what the previous round left, then this round's
 * language clicks up to s. Within a turn the reference is written before the language, so when s is the request
 * that was in flight at the kill, its language may or may not have been written.
 */
function possibleLanguages(person: string, s: number): Language[] {
  let possible: Language[] = [languageOnDisk.get(person)];
  for (const r of thisRound.get(person) ?? []) {
    if (r.k > s || r.kind !== 'language') continue;
    const inFlight = r.k === s && (acked.get(person) ?? 0) < s;
    possible = inFlight ? [...possible, languageOf(r.k)] : [languageOf(r.k)];
  }
  return possible;
}

/** What must hold on disk after every round: every acknowledged write of every round so far. */
function checkAcknowledged(doc: StoreDocument): string[] {
  const problems: string[] = [];
  const titles = new Map<string, number>();
  for (const need of doc.needs.needs) titles.set(need.title, (titles.get(need.title) ?? 0) + 1);
  for (const title of ackedNeeds) if (titles.get(title) !== 1) problems.push(`need "${title}" was acknowledged but is on disk ${titles.get(title) ?? 0} times`);
  for (const [title, n] of titles) {
    if (n > 1) problems.push(`need "${title}" is on disk ${n} times`);
    if (title.startsWith('Crash ') && !sentNeeds.has(title)) problems.push(`need "${title}" was never sent`);
  }
  for (const [person, k] of acked) {
    const ref = doc.conversationRefs[person];
    if (!ref) {
      problems.push(`${person}: acknowledged request ${k} but no conversation reference on disk`);
      continue;
    }
    const s = seqOf(ref.conversation.id);
    const last = sent.get(person) ?? 0;
    if (!(s >= k && s <= last)) problems.push(`${person}: acknowledged request ${k}, disk holds request ${s} (last sent ${last})`);
    const language = doc.preferences[person]?.language;
    const allowed = possibleLanguages(person, s);
    if (!allowed.includes(language)) problems.push(`${person}: disk holds request ${s} with language ${language}, expected one of ${allowed.join('/')}`);
  }
  return problems;
}

describe('crash: SIGKILL under continuous write load', () => {
  it(
    `after each of ${ROUNDS} kills at random moments the store loads and holds every acknowledged write`,
    async () => {
      // Two bots load ahead of the one under test: loading Node and the bot's modules is most of a round's cost.
      const ahead = [startChild(), startChild()];
      let spawned = ahead.length;
      for (let round = 0; round < ROUNDS; round++) {
        const roundStart = Date.now();
        const child = ahead.shift()!;
        expect(await child.loaded, `round ${round}: the bot could not load:\n${child.stderr()}`).toBe(true);
        const tLoaded = Date.now();
        child.go();
        if (spawned < ROUNDS) {
          ahead.push(startChild());
          spawned++;
        }
        let tReady = 0;
        let tFirst = 0;
        const startupKill = STARTUP_KILL_ROUNDS.has(round);
        let killAfterMs: number;
        let acknowledged = 0;
        let inFlightAtKill = 0;
        if (startupKill) {
          // Start-up is now reading, validating and (re)writing the store: kill somewhere in it or just after.
          killAfterMs = Math.floor(random() * 400);
          const url = await Promise.race([child.ready, sleep(killAfterMs).then(() => null)]);
          let load: ReturnType<typeof runLoad> | undefined;
          let client: LoadClient | undefined;
          if (url) {
            client = new LoadClient(url, 'http://127.0.0.1:9/');
            load = runLoad(client);
            await sleep(Math.floor(random() * 100));
          }
          inFlightAtKill = load?.inFlight() ?? 0;
          child.process.kill('SIGKILL');
          expect((await load?.stop()) ?? [], `round ${round}: failed requests:\n${child.stderr()}`).toEqual([]);
          client?.close();
          acknowledged = load?.acknowledged() ?? 0;
        } else {
          const url = await child.ready;
          tReady = Date.now();
          expect(url, `round ${round}: the bot did not start:\n${child.stderr()}`).not.toBeNull();
          const client = new LoadClient(url!, 'http://127.0.0.1:9/');
          const load = runLoad(client);
          // A random moment once the bot is warm and writing (the first answers take a JIT warm-up).
          await Promise.race([load.firstAcknowledged, sleep(20_000)]);
          tFirst = Date.now();
          killAfterMs = Math.floor(random() * 400);
          await sleep(killAfterMs);
          inFlightAtKill = load.inFlight();
          child.process.kill('SIGKILL');
          expect(await load.stop(), `round ${round}: failed requests:\n${child.stderr()}`).toEqual([]);
          client.close();
          acknowledged = load.acknowledged();
        }
        const exit = await child.exited;
        expect(exit.signal, `round ${round}: the child ended on its own (${exit.code}):\n${child.stderr()}`).toBe('SIGKILL');
        expect(child.stderr(), `round ${round}: the bot logged errors before the kill`).toBe('');

        const tKilled = Date.now();
        const left = await readdir(dataDir);
        const tempFileLeft = left.some((f) => f.endsWith('.tmp'));
        const midCompaction = left.some((f) => f.endsWith('.next'));
        const events: string[] = [];
        // Opened as the next bot will open it (snapshot + journal replayed), and not closed: closing would fold the
        // journal into the snapshot, and the next round is to start on the journal as the kill left it.
        const store = await Store.open({ dataDir, seed: () => Promise.reject(new Error('the store file vanished after a kill')), backupsToKeep: 0, onEvent: (event) => events.push(event) });
        rounds.push({ round, killAfterMs, killedDuringStartup: startupKill, acknowledged, inFlightAtKill, tempFileLeft, midCompaction, tornTail: events.includes('store.journalTornTail'), ms: Date.now() - roundStart, phases: '' });
        const problems = checkAcknowledged(store.doc as StoreDocument);
        for (const person of thisRound.keys()) languageOnDisk.set(person, store.doc.preferences[person]?.language);
        thisRound.clear();
        expect(problems, `round ${round} (CRASH_SEED=${seed}): acknowledged writes missing after the kill`).toEqual([]);

        rounds.at(-1)!.phases = `wait-load ${tLoaded - roundStart}, start ${tReady ? tReady - tLoaded : 0}, first ${tFirst ? tFirst - tReady : 0}, kill ${tKilled - (tFirst || tLoaded)}, verify ${Date.now() - tKilled}`;
        // Backups taken while being killed must be whole documents too (restore uses them).
        for (const file of await readdir(join(dataDir, 'backups')).catch(() => [] as string[])) {
          const raw = JSON.parse(await readFile(join(dataDir, 'backups', file), 'utf8')) as Record<string, unknown>;
          const migrated = migrate(raw);
          expect(migrated.ok && documentSchema.safeParse(migrated.doc).success, `backup ${file} is not a valid store document`).toBe(true);
        }
      }

      const total = rounds.reduce((n, r) => n + r.acknowledged, 0);
      console.info(`crash test (CRASH_SEED=${seed}): ${JSON.stringify({ rounds: rounds.length, acknowledged: total, people: acked.size, needs: ackedNeeds.size, interruptedWrites: rounds.filter((r) => r.tempFileLeft).length, midCompaction: rounds.filter((r) => r.midCompaction).length, tornTails: rounds.filter((r) => r.tornTail).length })}`);
      console.info(rounds.map((r) => `  round ${r.round}: kill ${r.killAfterMs} ms after ${r.killedDuringStartup ? 'GO' : 'the first answer'}, ${r.acknowledged} acknowledged, ${r.inFlightAtKill} in flight${r.tempFileLeft ? ', mid-flush' : ''}${r.midCompaction ? ', mid-compaction' : ''}${r.tornTail ? ', torn journal line' : ''} (${r.ms} ms: ${r.phases})`).join('\n'));
      // The test is only worth something if the kills hit a bot that was busy writing.
      const loadRounds = rounds.filter((r) => !r.killedDuringStartup);
      expect(loadRounds.length).toBe(ROUNDS - [...STARTUP_KILL_ROUNDS].filter((r) => r < ROUNDS).length);
      expect(loadRounds.filter((r) => r.acknowledged > 0 && r.inFlightAtKill > 0)).toHaveLength(loadRounds.length);
      // Enough acknowledged writes to lose (a loaded machine acknowledges fewer before a kill than a quiet one).
      expect(total).toBeGreaterThan(ROUNDS * 5);
      expect(ackedNeeds.size).toBeGreaterThan(ROUNDS);
    },
    480_000,
  );
});
