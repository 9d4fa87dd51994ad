import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { documentSchema, SCHEMA_VERSION } from './schema.js';
import { serializeDocument } from './serialize.js';

// A real document of the current version made through the bot: every section holds data.
const fixture = () => documentSchema.parse(JSON.parse(readFileSync(new URL(`../../tests/fixtures/store-v${SCHEMA_VERSION}.json`, import.meta.url), 'utf8')));

describe('incremental serialisation of the store document', () => {
  it('gives exactly what JSON.stringify gives, also after records are replaced and added', () => {
    const doc = fixture();
    expect(doc.needs.needs.length).toBeGreaterThan(0);
    expect(doc.meetings.meetings.length).toBeGreaterThan(0);
    expect(serializeDocument(doc)).toBe(JSON.stringify(doc));
    const first = doc.needs.needs[0]!;
    doc.needs.needs[0] = { ...first, title: 'Ny titel "med" citattecken' };
    doc.needs.needs.push({ ...first, number: 999 });
    doc.meetings.meetings = doc.meetings.meetings.slice(1);
    expect(serializeDocument(doc)).toBe(JSON.stringify(doc));
    expect(serializeDocument(doc)).toContain('Ny titel \\"med\\" citattecken');
  });

  it('a record whose JSON is cached cannot be changed in place (it would go stale on disk): it throws', () => {
    const doc = fixture();
    serializeDocument(doc);
    const need = doc.needs.needs[0]!;
    expect(() => {
      (need as { title: string }).title = 'ändrad på plats';
    }).toThrow(TypeError);
    expect(() => (need.history as unknown[]).push({})).toThrow(TypeError);
    expect(serializeDocument(doc)).toBe(JSON.stringify(doc));
  });

  it('text that looks like the placeholders is stored as typed', () => {
    const doc = fixture();
    const first = doc.needs.needs[0]!;
    doc.needs.needs[0] = { ...first, title: '\u0000needs:x' };
    expect(serializeDocument(doc)).toBe(JSON.stringify(doc));
  });
});
