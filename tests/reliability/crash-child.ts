/**
 * The bot as a child process for the crash test (tests/reliability/crash.test.ts): the real server (startBot) on the
 * data dir given as the first argument, any free port, no background jobs, errors logged to stderr. Prints one
 * line, `READY <url>`, once it takes requests. The test SIGKILLs it at random moments.
 */
import { loadConfig } from '../../src/config.js';
import { startBot } from '../../src/server.js';
import { createLogger } from '../../src/bot/logger.js';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: crash-child.ts <dataDir>\n');
  process.exit(2);
}
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STARK_DATA_DIR: dataDir, STARK_BACKUPS_KEEP: '3', STARK_LOG_LEVEL: 'error' });
const log = createLogger({ level: 'error', write: (line) => process.stderr.write(`${line}\n`) });
const bot = await startBot({ config, log, runJobs: false });
process.stdout.write(`READY ${bot.url}\n`);
