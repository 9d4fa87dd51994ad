/**
 * What makes a store mutation undoable. `Store.update` hands the mutation a *draft*: a view of the document whose
 * writes (set, delete, define) are applied to the document at once and recorded with the value they replaced. When
 * the mutation throws, or writes a value the document could not be serialised with, or the flush that carries it
 * cannot serialise the document, the recorded steps are undone newest first and the document is exactly as before.
 *
 * Every value written through the draft is admitted first: it must be plain JSON data (objects, arrays, strings,
 * finite or not numbers, booleans, null, Dates), without cycles and at most MAX_VALUE_DEPTH levels deep. An object
 * 50 000 levels deep stringifies with a stack overflow; one such value in the document would make every later flush
 * fail. Admission also replaces drafts (proxies) inside the value by the objects behind them, so no proxy is ever
 * stored.
 *
 * Frozen objects (records whose JSON the serialiser has cached, see serialize.ts) are handed out as they are: they
 * cannot be written, and they were serialised once already. Writes made around the draft, on objects reached some
 * other way, are not recorded (and not undone).
 */

/** Far more than any document shape needs (an Adaptive Card in the outbox is about 20 deep); far less than a stack. */
export const MAX_VALUE_DEPTH = 64;

/** A value the store refuses to hold: the mutation is undone and its caller gets this error. */
export class StoreValueError extends Error {
  constructor(readonly reason: 'tooDeep' | 'cycle' | 'notJson') {
    super(`the store refused a value: ${reason}`);
    this.name = 'StoreValueError';
  }
}

interface Step {
  target: object;
  key: PropertyKey;
  had: boolean;
  old: unknown;
}

/**
 * Where a draft was reached from the document's root: the keys and the objects along the way, the first
 * WRITE_PATH_DEPTH levels only (deeper drafts share their ancestor's place). Objects, not only keys, because an
 * array element's index can move within a mutation while the element stays the same.
 */
export interface WritePlace {
  readonly keys: readonly PropertyKey[];
  readonly objects: readonly object[];
}

/** One write a mutation made: on the object at `place` (the root when `place.keys` is empty), property `key`. */
export interface RecordedWrite {
  readonly place: WritePlace;
  /**
   * The property written; `null` when the object at `place` changed in a way one key does not describe: a write on
   * an array (an element, its length), or a write anywhere below the WRITE_PATH_DEPTH-th level.
   */
  readonly key: PropertyKey | null;
}

/** Enough to tell a section, a record collection and the record in it apart (e.g. needs → needs → one need). */
export const WRITE_PATH_DEPTH = 3;

const ROOT: WritePlace = { keys: [], objects: [] };

/** Draft → the object it stands for, for every recorder: a draft that escapes is still recognised. */
const targetOf = new WeakMap<object, object>();

const isIndex = (key: PropertyKey): key is string => typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key);

function plainPrototype(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === Array.prototype || proto === null;
}

/**
 * The value as the store may hold it: drafts inside replaced by their objects (in place: the value is new, made by
 * the mutation), checked to be JSON data of bounded depth without cycles. Throws StoreValueError otherwise.
 */
export function admit(value: unknown, depth = 0, ancestors: object[] = []): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new StoreValueError('notJson');
  }
  if (value === null) return value;
  const obj = value as object;
  const behind = targetOf.get(obj);
  // Already in the document (read through a draft): admitted when it was written.
  if (behind) return behind;
  if (obj instanceof Date || Object.isFrozen(obj)) return obj;
  if (!plainPrototype(obj)) throw new StoreValueError('notJson');
  if (depth >= MAX_VALUE_DEPTH) throw new StoreValueError('tooDeep');
  if (ancestors.includes(obj)) throw new StoreValueError('cycle');
  ancestors.push(obj);
  const record = obj as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    const a = admit(v, depth + 1, ancestors);
    if (a !== v) record[key] = a;
  }
  ancestors.pop();
  return obj;
}

