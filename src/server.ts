import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { BotConfig } from './config.js';
import { Store } from './store/store.js';
import { buildSeedDocument } from './store/seed.js';
import { ensureKeyFile, fileKey, fixedKey } from './store/key-file.js';
import { acquireConfiguredStoreLock, type StoreLock } from './store/store-lock.js';
import { PgPersistence } from './store/postgres/pg-persistence.js';
import { createBot, identify, incomingActivitySchema, invokeMessage, localeOf } from './bot/app.js';
import { allFeatures } from './bot/features.js';
import { calendarSyncFromConfig } from './calendar/graph-credentials.js';
import type { CalendarSync } from './calendar/calendar-sync.js';
import { sendNotices } from './bot/notices.js';
import type { BotFeature, Services } from './bot/feature.js';
import { createLogger, type Logger } from './observability/logger.js';
import { LinkSigner } from './outbound/links.js';
import { createTeamsTransport } from './bot/teams-transport.js';
import { createMessenger } from './outbound/messaging.js';
import { Limiter } from './bot/limiter.js';
import { edgeRefusal } from './bot/edge.js';
import { claimFile } from './bot/downloads.js';
import { BOT_FRAMEWORK_ISSUER, BOT_FRAMEWORK_OPENID_METADATA, ChannelKeys, fixActivity, StarkAdapter, TokenGate } from './bot/bot-framework-auth.js';
import { catalogueFor, localeFrom } from './i18n/catalogue.js';
import { checkComposition } from './domain/composition.js';
import { describeDeviation } from './bot/features/core-feature.js';
import { activityTypeLabel, createBotMetrics, type BotMetrics } from './observability/metrics.js';
import { beforeDeadline, readinessOf } from './observability/probes.js';
import { requestIdFrom, runInRequest, type RequestContext } from './observability/request-context.js';
import { annotateActiveSpan, inSpan } from './observability/tracing.js';

import { VERSION } from './version.js';

export interface RunningBot {
  server: Server;
  /** Where to reach the bot from this machine. */
  url: string;
  /** The address the server is bound to (127.0.0.1 in local mode). */
  address: string;
  port: number;
  services: Services;
  /**
   * Stops taking requests; gives turns in flight, running jobs and the outbound queue until the shutdown deadline
   * (config.shutdownGraceMs) to finish; stops the queue (what is left stays queued in the store for the next start);
   * closes the store.
   */
  close(): Promise<void>;
}

export interface StartOptions {
  config: BotConfig;
  log?: Logger;
  now?: () => Date;
  features?: BotFeature[];
  /** Run background jobs (reminders); tests drive them by hand. */
  runJobs?: boolean;
  /** Where metrics go; default: the global OpenTelemetry meter (a no-op unless telemetry was started). */
  metrics?: BotMetrics;
  /**
   * Where the Bot Framework's token-signing keys and the bot's own outbound tokens come from. Production uses
   * Microsoft's (unset); tests that run with credentials publish their own keys and hand out a fixed token.
   */
  botFramework?: { openIdMetadataUrl?: string; credentialsFactory?: ServiceClientCredentialsFactory };
  /** The Outlook calendar backend; default: from config.calendar (Graph with credentials, else .ics). Tests point it at a fake Graph. */
  calendar?: (config: BotConfig) => CalendarSync;
}

/** A readable reason for a 400, never echoing the body back. */
function badRequest(res: Response, reason: string): void {
  res.status(400).json({ error: 'bad_request', reason });
}

/** The adapter's configuration: botbuilder's defaults (Microsoft's public cloud) unless the tests publish their own keys. */
function adapterConfig(config: BotConfig, openIdMetadataUrl: string | undefined): ConstructorParameters<typeof StarkAdapter>[0] {
  if (!config.credentials) return {};
  const credentials = {
    MicrosoftAppId: config.credentials.appId,
    MicrosoftAppPassword: config.credentials.password,
    MicrosoftAppType: config.credentials.appType,
    MicrosoftAppTenantId: config.credentials.tenantId,
  };
  if (!openIdMetadataUrl) return credentials;
  // One parameterised value makes botbuilder expect all of them: the public cloud's, but for the metadata URL.
  return {
    ...credentials,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  };
}

