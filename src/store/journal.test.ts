import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, copyFile, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Store, StoreLoadError, STORE_FILE_NAME } from './store.js';
import { buildSeedDocument } from './seed.js';
import { JournalPersistence, journalFileOf, readDurableDocument } from './journal.js';
import { documentSchema, type StoreDocument } from './schema.js';
import { reviveDocument } from './revive.js';
import { transformPaths } from './schema-shape.js';

let dir: string;
let file: string;
let journal: string;
const seed = () => buildSeedDocument({ now: new Date('2027-01-01T08:00:00Z') });
const events: Array<{ event: string; fields: Record<string, unknown> }> = [];
const open = (extra: { compactBytes?: number } = {}) =>
  Store.open({ dataDir: dir, seed, backupsToKeep: 0, onEvent: (event, fields) => events.push({ event, fields }), ...extra });
const json = (doc: unknown) => JSON.parse(JSON.stringify(doc)) as unknown;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stark-journal-'));
  file = join(dir, STORE_FILE_NAME);
  journal = journalFileOf(file);
  events.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const need = (number: number, title: string) => ({
  title,
  description: `${title}: beskrivning.`,
  area: 'framtida-valfarden' as const,
  contact: { name: 'Kontakt' },
  urgency: 'medium' as const,
  number,
  organisationId: 'vasteras',
  submittedBy: '00000000-0000-0000-0000-000000000020',
  submittedAt: new Date('2027-01-02T09:00:00Z'),
  round: 2028,
  state: { status: 'inkommen' as const },
  history: [{ at: new Date('2027-01-02T09:00:00Z'), by: '00000000-0000-0000-0000-000000000020', event: 'submitted' as const, from: null, to: 'inkommen' as const, text: '' }],
  supports: [],
});

/** One of the kinds of write the bot makes, chosen by a number. */
function mutation(kind: number, i: number): (doc: StoreDocument) => void {
  switch (kind % 9) {
    case 0:
      return (doc) => void doc.needs.needs.push(need(doc.needs.needs.length + 1, `Behov ${i}`));
    case 1:
      // A need replaced by a new object (the domain never changes one in place).
      return (doc) => {
        const at = i % Math.max(1, doc.needs.needs.length);
        const old = doc.needs.needs[at];
        if (old) doc.needs.needs[at] = { ...old, title: `Ändrad ${i}` };
      };
    case 2:
      return (doc) => {
        doc.processedActivities.push(`a${i}`);
        if (doc.processedActivities.length > 7) doc.processedActivities.splice(0, 3);
      };
    case 3:
      return (doc) => {
        doc.preferences[`person-${i % 5}`] = { language: i % 2 ? 'en' : 'sv' };
      };
    case 4:
      return (doc) => {
        delete doc.preferences[`person-${i % 5}`];
      };
    case 5:
      return (doc) => void doc.outbox.entries.push({ key: `k${i}`, conversationKey: 'c', tenantId: 't', state: 'pending', enqueuedAt: i, payload: { text: `hej ${i}`, deep: { list: [i, { x: i }] } } });
    case 6:
      // An outbox entry changed in place, and an old one removed by filter.
      return (doc) => {
        const e = doc.outbox.entries[i % Math.max(1, doc.outbox.entries.length)];
        if (e) {
          e.state = 'sent';
          delete e.payload;
          e.doneAt = i;
        }
        if (doc.outbox.entries.length > 6) doc.outbox.entries = doc.outbox.entries.filter((_, n) => n !== 1);
      };
    case 7:
      return (doc) => {
        doc.backups.lastSnapshotDate = `2027-01-${String((i % 28) + 1).padStart(2, '0')}`;
      };
    default:
      // A person's title changed in place, deep inside the array.
      return (doc) => {
        const p = doc.people[i % doc.people.length];
        if (p) p.title = `Titel ${i}`;
      };
  }
}

