import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { X509Certificate, createHash, randomUUID, verify, constants as cryptoConstants } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generate } from 'selfsigned';
import { z } from 'zod';

// A stand-in for Microsoft Entra ID's token endpoint and the slice of Microsoft Graph v1.0 the calendar uses, on
// loopback — as tests/helpers/fake-connector.ts is for the Bot Framework connector. Every request body is checked
// against schemas written from Microsoft Learn's pages (event resource, dateTimeTimeZone, attendee, itemBody,
// Create/Update/Cancel event, singleValueLegacyExtendedProperty), independent of the code under test: a misspelt or
// undocumented field, a wrong enum value or an undocumented time zone answers 400 and lands in `violations`.
// It can throttle (429 + Retry-After), fail (503/504), hang, drop the connection after doing the work, or be down.

// ---------------------------------------------------------------------------------------------------------------
// The documented request shapes.

// "any of the time zones supported by Windows, as well as the following time zones names" (dateTimeTimeZone). A
// sample of Windows names, and the IANA names the page lists for Europe; Europe/Stockholm is not among them.
const WINDOWS_ZONES: Record<string, string> = {
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'Romance Standard Time': 'Europe/Paris',
  'GMT Standard Time': 'Europe/London',
  'FLE Standard Time': 'Europe/Kiev',
  UTC: 'UTC',
};
const LISTED_IANA = ['Etc/GMT', 'Europe/London', 'Atlantic/Reykjavik', 'Europe/Berlin', 'Europe/Budapest', 'Europe/Paris', 'Europe/Warsaw', 'Europe/Bucharest', 'Europe/Istanbul', 'Europe/Kaliningrad', 'Europe/Moscow', 'Asia/Kathmandu'];
const zoneOf = (timeZone: string): string => WINDOWS_ZONES[timeZone] ?? timeZone;

const dateTimeTimeZone = z
  .object({
    dateTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?$/, 'a local date and time without an offset'),
    timeZone: z.string().refine((tz) => tz in WINDOWS_ZONES || LISTED_IANA.includes(tz), 'a Windows time zone or one of the IANA names dateTimeTimeZone lists'),
  })
  .strict();
const emailAddress = z.object({ address: z.string().email(), name: z.string().optional() }).strict();
const attendee = z.object({ emailAddress, type: z.enum(['required', 'optional', 'resource']) }).strict();
const itemBody = z.object({ contentType: z.enum(['text', 'html']), content: z.string() }).strict();
const location = z
  .object({ displayName: z.string(), locationType: z.string().optional(), locationUri: z.string().optional(), locationEmailAddress: z.string().optional() })
  .strict();
const extendedProperty = z
  .object({ id: z.string().regex(/^String \{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\} Name [A-Za-z][A-Za-z0-9_]*$/, 'String {GUID} Name <name>'), value: z.string() })
  .strict();
const updatable = {
  attendees: z.array(attendee).max(500, 'an event holds at most 500 attendees'),
  body: itemBody,
  categories: z.array(z.string()),
  end: dateTimeTimeZone,
  hideAttendees: z.boolean(),
  importance: z.enum(['low', 'normal', 'high']),
  isAllDay: z.boolean(),
  isOnlineMeeting: z.boolean(),
  isReminderOn: z.boolean(),
  location,
  locations: z.array(location),
  onlineMeetingProvider: z.enum(['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer']),
  reminderMinutesBeforeStart: z.number().int(),
  responseRequested: z.boolean(),
  sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']),
  start: dateTimeTimeZone,
  subject: z.string(),
  singleValueExtendedProperties: z.array(extendedProperty),
};
/** POST /users/{id}/events: the event resource's writable properties. */
const createEventBody = z
  .object({ ...updatable, allowNewTimeProposals: z.boolean(), transactionId: z.string().min(1) })
  .partial()
  .strict()
  .required({ start: true, end: true, subject: true });
/** PATCH /users/{id}/events/{id}: the properties "Update event" lists (transactionId cannot change after creation). */
const updateEventBody = z.object(updatable).partial().strict();
/** POST /users/{id}/events/{id}/cancel */
const cancelBody = z.object({ Comment: z.string().optional(), comment: z.string().optional() }).strict();

// ---------------------------------------------------------------------------------------------------------------

export interface GraphCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  prefer: string | undefined;
  at: number;
}

export type FaultRule = (call: GraphCall, index: number) => Fault | null;
export type Fault =
  /** Answer with this status instead of doing the work (429/503/504 with or without Retry-After). */
  | { status: number; retryAfter?: string }
  /** Do the work, then answer with this status anyway (a gateway timeout after the write reached Exchange). */
  | { status: number; retryAfter?: string; afterWork: true }
  /** Do the work, then drop the connection without an answer. */
  | { drop: true };

