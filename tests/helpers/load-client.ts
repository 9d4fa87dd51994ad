import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { DEMO_TENANT_ID } from '../../src/config.js';

/**
 * An HTTP client for a running bot (in this process or a child process): builds Bot Framework activities as Teams
 * sends them and posts them to /api/messages over a keep-alive pool. Unlike the Harness it needs no handle on the
 * bot, so it can load a child process that the crash test kills.
 */

export interface ActivityOptions {
  /** The activity id (Teams redelivers with the same id). */
  id?: string;
  locale?: string;
  tenantId?: string;
  /** Defaults to the person's one personal chat, `a:personal-<aad>`. */
  conversationId?: string;
  conversationType?: string;
}

export interface PostResult {
  status: number;
  /** Parsed JSON when the body was JSON, else the text. */
  body: unknown;
  text: string;
}

/** The text of an Action.Execute message answer, else undefined. */
export function messageOf(body: unknown): string | undefined {
  const b = body as { type?: unknown; value?: unknown } | undefined;
  return b?.type === 'application/vnd.microsoft.activity.message' ? String(b.value) : undefined;
}

/** The card of an Action.Execute card answer, else undefined. */
export function answerCardOf(body: unknown): Record<string, unknown> | undefined {
  const b = body as { type?: unknown; value?: unknown } | undefined;
  return b?.type === 'application/vnd.microsoft.card.adaptive' ? (b.value as Record<string, unknown>) : undefined;
}

export class LoadClient {
  private readonly agent: Agent;

  /**
   * @param botUrl the bot's base URL (`http://127.0.0.1:<port>`)
   * @param serviceUrl where the bot sends replies (a fake connector); invoke answers need none.
   */
  constructor(
    readonly botUrl: string,
    readonly serviceUrl: string,
    options: { maxSockets?: number } = {},
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 600 });
  }

  activity(from: string, extra: Record<string, unknown>, options: ActivityOptions = {}): Record<string, unknown> {
    const tenantId = options.tenantId ?? DEMO_TENANT_ID;
    return {
      id: options.id ?? randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      locale: options.locale ?? 'sv-SE',
      from: { id: `29:${from}`, aadObjectId: from, name: 'Test' },
      recipient: { id: '28:stark-bot', name: 'STARK' },
      conversation: { id: options.conversationId ?? `a:personal-${from}`, conversationType: options.conversationType ?? 'personal', tenantId },
      channelData: { tenant: { id: tenantId } },
      ...extra,
    };
  }

  /** An Action.Execute click with exactly this `data` (no verb added: hostile tests control every key). */
  invokeActivity(from: string, verb: string, data: unknown, options: ActivityOptions = {}): Record<string, unknown> {
    return this.activity(from, { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'act-card', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } }, options);
  }

  messageActivity(from: string, text: string, options: ActivityOptions = {}): Record<string, unknown> {
    return this.activity(from, { type: 'message', text }, options);
  }

  invoke(from: string, verb: string, data: unknown, options: ActivityOptions = {}): Promise<PostResult> {
    return this.post(this.invokeActivity(from, verb, data, options));
  }

  say(from: string, text: string, options: ActivityOptions = {}): Promise<PostResult> {
    return this.post(this.messageActivity(from, text, options));
  }

  /** POSTs an activity (or a raw body) to /api/messages. Rejects only when the connection fails (e.g. the bot was killed). */
  post(activity: unknown, headers: Record<string, string> = {}): Promise<PostResult> {
    const body = typeof activity === 'string' || Buffer.isBuffer(activity) ? activity : JSON.stringify(activity);
    return this.raw('POST', '/api/messages', body, { 'Content-Type': 'application/json', ...headers });
  }

  async healthz(): Promise<number> {
    return (await this.raw('GET', '/healthz', undefined, {})).status;
  }

  /**
   * One request. A keep-alive socket the server closed as idle just as it was reused fails with ECONNRESET before the
   * server read anything (Node's documented race, `request.reusedSocket`): that request is sent again on a new
   * socket, as an HTTP client does. A reset on a fresh socket is a real failure and rejects.
   */
  async raw(method: string, path: string, body: string | Buffer | undefined, headers: Record<string, string>): Promise<PostResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(method, path, body, headers);
      } catch (err) {
        if (!(err as { staleSocket?: boolean }).staleSocket || attempt >= 3) throw err;
      }
    }
  }

  private once(method: string, path: string, body: string | Buffer | undefined, headers: Record<string, string>): Promise<PostResult> {
    return new Promise<PostResult>((resolve, reject) => {
      const req = request(`${this.botUrl}${path}`, { method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* plain text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, text });
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => reject(req.reusedSocket && err.code === 'ECONNRESET' ? Object.assign(err, { staleSocket: true }) : err));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