describe('journal: replay', () => {
  it('every kind of write, in any order and grouping, reads back exactly (replayed from the journal, not closed)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.nat(1_000), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }), async (batches) => {
        await rm(dir, { recursive: true, force: true });
        const store = await open();
        let i = 0;
        for (const batch of batches) await Promise.all(batch.map((k) => store.update(mutation(k, i++))));
        const expected = json(store.doc);
        // Not closed: what is durable is the snapshot + the journal, as after a crash.
        expect(await readDurableDocument(file)).toEqual(expected);
        const again = await open();
        expect(json(again.doc)).toEqual(expected);
        expect(again.doc.needs.needs.every((n) => n.submittedAt instanceof Date)).toBe(true);
        await again.close();
      }),
      { numRuns: 25 },
    );
  });

  it('a bounded list that drops its oldest entry writes two small ops, not the list', async () => {
    const store = await open();
    await store.update((doc) => void doc.processedActivities.push(...Array.from({ length: 300 }, (_, i) => `old-${i}`)));
    await store.update((doc) => {
      doc.processedActivities.push('new');
      doc.processedActivities.splice(0, 2);
    });
    const last = (await readFile(journal, 'utf8')).trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(/ \[\["s",\["processedActivities"\],0,2,\[\]\],\["s",\["processedActivities"\],298,0,\["new"\]\]\]$/);
    expect(json((await open()).doc)).toEqual(json(store.doc));
  });

  it('a commit appends to the journal and leaves the snapshot as it was; close folds the journal into the snapshot', async () => {
    const store = await open();
    const snapshot = await readFile(file, 'utf8');
    await store.update((doc) => void doc.processedActivities.push('one'));
    expect(await readFile(file, 'utf8')).toBe(snapshot);
    const lines = (await readFile(journal, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^C 1 [0-9a-f]{16} \[\["s",\["processedActivities"\],0,0,\["one"\]\]\]$/);
    await store.close();
    expect((JSON.parse(await readFile(file, 'utf8')) as StoreDocument).processedActivities).toEqual(['one']);
    expect((await readFile(journal, 'utf8')).trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('journal: damage', () => {
  async function withCommits(n: number): Promise<unknown> {
    const store = await open();
    for (let i = 0; i < n; i++) await store.update((doc) => void doc.processedActivities.push(`w${i}`));
    return json(store.doc);
  }

  it('a torn last record (the process died while appending) is dropped with a log line, and writing goes on', async () => {
    await withCommits(3);
    const whole = await readFile(journal);
    await appendFile(journal, 'C 4 0123456789abcdef [["s",["processedAct');
    const store = await open();
    expect(store.doc.processedActivities).toEqual(['w0', 'w1', 'w2']);
    expect(events.map((e) => e.event)).toContain('store.journalTornTail');
    expect(await readFile(journal)).toEqual(whole);
    await store.update((doc) => void doc.processedActivities.push('after'));
    expect(json((await open()).doc)).toEqual(json(store.doc));
  });

  it('a complete last line whose checksum fails is dropped as torn too', async () => {
    await withCommits(3);
    const text = await readFile(journal, 'utf8');
    await writeFile(journal, text.replace(/"w2"\]\]\]\n$/, '"w9"]]]\n'));
    const store = await open();
    expect(store.doc.processedActivities).toEqual(['w0', 'w1']);
    expect(events.find((e) => e.event === 'store.journalTornTail')?.fields.keptCommits).toBe(2);
  });

  it('a damaged record with good ones after it refuses to start and changes no file', async () => {
    await withCommits(4);
    const text = await readFile(journal, 'utf8');
    await writeFile(journal, text.replace('"w1"', '"x1"'));
    const before = await Promise.all([readFile(file), readFile(journal)]);
    const names = await readdir(dir);
    await expect(open()).rejects.toBeInstanceOf(StoreLoadError);
    await expect(open()).rejects.toThrow(/line 3 of 5 fails its checksum/);
    expect(await Promise.all([readFile(file), readFile(journal)])).toEqual(before);
    expect(await readdir(dir)).toEqual(names);
  });

  it('a missing record (a gap in the commit numbers) refuses to start', async () => {
    await withCommits(4);
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines.splice(2, 1);
    await writeFile(journal, lines.join('\n'));
    await expect(open()).rejects.toThrow(/expected 2/);
  });

  it('a snapshot replaced by hand under a journal refuses to start (the journal continues another snapshot)', async () => {
    await withCommits(2);
    const doc = JSON.parse(await readFile(file, 'utf8')) as StoreDocument;
    await writeFile(file, JSON.stringify(doc, null, 1));
    await expect(open()).rejects.toThrow(/continues another snapshot/);
  });
});

describe('journal: compaction', () => {
  it('past its size the journal is folded into a new snapshot while writes go on; nothing is lost', async () => {
    const store = await open({ compactBytes: 4_096 });
    let i = 0;
    for (let round = 0; round < 30; round++) await Promise.all(Array.from({ length: 8 }, () => store.update(mutation(i % 9, i++))));
    const persistence = (store as unknown as { persistence: JournalPersistence }).persistence;
    await persistence.idle();
    expect(Number(store.status().persistence?.compactions)).toBeGreaterThan(1);
    const expected = json(store.doc);
    expect(await readDurableDocument(file)).toEqual(expected);
    expect(json((await open()).doc)).toEqual(expected);
    expect((await readdir(dir)).filter((f) => f.endsWith('.next'))).toEqual([]);
  });

  it('a crash between the two renames (new snapshot, old journal) is finished at start', async () => {
    const store = await open();
    for (let i = 0; i < 5; i++) await store.update(mutation(i, i));
    const oldJournal = await readFile(journal);
    const expected = json(store.doc);
    await store.close();
    // After close: the new snapshot and its (empty) journal. Put back the state between the renames.
    await rename(journal, `${journal}.next`);
    await writeFile(journal, oldJournal);
    const again = await open();
    expect(json(again.doc)).toEqual(expected);
    expect(events.map((e) => e.event)).toContain('store.compactionFinished');
    expect((await readdir(dir)).filter((f) => f.endsWith('.next'))).toEqual([]);
  });

  it('a crash before the renames leaves a stray stark.json.next, which is removed; the old pair is used', async () => {
    const store = await open();
    for (let i = 0; i < 5; i++) await store.update(mutation(i, i));
    const expected = json(store.doc);
    await copyFile(file, `${file}.next`);
    await appendFile(`${file}.next`, ' ');
    const again = await open();
    expect(json(again.doc)).toEqual(expected);
    expect(await readdir(dir)).not.toContain(`${STORE_FILE_NAME}.next`);
  });
});

describe('journal: trusted snapshot', () => {
  it('a snapshot the journal names is loaded without validation; a file without a journal is validated in full', async () => {
    const store = await open();
    await store.update((doc) => void doc.needs.needs.push(need(1, 'Ett behov')));
    await store.close();
    expect((await new JournalPersistence({ file }).load()).trusted).toBe(true);

    // The same file without its journal: not trusted, so a value the schema refuses is found.
    await rm(journal);
    expect((await new JournalPersistence({ file }).load()).trusted).toBe(false);
    const doc = JSON.parse(await readFile(file, 'utf8')) as { needs: { needs: Array<{ urgency: string }> } };
    doc.needs.needs[0]!.urgency = 'extreme';
    await writeFile(file, JSON.stringify(doc));
    await expect(open()).rejects.toThrow(/fails validation/);
  });

  it('a file without a journal (from before the journal) opens, is kept as it is, and gets a trusted snapshot on its first commit', async () => {
    const text = JSON.stringify(await seed());
    await writeFile(file, text);
    const store = await open();
    expect(await readFile(file, 'utf8')).toBe(text);
    await store.update((doc) => void doc.processedActivities.push('first'));
    await (store as unknown as { persistence: JournalPersistence }).persistence.idle();
    expect((await new JournalPersistence({ file }).load()).trusted).toBe(true);
    expect((await open()).doc.processedActivities).toEqual(['first']);
  });

  it('reviving is what zod does: the schema transforms exactly what revive.ts revives, with the same result', () => {
    expect(transformPaths(documentSchema)).toEqual([
      'transform .needs.needs[].history[].at',
      'transform .needs.needs[].submittedAt',
      'transform .needs.needs[].supports[].at',
      'transform .needs.rounds[].closesAt',
      'transform .needs.rounds[].openedAt',
      'transform .people[].aadObjectId',
      'transform .people[].tenantId',
    ]);
  });

  it('revive gives the document zod gives, Dates included', async () => {
    const doc = await seed();
    doc.needs.needs.push({ ...need(1, 'Ett behov'), supports: [{ organisationId: 'eskilstuna', by: '00000000-0000-0000-0000-000000000025', at: new Date('2027-01-03T10:00:00Z') }] });
    doc.needs.rounds.push({ year: 2028, closingDate: '2027-09-30', closesAt: new Date('2027-09-30T22:00:00Z'), openedAt: new Date('2027-01-01T09:00:00Z'), openedBy: '00000000-0000-0000-0000-000000000021' });
    const text = JSON.stringify(doc);
    expect(reviveDocument(JSON.parse(text) as Record<string, unknown>)).toEqual(documentSchema.parse(JSON.parse(text)));
  });
});