interface StoredAttendee {
  address: string;
  name: string | undefined;
  type: 'required' | 'optional' | 'resource';
  response: string;
  time: string;
}
export interface StoredEvent {
  id: string;
  transactionId: string | undefined;
  tags: Array<{ id: string; value: string }>;
  subject: string;
  bodyHtml: string;
  start: number;
  end: number;
  location: string;
  attendees: StoredAttendee[];
  isCancelled: boolean;
  cancelComment: string | undefined;
  joinUrl: string | undefined;
  allowNewTimeProposals: boolean;
}

const NEVER = '0001-01-01T00:00:00Z';
const EMPTY_BODY = (inner: string) => `<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head><body>${inner}</body></html>`;
/** Like Exchange's block in a Teams meeting invitation: opened and closed by a line of underscores. */
const teamsBlock = (joinUrl: string) =>
  `<div><br></div><div style="width:100%"><span style="white-space:nowrap;color:#5F5F5F;opacity:.36">________________________________________________________________________________</span></div>` +
  `<div class="me-email-text" lang="sv-SE"><div style="margin-bottom:24px"><span class="me-email-text" style="font-size:24px;font-weight:700">Microsoft Teams-möte</span></div>` +
  `<div><a class="me-email-headline" href="${joinUrl}" target="_blank" rel="noreferrer noopener">Anslut till mötet nu</a></div></div>` +
  `<div style="width:100%"><span style="white-space:nowrap;color:#5F5F5F;opacity:.36">________________________________________________________________________________</span></div>`;

export interface FakeGraphOptions {
  tenantId: string;
  clientId: string;
  /** The secret the app registration has (for the client-secret flow). */
  clientSecret?: string;
  /** PEM of the app registration's certificate (for the certificate flow). */
  clientCertificatePem?: string;
  /** The only mailbox the application access policy lets the app into; others answer 403. */
  mailbox: string;
}

export class FakeGraph {
  readonly events = new Map<string, StoredEvent>();
  readonly calls: GraphCall[] = [];
  readonly tokenRequests: Array<Record<string, string>> = [];
  /** Every way a request broke the documented API; a test expects it to stay empty. */
  readonly violations: string[] = [];
  fault: FaultRule | null = null;
  tokenFault: { status: number; error: string } | null = null;
  /** Never answer Graph calls (a hung service). */
  hang = false;
  authorityHost = '';
  graphBaseUrl = '';
  /** The self-signed certificate of the token service, for the test's https agent. */
  caPem = '';
  private graphServer!: Server;
  private tokenServer!: Server;
  private graphPort = 0;
  private readonly sockets = new Set<Socket>();
  private readonly issued = new Set<string>();
  private nextId = 1;

  constructor(readonly options: FakeGraphOptions) {}

