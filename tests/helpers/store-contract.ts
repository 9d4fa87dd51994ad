/**
 * The store contract: what Store.update and everything above it may rely on, whichever persistence keeps the
 * document (src/store/persistence.ts). One suite, run against every backend (tests/store-contract.test.ts): the
 * embedded journal (src/store/journal.ts) and PostgreSQL (src/store/postgres/pg-persistence.ts).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Store, StoreWriteRejected } from '../../src/store/store.js';
import { buildSeedDocument } from '../../src/store/seed.js';
import type { StoreDocument } from '../../src/store/schema.js';

export const contractSeed = () => buildSeedDocument({ now: new Date('2027-01-01T08:00:00Z') });

/** A new, empty place for one store (a directory, a schema). */
export interface StorePlace {
  open(options?: { seed?: () => Promise<StoreDocument> }): Promise<Store>;
  /** The document as it is durable now, read past the store (plain JSON): what a restart after a crash would load. */
  durable(): Promise<Record<string, unknown> | null>;
  /** Closes what the place opened and removes it. */
  cleanup(): Promise<void>;
}

export interface StoreBackend {
  name: string;
  fresh(): Promise<StorePlace>;
  /** Runs of the property test (a PostgreSQL run makes a schema per run). */
  propertyRuns?: number;
}

const json = (doc: unknown) => JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;

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
export function contractMutation(kind: number, i: number): (doc: StoreDocument) => void {
  switch (kind % 12) {
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
        doc.backups.lastSnapshotDate = i % 3 === 0 ? null : `2027-01-${String((i % 28) + 1).padStart(2, '0')}`;
      };
    case 8:
      // Inserted in the middle and reordered: positions between neighbours, and a renumbering when there is no room.
      return (doc) => {
        const keys = doc.meetings.sentReminderKeys;
        keys.splice(Math.floor(keys.length / 2), 0, `r${i}`, `s${i}`);
        if (i % 4 === 0) keys.reverse();
      };
    case 9:
      // A whole section replaced (its record collections with it).
      return (doc) => {
        doc.links = { used: [...doc.links.used.slice(-2), { id: `link-id-${i}`, until: 1_800_000_000_000 + i }] };
      };
    case 10:
      // A singleton section's value written whole.
      return (doc) => {
        doc.privacy.erased = [...doc.privacy.erased.slice(-1), { pseudonym: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, organisationId: 'vasteras', roles: [], erasedAt: '2027-01-03T10:00:00.000Z' }];
      };
    default:
      // A person's title changed in place, deep inside the array.
      return (doc) => {
        const p = doc.people[i % doc.people.length];
        if (p) p.title = `Titel ${i}`;
      };
  }
}

const nested = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { v };
  return v;
};

