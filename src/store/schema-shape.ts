import { createHash } from 'node:crypto';
import type { ZodTypeAny } from 'zod';

/**
 * What a zod schema accepts and how it transforms, as text: the types, keys, checks, literals, defaults and where
 * it refines or transforms (not the code of a refinement: a changed check keeps the fingerprint). Two schemas with the same shape text validate and transform alike.
 * The journal keeps the fingerprint of the schema it wrote a snapshot under; a bot whose schema has a different
 * fingerprint (a new section, a new default, a changed check) validates the file fully once instead of trusting it.
 */
interface Def {
  typeName?: string;
  [key: string]: unknown;
}

const defOf = (schema: ZodTypeAny): Def => schema._def as Def;

function describe(schema: ZodTypeAny, stack: Set<ZodTypeAny>, onEffect?: (kind: string, path: string) => void, path = ''): string {
  // Only a schema that contains itself (z.lazy) is cut short; a schema used in several places is described in each.
  if (stack.has(schema)) return '#recursive';
  stack.add(schema);
  try {
    return describeDef(schema, stack, onEffect, path);
  } finally {
    stack.delete(schema);
  }
}

function describeDef(schema: ZodTypeAny, seen: Set<ZodTypeAny>, onEffect: ((kind: string, path: string) => void) | undefined, path: string): string {
  const def = defOf(schema);
  const t = def.typeName ?? 'unknown';
  const sub = (s: unknown, p: string) => describe(s as ZodTypeAny, seen, onEffect, p);
  switch (t) {
    case 'ZodObject': {
      const shape = (def.shape as () => Record<string, ZodTypeAny>)();
      const keys = Object.keys(shape).sort();
      const catchall = def.catchall as ZodTypeAny | undefined;
      const catchallText = catchall && defOf(catchall).typeName !== 'ZodNever' ? sub(catchall, `${path}.*`) : '';
      return `{${String(def.unknownKeys)}|${keys.map((k) => `${k}:${sub(shape[k], `${path}.${k}`)}`).join(',')}|${catchallText}}`;
    }
    case 'ZodArray':
      return `[${sub(def.type, `${path}[]`)}|${JSON.stringify([def.minLength, def.maxLength, def.exactLength])}]`;
    case 'ZodOptional':
    case 'ZodNullable':
    case 'ZodBranded':
    case 'ZodReadonly':
      return `${t}(${sub(def.innerType ?? def.type, path)})`;
    case 'ZodDefault':
      return `default(${JSON.stringify((def.defaultValue as () => unknown)())},${sub(def.innerType, path)})`;
    case 'ZodCatch':
      return `catch(${sub(def.innerType, path)})`;
    case 'ZodEffects': {
      const effect = def.effect as { type: string; transform?: unknown; refinement?: unknown };
      if (effect.type !== 'refinement') onEffect?.(effect.type, path || '(root)');
      // Not the function's source: it differs between tsx and the compiled build, which must agree on the fingerprint.
      return `effect(${effect.type},${sub(def.schema, path)})`;
    }
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion': {
      const options = def.options as ZodTypeAny[] | Map<unknown, ZodTypeAny>;
      const list = Array.isArray(options) ? options : [...options.values()];
      return `${t}(${String(def.discriminator ?? '')}|${list.map((o, i) => sub(o, `${path}|${i}`)).join('|')})`;
    }
    case 'ZodIntersection':
      return `and(${sub(def.left, path)},${sub(def.right, path)})`;
    case 'ZodRecord':
    case 'ZodMap':
      return `${t}(${sub(def.keyType, `${path}{key}`)},${sub(def.valueType, `${path}{}`)})`;
    case 'ZodTuple':
      return `tuple(${(def.items as ZodTypeAny[]).map((s, i) => sub(s, `${path}[${i}]`)).join(',')})`;
    case 'ZodLazy':
      return `lazy(${sub((def.getter as () => ZodTypeAny)(), path)})`;
    case 'ZodPipeline':
      onEffect?.('pipeline', path || '(root)');
      return `pipe(${sub(def.in, path)},${sub(def.out, path)})`;
    case 'ZodLiteral':
      return `lit(${JSON.stringify(def.value)})`;
    case 'ZodEnum':
      return `enum(${JSON.stringify(def.values)})`;
    case 'ZodNativeEnum':
      return `nenum(${JSON.stringify(def.values)})`;
    default:
      return `${t}(${JSON.stringify(def.checks ?? [])}${def.coerce ? ',coerce' : ''})`;
  }
}

/** The schema's shape as text (see above). */
export function schemaShape(schema: ZodTypeAny): string {
  return describe(schema, new Set());
}

/** SHA-256 of the shape text, hex. */
export function schemaFingerprint(schema: ZodTypeAny): string {
  return createHash('sha256').update(schemaShape(schema)).digest('hex');
}

/** Where the schema transforms what it reads (transforms, preprocessing, pipelines), as paths; for revive.ts' test. */
export function transformPaths(schema: ZodTypeAny): string[] {
  const paths: string[] = [];
  describe(schema, new Set(), (kind, path) => paths.push(`${kind} ${path}`));
  return [...new Set(paths)].sort();
}
