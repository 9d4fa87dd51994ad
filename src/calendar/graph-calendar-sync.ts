import type { TokenCredential } from '@azure/identity';
import { Client, GraphError, HTTPMessageHandler, RetryHandler, RetryHandlerOptions, type Context, type Middleware, type ShouldRetry } from '@microsoft/microsoft-graph-client';
import { outlookResponseValueSchema, type OutlookAttendeeResponse } from '../domain/meetings/outlook-responses.js';
import { syncedEventSchema, type CalendarEventTarget, type CalendarFailure, type CalendarSync, type CalendarSyncState, type ReadResponsesResult, type ReconcileResult, type SyncedEvent } from './calendar-sync.js';
import { agendaHtml, bodyKeepingTeamsBlock } from './graph-body.js';
import { GRAPH_TIME_ZONE, MEETING_ID_PROPERTY, createRequestOf, liveEventSchema, patchOf, syncedOf, type GraphEventPatch, type LiveEvent } from './graph-event.js';

/** Application permission: whatever the app was granted (Calendars.ReadWrite, limited to the organiser mailbox). */
export const APPLICATION_SCOPES = ['https://graph.microsoft.com/.default'];
/** Delegated sign-in of the organiser: only what the calendar needs. */
export const DELEGATED_SCOPES = ['https://graph.microsoft.com/Calendars.ReadWrite'];

export interface GraphCalendarOptions {
  /**
   * Where tokens come from: ClientSecretCredential / ClientCertificateCredential for the application permission
   * (see graph-credentials.ts), or any delegated TokenCredential of the organiser with DELEGATED_SCOPES.
   */
  credential: TokenCredential;
  scopes: readonly string[];
  organiserMailbox: string;
  /** https://graph.microsoft.com unless a test points it at a fake. */
  graphBaseUrl?: string;
  /**
   * Retries inside one call (Graph client's RetryHandler: 429/503/504, Retry-After honoured, otherwise exponential
   * backoff with jitter). A Retry-After longer than `maxInlineWaitSeconds` is not waited out here: the call ends
   * 'throttled' with retryAfterMs and the job retries later (see nextSyncAttemptAt).
   */
  retry?: { maxRetries?: number; delaySeconds?: number; maxInlineWaitSeconds?: number };
  /** Per HTTP attempt. */
  requestTimeoutMs?: number;
  clock?: () => Date;
}

type Step<T> = { ok: true; value: T } | CalendarFailure;

const sameEvent = (a: SyncedEvent, b: SyncedEvent): boolean => JSON.stringify(syncedEventSchema.parse(a)) === JSON.stringify(syncedEventSchema.parse(b));

