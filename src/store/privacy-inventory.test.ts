import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exportSections, privacyInventory } from '../domain/privacy/inventory.js';
import { documentSchema } from './schema.js';

/** Peels defaults, optionals, refinements and pipes off a zod schema: the shape underneath. */
function core(schema: z.ZodTypeAny): z.ZodTypeAny {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodDefault) s = s._def.innerType;
    else if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else if (s instanceof z.ZodPipeline) s = s._def.in;
    else if (s instanceof z.ZodLazy) s = s.schema;
    else return s;
  }
}

/** Every array or record section of the document: top-level ones, and those inside a section object. */
function sectionsOf(schema: z.ZodTypeAny, path = ''): string[] {
  const s = core(schema);
  if (s instanceof z.ZodArray || s instanceof z.ZodRecord) return [path];
  if (s instanceof z.ZodObject) return Object.entries(s.shape as Record<string, z.ZodTypeAny>).flatMap(([k, v]) => sectionsOf(v, path ? `${path}.${k}` : k));
  return [];
}

describe('the privacy inventory', () => {
  const sections = sectionsOf(documentSchema);

  it('has a privacy decision for every array and record section of the store document (add one for a new section)', () => {
    const decided = new Set(privacyInventory.map((k) => k.section));
    expect(sections.length).toBeGreaterThan(10);
    expect(sections.filter((s) => !decided.has(s))).toEqual([]);
  });

  it('names no section the document does not have (a renamed section is noticed)', () => {
    expect(privacyInventory.map((k) => k.section).filter((s) => !sections.includes(s))).toEqual([]);
  });

  it('decides each section once, and every kind that holds personal data is shown in the export and has an erasure rule', () => {
    const names = privacyInventory.map((k) => k.section);
    expect(new Set(names).size).toBe(names.length);
    for (const kind of privacyInventory.filter((k) => k.personalData !== null)) {
      expect(kind.export, kind.section).not.toBeNull();
      expect(kind.erasure, kind.section).not.toBe('none');
    }
    for (const s of privacyInventory.flatMap((k) => (k.export ? [k.export] : []))) expect(exportSections).toContain(s);
  });

  it('finds sections inside section objects, the way a new feature adds them', () => {
    const extended = documentSchema.extend({ polls: z.object({ polls: z.array(z.string()).default([]), votes: z.record(z.string(), z.string()).default({}) }).default({}) });
    expect(sectionsOf(extended)).toEqual(expect.arrayContaining(['polls.polls', 'polls.votes']));
  });
});
