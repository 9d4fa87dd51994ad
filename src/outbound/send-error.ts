// Reading a failed send: status code and Retry-After from our own SendError, from botbuilder's RestError
// (@azure/core-rest-pipeline: `statusCode`, `response.headers.get()`), or from an axios error
// (`response.status`, `response.headers` as a plain object or AxiosHeaders).
import type { DeliveryFailureReason } from './outbound-job.js';

export class SendError extends Error {
  readonly statusCode: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { statusCode?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SendError';
    this.statusCode = options.statusCode;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export interface SendErrorInfo {
  statusCode?: number;
  retryAfterMs?: number;
  message: string;
}

// Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). A date in the past means "now".
export function parseRetryAfter(value: string, nowMs: number): number | undefined {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export function describeSendError(error: unknown, nowMs: number): SendErrorInfo {
  const message = error instanceof Error ? error.message : String(error);
  if (!isRecord(error)) return { message };
  const response = isRecord(error.response) ? error.response : undefined;
  const statusCode =
    toStatus(error.statusCode) ?? toStatus(error.status) ?? toStatus(response?.status) ?? toStatus(response?.statusCode);
  const retryAfterMs = toNonNegative(error.retryAfterMs) ?? retryAfterFromHeaders(response?.headers ?? error.headers, nowMs);
  const info: SendErrorInfo = { message };
  if (statusCode !== undefined) info.statusCode = statusCode;
  if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs;
  return info;
}

// Teams' guidance: back off and retry on 429, 412, 502, 504; we retry every 5xx and 408 as well.
// No status at all means the request did not get an HTTP answer (reset, timeout): also worth a retry.
export function isTransientStatus(statusCode: number | undefined): boolean {
  if (statusCode === undefined) return true;
  return statusCode === 408 || statusCode === 412 || statusCode === 429 || statusCode >= 500;
}

export function permanentFailureReason(statusCode: number | undefined): DeliveryFailureReason {
  if (statusCode === 403) return 'blocked';
  if (statusCode === 404) return 'conversationNotFound';
  return 'rejected';
}

function retryAfterFromHeaders(headers: unknown, nowMs: number): number | undefined {
  // Azure services also send the millisecond variants; they are more precise when present.
  const ms = headerValue(headers, 'retry-after-ms') ?? headerValue(headers, 'x-ms-retry-after-ms');
  if (ms !== undefined && /^\d+$/.test(ms.trim())) return Number(ms.trim());
  const value = headerValue(headers, 'retry-after');
  return value === undefined ? undefined : parseRetryAfter(value, nowMs);
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!isRecord(headers)) return undefined;
  const get = headers.get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, name);
    const text = headerText(value);
    if (text !== undefined) return text;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return headerText(value);
  }
  return undefined;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return headerText(value[0]);
  return undefined;
}

function toStatus(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

function toNonNegative(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
