import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/*
 * The container files, checked statically: no Docker engine runs where the tests run. What is checked here is what
 * the Dockerfile promises (two stages, compiled JavaScript, production dependencies only, a non-root user, a health
 * check on /healthz, an entry point that exists in the build); that the image builds and passes its health check
 * is verified where Docker is available (README › Deploying › Container).
 */

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions with continuation lines joined and comments dropped, grouped by stage. */
function stages(text: string): Array<{ from: string; name: string | undefined; body: Instruction[] }> {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const lines = joined.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const out: Array<{ from: string; name: string | undefined; body: Instruction[] }> = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      out.push({ from: m?.[1] ?? args, name: m?.[2], body: [] });
    } else if (out.length > 0) {
      out.at(-1)?.body.push({ op: op.toUpperCase(), args });
    }
  }
  return out;
}

const dockerfile = read('Dockerfile');
const all = stages(dockerfile);
const build = all.find((s) => s.name === 'build');
const runtime = all.at(-1);
const ops = (stage: typeof runtime, op: string) => stage?.body.filter((i) => i.op === op).map((i) => i.args) ?? [];

describe('Dockerfile', () => {
  it('has a build stage that compiles and a runtime stage on Node 20', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(build).toBeDefined();
    expect(ops(build, 'RUN').some((r) => /npm ci\b/.test(r) && !/--omit=dev/.test(r))).toBe(true);
    expect(ops(build, 'RUN').some((r) => /npm run build/.test(r))).toBe(true);
    expect(dockerfile).toMatch(/ARG NODE_VERSION=20\b/);
    expect(runtime?.from).toMatch(/^node:\$\{NODE_VERSION\}-[a-z]+-slim$/);
    expect(runtime?.name).not.toBe('build');
  });

  it('the runtime stage holds production dependencies, the compiled build and the data files, nothing else of the source', () => {
    const runs = ops(runtime, 'RUN');
    expect(runs.some((r) => /npm ci\b.*--omit=dev/.test(r))).toBe(true);
    const copies = ops(runtime, 'COPY');
    expect(copies).toContain('--from=build /app/dist ./dist');
    expect(copies).toContain('data ./data');
    expect(copies.some((c) => /^(\.|\.\/)\s/.test(c) || /\bsrc\b/.test(c))).toBe(false);
    expect(ops(runtime, 'ENV').join(' ')).toMatch(/NODE_ENV=production/);
  });

  it('runs as a non-root user, checks /healthz, stops on SIGTERM and starts the compiled entry point', () => {
    const users = ops(runtime, 'USER');
    expect(users.length).toBe(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    // USER comes before CMD, so the bot never runs as root.
    const order = runtime?.body.map((i) => i.op) ?? [];
    expect(order.indexOf('USER')).toBeLessThan(order.indexOf('CMD'));
    const health = ops(runtime, 'HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(health[0]).toMatch(/CMD \[/);
    expect(health[0]).toContain('/healthz');
    expect(ops(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM']);
    const cmd = JSON.parse(ops(runtime, 'CMD')[0] ?? '[]') as string[];
    // Exec form with node itself as PID 1: the signal reaches the bot, not a shell or npm.
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe('dist/main.js');
    // The entry point is where the build puts it (tsconfig.build.json: rootDir src, outDir dist).
    const buildConfig = read('tsconfig.build.json');
    expect(buildConfig).toMatch(/"rootDir":\s*"src"/);
    expect(buildConfig).toMatch(/"outDir":\s*"dist"/);
  });

  it('the data volume is owned by the runtime user and is where STARK_DATA_DIR points', () => {
    const env = ops(runtime, 'ENV').join(' ');
    const dataDir = /STARK_DATA_DIR=(\S+)/.exec(env)?.[1];
    expect(dataDir).toBeDefined();
    expect(ops(runtime, 'VOLUME').join(' ')).toContain(String(dataDir));
    expect(ops(runtime, 'RUN').some((r) => r.includes(`chown node:node ${dataDir}`))).toBe(true);
    expect(ops(runtime, 'USER')[0]).toBe('node');
  });
});

describe('.dockerignore', () => {
  it('keeps local data, secrets, installed modules and build output out of the build context', () => {
    const ignored = new Set(read('.dockerignore').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
    for (const entry of ['node_modules', 'dist', '.data', '.env', '.git', 'test-results']) expect(ignored, entry).toContain(entry);
    // …but not what the Dockerfile copies.
    for (const needed of ['src', 'data', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) expect(ignored.has(needed), needed).toBe(false);
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml')) as {
    services: Record<string, { build?: string; environment?: Record<string, string>; volumes?: string[]; profiles?: string[]; stop_grace_period?: string; ports?: string[] }>;
    volumes: Record<string, unknown>;
  };

  it('runs the bot from this Dockerfile on the file store, kept in a named volume at STARK_DATA_DIR', () => {
    const bot = compose.services.bot;
    expect(bot?.build).toBe('.');
    const dataDir = bot?.environment?.STARK_DATA_DIR;
    expect(bot?.volumes).toContain(`stark-data:${dataDir}`);
    expect(Object.keys(compose.volumes)).toContain('stark-data');
    expect(bot?.ports).toContain('3978:3978');
    // Longer than the bot's own 25 s drain.
    expect(Number.parseInt(String(bot?.stop_grace_period), 10)).toBeGreaterThanOrEqual(30);
  });

  it('PostgreSQL behind a profile; the bot takes STARK_DATABASE_URL from the environment (empty: the file store)', () => {
    expect(compose.services.postgres?.profiles).toEqual(['postgres']);
    expect(compose.services.bot?.environment?.STARK_DATABASE_URL).toBe('${STARK_DATABASE_URL:-}');
    // The URL the header comment gives reaches the compose database: its user, password and name.
    const pgEnv = (compose.services.postgres as { environment?: Record<string, string> }).environment ?? {};
    expect(read('compose.yaml')).toContain(`STARK_DATABASE_URL=postgres://${pgEnv.POSTGRES_USER}:${pgEnv.POSTGRES_PASSWORD}@postgres:5432/${pgEnv.POSTGRES_DB}`);
    // No secret has a committed value.
    for (const key of ['BOT_PASSWORD', 'APPLICATIONINSIGHTS_CONNECTION_STRING']) expect(compose.services.bot?.environment?.[key]).toMatch(/^\$\{[A-Z_]+:-\}$/);
  });
});
