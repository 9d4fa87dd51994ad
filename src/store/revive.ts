import type { StoreDocument } from './schema.js';

/**
 * Turns a document the bot wrote itself (plain JSON, checked whole by its checksum, for the current schema) into
 * the in-memory document without zod: zod's full parse of ten years of needs takes seconds at start-up. Only what
 * the schema *transforms* needs doing, and this is exactly that list (revive.test.ts compares it with the schema's
 * transforms, and the result with zod's, so a new transform in the schema fails the test until it is added here):
 *
 *   needs.needs[].submittedAt, .history[].at, .supports[].at, needs.rounds[].closesAt, .openedAt: ISO string → Date
 *   people[].aadObjectId, people[].tenantId: lower case (the bot only ever stores them lower case; kept for equality with zod)
 *
 * Defaults need nothing: a document the bot wrote has every field; a schema with a new default has a new
 * fingerprint (schema-shape.ts), and such a document is validated in full instead of revived.
 */
type Json = Record<string, unknown>;

const date = (v: unknown): unknown => (typeof v === 'string' ? new Date(v) : v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

export function reviveDocument(raw: Record<string, unknown>): StoreDocument {
  const needs = (raw.needs ?? {}) as Json;
  for (const need of list(needs.needs)) {
    need.submittedAt = date(need.submittedAt);
    for (const h of list(need.history)) h.at = date(h.at);
    for (const s of list(need.supports)) s.at = date(s.at);
  }
  for (const round of list(needs.rounds)) {
    round.closesAt = date(round.closesAt);
    round.openedAt = date(round.openedAt);
  }
  for (const person of list(raw.people)) {
    if (typeof person.aadObjectId === 'string') person.aadObjectId = person.aadObjectId.toLowerCase();
    if (typeof person.tenantId === 'string') person.tenantId = person.tenantId.toLowerCase();
  }
  return raw as unknown as StoreDocument;
}
