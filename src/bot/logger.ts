/**
 * Structured JSON logs, one object per line. Log ids and codes, never message contents or personal data
 * beyond ids: the bot holds records of public bodies.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined | string[]>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger({ level = 'info', write = (line: string) => process.stdout.write(`${line}\n`), now = () => new Date() }: { level?: LogLevel; write?: (line: string) => void; now?: () => Date } = {}): Logger {
  const log = (l: LogLevel) => (event: string, fields: LogFields = {}) => {
    if (order[l] < order[level]) return;
    write(JSON.stringify({ time: now().toISOString(), level: l, event, ...fields }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** For tests: keeps the entries. */
export function memoryLogger(): Logger & { entries: Array<Record<string, unknown>> } {
  const entries: Array<Record<string, unknown>> = [];
  return { entries, ...createLogger({ level: 'debug', write: (line) => entries.push(JSON.parse(line) as Record<string, unknown>) }) };
}
