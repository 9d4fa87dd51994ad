/**
 * The bot as a child process for the crash test (tests/reliability/crash.test.ts). It loads the bot's modules, says
 * `LOADED`, and waits for a line `GO` on stdin; then it starts the real server (startBot) on the data dir given as
 * the first argument, any free port, no background jobs, the store journal compacted every 64 KB (so that kills
 * land in compactions too), errors logged to stderr, and prints `READY <url>`.
 * Loading first lets the test prepare the next bot while the current one is under load: a round costs the
 * start-up of the store, not of Node. The test SIGKILLs the bot at random moments.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config.js';
import { startBot } from '../../src/server.js';
import { createLogger } from '../../src/observability/logger.js';
import { testLimits } from '../helpers/harness.js';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: crash-child.ts <dataDir>  (then GO on stdin)\n');
  process.exit(2);
}
process.stdout.write('LOADED\n');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.on('line', (line) => line.trim() === 'GO' && resolve()));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STARK_DATA_DIR: dataDir, STARK_BACKUPS_KEEP: '3', STARK_LOG_LEVEL: 'error', STARK_STORE_COMPACT_BYTES: '65536', ...testLimits });
const log = createLogger({ level: 'error', write: (line) => process.stderr.write(`${line}\n`) });
const bot = await startBot({ config, log, runJobs: false });
process.stdout.write(`READY ${bot.url}\n`);
