import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig, DEMO_TENANT_ID } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/server.js';
import { memoryLogger } from '../../src/observability/logger.js';
import { FakeConnector } from './fake-connector.js';
import type { BotMetrics } from '../../src/observability/metrics.js';
import { personalDataIn, typedTexts } from './log-scan.js';

/** The demo people the tests talk as (data/demo-roster.json). */
export const demo = {
  vasterasDirector: '00000000-0000-0000-0000-000000000020',
  leader: '00000000-0000-0000-0000-000000000021',
  regionDirector: '00000000-0000-0000-0000-000000000022',
  kopingSubstitute: '00000000-0000-0000-0000-000000000023',
  salaEconomist: '00000000-0000-0000-0000-000000000024',
  eskilstunaDirector: '00000000-0000-0000-0000-000000000025',
  stranger: '99999999-9999-9999-9999-999999999999',
} as const;

export const conversationOf = (aadObjectId: string) => `a:personal-${aadObjectId}`;

/**
 * Per-person limits out of the way: suites that drive hundreds of turns as one person (hostile input, permissions,
 * load) test other things. tests/security sets its own limits, and the defaults, where it tests them.
 */
export const testLimits: Record<string, string> = {
  STARK_LIMIT_TURNS: '1000000',
  STARK_LIMIT_NEEDS: '1000000',
  STARK_LIMIT_COMMENTS: '1000000',
  STARK_LIMIT_WRITES: '1000000',
  STARK_LIMIT_DOWNLOADS: '1000000',
};

export interface SendOptions {
  locale?: string;
  tenantId?: string;
  id?: string;
  /** Another conversation than the person's personal chat: a group chat or a channel (see `groupChat`). */
  conversation?: { id: string; conversationType: string };
}

/** A group chat with the bot in it, as Teams names one. */
export const groupChat = { id: '19:stark-group-chat@thread.v2', conversationType: 'groupChat' } as const;
/** A channel of a team the bot is in. */
export const teamChannel = { id: '19:stark-channel@thread.tacv2;messageid=1', conversationType: 'channel' } as const;

export interface TurnResult {
  status: number;
  /** The invoke response body (Action.Execute answers), or the HTTP body of a refused request. */
  body: unknown;
  /** What the bot posted into the conversation during the turn. */
  replies: Array<Record<string, unknown>>;
}

/** Card JSON of an activity that carries one Adaptive Card, else undefined. */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const attachments = activity?.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** Every string in a card (or activity) joined: for asserting what a person reads. */
export function textOf(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out.join('\n');
}

export class Harness {
  /** Free text the test typed (chat, card inputs): close() checks the log never repeats any of it. */
  readonly typed = new Set<string>();

  private constructor(
    readonly bot: RunningBot,
    readonly connector: FakeConnector,
    readonly dataDir: string,
    readonly log: ReturnType<typeof memoryLogger>,
    private readonly ownsDir: boolean,
    /** With credentials: the Authorization header for a request (a token for its serviceUrl). */
    private readonly authorization?: (activity: Record<string, unknown>) => string,
  ) {}

