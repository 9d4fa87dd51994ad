import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { buildSeedDocument } from '../../src/store/seed.js';
import { documentSchema } from '../../src/store/schema.js';
import { migrate } from '../../src/store/migrations.js';
import { stockholmDate } from '../../src/domain/time.js';

/**
 * Daily snapshots are what a restore starts from (README): each must be a whole, valid store document, also when the
 * bot died while taking it.
 */

const now = new Date('2027-05-04T08:00:00Z');
const today = stockholmDate(now);
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stark-backups-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = () => Store.open({ dataDir: dir, seed: () => buildSeedDocument({ now }), now: () => now, backupsToKeep: 3 });
async function snapshotOfToday(): Promise<string> {
  // The snapshot is taken in the background after a flush.
  for (let i = 0; i < 100; i++) {
    const files = await readdir(join(dir, 'backups')).catch(() => [] as string[]);
    if (files.includes(`stark-${today}.json`)) return readFile(join(dir, 'backups', `stark-${today}.json`), 'utf8');
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no snapshot today');
}
const isWholeDocument = (text: string) => {
  try {
    const migrated = migrate(JSON.parse(text) as Record<string, unknown>);
    return migrated.ok && documentSchema.safeParse(migrated.doc).success;
  } catch {
    return false;
  }
};

describe('daily snapshots', () => {
  it("the first write of the day leaves a snapshot that is a whole, valid store document", async () => {
    const store = await open();
    await store.update((doc) => void doc.processedActivities.push('before-snapshot'));
    expect(isWholeDocument(await snapshotOfToday())).toBe(true);
    await store.close();
  });

  it('a snapshot left torn by a crash in the middle of copying is replaced by a whole one', async () => {
    await mkdir(join(dir, 'backups'), { recursive: true });
    await writeFile(join(dir, 'backups', `stark-${today}.json`), '{"schemaVersion": 1, "organisations": [{"id": "md');
    const store = await open();
    await store.update((doc) => void doc.processedActivities.push('after-crash'));
    await store.flush();
    await new Promise((r) => setTimeout(r, 200));
    expect(isWholeDocument(await snapshotOfToday())).toBe(true);
    await store.close();
  });
});
