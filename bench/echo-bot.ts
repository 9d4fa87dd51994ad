// The floor the bot is measured against: a bare teams-ai bot on the same stack as src/server.ts (Express 5,
// express.json with the same limit, TeamsAdapter without credentials, a teams-ai Application with the same
// options) that echoes a message's text back through the connector and answers an Action.Execute invoke with its
// data. Run as its own process: `node --import tsx bench/echo-bot.ts`; prints `listening <url>` when ready.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, MessageFactory } from 'botbuilder';

const adapter = new TeamsAdapter({});
const app = new Application<TurnState>({
  adapter,
  botAppId: '',
  removeRecipientMention: true,
  startTypingTimer: false,
  longRunningMessages: false,
  turnStateFactory: () => new TurnState(),
});

app.activity(ActivityTypes.Message, async (context) => {
  await context.sendActivity(MessageFactory.text(context.activity.text ?? ''));
});

app.adaptiveCards.actionExecute<Record<string, unknown>>(
  async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action',
  async (_context, _state, data) => JSON.stringify(data),
);

const server = express();
server.disable('x-powered-by');
server.get('/healthz', (_req: Request, res: Response) => {
  res.status(200).json({ status: 'ok' });
});
server.post('/api/messages', express.json({ limit: '1mb', strict: true }), async (req: Request, res: Response) => {
  await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
});

const http = createServer(server);
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(http.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => http.close(() => process.exit(0)));
