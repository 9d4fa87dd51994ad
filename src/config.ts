import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defaultLimits, limitKinds, type LimitKind, type LimitsPolicy } from './domain/limits.js';
import { retentionKinds, type RetentionKind } from './domain/privacy/inventory.js';
import { defaultRetention, type RetentionPolicy } from './domain/privacy/retention.js';
import { calendarConfigFromEnv, calendarEnvShape, refineCalendarEnv, type CalendarConfig } from './calendar/calendar-config.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The tenant of the demo roster and the Agents Playground (.m365agentsplayground.yml). */
export const DEMO_TENANT_ID = '00000000-0000-0000-0000-000000000001';

/**
 * Where Microsoft's Bot Framework connector for Teams answers: the public cloud's regional endpoints all live under
 * smba.trafficmanager.net (/amer/, /emea/, /apac/, /teams/ …), and the US government clouds have their own hosts
 * (learn.microsoft.com › Teams › Send proactive messages). With credentials, the bot talks to no other serviceUrl.
 */
export const BOT_FRAMEWORK_SERVICE_URLS = [
  'https://smba.trafficmanager.net/',
  'https://smba.infra.gcc.teams.microsoft.com/',
  'https://smba.infra.gov.teams.microsoft.us/',
  'https://smba.infra.dod.teams.microsoft.us/',
] as const;

/** Without credentials the bot listens only here unless told loudly otherwise (see UNSAFE_NETWORK). */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** The variable that lets an unauthenticated bot listen on the network; its name says what it does. */
export const UNSAFE_NETWORK = 'STARK_UNSAFE_LISTEN_ON_NETWORK_WITHOUT_AUTH';

/** Whom a person who is not in the roster should contact, when STARK_ACCESS_CONTACT does not say. */
export const DEFAULT_ACCESS_CONTACT = 'STARK:s programledning vid Mälardalens universitet';

const limitEnv = (kind: LimitKind): string => `STARK_LIMIT_${kind.toUpperCase()}`;
/** STARK_RETENTION_RSVP_COMMENTS_DAYS, STARK_RETENTION_DELIVERY_LOG_DAYS, … (README › Personal data). */
export const retentionEnv = (kind: RetentionKind): string => `STARK_RETENTION_${kind.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_DAYS`;
const retentionDays = z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number of days' }).int('must be a whole number of days').min(0, 'must be at least 0').max(36_500, 'must be at most 36500').optional());
const positiveCount = z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').optional());

const guid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID like 00000000-0000-0000-0000-000000000000');

