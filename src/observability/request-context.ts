import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What one unit of work carries through every await: the HTTP request (a turn), a background job run, or the
 * sending of one outbound message. Log lines read the request id from here, so handlers never pass it around;
 * outbound messages copy it into their queue entry, so a reminder or invitation sent minutes later (or after a
 * restart) still names the turn that caused it.
 */
export interface RequestContext {
  requestId: string;
  /** The route or card verb that handled the turn; the label of the turn-latency metric. */
  command?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequest<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** Names the command handling the current turn (a text route's name or an Action.Execute verb). */
export function setCommand(command: string): void {
  const context = storage.getStore();
  if (context) context.command = command;
}

// An id a proxy or client sent (X-Request-Id) is kept when it is short and plain, so it can be followed across
// hops; anything else is replaced, since it would be written into every log line of the request.
const PLAIN_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && PLAIN_ID.test(header) ? header : randomUUID();
}