/** Gives every attempt (the RetryHandler repeats the ones below it) its own deadline. */
class TimeoutHandler implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly ms: number) {}
  async execute(context: Context): Promise<void> {
    context.options = { ...(context.options ?? {}), signal: AbortSignal.timeout(this.ms) };
    if (!this.next) throw new Error('TimeoutHandler needs a next middleware');
    await this.next.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

function retryAfterMsOf(headers: Headers | undefined, nowMs: number): number | undefined {
  const value = headers?.get('Retry-After');
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const failure = (reason: CalendarFailure['reason'], detail: string, retryAfterMs?: number): CalendarFailure => ({
  ok: false,
  reason,
  retryable: reason === 'throttled' || reason === 'unavailable',
  ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  detail,
});

/** A Graph error (or a fetch that never got an answer) as a tagged failure. */
export function graphFailureOf(error: unknown, nowMs: number): CalendarFailure {
  if (error instanceof GraphError) {
    const status = error.statusCode;
    const detail = `graph ${status} ${error.code ?? ''}`.trim();
    const retryAfterMs = retryAfterMsOf(error.headers, nowMs);
    if (status === 429) return failure('throttled', detail, retryAfterMs);
    if (status === 401 || status === 403) return failure('forbidden', detail);
    if (status === 404 || status === 410) return failure('notFound', detail);
    if (status === undefined || status < 100 || status === 408 || status >= 500) return failure('unavailable', detail, retryAfterMs);
    return failure('rejected', detail);
  }
  return failure('unavailable', `graph ${error instanceof Error ? error.name : 'error'}`);
}

// OAuth 2.0 error codes (RFC 6749 §5.2) that mean the credentials or the grant are wrong: a person must act.
const REFUSED = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant', 'invalid_request', 'invalid_scope', 'access_denied', 'consent_required', 'interaction_required']);

/** A token that could not be had: refused credentials need a person, an unreachable token service a retry. */
export function tokenFailureOf(error: unknown): CalendarFailure {
  const name = error instanceof Error ? error.name : 'error';
  if (name === 'CredentialUnavailableError') return failure('forbidden', 'token credential unavailable');
  // @azure/identity puts the OAuth error first in the message ("invalid_client: Error(s): 7000215 …"), and in
  // errorResponse.error when it has the parsed answer.
  const response = error instanceof Error && 'errorResponse' in error ? (error.errorResponse as { error?: unknown } | undefined) : undefined;
  const code = typeof response?.error === 'string' ? response.error : (/^([a-z_]+):/.exec(error instanceof Error ? error.message : '')?.[1] ?? name);
  return REFUSED.has(code) ? failure('forbidden', `token ${code}`) : failure('unavailable', `token ${code}`);
}

/** The Microsoft Graph calendar backend: events in the organiser mailbox's calendar, kept in step with the meetings. */
export function createGraphCalendarSync(options: GraphCalendarOptions): CalendarSync {
  const clock = options.clock ?? (() => new Date());
  const { maxRetries = 3, delaySeconds = 3, maxInlineWaitSeconds = 30 } = options.retry ?? {};
  const shouldRetry: ShouldRetry = (_delay, _attempt, _request, _options, response) => {
    const wait = retryAfterMsOf(response.headers, clock().getTime());
    return wait === undefined || wait <= maxInlineWaitSeconds * 1000;
  };
  const client = Client.initWithMiddleware({
    baseUrl: (options.graphBaseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '') + '/',
    defaultVersion: 'v1.0',
    middleware: [new RetryHandler(new RetryHandlerOptions(delaySeconds, maxRetries, shouldRetry)), new TimeoutHandler(options.requestTimeoutMs ?? 30_000), new HTTPMessageHandler()],
  });
  const mailbox = `/users/${encodeURIComponent(options.organiserMailbox.toLowerCase())}`;

  async function token(): Promise<Step<string>> {
    try {
      const t = await options.credential.getToken([...options.scopes]);
      if (!t) return failure('forbidden', 'token none');
      return { ok: true, value: t.token };
    } catch (error) {
      return tokenFailureOf(error);
    }
  }

  /** One Graph call with a fresh (cached) token; ids stay stable through moves to Deleted Items (ImmutableId). */
  async function call<T>(send: (request: (path: string) => ReturnType<Client['api']>) => Promise<T>): Promise<Step<T>> {
    const t = await token();
    if (!t.ok) return t;
    const request = (path: string) =>
      client
        .api(path)
        .header('Authorization', `Bearer ${t.value}`)
        .header('Prefer', `outlook.timezone="${GRAPH_TIME_ZONE}", IdType="ImmutableId"`);
    try {
      return { ok: true, value: await send(request) };
    } catch (error) {
      return graphFailureOf(error, clock().getTime());
    }
  }

  const eventPath = (eventId: string) => `${mailbox}/events/${encodeURIComponent(eventId)}`;
  const parseEvent = (value: unknown): Step<LiveEvent> => {
    const parsed = liveEventSchema.safeParse(value);
    return parsed.success ? { ok: true, value: parsed.data } : failure('rejected', 'graph answered with an unexpected event shape');
  };

  async function findEvent(meetingId: string): Promise<Step<string | undefined>> {
    const found = await call((r) =>
      r(`${mailbox}/events`)
        .filter(`singleValueExtendedProperties/Any(ep: ep/id eq '${MEETING_ID_PROPERTY}' and ep/value eq '${meetingId}')`)
        .select(['id', 'isCancelled'])
        .top(5)
        .get() as Promise<unknown>,
    );
    if (!found.ok) return found;
    const list = liveEventSchema.pick({ id: true, isCancelled: true }).array().safeParse((found.value as { value?: unknown } | undefined)?.value);
    return { ok: true, value: list.success ? list.data.find((e) => e.isCancelled !== true)?.id : undefined };
  }

  async function reconcile({ target, state, force = false }: { target: CalendarEventTarget; state: CalendarSyncState | null; force?: boolean }): Promise<ReconcileResult> {
    if (state && target.sequence < state.syncedSequence) return { ok: true, action: 'stale', state };
    if (state?.cancelled) return { ok: true, action: 'unchanged', state };
    // Attendee changes (added, removed, substitutes called) do not bump the meeting's sequence, so "already in step"
    // is judged by content: what was last written against what the target asks for.
    if (state?.eventId !== undefined && state.synced && target.status === 'scheduled' && !force && sameEvent(state.synced, syncedOf(target))) {
      return { ok: true, action: 'unchanged', state };
    }
    const now = clock().toISOString();
    let current: CalendarSyncState = state ?? {
      backend: 'graph',
      meetingId: target.meetingId,
      generation: 0,
      syncedSequence: -1,
      cancelled: false,
      answersValidFrom: now,
      agendaInSync: true,
    };
    const fail = (f: CalendarFailure): ReconcileResult => ({ ...f, state: current });

    // A create that failed without an answer may still have made the event: look for our tag before creating.
    if (current.eventId === undefined) {
      const found = await findEvent(target.meetingId);
      if (!found.ok) return fail(found);
      if (found.value !== undefined) current = { ...current, eventId: found.value };
    }

    if (target.status === 'cancelled') {
      if (current.eventId === undefined) return { ok: true, action: 'unchanged', state: { ...current, cancelled: true, syncedSequence: Math.max(target.sequence, current.syncedSequence) } };
      const eventId = current.eventId;
      const comment = target.cancellationComment;
      const cancelled = await call((r) => r(`${eventPath(eventId)}/cancel`).post(comment !== undefined ? { comment } : {}) as Promise<unknown>);
      // Already gone (cancelled or deleted in Outlook): the goal, no event, is reached.
      if (!cancelled.ok && cancelled.reason !== 'notFound') return fail(cancelled);
      return { ok: true, action: 'cancelled', state: { ...current, cancelled: true, syncedSequence: Math.max(target.sequence, current.syncedSequence) } };
    }

    if (current.eventId === undefined) {
      const created = await call((r) => r(`${mailbox}/events`).post(createRequestOf({ target, generation: current.generation })) as Promise<unknown>);
      if (!created.ok) return fail(created);
      // Should the answer be unreadable, the event exists all the same: the next run finds it by its tag.
      const parsed = parseEvent(created.value);
      if (!parsed.ok) return fail(parsed);
      const event = parsed.value;
      const joinUrl = event.onlineMeeting?.joinUrl ?? undefined;
      return {
        ok: true,
        action: 'created',
        state: { ...current, eventId: event.id, syncedSequence: Math.max(target.sequence, current.syncedSequence), synced: syncedOf(target), answersValidFrom: now, agendaInSync: true, ...(joinUrl ? { joinUrl } : {}) },
      };
    }

    const eventId = current.eventId;
    const read = await call((r) => r(eventPath(eventId)).select(['subject', 'start', 'end', 'location', 'attendees', 'isCancelled', 'body', 'onlineMeeting']).get() as Promise<unknown>);
    if (!read.ok) return fail(read);
    const parsed = parseEvent(read.value);
    if (!parsed.ok) return fail(parsed);
    const live = parsed.value;
    if (live.isCancelled) return fail(failure('notFound', 'graph event cancelled in Outlook'));
    const joinUrl = live.onlineMeeting?.joinUrl ?? current.joinUrl;
    const { patch, bodyChanged, timeChanged } = patchOf({ target, live, synced: current.synced });
    const body: GraphEventPatch = { ...patch };
    let agendaInSync = !bodyChanged;
    if (bodyChanged) {
      const content = bodyKeepingTeamsBlock({ liveHtml: live.body?.content ?? '', newAgendaHtml: agendaHtml(target), joinUrl });
      if (content !== null) {
        body.body = { contentType: 'html', content };
        agendaInSync = true;
      }
    }
    const synced = syncedOf(target);
    const next: CalendarSyncState = {
      ...current,
      syncedSequence: Math.max(target.sequence, current.syncedSequence),
      // An agenda that could not be written keeps the old digest, so the next change tries again.
      synced: agendaInSync ? synced : { ...synced, bodyDigest: current.synced?.bodyDigest ?? '' },
      agendaInSync,
      ...(timeChanged ? { answersValidFrom: now } : {}),
      ...(joinUrl ? { joinUrl } : {}),
    };
    if (Object.keys(body).length === 0) return { ok: true, action: 'unchanged', state: next };
    const patched = await call((r) => r(eventPath(eventId)).patch(body) as Promise<unknown>);
    if (!patched.ok) return fail(patched);
    const after = liveEventSchema.safeParse(patched.value);
    const newJoinUrl = after.success ? (after.data.onlineMeeting?.joinUrl ?? undefined) : undefined;
    return { ok: true, action: 'updated', state: { ...next, ...(newJoinUrl ? { joinUrl: newJoinUrl } : {}) } };
  }

  async function readResponses({ state }: { state: CalendarSyncState }): Promise<ReadResponsesResult> {
    if (state.eventId === undefined) return { ok: true, responses: [], cancelledInOutlook: false };
    const eventId = state.eventId;
    const read = await call((r) => r(eventPath(eventId)).select(['attendees', 'isCancelled']).get() as Promise<unknown>);
    if (!read.ok) return read;
    const parsed = parseEvent(read.value);
    if (!parsed.ok) return parsed;
    const live = parsed.value;
    const organiser = options.organiserMailbox.toLowerCase();
    const responses: OutlookAttendeeResponse[] = [];
    for (const a of live.attendees ?? []) {
      const email = a.emailAddress?.address?.toLowerCase();
      const response = outlookResponseValueSchema.safeParse(a.status?.response ?? 'none');
      if (!email || email === organiser || !response.success) continue;
      // Graph reports "never answered" as the year 1.
      const time = a.status?.time && Date.parse(a.status.time) > Date.parse('1900-01-01T00:00:00Z') ? new Date(a.status.time).toISOString() : null;
      responses.push({ email, response: response.data, time });
    }
    return { ok: true, responses, cancelledInOutlook: live.isCancelled === true };
  }

  return { backend: 'graph', sendsInvitations: true, reconcile, readResponses };
}

