import pg from 'pg';

/**
 * A connection pool for STARK_DATABASE_URL. `application_name` says who holds a connection (the store-lock message
 * names the holders from pg_stat_activity). The URL may carry `?options=-c search_path=…` (tests give each file its
 * own schema that way).
 */
export function createPool(url: string, options: { applicationName: string; max?: number }): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, application_name: options.applicationName.slice(0, 63), max: options.max ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle connection that the server drops (restart, failover) must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** The URL without its password, for messages, status and logs. */
export function databaseLocation(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.search = '';
    return u.toString().replace(/^(postgres(?:ql)?:\/\/[^@/]*?):?@/, '$1@');
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
