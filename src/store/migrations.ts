import { SCHEMA_VERSION } from './schema.js';

/**
 * One function per schema step: `steps[n]` turns a version-n document into version n+1. Each takes the older
 * document as plain JSON and returns the newer one; the store validates the result with the current schema.
 * Every step has a test that starts from a fixture of the older version (tests/fixtures/store-v<n>.json).
 */
export type MigrationStep = (doc: Record<string, unknown>) => Record<string, unknown>;

/** Version 1 is the first released shape: there is nothing to migrate from yet. */
export const migrationSteps: Readonly<Record<number, MigrationStep>> = {};

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
