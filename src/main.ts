import { ConfigError, loadConfig } from './config.js';
import { startBot } from './server.js';
import { StoreLoadError } from './store/store.js';
import { createLogger } from './bot/logger.js';

/** `npm run bot`: the bot server alone, configured from the environment. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger({ level: config.logLevel });
  let bot;
  try {
    bot = await startBot({ config, log });
  } catch (err) {
    if (err instanceof StoreLoadError || (err instanceof Error && err.message.startsWith('data file'))) {
      process.stderr.write(`${err.message}\n`);
      process.exit(3);
    }
    throw err;
  }
  // The address actually bound (127.0.0.1 without credentials unless told otherwise), not the one asked for.
  const host = bot.address.includes(':') ? `[${bot.address}]` : bot.address;
  process.stdout.write(`STARK bot listening on http://${host}:${bot.port}/api/messages (data: ${config.dataDir})\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('bot.stopping', { signal });
    bot.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('bot.stopFailed', { error: err instanceof Error ? err.message : String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
