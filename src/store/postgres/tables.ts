import { RECORD_ARRAYS, RECORD_MAPS } from '../change-set.js';

/**
 * Where each record collection of the document lives in PostgreSQL: one table per record kind, one row per record
 * (`id`, `pos`, `payload jsonb`). `pos` orders an array's records (a map's rows have pos 0). Everything that is not a
 * record collection (singleton sections and values: `createdAt`, `backups.lastSnapshotDate`, `polls.polls` …) is a
 * row of `stark_values`, keyed by its dot path (see pg-persistence.ts › decomposition).
 *
 * A record's row id is its natural key where the record has one the bot relies on being unique (an outbox entry's
 * delivery key, which the claims of several instances lock on; a processed activity id, which idempotency looks up;
 * a map's key); otherwise an id the persistence makes up (instance prefix + counter), kept beside the array in memory.
 *
 * A collection added to change-set.ts without a table here is stored as a value (whole, like any other value) until
 * a migration gives it a table: tables.test.ts lists the ones that must have one.
 */
export interface CollectionTable {
  /** The collection's dot path in the document (change-set.ts). */
  readonly path: string;
  readonly parts: readonly string[];
  readonly kind: 'array' | 'map';
  /** The SQL table (unquoted, lower case). */
  readonly table: string;
  /** Natural row id of an array element, or null: made-up ids. */
  readonly naturalId: ((element: unknown) => string | null) | null;
}

const byKey = (element: unknown): string | null => (element !== null && typeof element === 'object' && typeof (element as { key?: unknown }).key === 'string' ? (element as { key: string }).key : null);
const itself = (element: unknown): string | null => (typeof element === 'string' ? element : null);

const TABLE_OF: Readonly<Record<string, { table: string; naturalId?: (element: unknown) => string | null }>> = {
  people: { table: 'people' },
  organisations: { table: 'organisations' },
  processedActivities: { table: 'processed_activities', naturalId: itself },
  'needs.needs': { table: 'needs' },
  'needs.rounds': { table: 'need_rounds' },
  'needs.submissions': { table: 'need_submissions' },
  'needs.pending': { table: 'need_pending_messages' },
  'meetings.meetings': { table: 'meetings' },
  'meetings.sentReminderKeys': { table: 'meeting_sent_reminder_keys' },
  'meetings.sentCadenceKeys': { table: 'meeting_sent_cadence_keys' },
  'meetings.pending': { table: 'meeting_pending_messages' },
  'meetings.cards': { table: 'meeting_cards' },
  'outbox.entries': { table: 'outbox_entries', naturalId: byKey },
  'audit.entries': { table: 'audit_entries' },
  'links.used': { table: 'used_links' },
  conversationRefs: { table: 'conversation_refs' },
  preferences: { table: 'preferences' },
};

export const COLLECTION_TABLES: readonly CollectionTable[] = [
  ...RECORD_ARRAYS.filter((path) => TABLE_OF[path]).map((path) => ({ path, parts: path.split('.'), kind: 'array' as const, table: TABLE_OF[path]!.table, naturalId: TABLE_OF[path]!.naturalId ?? null })),
  ...RECORD_MAPS.filter((path) => TABLE_OF[path]).map((path) => ({ path, parts: path.split('.'), kind: 'map' as const, table: TABLE_OF[path]!.table, naturalId: null })),
];

export const tableOf = (path: string): CollectionTable | undefined => COLLECTION_TABLES.find((c) => c.path === path);

/** Every table the persistence writes, values table included (for counts and copies). */
export const ALL_TABLES: readonly string[] = ['stark_values', ...Object.values(TABLE_OF).map((t) => t.table)];

/** The outbox table: claimed by the delivery logs of several instances (src/outbound/pg-delivery-log.ts). */
export const OUTBOX_TABLE = 'outbox_entries';
