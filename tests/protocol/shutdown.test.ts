import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
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
      const requests = people.map((aad, i) =>
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
        }).then((r) => r.status, () => 0),
      );
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