export class ChangeRecorder {
  private readonly steps: Step[] = [];
  private readonly drafts = new WeakMap<object, object>();
  /** What was written where, one entry per (place, property); every write on an array counts once per array. */
  private readonly written = new Map<WritePlace, Set<PropertyKey> | null>();
  private recording = true;

  /** The document as the mutation sees it. */
  draft<T extends object>(root: T): T {
    return this.wrap(root, ROOT) as T;
  }

  /** How many writes were recorded (for tests). */
  get size(): number {
    return this.steps.length;
  }

  /** The places the mutation wrote to (what a persistence needs to write), in no particular order. */
  writes(): RecordedWrite[] {
    const out: RecordedWrite[] = [];
    for (const [place, keys] of this.written) {
      if (keys === null) out.push({ place, key: null });
      else for (const key of keys) out.push({ place, key });
    }
    return out;
  }

  /** After the mutation returned: writes through a leftover draft go straight through, unrecorded. */
  stop(): void {
    this.recording = false;
  }

  /** Puts back every recorded write, newest first; the recorder is empty afterwards. */
  undo(): void {
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const { target, key, had, old } = this.steps[i]!;
      if (had) Reflect.set(target, key, old);
      else Reflect.deleteProperty(target, key);
    }
    this.steps.length = 0;
    this.written.clear();
  }

  private wrap(value: unknown, place: WritePlace): unknown {
    if (value === null || typeof value !== 'object') return value;
    // Frozen records (most of a large document) and Dates are handed out as they are, without a draft.
    if (Object.isFrozen(value) || value instanceof Date) return value;
    const known = this.drafts.get(value);
    if (known) return known;
    if (targetOf.has(value)) return value;
    const deep = place.keys.length >= WRITE_PATH_DEPTH;
    const proxy = new Proxy(value, {
      // Reading is the hot path (a mutation may scan thousands of needs): primitives go straight through.
      get: (target, key) => {
        const v = (target as Record<PropertyKey, unknown>)[key];
        return v !== null && typeof v === 'object' ? this.wrap(v, deep ? place : { keys: [...place.keys, key], objects: [...place.objects, v] }) : v;
      },
      set: (target, key, v) => {
        const admitted = this.recording ? admit(v) : (targetOf.get(v as object) ?? v);
        if (this.recording) this.record(target, key, 'set', admitted, place);
        return Reflect.set(target, key, admitted);
      },
      deleteProperty: (target, key) => {
        if (this.recording) this.record(target, key, 'delete', undefined, place);
        return Reflect.deleteProperty(target, key);
      },
      defineProperty: (target, key, descriptor) => {
        const d = 'value' in descriptor && this.recording ? { ...descriptor, value: admit(descriptor.value) } : descriptor;
        if (this.recording) this.record(target, key, 'set', d.value, place);
        return Reflect.defineProperty(target, key, d);
      },
    });
    this.drafts.set(value, proxy);
    targetOf.set(proxy, value);
    return proxy;
  }

  private record(target: object, key: PropertyKey, op: 'set' | 'delete', value: unknown, place: WritePlace): void {
    const known = this.written.get(place);
    const exact = place.objects.length === 0 || place.objects[place.objects.length - 1] === target;
    if (Array.isArray(target) || !exact) this.written.set(place, null);
    else if (known === undefined) this.written.set(place, new Set([key]));
    else known?.add(key);
    if (Array.isArray(target) && op === 'set') {
      if (isIndex(key) && Number(key) >= target.length) {
        // Writing past the end grows the array: undoing must shrink it again, not leave a hole.
        this.steps.push({ target, key: 'length', had: true, old: target.length });
      } else if (key === 'length' && typeof value === 'number' && value < target.length) {
        // Shortening drops the elements past the new end without a delete of their own: keep them to put back
        // (undone after the length is restored, since steps are undone newest first).
        for (let i = value; i < target.length; i++) this.steps.push({ target, key: String(i), had: Object.prototype.hasOwnProperty.call(target, i), old: target[i] });
      }
    }
    this.steps.push({ target, key, had: Object.prototype.hasOwnProperty.call(target, key), old: (target as Record<PropertyKey, unknown>)[key] });
  }
}
