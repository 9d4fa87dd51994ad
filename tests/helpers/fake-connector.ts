import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Framework connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  /** The conversation the call is about ('' for create-conversation). */
  conversationId: string;
  /** The activity (or conversation parameters) the bot sent. */
  body: Record<string, unknown>;
  at: number;
}

export type FailureRule = (call: ConnectorCall, index: number) => { status: number; headers?: Record<string, string> } | null;

/**
 * A stand-in for the Bot Framework connector on loopback: the `serviceUrl` of test activities points here, so
 * every reply, proactive message, update and conversation the bot creates is captured as Teams would receive it.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Successful deliveries only (what a person would actually see). */
  readonly delivered: ConnectorCall[] = [];
  failure: FailureRule | null = null;
  /** Delay before answering each call, as a slow connector would (shutdown tests need sends in flight). */
  latencyMs = 0;
  /** Requests whose sender went away while they were held (see hold()). */
  droppedWhileHeld = 0;
  private gate: { promise: Promise<void>; open: () => void } | null = null;

  /**
   * Holds every request that arrives from now on before it counts as received, until release(): a test can stop a
   * sender at a moment when nothing it sent is half-way (received by Teams but not yet answered).
   */
  hold(): void {
    if (this.gate) return;
    let open!: () => void;
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.gate = { promise, open };
  }

  release(): void {
    const gate = this.gate;
    this.gate = null;
    gate?.open();
  }
  private server!: Server;
  private nextId = 1;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Messages (text or cards) delivered into one conversation. */
  messagesIn(conversationId: string): Array<Record<string, unknown>> {
    return this.delivered.filter((c) => c.conversationId === conversationId && c.method !== 'PUT' && c.path !== '/v3/conversations').map((c) => c.body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').split('?')[0] ?? '';
    // Activities are JSON; a file upload (the file consent flow's PUT) is not: it is kept as its size and headers.
    let body: Record<string, unknown>;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { bytes: Buffer.byteLength(text), contentRange: req.headers['content-range'] ?? null, text };
    }
    const m = /^\/v3\/conversations\/([^/]+)/.exec(path);
    const call: ConnectorCall = { method: req.method ?? 'GET', path, conversationId: m ? decodeURIComponent(m[1] ?? '') : '', body, at: Date.now() };
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (this.gate) {
      // Held (hold()): the request waits here, not yet received as far as Teams is concerned. A sender that goes
      // away meanwhile (killed) never got its message through: it is dropped, not delivered.
      let gone = req.socket.destroyed;
      const away = () => {
        gone = true;
      };
      req.socket.once('end', away);
      req.socket.once('close', away);
      await this.gate.promise;
      await new Promise((resolve) => setTimeout(resolve, 20));
      req.socket.off('end', away);
      req.socket.off('close', away);
      if (gone || req.socket.destroyed || req.socket.readableEnded) {
        this.droppedWhileHeld++;
        req.socket.destroy();
        return;
      }
    }
    const index = this.calls.length;
    this.calls.push(call);
    const fail = this.failure?.(call, index);
    if (fail) {
      res.writeHead(fail.status, { 'Content-Type': 'application/json', ...(fail.headers ?? {}) });
      res.end(JSON.stringify({ error: { code: 'Throttled', message: 'fake failure' } }));
      return;
    }
    this.delivered.push(call);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.method === 'POST' && path === '/v3/conversations') {
      const members = (body.members as Array<{ id: string }> | undefined) ?? [];
      const id = `a:created-${members[0]?.id ?? 'x'}`;
      call.conversationId = id;
      return json(201, { id, activityId: `act-${this.nextId++}` });
    }
    if (req.method === 'GET' && /\/members\//.test(path)) {
      return json(200, { id: path.split('/').pop(), name: 'Member', aadObjectId: path.split('/').pop() });
    }
    return json(200, { id: `act-${this.nextId++}` });
  }
}