const envSchema = z
  .object({
    PORT: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0–65535 (0 picks a free port)').max(65535, 'must be 0–65535 (0 picks a free port)').default(3978)),
    HOST: z.preprocess(blankToUndefined, z.string().max(255).optional()),
    [UNSAFE_NETWORK]: z.preprocess(blankToUndefined, z.enum(['yes'], { errorMap: () => ({ message: 'must be "yes" or unset' }) }).optional()),
    STARK_DATA_DIR: z.preprocess(blankToUndefined, z.string().min(1).default(fileURLToPath(new URL('../.data/', import.meta.url)))),
    STARK_PUBLIC_URL: z.preprocess(blankToUndefined, z.string().url('must be a URL like https://stark-bot.example.org').optional()),
    STARK_TENANT_ID: z.preprocess(blankToUndefined, guid.optional()),
    /** The organisations' own tenants (comma-separated tenant ids) whose people may use the bot; the host tenant always may. */
    STARK_ALLOWED_TENANTS: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((s) => s.split(',').map((u) => u.trim()).filter(Boolean))
        .pipe(z.array(guid).max(100, 'must name at most 100 tenants'))
        .optional(),
    ),
    STARK_BACKUPS_KEEP: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int().min(0).max(365).default(14)),
    /** PostgreSQL instead of the embedded file store (README › Running on PostgreSQL). Holds a password: never echoed. */
    STARK_DATABASE_URL: z.preprocess(blankToUndefined, z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a URL like postgres://user:password@host:5432/stark').optional()),
    /** PostgreSQL: how often an instance looks for messages nobody is sending (another instance died). */
    STARK_OUTBOUND_POLL_MS: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int().min(100).max(600_000).optional()),
    STARK_STORE_COMPACT_BYTES: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int().min(4_096).max(1_073_741_824).optional()),
    STARK_REMINDER_TIME: z.preprocess(blankToUndefined, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a Stockholm time HH:mm like 09:00').default('09:00')),
    STARK_REMINDER_DAYS_BEFORE_DEADLINE: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int().min(0).max(60).default(3)),
    STARK_REMINDER_DAYS_BEFORE_MEETING: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int().min(0).max(60).default(1)),
    STARK_NOTICE_DAYS_BEFORE: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int().min(0).max(60).default(7)),
    STARK_NOTICE_TIME: z.preprocess(blankToUndefined, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a Stockholm time HH:mm like 09:00').default('09:00')),
    STARK_ACTION_REMINDER_DAYS_BEFORE: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int().min(0).max(60).default(3)),
    /** Date polls: reminders from this Stockholm time (default: STARK_REMINDER_TIME), at most this many per person. */
    STARK_POLL_REMINDER_TIME: z.preprocess(blankToUndefined, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a Stockholm time HH:mm like 09:00').optional()),
    STARK_POLL_REMINDERS_MAX: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0–10').max(10, 'must be 0–10').default(3)),
    ...calendarEnvShape,
    STARK_LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
    STARK_LOG_FORMAT: z.preprocess(blankToUndefined, z.enum(['json', 'pretty']).default('json')),
    // App Service gives a container 30 s between SIGTERM and SIGKILL; finish before that.
    STARK_SHUTDOWN_GRACE_SECONDS: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).min(0.1).max(600).default(25)),
    APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(blankToUndefined, z.string().regex(/InstrumentationKey=[0-9a-fA-F-]{36}/, 'must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)').optional()),
    STARK_ALLOWED_SERVICE_URLS: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((s) => s.split(',').map((u) => u.trim()).filter(Boolean))
        .pipe(z.array(z.string().url('must be a comma-separated list of URLs like https://smba.trafficmanager.net/').regex(/^https?:\/\//i, 'must be http(s) URLs')).min(1))
        .optional(),
    ),
    STARK_LINK_SIGNING_KEY: z.preprocess(blankToUndefined, z.string().min(32, 'must be at least 32 characters (npm run admin -- secrets new-key prints one)').optional()),
    STARK_KEY_FILE: z.preprocess(blankToUndefined, z.string().min(1).optional()),
    STARK_ACCESS_CONTACT: z.preprocess(blankToUndefined, z.string().max(200, 'must be at most 200 characters').default(DEFAULT_ACCESS_CONTACT)),
    STARK_PRIVACY_CONTACT: z.preprocess(blankToUndefined, z.string().max(200, 'must be at most 200 characters').optional()),
    ...Object.fromEntries(retentionKinds.map((k) => [retentionEnv(k), retentionDays])),
    ...Object.fromEntries(limitKinds.map((k) => [limitEnv(k), positiveCount])),
    BOT_ID: z.preprocess(blankToUndefined, guid.optional()),
    BOT_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
    BOT_TENANT_ID: z.preprocess(blankToUndefined, guid.optional()),
    BOT_APP_TYPE: z.preprocess(blankToUndefined, z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant')),
  })
  .superRefine((env, ctx) => {
    refineCalendarEnv(env, ctx);
    if (env.BOT_PASSWORD && !env.BOT_ID) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['BOT_ID'], message: 'is required when BOT_PASSWORD is set' });
    if (env.BOT_ID && env.BOT_APP_TYPE !== 'UserAssignedMSI' && !env.BOT_PASSWORD) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['BOT_PASSWORD'], message: 'is required when BOT_ID is set (or set BOT_APP_TYPE=UserAssignedMSI)' });
    }
    if (env.BOT_ID && env.BOT_APP_TYPE !== 'MultiTenant' && !env.BOT_TENANT_ID) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['BOT_TENANT_ID'], message: `is required for BOT_APP_TYPE=${env.BOT_APP_TYPE}` });
    }
    // Without credentials anyone who reaches the port can act as anyone in the roster, leadership included.
    if (!env.BOT_ID && env.HOST !== undefined && !LOOPBACK.has(env.HOST) && env[UNSAFE_NETWORK] !== 'yes') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['HOST'],
        message: `must be 127.0.0.1 (or ::1, localhost) without BOT_ID: unauthenticated, anyone on the network could act as anyone in the roster. Set BOT_ID/BOT_PASSWORD/BOT_TENANT_ID, or ${UNSAFE_NETWORK}=yes if you really mean it`,
      });
    }
  });

