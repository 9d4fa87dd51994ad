import { inspect } from 'node:util';
import { z } from 'zod';

// The calendar section of the environment. It is kept apart from src/config.ts so that the calendar module stays
// self-contained; src/config.ts spreads `calendarEnvShape` into its own object schema, calls `refineCalendarEnv` in
// its superRefine and `calendarConfigFromEnv` when it builds BotConfig. `loadCalendarConfig` does all three on its own.

const guid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID like 00000000-0000-0000-0000-000000000000');
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const calendarEnvShape = {
  /** The Entra tenant of the app registration that may write the organiser's calendar. */
  GRAPH_TENANT_ID: z.preprocess(blankToUndefined, guid.optional()),
  GRAPH_CLIENT_ID: z.preprocess(blankToUndefined, guid.optional()),
  GRAPH_CLIENT_SECRET: z.preprocess(blankToUndefined, z.string().optional()),
  /** A PEM file holding the certificate and its private key (instead of a secret; preferred for production). */
  GRAPH_CLIENT_CERTIFICATE_PATH: z.preprocess(blankToUndefined, z.string().optional()),
  /** The mailbox whose calendar holds the meetings (the organiser every invitation comes from). */
  STARK_ORGANISER_MAILBOX: z.preprocess(blankToUndefined, z.string().email('must be an e-mail address like stark@mdu.se').optional()),
} as const;

const calendarEnvSchema = z.object(calendarEnvShape);
export type CalendarEnv = z.infer<typeof calendarEnvSchema>;

const REQUIRED = ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'STARK_ORGANISER_MAILBOX'] as const;

/** All or nothing: a half-configured calendar would silently fall back to .ics files, so every gap is named. */
export function refineCalendarEnv(env: CalendarEnv, ctx: z.RefinementCtx): void {
  const anySet = [...REQUIRED, 'GRAPH_CLIENT_SECRET', 'GRAPH_CLIENT_CERTIFICATE_PATH'].some((k) => env[k as keyof CalendarEnv] !== undefined);
  if (!anySet) return;
  for (const key of REQUIRED) {
    if (env[key] === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'is required for the Outlook calendar once any GRAPH_* or STARK_ORGANISER_MAILBOX variable is set (unset them all to keep .ics files)' });
  }
  if (env.GRAPH_CLIENT_SECRET === undefined && env.GRAPH_CLIENT_CERTIFICATE_PATH === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['GRAPH_CLIENT_SECRET'], message: 'or GRAPH_CLIENT_CERTIFICATE_PATH is required for the Outlook calendar' });
  }
  if (env.GRAPH_CLIENT_SECRET !== undefined && env.GRAPH_CLIENT_CERTIFICATE_PATH !== undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['GRAPH_CLIENT_CERTIFICATE_PATH'], message: 'set either GRAPH_CLIENT_SECRET or GRAPH_CLIENT_CERTIFICATE_PATH, not both' });
  }
}

/**
 * A secret that does not leak by accident: JSON, string conversion and util.inspect (what loggers use) show
 * `[redacted]`; only `reveal()` gives the value, at the one place that hands it to @azure/identity.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toJSON(): string {
    return '[redacted]';
  }
  toString(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}

export type GraphClientCredential = { kind: 'secret'; secret: Secret } | { kind: 'certificate'; certificatePath: string };

export type CalendarConfig =
  /** No Graph credentials: invitations carry .ics files, as before. */
  | { backend: 'ics' }
  | {
      backend: 'graph';
      tenantId: string;
      clientId: string;
      credential: GraphClientCredential;
      /** Lower-cased. */
      organiserMailbox: string;
    };

/** The calendar part of BotConfig from an environment that passed `calendarEnvShape` and `refineCalendarEnv`. */
export function calendarConfigFromEnv(env: CalendarEnv): CalendarConfig {
  const { GRAPH_TENANT_ID: tenantId, GRAPH_CLIENT_ID: clientId, STARK_ORGANISER_MAILBOX: mailbox } = env;
  if (tenantId === undefined || clientId === undefined || mailbox === undefined) return { backend: 'ics' };
  const credential: GraphClientCredential | undefined =
    env.GRAPH_CLIENT_SECRET !== undefined
      ? { kind: 'secret', secret: new Secret(env.GRAPH_CLIENT_SECRET) }
      : env.GRAPH_CLIENT_CERTIFICATE_PATH !== undefined
        ? { kind: 'certificate', certificatePath: env.GRAPH_CLIENT_CERTIFICATE_PATH }
        : undefined;
  if (!credential) return { backend: 'ics' };
  return { backend: 'graph', tenantId: tenantId.toLowerCase(), clientId: clientId.toLowerCase(), credential, organiserMailbox: mailbox.toLowerCase() };
}

export class CalendarConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid calendar configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CalendarConfigError';
  }
}

/** Reads the calendar section on its own (the coordinator folds it into loadConfig). Secrets are never echoed. */
export function loadCalendarConfig(env: NodeJS.ProcessEnv = process.env): CalendarConfig {
  const parsed = calendarEnvSchema.superRefine(refineCalendarEnv).safeParse(env);
  if (!parsed.success) {
    const secretKeys = new Set(['GRAPH_CLIENT_SECRET']);
    throw new CalendarConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '');
        const given = env[key];
        return `${i.path.join('.')}: ${i.message}${given !== undefined && !secretKeys.has(key) ? ` (got "${given}")` : ''}`;
      }),
    );
  }
  return calendarConfigFromEnv(parsed.data);
}
