import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The tenant of the demo roster and the Agents Playground (.m365agentsplayground.yml). */
export const DEMO_TENANT_ID = '00000000-0000-0000-0000-000000000001';

const guid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID like 00000000-0000-0000-0000-000000000000');
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envSchema = z
  .object({
    PORT: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0–65535 (0 picks a free port)').max(65535, 'must be 0–65535 (0 picks a free port)').default(3978)),
    HOST: z.preprocess(blankToUndefined, z.string().default('0.0.0.0')),
    STARK_DATA_DIR: z.preprocess(blankToUndefined, z.string().min(1).default(fileURLToPath(new URL('../.data/', import.meta.url)))),
    STARK_PUBLIC_URL: z.preprocess(blankToUndefined, z.string().url('must be a URL like https://stark-bot.example.org').optional()),
    STARK_TENANT_ID: z.preprocess(blankToUndefined, guid.optional()),
    STARK_BACKUPS_KEEP: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int().min(0).max(365).default(14)),
    STARK_REMINDER_TIME: z.preprocess(blankToUndefined, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a Stockholm time HH:mm like 09:00').default('09:00')),
    STARK_REMINDER_DAYS_BEFORE_DEADLINE: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int().min(0).max(60).default(3)),
    STARK_REMINDER_DAYS_BEFORE_MEETING: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).int().min(0).max(60).default(1)),
    STARK_LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
    STARK_LOG_FORMAT: z.preprocess(blankToUndefined, z.enum(['json', 'pretty']).default('json')),
    // App Service gives a container 30 s between SIGTERM and SIGKILL; finish before that.
    STARK_SHUTDOWN_GRACE_SECONDS: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a number' }).min(0.1).max(600).default(25)),
    APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(blankToUndefined, z.string().regex(/InstrumentationKey=[0-9a-fA-F-]{36}/, 'must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)').optional()),
    BOT_ID: z.preprocess(blankToUndefined, guid.optional()),
    BOT_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
    BOT_TENANT_ID: z.preprocess(blankToUndefined, guid.optional()),
    BOT_APP_TYPE: z.preprocess(blankToUndefined, z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant')),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_PASSWORD && !env.BOT_ID) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['BOT_ID'], message: 'is required when BOT_PASSWORD is set' });
    if (env.BOT_ID && env.BOT_APP_TYPE !== 'UserAssignedMSI' && !env.BOT_PASSWORD) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['BOT_PASSWORD'], message: 'is required when BOT_ID is set (or set BOT_APP_TYPE=UserAssignedMSI)' });
    }
    if (env.BOT_ID && env.BOT_APP_TYPE !== 'MultiTenant' && !env.BOT_TENANT_ID) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['BOT_TENANT_ID'], message: `is required for BOT_APP_TYPE=${env.BOT_APP_TYPE}` });
    }
  });

export interface BotConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Base URL that links in cards point at (downloads, calendar files). */
  publicUrl: string;
  /** The Teams tenant whose people the roster describes; activities from other tenants are from unknown people. */
  tenantId: string;
  backupsToKeep: number;
  /** Meeting reminders: to non-answerers N days before the RSVP deadline, to Ja/Kanske M days before, at HH:mm Stockholm. */
  reminders: { timeOfDay: string; nonAnswerDaysBeforeDeadline: number; attendeeDaysBeforeMeeting: number };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** json in production; pretty (pino-pretty, a dev dependency) for `npm start`. */
  logFormat: 'json' | 'pretty';
  /** SIGTERM: how long turns in flight and the outbound queue get to finish before the process stops. */
  shutdownGraceMs: number;
  /** Traces and metrics go to Application Insights only when a connection string is set; otherwise nowhere. */
  telemetry: { connectionString: string | null };
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
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}${i.path[0] && env[String(i.path[0])] !== undefined ? ` (got "${env[String(i.path[0])]}")` : ''}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.STARK_DATA_DIR,
    publicUrl: (e.STARK_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    tenantId: (e.STARK_TENANT_ID ?? e.BOT_TENANT_ID ?? DEMO_TENANT_ID).toLowerCase(),
    backupsToKeep: e.STARK_BACKUPS_KEEP,
    reminders: {
      timeOfDay: e.STARK_REMINDER_TIME,
      nonAnswerDaysBeforeDeadline: e.STARK_REMINDER_DAYS_BEFORE_DEADLINE,
      attendeeDaysBeforeMeeting: e.STARK_REMINDER_DAYS_BEFORE_MEETING,
    },
    logLevel: e.STARK_LOG_LEVEL,
    logFormat: e.STARK_LOG_FORMAT,
    shutdownGraceMs: Math.round(e.STARK_SHUTDOWN_GRACE_SECONDS * 1000),
    telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING ?? null },
    credentials: e.BOT_ID
      ? { appId: e.BOT_ID, password: e.BOT_PASSWORD, tenantId: e.BOT_TENANT_ID, appType: e.BOT_APP_TYPE }
      : null,
  };
}
