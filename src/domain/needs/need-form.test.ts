import { describe, expect, it } from 'vitest';
import { cleanFormText, parseNeedForm } from './need-form.js';

const good = {
  title: '  Kompetensförsörjning  ',
  description: 'Rad ett\r\nRad två\u0007',
  area: 'framtida-valfarden',
  organisationId: 'vasteras',
  contactName: 'Erik Demoberg',
  contactEmail: '',
  urgency: 'high',
};
const parse = (data: unknown) => parseNeedForm({ data, organisationIds: ['vasteras'] });

describe('the need form', () => {
  it('a complete form gives the need fields, trimmed, with control characters removed and line breaks kept', () => {
    const r = parse(good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.title).toBe('Kompetensförsörjning');
    expect(r.value.description).toBe('Rad ett\nRad två');
    expect(r.value.contact).toEqual({ name: 'Erik Demoberg' });
  });

  it('an empty title is refused with the other fields kept as typed', () => {
    const r = parse({ ...good, title: '   ' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([{ field: 'title', problem: 'required' }]);
    expect(r.values.description).toBe('Rad ett\nRad två');
    expect(r.values.contactName).toBe('Erik Demoberg');
  });

  it('a title over 120 characters and a description over 4,000 are named, and the text is kept', () => {
    const title = 'å'.repeat(121);
    const r = parse({ ...good, title, description: 'd'.repeat(4001) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { field: 'title', problem: 'tooLong', max: 120 },
      { field: 'description', problem: 'tooLong', max: 4000 },
    ]);
    expect(r.values.title).toBe(title);
  });

  it('120 characters are counted as a person counts them: emoji and decomposed letters count once', () => {
    expect(parse({ ...good, title: '🙂'.repeat(120) }).ok).toBe(true);
    expect(parse({ ...good, title: 'a\u030a'.repeat(120) }).ok).toBe(true);
    expect(parse({ ...good, title: '🙂'.repeat(121) }).ok).toBe(false);
  });

  it('every problem is reported at once: missing area and urgency, unknown organisation, bad e-mail', () => {
    const r = parse({ ...good, area: 'okänt', urgency: '', organisationId: 'koping', contactEmail: 'inte-en-adress' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.field}:${e.problem}`)).toEqual(['area:invalid', 'organisationId:invalid', 'contactEmail:invalid', 'urgency:required']);
  });

  it('a payload without the fields, or with non-text values, is all "required", never a crash', () => {
    const r = parseNeedForm({ data: { title: { x: 1 }, description: ['a'] }, organisationIds: [] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(['title', 'description', 'area', 'organisationId', 'contactName', 'urgency']);
    expect(parseNeedForm({ data: null, organisationIds: [] }).ok).toBe(false);
  });

  it('a single-line field turns line breaks into spaces; a pasted essay is kept only up to twice the limit', () => {
    expect(cleanFormText('a\n\nb\tc', { multiline: false, keep: 10 })).toBe('a b c');
    expect(cleanFormText('x'.repeat(500), { multiline: false, keep: 240 })).toHaveLength(240);
  });
});