export interface BotConfig {
  port: number;
  /** The address to listen on: 127.0.0.1 without credentials, every interface (0.0.0.0) with them, unless HOST says. */
  host: string;
  dataDir: string;
  /** Base URL that links in cards point at (downloads, calendar files). */
  publicUrl: string;
  /** The Teams tenant whose people the roster describes; activities from other tenants are from unknown people. */
  tenantId: string;
  /**
   * Every tenant whose people the bot serves (issue #15), lower case: the host tenant (`tenantId`, always first) and
   * STARK_ALLOWED_TENANTS. Activities from any other tenant get one polite sentence and nothing is stored.
   */
  allowedTenants: string[];
  backupsToKeep: number;
  /**
   * STARK_DATABASE_URL: the store lives in PostgreSQL (src/store/postgres/), and several instances may share it; unset
   * (the default): the embedded journal in `dataDir`. Holds the database password: log `databaseLocation()` instead.
   */
  databaseUrl?: string;
  /** STARK_OUTBOUND_POLL_MS (PostgreSQL only): how often pending messages nobody holds are taken over (default 2 s). */
  outboundPollMs?: number;
  /** The store journal is compacted into a new snapshot past this size (unset: src/store/journal.ts's default). */
  storeCompactBytes?: number;
  /** Meeting reminders: to non-answerers N days before the RSVP deadline, to Ja/Kanske M days before, at HH:mm Stockholm. */
  reminders: { timeOfDay: string; nonAnswerDaysBeforeDeadline: number; attendeeDaysBeforeMeeting: number };
  /**
   * Meeting records (#17): the notice goes out `notice.daysBefore` days before the meeting at `notice.timeOfDay`
   * (STARK_NOTICE_DAYS_BEFORE, default 7; STARK_NOTICE_TIME); action owners are reminded `actionReminder.daysBefore`
   * days before the due date (STARK_ACTION_REMINDER_DAYS_BEFORE, default 3). Optional for configs built by hand.
   */
  records?: {
    notice: { daysBefore: number; timeOfDay: string };
    actionReminder: { daysBefore: number; timeOfDay: string };
    perCapsulamReminderHours: number;
  };
  /** Date polls (issue #16): reminders to uncovered seats once a day from `timeOfDay`, at most `maxReminders` per person. */
  polls: { timeOfDay: string; maxReminders: number };
  /**
   * The Outlook calendar (issue #16): Microsoft Graph with the application's credentials and the organiser mailbox, or
   * `ics` (no GRAPH_* variables): invitations carry .ics files as before.
   */
  calendar: CalendarConfig;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** json in production; pretty (pino-pretty, a dev dependency) for `npm start`. */
  logFormat: 'json' | 'pretty';
  /** SIGTERM: how long turns in flight and the outbound queue get to finish before the process stops. */
  shutdownGraceMs: number;
  /** Traces and metrics go to Application Insights only when a connection string is set; otherwise nowhere. */
  telemetry: { connectionString: string | null };
  /**
   * The serviceUrls the bot may send to (prefixes): with credentials, Microsoft's Bot Framework hosts unless
   * STARK_ALLOWED_SERVICE_URLS says otherwise (tests); null in local mode (the Agents Playground is on localhost).
   */
  allowedServiceUrls: string[] | null;
  /** STARK_LINK_SIGNING_KEY, or null: the key file `keyFile` (made on first start) holds the key. */
  linkKey: string | null;
  keyFile: string;
  /** Named to people who are not in the roster; a role or a mailbox, never a person's name. */
  accessContact: string;
  /** Per-person limits (src/domain/limits.ts); STARK_LIMIT_<KIND> overrides a default's count. */
  limits: LimitsPolicy;
  /**
   * Personal data (#14): whom the privacy notice names for questions (STARK_PRIVACY_CONTACT, else the access contact:
   * a role or a mailbox), and the retention windows in days (STARK_RETENTION_<KIND>_DAYS over src/domain/privacy/retention.ts).
   */
  privacy: { contact: string; retention: RetentionPolicy };
  /** null: local mode — no credentials, unauthenticated requests accepted (Agents Playground, tests). */
  credentials: null | { appId: string; password?: string; tenantId?: string; appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI' };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the environment once at start-up; every bad value is named with what it should be. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Secrets are named, never echoed.
    const secret = new Set(['BOT_PASSWORD', 'GRAPH_CLIENT_SECRET', 'STARK_LINK_SIGNING_KEY', 'STARK_DATABASE_URL']);
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '');
        return `${i.path.join('.')}: ${i.message}${key && !secret.has(key) && env[key] !== undefined ? ` (got "${env[key]}")` : ''}`;
      }),
    );
  }
  const e = parsed.data;
  const limits = Object.fromEntries(
    limitKinds.map((k) => {
      const count = (e as Record<string, unknown>)[limitEnv(k)];
      return [k, { ...defaultLimits[k], ...(typeof count === 'number' ? { max: count } : {}) }];
    }),
  ) as LimitsPolicy;
  return {
    port: e.PORT,
    host: e.HOST ?? (e.BOT_ID ? '0.0.0.0' : '127.0.0.1'),
    dataDir: e.STARK_DATA_DIR,
    publicUrl: (e.STARK_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    tenantId: (e.STARK_TENANT_ID ?? e.BOT_TENANT_ID ?? DEMO_TENANT_ID).toLowerCase(),
    allowedTenants: [...new Set([(e.STARK_TENANT_ID ?? e.BOT_TENANT_ID ?? DEMO_TENANT_ID).toLowerCase(), ...(e.STARK_ALLOWED_TENANTS ?? []).map((t) => t.toLowerCase())])],
    backupsToKeep: e.STARK_BACKUPS_KEEP,
    ...(e.STARK_DATABASE_URL !== undefined ? { databaseUrl: e.STARK_DATABASE_URL } : {}),
    ...(e.STARK_OUTBOUND_POLL_MS !== undefined ? { outboundPollMs: e.STARK_OUTBOUND_POLL_MS } : {}),
    ...(e.STARK_STORE_COMPACT_BYTES !== undefined ? { storeCompactBytes: e.STARK_STORE_COMPACT_BYTES } : {}),
    reminders: {
      timeOfDay: e.STARK_REMINDER_TIME,
      nonAnswerDaysBeforeDeadline: e.STARK_REMINDER_DAYS_BEFORE_DEADLINE,
      attendeeDaysBeforeMeeting: e.STARK_REMINDER_DAYS_BEFORE_MEETING,
    },
    records: {
      notice: { daysBefore: e.STARK_NOTICE_DAYS_BEFORE, timeOfDay: e.STARK_NOTICE_TIME },
      actionReminder: { daysBefore: e.STARK_ACTION_REMINDER_DAYS_BEFORE, timeOfDay: e.STARK_REMINDER_TIME },
      perCapsulamReminderHours: 24,
    },
    polls: { timeOfDay: e.STARK_POLL_REMINDER_TIME ?? e.STARK_REMINDER_TIME, maxReminders: e.STARK_POLL_REMINDERS_MAX },
    calendar: calendarConfigFromEnv(e),
    logLevel: e.STARK_LOG_LEVEL,
    logFormat: e.STARK_LOG_FORMAT,
    shutdownGraceMs: Math.round(e.STARK_SHUTDOWN_GRACE_SECONDS * 1000),
    telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING ?? null },
    allowedServiceUrls: e.BOT_ID ? (e.STARK_ALLOWED_SERVICE_URLS ?? [...BOT_FRAMEWORK_SERVICE_URLS]) : null,
    linkKey: e.STARK_LINK_SIGNING_KEY ?? null,
    keyFile: e.STARK_KEY_FILE ?? join(e.STARK_DATA_DIR, 'keys', 'link-signing.key'),
    accessContact: e.STARK_ACCESS_CONTACT,
    limits,
    privacy: {
      contact: e.STARK_PRIVACY_CONTACT ?? e.STARK_ACCESS_CONTACT,
      retention: Object.fromEntries(
        retentionKinds.map((k) => {
          const days = (e as Record<string, unknown>)[retentionEnv(k)];
          return [k, typeof days === 'number' ? days : defaultRetention[k]];
        }),
      ) as RetentionPolicy,
    },
    credentials: e.BOT_ID
      ? { appId: e.BOT_ID, password: e.BOT_PASSWORD, tenantId: e.BOT_TENANT_ID, appType: e.BOT_APP_TYPE }
      : null,
  };
}
