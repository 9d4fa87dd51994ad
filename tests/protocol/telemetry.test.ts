import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metrics, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { startTelemetry } from '../../src/observability/telemetry.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { demo } from '../helpers/harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('telemetry', () => {
  it('without a connection string nothing starts: the OpenTelemetry API stays a no-op and no exporter exists', async () => {
    expect(await startTelemetry({ connectionString: null, serviceVersion: 'test' })).toBeNull();
    expect(metrics.getMeterProvider().constructor.name).toBe('NoopMeterProvider');
    const span = trace.getTracer('x').startSpan('y');
    expect(span.isRecording()).toBe(false);
    span.end();
  });

  it('with one, incoming turns (with their command and request id) and calls to the Teams connector are traced, probes are not, and the metrics are exported', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stark-telemetry-'));
    const connector = await new FakeConnector().start();
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/telemetry-child.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STARK_DATA_DIR: dir, STARK_BACKUPS_KEEP: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m?.[1]) {
            clearInterval(timer);
            resolve(m[1]);
          }
        }, 20);
        void exited.then(() => reject(new Error(`exited early: ${out}`)));
      });
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: 'telemetry-1',
          text: 'hjälp',
          channelId: 'msteams',
          serviceUrl: connector.url,
          from: { id: `29:${demo.leader}`, aadObjectId: demo.leader },
          recipient: { id: '28:stark-bot' },
          conversation: { id: `a:personal-${demo.leader}`, conversationType: 'personal', tenantId: '00000000-0000-0000-0000-000000000001' },
        }),
      });
      expect(res.status).toBe(200);
      await fetch(`${url}/readyz`);
      await new Promise((r) => setTimeout(r, 500));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const report = out.split('\n').find((l) => l.startsWith('{"spans"'));
      if (!report) throw new Error(`no telemetry report: ${out}`);
      const { spans, metrics: names } = JSON.parse(report) as { spans: Array<{ name: string; kind: number; attributes: Record<string, unknown> }>; metrics: string[] };
      const SERVER = 1;
      const CLIENT = 2;
      const turn = spans.find((s) => s.kind === SERVER && s.attributes['stark.command'] === 'help');
      expect(turn, JSON.stringify(spans.map((s) => s.name))).toBeDefined();
      expect(turn?.attributes['stark.request_id']).toMatch(/^[0-9a-f-]{36}$/);
      // The reply went to the connector over HTTP: a client span.
      expect(spans.some((s) => s.kind === CLIENT && String(s.attributes['server.port'] ?? s.attributes['net.peer.port']) === new URL(connector.url).port)).toBe(true);
      // Probes are not traced.
      expect(spans.some((s) => String(s.attributes['url.path'] ?? s.attributes['http.target'] ?? '').includes('readyz'))).toBe(false);
      expect(names).toContain('stark.turn.duration');
      expect(names).toContain('stark.store.commit.duration');
    } finally {
      child.kill('SIGKILL');
      await connector.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
