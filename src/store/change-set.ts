import type { RecordedWrite } from './change-recorder.js';

/**
 * What one group commit changed, in terms a persistence can write: which top-level sections, which record
 * collections (and which records in them), which other values. Built from the mutations' ChangeRecorders
 * (`describeChanges`), so it names what was written through the draft, never more.
 *
 * A record collection is an array or a keyed object of records that is written record by record, not as a whole:
 * the journal appends only the records that changed, a database would update only their rows. Every other value is
 * written whole at the second level (`backups.lastSnapshotDate`, `needs.someSmallList`) or the first (`createdAt`).
 * A section added later works without being listed here (its values are written whole); list its large arrays in
 * RECORD_ARRAYS so that a write of one record does not rewrite all of them.
 */

/** Arrays of records (paths from the document's root). Their order matters; a record is an element. */
export const RECORD_ARRAYS: readonly string[] = [
  'people',
  'organisations',
  'processedActivities',
  'needs.needs',
  'needs.rounds',
  'needs.submissions',
  'needs.pending',
  'meetings.meetings',
  'meetings.sentReminderKeys',
  'meetings.sentCadenceKeys',
  'meetings.pending',
  'meetings.cards',
  'outbox.entries',
  'audit.entries',
  'links.used',
];

/** Keyed objects of records: a record is a property (e.g. a conversation reference by aadObjectId). */
export const RECORD_MAPS: readonly string[] = ['conversationRefs', 'preferences'];

export interface CollectionChange {
  readonly kind: 'array' | 'map';
  /** Array: elements were added, removed, replaced or reordered; compare the array with what you hold. */
  membership: boolean;
  /** Array: elements changed in place (the element objects, as they are in the array now, if still there). */
  readonly records: Set<object>;
  /** Map: keys that were set, deleted, or changed inside. */
  readonly keys: Set<string>;
}

export interface CommitChanges {
  /** The top-level keys of the document that the batch wrote to. */
  readonly sections: Set<string>;
  /**
   * Values to write whole, as dot paths of one or two keys (`createdAt`, `backups.lastSnapshotDate`). A path may
   * hold record collections (a whole section was replaced): write it whole, collections included.
   */
  readonly values: Set<string>;
  /** Per record collection (its dot path, from RECORD_ARRAYS or RECORD_MAPS) what changed in it. */
  readonly collections: Map<string, CollectionChange>;
}

export const emptyChanges = (): CommitChanges => ({ sections: new Set(), values: new Set(), collections: new Map() });

interface Collection {
  path: string;
  parts: readonly string[];
  kind: 'array' | 'map';
}

const collections: readonly Collection[] = [
  ...RECORD_ARRAYS.map((path) => ({ path, parts: path.split('.'), kind: 'array' as const })),
  ...RECORD_MAPS.map((path) => ({ path, parts: path.split('.'), kind: 'map' as const })),
];

const startsWith = (full: readonly string[], parts: readonly string[]) => parts.length <= full.length && parts.every((p, i) => full[i] === p);

function collectionChange(into: CommitChanges, c: Collection): CollectionChange {
  let change = into.collections.get(c.path);
  if (!change) {
    change = { kind: c.kind, membership: false, records: new Set(), keys: new Set() };
    into.collections.set(c.path, change);
  }
  return change;
}

/** Adds what these writes changed to `into` (a commit's changes are the union of its mutations'). */
export function describeChanges(writes: Iterable<RecordedWrite>, into: CommitChanges = emptyChanges()): CommitChanges {
  for (const { place, key } of writes) {
    const at = place.keys.map(String);
    const full = key === null ? at : [...at, String(key)];
    if (full.length === 0) continue;
    into.sections.add(full[0]!);
    const c = collections.find((candidate) => startsWith(full, candidate.parts));
    if (c) {
      const change = collectionChange(into, c);
      const n = c.parts.length;
      if (c.kind === 'array') {
        if (full.length === n) change.membership = true;
        else {
          const record = place.objects[n];
          if (record) change.records.add(record);
          else change.membership = true;
        }
      } else if (full.length === n) into.values.add(c.path);
      else change.keys.add(full[n]!);
      continue;
    }
    into.values.add(full.slice(0, 2).join('.'));
  }
  return into;
}