  static async start(
    options: {
      /** The environment, or a function of the fake connector (to allow its URL as a Bot Framework service). */
      env?: Record<string, string> | ((connector: FakeConnector) => Record<string, string>);
      now?: () => Date;
      dataDir?: string;
      metrics?: BotMetrics;
      /** Passed to startBot: the tests' Bot Framework keys and outbound credentials (runs with credentials). */
      botFramework?: Parameters<typeof startBot>[0]['botFramework'];
      authorization?: (activity: Record<string, unknown>) => string;
      /** Passed to startBot: the calendar backend built from the config (tests: pointed at the fake Graph). */
      calendar?: Parameters<typeof startBot>[0]['calendar'];
    } = {},
  ): Promise<Harness> {
    const connector = await new FakeConnector().start();
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'stark-test-')));
    const log = memoryLogger();
    const env = typeof options.env === 'function' ? options.env(connector) : options.env;
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STARK_DATA_DIR: dataDir, STARK_BACKUPS_KEEP: '0', ...testLimits, ...env });
    const bot = await startBot({
      config,
      log,
      now: options.now,
      runJobs: false,
      ...(options.metrics ? { metrics: options.metrics } : {}),
      ...(options.botFramework ? { botFramework: options.botFramework } : {}),
      ...(options.calendar ? { calendar: options.calendar } : {}),
    });
    return new Harness(bot, connector, dataDir, log, !options.dataDir, options.authorization);
  }

  get services() {
    return this.bot.services;
  }

  activity(from: string, extra: Record<string, unknown>, options: SendOptions = {}): Record<string, unknown> {
    return {
      id: options.id ?? randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      timestamp: new Date().toISOString(),
      locale: options.locale ?? 'sv-SE',
      from: { id: `29:${from}`, aadObjectId: from, name: 'Test' },
      recipient: { id: '28:stark-bot', name: 'STARK' },
      conversation: { ...(options.conversation ?? { id: conversationOf(from), conversationType: 'personal' }), tenantId: options.tenantId ?? DEMO_TENANT_ID },
      channelData: { tenant: { id: options.tenantId ?? DEMO_TENANT_ID } },
      ...extra,
    };
  }

  async post(activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; text: string }> {
    const auth: Record<string, string> =
      this.authorization && activity && typeof activity === 'object' && !('Authorization' in headers) ? { Authorization: this.authorization(activity as Record<string, unknown>) } : {};
    const res = await fetch(`${this.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth, ...headers },
      body: typeof activity === 'string' ? activity : JSON.stringify(activity),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* plain text body */
    }
    return { status: res.status, body, text };
  }

  private async turn(from: string, activity: Record<string, unknown>): Promise<TurnResult> {
    const before = this.connector.delivered.length;
    const { status, body } = await this.post(activity);
    const conversation = (activity.conversation as { id: string }).id;
    const replies = this.connector.delivered
      .slice(before)
      .filter((c) => c.conversationId === conversation && c.method === 'POST')
      .map((c) => c.body);
    void from;
    return { status, body, replies };
  }

  /** A person types a message in their 1:1 chat with the bot. */
  say(from: string, text: string, options: SendOptions = {}): Promise<TurnResult> {
    for (const t of typedTexts('chat', text)) this.typed.add(t);
    return this.turn(from, this.activity(from, { type: 'message', text }, options));
  }

  /** A person clicks an Action.Execute button (or a Teams refresh asks for their view). */
  invoke(from: string, verb: string, data: Record<string, unknown> = {}, options: SendOptions & { replyToId?: string; trigger?: 'manual' | 'automatic' } = {}): Promise<TurnResult> {
    for (const t of typedTexts('card', data)) this.typed.add(t);
    return this.turn(
      from,
      this.activity(
        from,
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: options.replyToId ?? 'act-card',
          value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: options.trigger ?? 'manual' },
        },
        options,
      ),
    );
  }

  /** The bot is installed in a person's personal scope. */
  install(from: string, options: SendOptions = {}): Promise<TurnResult> {
    return this.turn(from, this.activity(from, { type: 'conversationUpdate', membersAdded: [{ id: '28:stark-bot' }] }, options));
  }

  /** Names, e-mail addresses and typed texts that occur in the bot's log output so far (should be none). */
  personalDataInLog(): string[] {
    const people = this.bot.services.store.doc.people.flatMap((p) => [p.name, ...(p.email ? [p.email] : [])]);
    return personalDataIn(this.log.lines, [...people, ...this.typed]);
  }

  /** Stops the bot; then fails if any log line of the run held a roster name, an e-mail address or typed text. */
  async close(): Promise<void> {
    await this.bot.close();
    await this.connector.close();
    if (this.ownsDir) await rm(this.dataDir, { recursive: true, force: true });
    const leaks = this.personalDataInLog();
    if (leaks.length > 0) throw new Error(`personal data in the log output (issue 18): ${leaks.map((l) => JSON.stringify(l)).join(', ')}`);
  }
}

/** The invoke response's card (Action.Execute answered with a card), else undefined. */
export function invokeCard(result: TurnResult): Record<string, unknown> | undefined {
  const body = result.body as { type?: string; value?: unknown } | undefined;
  return body?.type === 'application/vnd.microsoft.card.adaptive' ? (body.value as Record<string, unknown>) : undefined;
}

/** The invoke response's message text (Action.Execute answered with a message), else undefined. */
export function invokeText(result: TurnResult): string | undefined {
  const body = result.body as { type?: string; value?: unknown } | undefined;
  return body?.type === 'application/vnd.microsoft.activity.message' ? String(body.value) : undefined;
}