export function storeContract(backend: StoreBackend): void {
  const withPlace = async (fn: (place: StorePlace) => Promise<void>) => {
    const place = await backend.fresh();
    try {
      await fn(place);
    } finally {
      await place.cleanup();
    }
  };

  describe(`store contract: ${backend.name}`, () => {
    it('each caller is acknowledged only once its own mutation is durable', () =>
      withPlace(async (place) => {
        const store = await place.open();
        const checks = Array.from({ length: 60 }, (_, i) =>
          store.update((doc) => void doc.processedActivities.push(`m${i}`)).then(async () => ((await place.durable())?.processedActivities as string[]).includes(`m${i}`)),
        );
        expect(await Promise.all(checks)).toEqual(Array(60).fill(true));
        await store.close();
      }));

    it('mutations that arrive during a commit go together in the next: far fewer commits than mutations', () =>
      withPlace(async (place) => {
        const store = await place.open();
        const before = store.status().flushes;
        await Promise.all(Array.from({ length: 300 }, (_, i) => store.update((doc) => doc.processedActivities.push(`x${i}`))));
        const flushes = store.status().flushes - before;
        expect(flushes).toBeGreaterThanOrEqual(1);
        expect(flushes).toBeLessThan(30);
        expect(((await place.durable())?.processedActivities as string[]).filter((a) => a.startsWith('x'))).toHaveLength(300);
        await store.close();
      }));

    it('updateOnce records an activity id with its mutation and refuses the same id again, also after a restart', () =>
      withPlace(async (place) => {
        const store = await place.open();
        let applied = 0;
        expect(await store.updateOnce('act-1', () => ++applied)).toEqual({ duplicate: false, result: 1 });
        expect(await store.updateOnce('act-1', () => ++applied)).toEqual({ duplicate: true });
        await store.close();
        const again = await place.open();
        expect(await again.updateOnce('act-1', () => ++applied)).toEqual({ duplicate: true });
        expect(applied).toBe(1);
        await again.close();
      }));

    it('a closed store refuses writes; close waits for writes in flight', () =>
      withPlace(async (place) => {
        const store = await place.open();
        const pending = store.update((doc) => doc.processedActivities.push('last'));
        await store.close();
        await pending;
        expect((await place.durable())?.processedActivities).toContain('last');
        await expect(store.update(() => undefined)).rejects.toThrow(/closed/);
      }));

    it('the first start seeds once; a reopened store holds what was written, Dates as Dates', () =>
      withPlace(async (place) => {
        const store = await place.open();
        await store.update((doc) => void doc.needs.needs.push(need(1, 'Kvar')));
        await store.close();
        const again = await place.open({ seed: () => Promise.reject(new Error('must not seed twice')) });
        expect(again.doc.needs.needs.map((n) => n.title)).toEqual(['Kvar']);
        expect(again.doc.needs.needs[0]?.submittedAt).toBeInstanceOf(Date);
        await again.close();
      }));

    it('a mutation that throws half-way leaves the document and the durable state as they were', () =>
      withPlace(async (place) => {
        const store = await place.open();
        await store.update((doc) => void doc.processedActivities.push('before'));
        const before = JSON.stringify(store.doc);
        const durable = await place.durable();
        await expect(
          store.update((doc) => {
            doc.processedActivities.push('half');
            doc.preferences['someone'] = { language: 'en' };
            throw new Error('a bug half-way');
          }),
        ).rejects.toThrow('a bug half-way');
        await store.flush();
        expect(JSON.stringify(store.doc)).toBe(before);
        expect(await place.durable()).toEqual(durable);
        await store.close();
      }));

    it('a value too deep to store is refused to its caller; the writes around it are durable', () =>
      withPlace(async (place) => {
        const store = await place.open();
        const results = await Promise.allSettled([
          store.update((doc) => doc.processedActivities.push('before')),
          store.update((doc) => {
            (doc.preferences as Record<string, unknown>)['deep'] = nested(100_000);
          }),
          store.update((doc) => doc.processedActivities.push('after')),
        ]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(StoreWriteRejected);
        const durable = await place.durable();
        expect(durable?.processedActivities).toEqual(expect.arrayContaining(['before', 'after']));
        expect(durable?.preferences).not.toHaveProperty('deep');
        await store.close();
      }));

    it('a commit that cannot be stored is undone and rejected; the next write lands', () =>
      withPlace(async (place) => {
        const store = await place.open();
        const before = JSON.stringify(store.doc);
        // A sparse array of 2^31 holes passes the value check (it holds nothing) but no JSON can hold it.
        await expect(
          store.update((doc) => {
            doc.processedActivities.length = 2 ** 31;
          }),
        ).rejects.toBeInstanceOf(StoreWriteRejected);
        expect(JSON.stringify(store.doc)).toBe(before);
        await store.update((doc) => doc.processedActivities.push('still-writing'));
        expect((await place.durable())?.processedActivities).toContain('still-writing');
        await store.close();
      }));

    it('every kind of write, in any order and grouping, is durable exactly as the store holds it (read back without a close)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(fc.nat(1_000), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }), async (batches) =>
          withPlace(async (place) => {
            const store = await place.open();
            let i = 0;
            for (const batch of batches) await Promise.all(batch.map((k) => store.update(contractMutation(k, i++))));
            const expected = json(store.doc);
            // Not closed: what is durable now is what a restart after a crash would load.
            expect(await place.durable()).toEqual(expected);
            const again = await place.open({ seed: () => Promise.reject(new Error('must not seed twice')) });
            expect(json(again.doc)).toEqual(expected);
            expect(again.doc.needs.needs.every((n) => n.submittedAt instanceof Date)).toBe(true);
            await again.close();
          }),
        ),
        { numRuns: backend.propertyRuns ?? 25 },
      );
    });
  });
}
