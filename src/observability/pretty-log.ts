import type { DestinationStream } from 'pino';

/**
 * Human-readable log lines for `npm start` (STARK_LOG_FORMAT=pretty). pino-pretty is a dev dependency: a production
 * install (npm ci --omit=dev, the container) does not have it, and the bot then keeps to JSON lines.
 */
export async function prettyDestination(): Promise<DestinationStream | null> {
  try {
    const { default: pretty } = await import('pino-pretty');
    return pretty({ messageKey: 'event', translateTime: 'SYS:HH:MM:ss.l', ignore: 'time', sync: true });
  } catch {
    return null;
  }
}
