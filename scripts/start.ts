/**
 * `npm start`: the bot on the embedded default store (a lowdb file with the demo roster) plus the Microsoft 365
 * Agents Playground pointed at it. Prints the URL to open. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);

const children: ChildProcess[] = [];
function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (line: string) => `[${name}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) process.stdout.write(`${prefix(line)}\n`);
    });
  }
  child.on('exit', (code) => {
    process.stdout.write(prefix(`exited with ${code}\n`));
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`${what} did not come up at ${url}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1_500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

// Readable log lines in the terminal (pino-pretty); production keeps JSON lines.
run('bot', process.execPath, ['--import', 'tsx', 'src/main.ts'], { PORT: String(botPort), STARK_LOG_FORMAT: process.env.STARK_LOG_FORMAT ?? 'pretty' });
await waitFor(`http://127.0.0.1:${botPort}/healthz`, 'the bot');
run('playground', process.execPath, [
  require.resolve('@microsoft/m365agentsplayground/cli.js'),
  '-e', `http://127.0.0.1:${botPort}/api/messages`,
  '-c', 'msteams',
  '-p', String(playgroundPort),
  '--disable-telemetry',
], {
  BROWSER: 'none',
  // The Playground sends its process locale as the activities' locale, as Teams sends the user's Teams language.
  // PLAYGROUND_LANG=en_US.UTF-8 npm start shows the English bot.
  LANG: process.env.PLAYGROUND_LANG ?? 'sv_SE.UTF-8',
  LC_ALL: process.env.PLAYGROUND_LANG ?? 'sv_SE.UTF-8',
});
await waitFor(`http://127.0.0.1:${playgroundPort}/`, 'the Agents Playground');
process.stdout.write(`\n  STARK bot is running. Open http://localhost:${playgroundPort} to chat with it as Erik Demoberg (kommundirektör, Västerås stad).\n  Type "hjälp" to begin. The Playground marks typed messages as English (en-US), so the bot answers in English
  until you type "svenska" (remembered per person). Ctrl-C stops both.\n\n`);
