import { randomUUID } from 'node:crypto';
import type { StoreDocument } from './schema.js';

/**
 * Serialising the whole document on every flush is what limits the write rate as years of needs and meetings pile
 * up (36.8 MB at ten years' data: ~0.5 s of JSON.stringify per flush). Needs and meetings are records that the
 * code replaces, never changes in place (the domain returns new objects), so each record's JSON is computed once and
 * reused until the record is replaced. To make "never changes in place" a guarantee rather than a hope, a record is
 * frozen once its JSON is cached: an in-place change throws instead of silently going stale on disk.
 */
const cache = new WeakMap<object, string>();

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || value instanceof Date) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

function recordJson(record: object): string {
  let json = cache.get(record);
  if (json === undefined) {
    json = JSON.stringify(record);
    deepFreeze(record);
    cache.set(record, json);
  }
  return json;
}

const recordsJson = (records: readonly object[]): string => `[${records.map(recordJson).join(',')}]`;

// Placeholders for the record arrays while the rest is stringified; a per-process random part, so no stored text
// can ever equal one.
const nonce = randomUUID();
const NEEDS = `\u0000needs:${nonce}`;
const MEETINGS = `\u0000meetings:${nonce}`;

/** The document as JSON, byte for byte what JSON.stringify(doc) gives, computed incrementally. */
export function serializeDocument(doc: StoreDocument): string {
  const shell = { ...doc, needs: { ...doc.needs, needs: NEEDS }, meetings: { ...doc.meetings, meetings: MEETINGS } };
  const text = JSON.stringify(shell);
  return text
    .replace(JSON.stringify(NEEDS), () => recordsJson(doc.needs.needs))
    .replace(JSON.stringify(MEETINGS), () => recordsJson(doc.meetings.meetings));
}
