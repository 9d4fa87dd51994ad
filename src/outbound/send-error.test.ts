import { describe, expect, it } from 'vitest';
import { SendError, describeSendError, isTransientStatus, parseRetryAfter, permanentFailureReason } from './send-error.js';

const now = Date.UTC(2027, 2, 29, 8, 0, 0);

describe('Retry-After', () => {
  it('reads delta-seconds as milliseconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until it', () => {
    expect(parseRetryAfter('Mon, 29 Mar 2027 08:00:07 GMT', now)).toBe(7000);
  });

  it('treats an HTTP date in the past as "retry now"', () => {
    expect(parseRetryAfter('Mon, 29 Mar 2027 07:59:00 GMT', now)).toBe(0);
  });

  it('ignores a value that is neither', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('reading a failed send', () => {
  it("reads botbuilder's RestError: statusCode and response.headers.get('retry-after')", () => {
    const headers = new Map([['retry-after', '2']]);
    const error = Object.assign(new Error('Too Many Requests'), {
      name: 'RestError',
      statusCode: 429,
      response: { status: 429, headers: { get: (name: string) => headers.get(name) } },
    });
    expect(describeSendError(error, now)).toEqual({ statusCode: 429, retryAfterMs: 2000, message: 'Too Many Requests' });
  });

  it('reads an axios error: response.status and a plain header object in any letter case', () => {
    const error = Object.assign(new Error('Request failed with status code 503'), {
      response: { status: 503, headers: { 'Retry-After': 'Mon, 29 Mar 2027 08:00:04 GMT' } },
    });
    expect(describeSendError(error, now)).toMatchObject({ statusCode: 503, retryAfterMs: 4000 });
  });

  it("prefers Azure's millisecond header when present", () => {
    const error = { statusCode: 429, response: { headers: { 'retry-after': '1', 'retry-after-ms': '1500' } } };
    expect(describeSendError(error, now).retryAfterMs).toBe(1500);
  });

  it('reads our own SendError', () => {
    expect(describeSendError(new SendError('gone', { statusCode: 404 }), now)).toEqual({ statusCode: 404, message: 'gone' });
    expect(describeSendError(new SendError('slow down', { statusCode: 429, retryAfterMs: 250 }), now).retryAfterMs).toBe(250);
  });

  it('has no status for a network error or a thrown non-error', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(describeSendError(reset, now)).toEqual({ message: 'socket hang up' });
    expect(describeSendError('boom', now)).toEqual({ message: 'boom' });
  });
});

describe('which failures are worth a retry', () => {
  it.each([408, 412, 429, 500, 502, 503, 504, undefined])('%s is transient', (status) => {
    expect(isTransientStatus(status)).toBe(true);
  });

  it.each([400, 401, 403, 404, 413])('%s is permanent', (status) => {
    expect(isTransientStatus(status)).toBe(false);
  });

  it('names 403 as blocked, 404 as conversation not found, other 4xx as rejected', () => {
    expect(permanentFailureReason(403)).toBe('blocked');
    expect(permanentFailureReason(404)).toBe('conversationNotFound');
    expect(permanentFailureReason(400)).toBe('rejected');
  });
});
