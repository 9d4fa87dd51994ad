import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries derived from a zod 3 schema by walking its `_def` (zod-fast-check does not work with
 * fast-check 4). `validish` aims at values the schema accepts (and card-shaped strings around them, since card
 * inputs arrive as strings); `hostileFor` mixes those with mutations that should be refused: a value replaced by
 * something hostile, a key dropped, `__proto__`/`constructor` keys, the whole payload replaced.
 * Every generated value is JSON (it travels over HTTP), so a test can parse it the way the server does.
 */

interface Def {
  typeName?: string;
  [key: string]: unknown;
}
const defOf = (schema: z.ZodTypeAny): Def => schema._def as Def;

/** Values a card input or a person could send that often sit right at a schema's edge. */
const cardStrings = fc.constantFrom(
  '', ' ', '0', '1', '2', '12', '-1', '1.5', '1e3', '007', 'NaN',
  '2027-03-15', '2027-02-29', '2027-13-01', '10:00', '23:59', '24:00', '2027-03-15T10:00',
  'true', 'false', 'ja', 'nej', 'kanske', 'yes', 'no', 'maybe', 'sv', 'en',
  'vasteras', 'mdu', 'sala', 'inkommen', 'hjälp', 'english',
);

function deepObject(levels: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

/** Handwritten hostile values: each is tried in place of every field and as the whole payload. */
export const hostileValues: ReadonlyArray<readonly [string, unknown]> = [
  ['a 200 000-character string', 'x'.repeat(200_000)],
  ['a 100 000-character non-ASCII string', 'å'.repeat(100_000)],
  ['control characters', 'a\u0000b\u0001\u0007\b\u001b[31m\r\n\t\u007f\u0085\u2028\u2029z'],
  ['a lone high surrogate', 'ab\uD800'],
  ['a lone low surrogate', '\uDFFFab'],
  ['reversed surrogates', '\uDC00\uD800'],
  ['HTML', '<script>alert(1)</script><img src=x onerror=alert(1)>'],
  ['markdown', '**fet** _kursiv_ [länk](javascript:alert(1)) ![bild](https://evil.example/x.png)\n# rubrik\n- lista'],
  ['card template syntax', '${$root.secret} {{DATE(2017-02-14T06:08:39Z, SHORT)}}'],
  ['mention markup', '<at>Anna Provström</at>'],
  ['zero-width and bidi controls', 'a\u200b\u200e\u202eb\ufeff'],
  ['a long emoji sequence', '👩‍👩‍👧‍👦'.repeat(2_000)],
  ['whitespace only', ' \t\n '],
  ['an empty string', ''],
  ['a spreadsheet formula', '=HYPERLINK("http://evil.example","x")'],
  ['a path', '../../../../etc/passwd'],
  ['SQL', "'; DROP TABLE needs; --"],
  ['an impossible date', '2027-02-30'],
  ['a far date', '9999-12-31T23:59:59Z'],
  ['an impossible time', '25:61'],
  ['a 400-digit number string', '9'.repeat(400)],
  ['a number', 42],
  ['a negative number', -1],
  ['zero', 0],
  ['a fraction', 1.5],
  ['a huge number', 1e308],
  ['the smallest number', 5e-324],
  ['beyond safe integers', Number('9007199254740993')],
  ['true', true],
  ['false', false],
  ['null', null],
  ['an array', ['a', 1, null]],
  ['an empty array', []],
  ['an object', { a: 1 }],
  ['an empty object', {}],
  ['an object with __proto__', JSON.parse('{"__proto__": {"polluted": "yes"}, "isAdmin": true}')],
  ['an object with constructor.prototype', { constructor: { prototype: { polluted: 'yes' } } }],
  ['a query operator', { $gt: '' }],
  ['2 000 levels of nesting', deepObject(2_000)],
  ['an array of 10 000 items', Array.from({ length: 10_000 }, (_, i) => i)],
];

const hostileArbitrary = fc.constantFrom(...hostileValues.map(([, v]) => v));

/** Keys that must never reach an object's prototype or shadow its methods. */
export const dangerousKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'] as const;

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const checks = (def.checks as Array<{ kind: string; value?: unknown; regex?: RegExp }> | undefined) ?? [];
  const min = checks.find((c) => c.kind === 'min' || c.kind === 'length')?.value as number | undefined;
  const max = checks.find((c) => c.kind === 'max' || c.kind === 'length')?.value as number | undefined;
  const kinds = new Set(checks.map((c) => c.kind));
  const regex = checks.find((c) => c.kind === 'regex')?.regex;
  const fitting = (s: string) => (min === undefined || s.length >= min) && (max === undefined || s.length <= max);
  let core: fc.Arbitrary<string>;
  if (kinds.has('uuid')) core = fc.uuid();
  else if (kinds.has('email')) core = fc.emailAddress();
  else if (kinds.has('url')) core = fc.webUrl();
  else if (kinds.has('datetime')) core = fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  else if (kinds.has('date')) core = fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  else if (kinds.has('time')) core = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  else if (regex) core = fc.stringMatching(regex);
  else {
    const maxLength = Math.min(max ?? 80, 200);
    core = fc.oneof(
      fc.string({ minLength: Math.min(min ?? 0, maxLength), maxLength }),
      fc.string({ unit: 'grapheme', minLength: Math.min(min ?? 0, maxLength), maxLength }),
      fc.string({ unit: 'grapheme', minLength: Math.min(min ?? 0, maxLength), maxLength: Math.min(maxLength, 12) }),
    );
  }
  return fc.oneof({ weight: 4, arbitrary: core.filter(fitting) }, { weight: 1, arbitrary: cardStrings });
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  const checks = (def.checks as Array<{ kind: string; value?: number }> | undefined) ?? [];
  const min = checks.find((c) => c.kind === 'min')?.value ?? -1_000_000;
  const max = checks.find((c) => c.kind === 'max')?.value ?? 1_000_000;
  const isInt = checks.some((c) => c.kind === 'int');
  const lo = Math.max(min, -1e9);
  const hi = Math.min(max, 1e9);
  return isInt ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/** Values meant to pass the schema (and some at its edge): what a well-behaved card would send. */
export function validish(schema: z.ZodTypeAny, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (depth > 6) return fc.constant(null);
  const inner = (s: unknown) => validish(s as z.ZodTypeAny, depth + 1);
  switch (def.typeName) {
    case 'ZodString':
      return stringArbitrary(def);
    case 'ZodNumber':
      return numberArbitrary(def);
    case 'ZodBigInt':
      return fc.bigInt({ min: -1000n, max: 1000n }).map(String);
    case 'ZodBoolean':
      return fc.boolean();
    case 'ZodDate':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case 'ZodLiteral':
      return fc.constant(def.value);
    case 'ZodEnum':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'ZodNativeEnum':
      return fc.constantFrom(...Object.values(def.values as Record<string, unknown>));
    case 'ZodNull':
      return fc.constant(null);
    case 'ZodUndefined':
    case 'ZodVoid':
      return fc.constant(undefined);
    case 'ZodObject': {
      const shape = (def.shape as () => Record<string, z.ZodTypeAny>)();
      const entries = Object.entries(shape);
      const model = Object.fromEntries(entries.map(([k, s]) => [k, inner(s)]));
      const requiredKeys = entries.filter(([, s]) => !s.isOptional()).map(([k]) => k);
      return fc.record(model, { requiredKeys });
    }
    case 'ZodArray': {
      const minLength = (def.minLength as { value: number } | null)?.value ?? 0;
      const maxLength = Math.min((def.maxLength as { value: number } | null)?.value ?? 4, minLength + 4);
      return fc.array(inner(def.type), { minLength, maxLength });
    }
    case 'ZodTuple':
      return fc.tuple(...(def.items as z.ZodTypeAny[]).map((s) => inner(s)));
    case 'ZodRecord':
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__'), inner(def.valueType), { maxKeys: 3 });
    case 'ZodMap':
    case 'ZodSet':
      return fc.constant({});
    case 'ZodUnion':
      return fc.oneof(...(def.options as z.ZodTypeAny[]).map((s) => inner(s)));
    case 'ZodDiscriminatedUnion':
      return fc.oneof(...[...(def.options as z.ZodTypeAny[])].map((s) => inner(s)));
    case 'ZodIntersection':
      return fc.tuple(inner(def.left), inner(def.right)).map(([a, b]) => (a && b && typeof a === 'object' && typeof b === 'object' ? { ...a, ...b } : b));
    case 'ZodOptional':
    case 'ZodDefault':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 4 });
    case 'ZodNullable':
      return fc.option(inner(def.innerType), { nil: null, freq: 4 });
    case 'ZodCatch':
    case 'ZodReadonly':
      return inner(def.innerType);
    case 'ZodBranded':
      return inner(def.type);
    case 'ZodEffects': {
      const base = inner(def.schema);
      // A preprocess step often turns card strings into numbers/booleans: offer strings too.
      return (def.effect as { type: string }).type === 'preprocess' ? fc.oneof(base, cardStrings) : base;
    }
    case 'ZodPipeline':
      return inner(def.in);
    case 'ZodLazy':
      return inner((def.getter as () => z.ZodTypeAny)());
    case 'ZodAny':
    case 'ZodUnknown':
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON copy: own `__proto__` keys stay own keys (JSON.parse creates them so), as the server will see them. */
export const viaJson = (value: unknown): Json => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json));

