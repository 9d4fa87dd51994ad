import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { currentRequest } from './request-context.js';

/**
 * Structured JSON logs (pino), one object per line on stdout. Log ids and codes, never message contents or
 * personal data beyond ids: the bot holds records of public bodies. Fields whose names say they carry what a
 * person typed or who they are (name, e-mail, text, comment, title …) are censored by path, as a second line of
 * defence behind the rule; every line of a turn, and of the messages it queues, carries its `requestId`.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined | string[]>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** Field names that hold personal data or free text wherever they appear (top level or one level down). */
export const PERSONAL_FIELDS = [
  'name',
  'displayName',
  'givenName',
  'surname',
  'email',
  'mail',
  'upn',
  'userPrincipalName',
  'phone',
  'text',
  'comment',
  'comments',
  'title',
  'description',
  'body',
  'agenda',
  'place',
  'value',
  'data',
] as const;

export const REDACTED = '[redacted]';

export interface LoggerOptions {
  level?: LogLevel;
  /** Receives each line without its newline (tests, stderr); default: stdout. */
  write?: (line: string) => void;
  /** A stream to write to instead (pino-pretty in development). */
  destination?: DestinationStream;
  now?: () => Date;
}

export function createLogger({ level = 'info', write, destination, now = () => new Date() }: LoggerOptions = {}): Logger {
  const stream: DestinationStream =
    destination ?? (write ? { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) } : pino.destination({ dest: 1, sync: true }));
  const p: PinoLogger = pino(
    {
      level,
      // No pid or host name in every line: the platform labels its instances, and logs say nothing about the host.
      base: undefined,
      messageKey: 'event',
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: REDACTED },
      mixin: () => {
        const requestId = currentRequest()?.requestId;
        return requestId ? { requestId } : {};
      },
    },
    stream,
  );
  const at = (l: LogLevel) => (event: string, fields: LogFields = {}) => p[l](fields, event);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** For tests: keeps every line as written (`lines`) and parsed (`entries`). */
export function memoryLogger(): Logger & { entries: Array<Record<string, unknown>>; lines: string[] } {
  const entries: Array<Record<string, unknown>> = [];
  const lines: string[] = [];
  const write = (line: string) => {
    lines.push(line);
    entries.push(JSON.parse(line) as Record<string, unknown>);
  };
  return { entries, lines, ...createLogger({ level: 'debug', write }) };
}