  async start(): Promise<this> {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    this.caPem = pems.cert;
    this.tokenServer = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => void this.handleToken(req, res));
    await new Promise<void>((resolve) => this.tokenServer.listen(0, '127.0.0.1', resolve));
    this.authorityHost = `https://127.0.0.1:${(this.tokenServer.address() as AddressInfo).port}`;
    await this.startGraph();
    return this;
  }

  /** Brings Graph back on the same port after `stopGraph`. */
  async startGraph(): Promise<void> {
    this.graphServer = createHttpServer((req, res) => void this.handleGraph(req, res));
    this.graphServer.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.graphServer.listen(this.graphPort, '127.0.0.1', resolve));
    this.graphPort = (this.graphServer.address() as AddressInfo).port;
    this.graphBaseUrl = `http://127.0.0.1:${this.graphPort}`;
  }

  /** Graph down: connections are refused until `startGraph`. */
  async stopGraph(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.graphServer.close(() => resolve()));
  }

  async close(): Promise<void> {
    if (this.graphServer.listening) await this.stopGraph();
    this.tokenServer.closeAllConnections();
    await new Promise<void>((resolve) => this.tokenServer.close(() => resolve()));
  }

  /** An attendee answers in Outlook. */
  respond(eventId: string, address: string, response: 'accepted' | 'declined' | 'tentativelyAccepted', time: Date): void {
    const a = this.event(eventId).attendees.find((x) => x.address.toLowerCase() === address.toLowerCase());
    if (!a) throw new Error(`${address} is not an attendee`);
    a.response = response;
    a.time = time.toISOString().replace('.000Z', 'Z');
  }

  event(eventId: string): StoredEvent {
    const e = this.events.get(eventId);
    if (!e) throw new Error(`no event ${eventId}`);
    return e;
  }

  /** A token Graph accepts, for tests that talk to the fake directly. */
  issueToken(): string {
    const token = `fake-${randomUUID()}`;
    this.issued.add(token);
    return token;
  }

  /** Graph calls other than the token service, as "METHOD path". */
  get requests(): string[] {
    return this.calls.map((c) => `${c.method} ${c.path}`);
  }

  // --- the token service ---------------------------------------------------------------------------------------

  private async handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', this.authorityHost);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const tenant = this.options.tenantId;
    if (req.method === 'GET' && url.pathname === `/${tenant}/v2.0/.well-known/openid-configuration`) {
      const base = `${this.authorityHost}/${tenant}`;
      return json(200, {
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
      });
    }
    if (req.method === 'POST' && url.pathname === `/${tenant}/oauth2/v2.0/token`) {
      const form = Object.fromEntries(new URLSearchParams(text));
      this.tokenRequests.push(form);
      if (this.tokenFault) return json(this.tokenFault.status, { error: this.tokenFault.error, error_description: 'fake token failure', error_codes: [0] });
      const problem = this.checkClientCredentials(form, `${this.authorityHost}/${tenant}/oauth2/v2.0/token`);
      if (problem) return json(401, { error: 'invalid_client', error_description: problem, error_codes: [7000215] });
      const token = `fake-${randomUUID()}`;
      this.issued.add(token);
      return json(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
    }
    this.violations.push(`token service: unexpected ${req.method} ${url.pathname}`);
    return json(404, { error: 'not_found' });
  }

  private checkClientCredentials(form: Record<string, string>, audience: string): string | null {
    if (form.grant_type !== 'client_credentials') return `grant_type ${form.grant_type}`;
    if (form.client_id !== this.options.clientId) return 'unknown client_id';
    if (!(form.scope ?? '').split(' ').includes('https://graph.microsoft.com/.default')) return `scope ${form.scope}`;
    if (form.client_secret !== undefined) return form.client_secret === this.options.clientSecret ? null : 'wrong secret';
    if (form.client_assertion_type === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' && form.client_assertion && this.options.clientCertificatePem) {
      return verifyAssertion(form.client_assertion, this.options.clientCertificatePem, this.options.clientId, audience);
    }
    return 'no client credential';
  }

  // --- Graph -----------------------------------------------------------------------------------------------------

  private async handleGraph(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    if (this.hang) return; // never answer; the client's timeout must end the call
    const url = new URL(req.url ?? '/', this.graphBaseUrl);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const call: GraphCall = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: Object.fromEntries(url.searchParams), body, prefer: header(req, 'prefer'), at: Date.now() };
    const index = this.calls.length;
    this.calls.push(call);
    const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(value === undefined ? {} : { 'Content-Type': 'application/json' }), 'request-id': randomUUID(), ...headers });
      res.end(value === undefined ? undefined : JSON.stringify(value));
    };
    const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
      send(status, { error: { code, message, innerError: { 'request-id': randomUUID(), date: new Date().toISOString() } } }, headers);

    const auth = header(req, 'authorization');
    if (!auth?.startsWith('Bearer ') || !this.issued.has(auth.slice('Bearer '.length))) {
      this.violations.push(`${call.method} ${call.path}: no valid bearer token`);
      return error(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    }
    const fault = this.fault?.(call, index) ?? null;
    if (fault && !('drop' in fault) && !('afterWork' in fault)) {
      return error(fault.status, fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'fake fault', fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {});
    }
    const route = /^\/v1\.0\/users\/([^/]+)\/events(?:\/([^/]+))?(?:\/(cancel))?$/.exec(call.path);
    if (!route) {
      this.violations.push(`unexpected ${call.method} ${call.path}`);
      return error(400, 'BadRequest', 'Resource not found for the segment.');
    }
    const [, user, eventId, action] = route;
    if ((user ?? '').toLowerCase() !== this.options.mailbox.toLowerCase()) {
      // What an application access policy (or RBAC for Applications) answers outside its scope.
      return error(403, 'ErrorAccessDenied', 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.');
    }
    const outcome = this.route(call, eventId, action);
    if (fault && 'drop' in fault) {
      req.socket.destroy();
      return;
    }
    if (fault && 'afterWork' in fault) {
      return error(fault.status, fault.status === 429 ? 'TooManyRequests' : 'GatewayTimeout', 'fake fault after the work was done', fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {});
    }
    if ('error' in outcome) return error(outcome.status, outcome.error, outcome.message);
    return send(outcome.status, outcome.value);
  }

  private route(call: GraphCall, eventId: string | undefined, action: string | undefined): { status: number; value?: unknown } | { status: number; error: string; message: string } {
    const invalid = (what: string, issues: z.ZodIssue[]) => {
      const message = issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
      this.violations.push(`${call.method} ${call.path}: ${what}: ${message}`);
      return { status: 400, error: 'RequestBodyRead', message };
    };
    const zoneOut = this.preferredZone(call);
    if (call.method === 'GET' && eventId === undefined) {
      const m = /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '([^']+)' and ep\/value eq '([^']+)'\)$/.exec(call.query.$filter ?? '');
      if (!m) {
        this.violations.push(`GET events: unsupported $filter ${call.query.$filter}`);
        return { status: 400, error: 'ErrorInvalidUrlQueryFilter', message: 'unsupported filter' };
      }
      const [, propertyId, value] = m;
      // Cancelled events sit in Deleted Items, outside the calendar's list.
      const found = [...this.events.values()].filter((e) => !e.isCancelled && e.tags.some((t) => t.id === propertyId && t.value.toLowerCase() === (value ?? '').toLowerCase()));
      return { status: 200, value: { value: found.map((e) => this.render(e, zoneOut, call.query.$select)) } };
    }
    if (call.method === 'POST' && eventId === undefined) {
      const parsed = createEventBody.safeParse(call.body);
      if (!parsed.success) return invalid('create event', parsed.error.issues);
      const b = parsed.data;
      if (b.transactionId !== undefined) {
        const existing = [...this.events.values()].find((e) => e.transactionId === b.transactionId);
        // transactionId: "avoid redundant POST operations in case of client retries to create the same event".
        if (existing) return { status: 201, value: this.render(existing, zoneOut) };
      }
      const start = instantOf(b.start);
      const end = instantOf(b.end);
      if (end <= start) return invalid('create event', [{ code: 'custom', path: ['end'], message: 'end before start' }]);
      const id = `AAMkAD${String(this.nextId++).padStart(6, '0')}=`;
      const joinUrl = b.isOnlineMeeting ? `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${createHash('sha1').update(id).digest('hex')}%40thread.v2/0` : undefined;
      const event: StoredEvent = {
        id,
        transactionId: b.transactionId,
        tags: b.singleValueExtendedProperties ?? [],
        subject: b.subject,
        bodyHtml: EMPTY_BODY((b.body?.content ?? '') + (joinUrl ? teamsBlock(joinUrl) : '')),
        start,
        end,
        location: b.location?.displayName ?? (joinUrl ? 'Microsoft Teams-möte' : ''),
        attendees: (b.attendees ?? []).map((a) => ({ address: a.emailAddress.address, name: a.emailAddress.name, type: a.type, response: 'none', time: NEVER })),
        isCancelled: false,
        cancelComment: undefined,
        joinUrl,
        allowNewTimeProposals: b.allowNewTimeProposals ?? true,
      };
      this.events.set(id, event);
      return { status: 201, value: this.render(event, zoneOut) };
    }
    const event = eventId === undefined ? undefined : this.events.get(eventId);
    if (!event) return { status: 404, error: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' };
    if (call.method === 'GET' && !action) return { status: 200, value: this.render(event, zoneOut, call.query.$select) };
    if (call.method === 'PATCH' && !action) {
      const parsed = updateEventBody.safeParse(call.body);
      if (!parsed.success) return invalid('update event', parsed.error.issues);
      const b = parsed.data;
      if (b.subject !== undefined) event.subject = b.subject;
      if (b.location !== undefined) event.location = b.location.displayName;
      if (b.start !== undefined || b.end !== undefined) {
        const start = b.start ? instantOf(b.start) : event.start;
        const end = b.end ? instantOf(b.end) : event.end;
        if (end <= start) return invalid('update event', [{ code: 'custom', path: ['end'], message: 'end before start' }]);
        if (start !== event.start || end !== event.end) {
          // A new time is a new request: Exchange clears every response.
          for (const a of event.attendees) Object.assign(a, { response: 'none', time: NEVER });
        }
        Object.assign(event, { start, end });
      }
      if (b.attendees !== undefined) {
        event.attendees = b.attendees.map((a) => {
          const before = event.attendees.find((x) => x.address.toLowerCase() === a.emailAddress.address.toLowerCase());
          return { address: a.emailAddress.address, name: a.emailAddress.name, type: a.type, response: before?.response ?? 'none', time: before?.time ?? NEVER };
        });
      }
      if (b.body !== undefined) {
        event.bodyHtml = /<html/i.test(b.body.content) ? b.body.content : EMPTY_BODY(b.body.content);
        // Update event: "Inadvertently removing the meeting blob from the body would disable meeting online."
        if (event.joinUrl && !event.bodyHtml.includes(event.joinUrl)) event.joinUrl = undefined;
      }
      return { status: 200, value: this.render(event, zoneOut) };
    }
    if (call.method === 'POST' && action === 'cancel') {
      const parsed = cancelBody.safeParse(call.body ?? {});
      if (!parsed.success) return invalid('cancel event', parsed.error.issues);
      if (event.isCancelled) return { status: 404, error: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' };
      event.isCancelled = true;
      event.cancelComment = parsed.data.Comment ?? parsed.data.comment;
      return { status: 202 };
    }
    this.violations.push(`unexpected ${call.method} ${call.path}`);
    return { status: 405, error: 'ErrorInvalidRequest', message: 'method not allowed' };
  }

  /** Prefer: outlook.timezone="…" — otherwise Graph answers in UTC. */
  private preferredZone(call: GraphCall): string {
    const m = /outlook\.timezone="([^"]+)"/.exec(call.prefer ?? '');
    if (m?.[1] && !(m[1] in WINDOWS_ZONES) && !LISTED_IANA.includes(m[1])) this.violations.push(`Prefer outlook.timezone ${m[1]} is not a supported zone`);
    return m?.[1] ?? 'UTC';
  }

  private render(e: StoredEvent, timeZone: string, select?: string): Record<string, unknown> {
    const local = (ms: number) => ({ dateTime: `${format(new TZDate(ms, zoneOf(timeZone)), "yyyy-MM-dd'T'HH:mm:ss")}.0000000`, timeZone });
    const full: Record<string, unknown> = {
      '@odata.etag': `W/"${createHash('sha1').update(JSON.stringify(e)).digest('base64')}"`,
      id: e.id,
      subject: e.subject,
      body: { contentType: 'html', content: e.bodyHtml },
      start: local(e.start),
      end: local(e.end),
      location: { displayName: e.location, locationType: 'default', uniqueIdType: 'unknown' },
      attendees: e.attendees.map((a) => ({ type: a.type, status: { response: a.response, time: a.time }, emailAddress: { name: a.name ?? a.address, address: a.address } })),
      isCancelled: e.isCancelled,
      isOnlineMeeting: e.joinUrl !== undefined,
      onlineMeetingProvider: e.joinUrl !== undefined ? 'teamsForBusiness' : 'unknown',
      onlineMeeting: e.joinUrl !== undefined ? { joinUrl: e.joinUrl } : null,
      allowNewTimeProposals: e.allowNewTimeProposals,
      organizer: { emailAddress: { name: 'STARK', address: this.options.mailbox } },
      ...(e.transactionId !== undefined ? { transactionId: e.transactionId } : {}),
    };
    if (!select) return full;
    const keep = new Set(['@odata.etag', 'id', ...select.split(',').map((s) => s.trim())]);
    return Object.fromEntries(Object.entries(full).filter(([k]) => keep.has(k)));
  }
}

