/**
 * One bot instance for the two-instance test (two-instance.test.ts): the real server (startBot) on the PostgreSQL
 * store of STARK_DATABASE_URL, any free port, no background jobs. Prints `READY <url>`. On a line `FANOUT <n>` on
 * stdin it sends an invitation to each of the people `p0000 … p<n-1>` through the messenger — the path every
 * invitation takes: durably queued in the shared outbox, then delivered at Teams' pace — and prints `QUEUED <n>`.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config.js';
import { startBot } from '../../src/server.js';
import { createLogger } from '../../src/observability/logger.js';
import { testLimits } from '../helpers/harness.js';

export const personOf = (i: number): string => `p${String(i).padStart(4, '0')}`;
export const invitationKey = (i: number): string => `invite:two-instance:0:${personOf(i)}`;

const dataDir = process.argv[2];
if (!dataDir || !process.env.STARK_DATABASE_URL) {
  process.stderr.write('usage: STARK_DATABASE_URL=… two-instance-child.ts <dataDir>\n');
  process.exit(2);
}
const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', STARK_DATA_DIR: dataDir, STARK_BACKUPS_KEEP: '0', STARK_LOG_LEVEL: 'error', ...testLimits });
const log = createLogger({ level: 'error', write: (line) => process.stderr.write(`${line}\n`) });
const bot = await startBot({ config, log, runJobs: false });
process.stdout.write(`READY ${bot.url}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const m = /^FANOUT (\d+)$/.exec(line.trim());
  if (!m) return;
  const n = Number(m[1]);
  const messages = Array.from({ length: n }, (_, i) => ({ key: invitationKey(i), personId: personOf(i), message: `Inbjudan ${invitationKey(i)}` }));
  void bot.services.messenger.send(messages).then(
    (report) => process.stdout.write(`QUEUED ${report.queued.length}\n`),
    (err: unknown) => process.stdout.write(`FAILED ${err instanceof Error ? err.message : String(err)}\n`),
  );
});
process.on('SIGTERM', () => {
  void bot.close().then(() => process.exit(0));
});