/** Paths to every value inside `value` (objects and arrays), the root included as []. */
function pathsOf(value: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (prefix.length > 4) return out;
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function setAt(root: Json, path: Array<string | number>, replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null;
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    Object.defineProperty(node, last, { value: replacement, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

/** Generated cases for one schema: mostly well-formed, often broken on purpose. */
export function hostileFor(schema: z.ZodTypeAny): fc.Arbitrary<Json> {
  const base = validish(schema).map(viaJson);
  const replaced = fc.tuple(base, fc.nat(), hostileArbitrary).map(([v, i, h]) => {
    const paths = pathsOf(v);
    return setAt(v, paths[i % paths.length]!, viaJson(h));
  });
  const dropped = fc.tuple(base, fc.nat()).map(([v, i]) => {
    const paths = pathsOf(v).filter((p) => p.length > 0);
    return paths.length ? setAt(v, paths[i % paths.length]!, undefined) : v;
  });
  const dangerous = fc.tuple(base, fc.constantFrom(...dangerousKeys), fc.oneof(hostileArbitrary, fc.constant({ polluted: 'yes' }))).map(([v, key, h]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? setAt(v, [key], viaJson(h)) : v,
  );
  const wrongType = fc.tuple(base, fc.nat()).map(([v, i]) => {
    const paths = pathsOf(v);
    const path = paths[i % paths.length]!;
    let node: unknown = v;
    for (const k of path) node = (node as Record<string | number, unknown>)[k];
    // A string where a number is expected and the reverse; an array or object around a scalar.
    const swap: Json = typeof node === 'string' ? (Number.isFinite(Number(node)) ? Number(node) : node.length) : typeof node === 'number' ? String(node) : typeof node === 'boolean' ? String(node) : [node as Json];
    return setAt(v, path, swap);
  });
  return fc.oneof(
    { weight: 3, arbitrary: base },
    { weight: 4, arbitrary: replaced },
    { weight: 1, arbitrary: dropped },
    { weight: 2, arbitrary: dangerous },
    { weight: 2, arbitrary: wrongType },
    { weight: 1, arbitrary: hostileArbitrary.map(viaJson) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(viaJson) },
  );
}
