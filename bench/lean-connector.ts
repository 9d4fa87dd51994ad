import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Bot Framework connector as the bots under load see it, kept as cheap as possible so it does not limit them:
 * every POST/PUT is answered at once with an activity id. It counts calls and keeps the last body per conversation,
 * so a run can check that each turn really posted the reply it should (a cost card, not "I did not understand").
 */
export class LeanConnector {
  calls = 0;
  readonly lastBody = new Map<string, string>();
  /** Conversations whose bodies are kept (only the ones a check looks at: keeping all costs memory and time). */
  readonly watch = new Set<string>();
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.calls++;
        const m = /^\/v3\/conversations\/([^/]+)/.exec(req.url ?? '');
        const conversation = m ? decodeURIComponent(m[1] ?? '') : '';
        if (this.watch.has(conversation)) this.lastBody.set(conversation, Buffer.concat(chunks).toString('utf8'));
        const body = req.method === 'POST' && req.url === '/v3/conversations' ? `{"id":"a:created-${this.calls}","activityId":"act-${this.calls}"}` : `{"id":"act-${this.calls}"}`;
        res.writeHead(req.method === 'POST' && req.url === '/v3/conversations' ? 201 : 200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
