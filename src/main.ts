import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './observability/logger.js';
import { prettyDestination } from './observability/pretty-log.js';
import { startTelemetry } from './observability/telemetry.js';
import { VERSION } from './version.js';

/** `npm run bot` / `npm run serve`: the bot server alone, configured from the environment. */
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
  const pretty = config.logFormat === 'pretty' ? await prettyDestination() : null;
  const log = createLogger({ level: config.logLevel, ...(pretty ? { destination: pretty } : {}) });
  if (config.logFormat === 'pretty' && !pretty) log.warn('log.prettyUnavailable', { reason: 'pino-pretty is not installed (production install); writing JSON lines' });

  // Telemetry first, the server's modules after: the HTTP and pg instrumentations patch modules as they load.
  const telemetry = await startTelemetry({ connectionString: config.telemetry.connectionString, serviceVersion: VERSION });
  if (telemetry) log.info('telemetry.started', { exporter: 'azure-monitor' });
  const { startBot } = await import('./server.js');
  const { StoreLoadError } = await import('./store/store.js');
  const { StoreLockedError } = await import('./store/store-lock.js');

  let bot;
  try {
    bot = await startBot({ config, log });
  } catch (err) {
    if (err instanceof StoreLoadError || err instanceof StoreLockedError || (err instanceof Error && err.message.startsWith('data file'))) {
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
    log.info('bot.stopping', { signal, graceMs: config.shutdownGraceMs });
    // close() keeps to the grace period; this is the backstop for a shutdown step that hangs regardless.
    setTimeout(() => {
      log.error('bot.stopTimedOut', { graceMs: config.shutdownGraceMs });
      process.exit(1);
    }, config.shutdownGraceMs + 4_000).unref();
    bot
      .close()
      .then(() => telemetry?.shutdown())
      .then(
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
