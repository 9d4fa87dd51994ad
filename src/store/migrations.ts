import { SCHEMA_VERSION } from './schema.js';

/**
 * One function per schema step: `steps[n]` turns a version-n document into version n+1. Each takes the older
 * document as plain JSON and returns the newer one; the store validates the result with the current schema.
 * Every step has a test that starts from a fixture of the older version (tests/fixtures/store-v<n>.json).
 */
export type MigrationStep = (doc: Record<string, unknown>) => Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Only the fields a conversation reference needs (schema.ts conversationRefSchema); names cut to 200 characters. */
function parsedReference(ref: unknown): Record<string, unknown> | null {
  if (!isRecord(ref)) return null;
  const str = (v: unknown, max: number): string | undefined => (typeof v === 'string' ? v.slice(0, max) : undefined);
  const account = (a: unknown) => {
    if (!isRecord(a) || typeof a.id !== 'string') return undefined;
    return { id: a.id, ...(str(a.name, 200) !== undefined ? { name: str(a.name, 200) } : {}), ...(typeof a.aadObjectId === 'string' ? { aadObjectId: a.aadObjectId } : {}) };
  };
  const c = isRecord(ref.conversation) ? ref.conversation : {};
  const conversation = {
    id: c.id,
    ...(typeof c.conversationType === 'string' ? { conversationType: c.conversationType } : {}),
    ...(typeof c.tenantId === 'string' ? { tenantId: c.tenantId } : {}),
  };
  const user = account(ref.user);
  return {
    serviceUrl: ref.serviceUrl,
    channelId: ref.channelId,
    conversation,
    bot: account(ref.bot),
    ...(user ? { user } : {}),
    ...(typeof ref.locale === 'string' ? { locale: ref.locale } : {}),
    ...(typeof ref.tenantId === 'string' ? { tenantId: ref.tenantId } : {}),
    updatedAt: ref.updatedAt,
  };
}

export const migrationSteps: Readonly<Record<number, MigrationStep>> = {
  /**
   * 1 → 2: the link-signing key leaves the document (it now lives in a key file or the environment: a key in the
   * data file was in every backup, forever); conversation references keep only the fields that are used; the audit
   * record and the used-link ids get their sections.
   */
  1: (doc) => {
    const { secrets: _secrets, ...rest } = doc;
    const refs = isRecord(doc.conversationRefs) ? doc.conversationRefs : {};
    const conversationRefs: Record<string, unknown> = {};
    for (const [id, ref] of Object.entries(refs)) {
      const parsed = parsedReference(ref);
      if (parsed) Object.defineProperty(conversationRefs, id, { value: parsed, enumerable: true, writable: true, configurable: true });
    }
    return { ...rest, conversationRefs, links: { used: [] }, audit: { entries: [] } };
  },
};

export type MigrationResult =
  | { ok: true; doc: Record<string, unknown>; from: number; to: number }
  | { ok: false; reason: 'newerVersion' | 'noVersion' | 'noPath'; version?: number };

export function migrate(doc: Record<string, unknown>, steps: Readonly<Record<number, MigrationStep>> = migrationSteps, target = SCHEMA_VERSION): MigrationResult {
  const from = doc.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) return { ok: false, reason: 'noVersion' };
  if (from > target) return { ok: false, reason: 'newerVersion', version: from };
  let current = doc;
  for (let v = from; v < target; v++) {
    const step = steps[v];
    if (!step) return { ok: false, reason: 'noPath', version: v };
    current = { ...step(current), schemaVersion: v + 1 };
  }
  return { ok: true, doc: current, from, to: target };
}