/** The address to reach a server bound to `address` from this machine. */
const localUrl = (address: string, port: number): string =>
  address === '0.0.0.0' || address === '::' ? `http://127.0.0.1:${port}` : address.includes(':') ? `http://[${address}]:${port}` : `http://${address}:${port}`;

export async function startBot(options: StartOptions): Promise<RunningBot> {
  const { config } = options;
  const log = options.log ?? createLogger({ level: config.logLevel });
  const now = options.now ?? (() => new Date());
  const metrics = options.metrics ?? createBotMetrics();

  // The port opens before the store does (a large store takes seconds to load): /readyz answers from the first
  // moment, and everything else is 503 + Retry-After until the bot is ready.
  const readiness = { storeOpen: false, queueRunning: false, draining: false };
  let serving = false;
  const app = express();
  app.disable('x-powered-by');
  app.get('/readyz', (_req, res) => {
    const state = readinessOf(readiness);
    res.status(state.ready ? 200 : 503).json(state.ready ? { status: 'ready' } : { status: 'not ready', waiting: state.waiting });
  });
  app.use((_req, res, next) => {
    if (serving) return next();
    res.status(503).set('Retry-After', '5').json({ status: 'starting' });
  });
  const server = createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const port = bound.port;
  const url = localUrl(bound.address, port);

  let store: Store;
  let lock: StoreLock | null = null;
  const database = config.databaseUrl ? new PgPersistence({ url: config.databaseUrl, applicationName: `stark-bot pid ${process.pid}`, onEvent: (event, fields) => log.error(event, fields) }) : null;
  try {
    // One writer per store: `npm run admin -- person erase` refuses while this lock is held (src/store/store-lock.ts).
    // On PostgreSQL every bot holds it shared: several instances run together; an admin writer refuses while any does.
    lock = await acquireConfiguredStoreLock(config, 'the STARK bot', 'bot', now());
    store = await Store.open({
      ...(database ? { persistence: database } : {}),
      dataDir: config.dataDir,
      seed: () => buildSeedDocument({ now: now() }),
      now,
      backupsToKeep: config.backupsToKeep,
      onBackupError: (err) => log.error('store.backupFailed', { error: err instanceof Error ? err.message : String(err) }),
      onCommit: (commit) => metrics.storeCommit(commit),
      ...(config.storeCompactBytes !== undefined ? { compactBytes: config.storeCompactBytes } : {}),
      onEvent: (event, fields) => (event === 'store.compactionFailed' ? log.error(event, fields) : event === 'store.journalTornTail' ? log.warn(event, fields) : log.info(event, fields)),
    });
  } catch (err) {
    lock?.release();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }
  readiness.storeOpen = true;

  const deviations = checkComposition({ people: store.doc.people, organisations: store.doc.organisations });
  for (const d of deviations) log.warn('roster.compositionDeviation', { deviation: describeDeviation(catalogueFor('en'), d) });

  if (!config.credentials) {
    log.warn('auth.localMode', { message: `No BOT_ID/BOT_PASSWORD: accepting unauthenticated requests on ${config.host} only. Use only for local development and tests.` });
  }
  const adapter = new StarkAdapter(adapterConfig(config, options.botFramework?.openIdMetadataUrl), options.botFramework?.credentialsFactory);
  const gate = config.credentials ? new TokenGate({ appId: config.credentials.appId, keys: new ChannelKeys(options.botFramework?.openIdMetadataUrl ?? BOT_FRAMEWORK_OPENID_METADATA) }) : null;

  // The link-signing key: from the environment, or the key file (made now if there is none). Never logged.
  let keySource;
  if (config.linkKey) keySource = fixedKey(config.linkKey);
  else {
    const made = ensureKeyFile(config.keyFile);
    if (made.created) log.info('secrets.keyFileCreated', { file: config.keyFile });
    if (made.tightened) log.warn('secrets.keyFileModeTightened', { file: config.keyFile });
    keySource = fileKey(config.keyFile);
  }
  const links = new LinkSigner(keySource);
  const transport = createTeamsTransport(adapter, { store, config, now });
  const messenger = createMessenger({
    transport,
    store,
    log,
    tenantId: config.tenantId,
    metrics,
    ...(database && config.databaseUrl ? { database: { url: config.databaseUrl, pool: database.pool, ...(config.outboundPollMs !== undefined ? { pollMs: config.outboundPollMs } : {}) } } : {}),
  });
  await messenger.start();
  readiness.queueRunning = true;
  const stopObservingQueue = metrics.observeQueueDepth(() => messenger.depth());
  const features = options.features ?? allFeatures(config, (options.calendar ?? ((c: BotConfig) => calendarSyncFromConfig(c.calendar)))(config));
  const renderers = features.flatMap((f) => f.notices ?? []);
  const services: Services = { store, config, log, now, links, messenger, limiter: new Limiter(config.limits), transport, notify: (notices) => sendNotices({ store, messenger }, renderers, notices) };
  const bot = createBot({ adapter, services, features });

  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error));
    log.error('turn.error', {
      error: err.name,
      // The first stack frame only: the message itself (which may quote what a person typed) is never logged.
      where: err.stack?.split('\n').find((line) => /^\s+at /.test(line))?.trim() ?? null,
      activityType: context.activity.type,
      activityId: context.activity.id ?? null,
      aadObjectId: context.activity.from?.aadObjectId ?? null,
    });
    const text = catalogueFor(localeOf(services, identify(services, context.activity), context.activity)).core.somethingWentWrong;
    try {
      if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: invokeMessage(text) } });
      } else {
        await context.sendActivity(text);
      }
    } catch (sendError) {
      log.error('turn.errorReplyFailed', { error: sendError instanceof Error ? sendError.name : 'unknown' });
    }
  };

  let inFlight = 0;
  let draining = false;
  const idle: Array<() => void> = [];

  // ok / not ok, and nothing else: no version, no paths, nothing about the host (the log has the details).
  app.get('/healthz', (_req, res) => {
    const ok = store.status().lastError === null && !draining;
    res.status(ok ? 200 : 503).set('Cache-Control', 'no-store').json({ status: ok ? 'ok' : 'not ok' });
  });

  app.post(
    '/api/messages',
    (req, res, next) => {
      if (draining) {
        res.status(503).set('Retry-After', '5').end();
        return;
      }
      inFlight++;
      res.on('close', () => {
        inFlight--;
        if (inFlight === 0) idle.splice(0).forEach((f) => f());
      });
      res.locals.requestId = requestIdFrom(req.get('x-request-id'));
      res.set('X-Request-Id', String(res.locals.requestId));
      next();
    },
    express.json({ limit: '1mb', strict: true }),
    async (req: Request, res: Response) => {
      const body = (req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
      const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
      // With credentials the token comes first: whoever has none learns nothing, not even what a valid body is.
      if (gate) {
        // Tokens are checked against the real clock: Microsoft issues them, whatever clock the product runs on.
        const refused = await gate.check(authorization, body, Date.now());
        if (refused) {
          log.warn('auth.rejected', { reason: refused });
          return res.status(401).end();
        }
      }
      const parsed = incomingActivitySchema.safeParse(req.body);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'body')))].join(', ');
        return badRequest(res, `not a Bot Framework activity (check: ${fields})`);
      }
      const activity = fixActivity(body);
      const auth = await adapter.authenticate(activity, authorization);
      if (!auth) {
        log.warn('auth.rejected', { reason: 'botbuilder' });
        return res.status(401).end();
      }
      const refusal = edgeRefusal(activity, config);
      if (refusal) {
        log.warn('edge.refused', { reason: refusal });
        return res.status(403).end();
      }
      // Everything the turn does (log lines, store writes, the messages it queues) carries the request id.
      const turn: RequestContext = { requestId: String(res.locals.requestId) };
      const started = performance.now();
      try {
        const invokeResponse = await runInRequest(turn, () => adapter.run(auth, activity, (context) => bot.run(context).then(() => undefined)));
        res.status(invokeResponse?.status ?? 200);
        if (invokeResponse?.body !== undefined) res.json(invokeResponse.body);
        else res.end();
      } catch (err) {
        log.error('http.turnFailed', { error: err instanceof Error ? err.name : 'unknown' });
        if (!res.headersSent) res.status(500).end();
      } finally {
        const command = turn.command ?? activityTypeLabel(parsed.data.type);
        const durationMs = performance.now() - started;
        metrics.turn({ command, activityType: activityTypeLabel(parsed.data.type), status: res.statusCode, durationMs });
        annotateActiveSpan({ 'stark.command': command, 'stark.request_id': turn.requestId });
        log.debug('turn.done', { requestId: turn.requestId, command, status: res.statusCode, ms: Math.round(durationMs) });
      }
    },
  );

  for (const feature of features) {
    for (const download of feature.downloads ?? []) {
      if (!/^[a-z0-9-]+$/.test(download.kind)) throw new Error(`bad download kind ${download.kind}`);
    }
  }
  const downloads = new Map(features.flatMap((f) => f.downloads ?? []).map((d) => [d.kind, d]));
  app.get('/downloads/:token', async (req: Request, res: Response) => {
    const locale = localeFrom(req.acceptsLanguages('sv', 'en') || 'sv');
    const claim = await claimFile(services, downloads, { token: String(req.params.token ?? ''), locale });
    if (!claim.ok) {
      const t = catalogueFor(locale).core;
      return res.status(claim.status).set('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send(claim.status === 429 ? t.downloadTooMany : t.downloadExpired);
    }
    const file = claim.file;
    res
      .status(200)
      .set('Content-Type', file.contentType)
      .set('Content-Disposition', `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`)
      .set('Cache-Control', 'private, no-store')
      .send(file.body);
  });

  // Malformed JSON, oversized bodies and anything else thrown before a handler: 400 for the client's faults,
  // 500 (logged) only for ours. The server keeps serving either way.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { status?: number; type?: string; name?: string };
    if (e.status && e.status >= 400 && e.status < 500) return badRequest(res, e.type ?? 'invalid request');
    log.error('http.error', { error: e.name ?? 'unknown' });
    if (!res.headersSent) res.status(500).json({ error: 'internal' });
  });

  serving = true;
  // The address the socket is actually bound to, not the one we meant to bind.
  log.info('bot.ready', { address: bound.address, port, version: VERSION, dataDir: config.dataDir, store: config.databaseUrl ? store.file : 'journal', mode: config.credentials ? 'authenticated' : 'local' });

  const jobTimers: NodeJS.Timeout[] = [];
  const runningJobs = new Set<Promise<void>>();
  if (options.runJobs ?? true) {
    for (const job of features.flatMap((f) => f.jobs ?? [])) {
      let running = false;
      const timer = setInterval(() => {
        if (running || draining) return;
        running = true;
        const started = performance.now();
        const requestId = randomUUID();
        const run = runInRequest({ requestId, command: `job:${job.name}` }, () => inSpan(`job ${job.name}`, { 'stark.request_id': requestId }, () => job.run(services)))
          .then(
            () => metrics.jobRun({ job: job.name, ok: true, durationMs: performance.now() - started }),
            (err: unknown) => {
              metrics.jobRun({ job: job.name, ok: false, durationMs: performance.now() - started });
              log.error('job.failed', { job: job.name, error: err instanceof Error ? err.name : 'unknown', requestId });
            },
          )
          .finally(() => {
            running = false;
            runningJobs.delete(run);
          });
        runningJobs.add(run);
      }, job.everyMs);
      timer.unref();
      jobTimers.push(timer);
    }
  }

  return {
    server,
    url,
    address: bound.address,
    port,
    services,
    async close() {
      const deadline = Date.now() + config.shutdownGraceMs;
      draining = true;
      readiness.draining = true;
      jobTimers.forEach((t) => clearInterval(t));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const turnsDone = inFlight > 0 ? await beforeDeadline(new Promise<void>((resolve) => idle.push(resolve)), deadline) : true;
      const jobsDone = await beforeDeadline(Promise.all(runningJobs), deadline);
      // Messages the turns queued go out now if Teams' pace allows; the rest stay queued in the store (never lost,
      // never sent twice) and go out after the next start.
      const drained = await beforeDeadline(messenger.drain(), deadline);
      readiness.queueRunning = false;
      await messenger.stop();
      const { remaining } = await messenger.drain();
      stopObservingQueue();
      if (!turnsDone) server.closeAllConnections();
      await closed;
      await store.close();
      lock?.release();
      readiness.storeOpen = false;
      log.info('bot.stopped', { turnsDone, jobsDone, queueDrained: drained, queued: remaining });
    },
  };
}
