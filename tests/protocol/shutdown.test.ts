import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeConnector } from '../helpers/fake-connector.js';
import { demo } from '../helpers/harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('SIGTERM', () => {
  it('finishes the requests and writes in flight, then exits 0 with every acknowledged change on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stark-sigterm-'));
    const connector = await new FakeConnector().start();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { ...process.env, PORT: '0', STARK_DATA_DIR: dir, STARK_BACKUPS_KEEP: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening on (http:\/\/[^/\s]+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', () => reject(new Error(`bot exited before listening: ${out}`)));
      });
      // Language choices are writes: send a burst, SIGTERM while they are in flight, and keep the answers.
      const people = [demo.vasterasDirector, demo.leader, demo.regionDirector, demo.kopingSubstitute, demo.salaEconomist, demo.eskilstunaDirector];
      const send = (aad: string, i: number) =>
        fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            type: 'invoke',
            name: 'adaptiveCard/action',
            id: `sigterm-${i}`,
            channelId: 'msteams',
            serviceUrl: connector.url,
            from: { id: `29:${aad}`, aadObjectId: aad },
            recipient: { id: '28:stark-bot' },
            conversation: { id: `a:personal-${aad}`, conversationType: 'personal', tenantId: '00000000-0000-0000-0000-000000000001' },
            value: { action: { type: 'Action.Execute', verb: 'core.language', data: { language: 'en' } } },
          }),
        }).then((r) => r.status, () => 0);
      // One change acknowledged before the signal (so the check below never passes on nothing), then a burst in flight.
      const first = await send(people[0]!, 0);
      expect(first).toBe(200);
      const requests = [Promise.resolve(first), ...people.slice(1).map((aad, i) => send(aad, i + 1))];
      await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGTERM');
      const statuses = await Promise.all(requests);
      const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (c) => resolve(c))));
      expect(code).toBe(0);
      const doc = JSON.parse(await readFile(join(dir, 'stark.json'), 'utf8')) as { preferences: Record<string, { language?: string }> };
      const acknowledged = people.filter((_, i) => statuses[i] === 200);
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const aad of acknowledged) expect(doc.preferences[aad]?.language).toBe('en');
    } finally {
      child.kill('SIGKILL');
      await connector.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** The bot as `npm run bot` runs it, in a child process; resolves once it listens. */
async function spawnBot(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null>; stdout: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { ...process.env, PORT: '0', STARK_BACKUPS_KEEP: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /listening on (http:\/\/[^/\s]+)/.exec(out);
      if (m?.[1]) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 20);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`bot exited before listening: ${out}`));
    });
  });
  return { child, url, exited, stdout: () => out };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('SIGTERM during a fan-out', () => {
  it('sends until the deadline, leaves the rest queued on disk, and the next start sends those: every invitation arrives exactly once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stark-sigterm-fanout-'));
    const connector = await new FakeConnector().start();
    // Three yearly meetings at once: about 130 invitations, over four seconds at Teams' per-tenant pace (30 sends a
    // second), so SIGTERM lands mid fan-out even on a busy machine. A slow connector keeps sends in flight when it
    // comes; a 0.2 s grace period ends the drain long before the fan-out is through.
    connector.latencyMs = 300;
    const env = { STARK_DATA_DIR: dir, STARK_SHUTDOWN_GRACE_SECONDS: '0.2', STARK_LOG_LEVEL: 'info' };
    const tenantId = '00000000-0000-0000-0000-000000000001';
    const activity = (from: string, extra: Record<string, unknown>) => ({
      id: `fanout-${Math.random().toString(36).slice(2)}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: `29:${from}`, aadObjectId: from },
      recipient: { id: '28:stark-bot' },
      conversation: { id: `a:personal-${from}`, conversationType: 'personal', tenantId },
      ...extra,
    });
    const post = (url: string, body: unknown) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const invitationsTo = (personId: string) =>
      connector.delivered.filter((c) => {
        if (c.method !== 'POST' || c.path === '/v3/conversations') return false;
        if (c.conversationId !== `a:personal-${personId}` && c.conversationId !== `a:created-${personId}`) return false;
        const card = (c.body.attachments as Array<{ content?: { refresh?: { action?: { verb?: string } } } }> | undefined)?.[0]?.content;
        return card?.refresh?.action?.verb === 'meeting.refresh';
      }).length;
    const bots: ChildProcess[] = [];
    try {
      const first = await spawnBot(env);
      bots.push(first.child);
      expect((await post(first.url, activity(demo.leader, { type: 'message', text: 'hej' }))).status).toBe(200);
      const booked = await Promise.all(
        ['2027-05-20', '2027-06-10', '2027-09-16'].map((date) =>
          post(
            first.url,
            activity(demo.leader, {
              type: 'invoke',
              name: 'adaptiveCard/action',
              value: { action: { type: 'Action.Execute', verb: 'meeting.schedule', data: { type: 'arlig-traff', title: `Årlig träff ${date}`, date, start: '13:00', end: '16:00', place: 'Västerås', deadline: '2027-05-10', verb: 'meeting.schedule' } } },
            }),
          ),
        ),
      );
      expect(booked.map((r) => r.status)).toEqual([200, 200, 200]);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      const doc = JSON.parse(await readFile(join(dir, 'stark.json'), 'utf8')) as { meetings: { meetings: Array<{ invitees: Array<{ personId: string }> }> } };
      const expected = new Map<string, number>();
      for (const meeting of doc.meetings.meetings) for (const { personId } of meeting.invitees) expected.set(personId, (expected.get(personId) ?? 0) + 1);
      const total = [...expected.values()].reduce((a, b) => a + b, 0);
      expect(doc.meetings.meetings).toHaveLength(3);
      expect(total).toBeGreaterThan(120);
      const sentBeforeRestart = [...expected.keys()].reduce((sum, p) => sum + invitationsTo(p), 0);
      // The deadline ended the drain with invitations still queued, and the bot said so.
      expect(sentBeforeRestart).toBeLessThan(total);
      const stopped = first.stdout().split('\n').flatMap((l) => (l.includes('"bot.stopped"') ? [JSON.parse(l) as { queueDrained: boolean; queued: number }] : []))[0];
      expect(stopped?.queueDrained).toBe(false);
      expect(stopped?.queued).toBeGreaterThan(0);

      const second = await spawnBot(env);
      bots.push(second.child);
      await until(() => [...expected].every(([p, n]) => invitationsTo(p) >= n), 60_000, 'every invitation after the restart');
      // Give a repeat the time to show up before counting.
      await new Promise((r) => setTimeout(r, 1_500));
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      for (const [personId, n] of expected) expect(invitationsTo(personId), personId).toBe(n);
    } finally {
      for (const child of bots) child.kill('SIGKILL');
      await connector.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