function instantOf(dt: { dateTime: string; timeZone: string }): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(dt.dateTime);
  if (!m) throw new Error(`bad dateTime ${dt.dateTime}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new TZDate(y, mo - 1, d, h, mi, s, zoneOf(dt.timeZone)).getTime();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const b64url = (s: string) => Buffer.from(s, 'base64url');

/** RFC 7523 client assertion as MSAL signs it (RS256 with x5t, or PS256 with x5t#S256), checked against the cert. */
function verifyAssertion(jwt: string, certPem: string, clientId: string, audience: string): string | null {
  const [h, p, s] = jwt.split('.');
  if (!h || !p || !s) return 'malformed assertion';
  const head = JSON.parse(b64url(h).toString('utf8')) as { alg?: string };
  const claims = JSON.parse(b64url(p).toString('utf8')) as { aud?: string; iss?: string; sub?: string; exp?: number };
  const key = new X509Certificate(certPem).publicKey;
  const data = Buffer.from(`${h}.${p}`);
  const ok =
    head.alg === 'PS256'
      ? verify('sha256', data, { key, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, b64url(s))
      : head.alg === 'RS256'
        ? verify('sha256', data, key, b64url(s))
        : false;
  if (!ok) return `assertion signature (${head.alg})`;
  if (claims.iss !== clientId || claims.sub !== clientId) return 'assertion iss/sub';
  if (claims.aud !== audience) return `assertion aud ${claims.aud}`;
  if (!claims.exp || claims.exp * 1000 < Date.now()) return 'assertion expired';
  return null;
}
