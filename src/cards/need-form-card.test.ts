import { describe, expect, it } from 'vitest';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { parseNeedForm } from '../domain/needs/need-form.js';
import { catalogues } from '../i18n/catalogue.js';
import { needFormCard } from './need-form-card.js';
import { needsVerbs } from './needs-verbs.js';
import { all, byId, executes, texts } from './needs-card-test-helpers.js';

const t = catalogues.sv;
const vasteras = [{ id: 'vasteras', name: 'Västerås stad' }];

describe('need form card', () => {
  it('a new form validates, has every field, presets the organisation and submits with needs.submit', () => {
    const card = needFormCard({ mode: { kind: 'new' }, values: { contactName: 'Erik Demoberg', urgency: 'medium', organisationId: 'vasteras' }, errors: [], organisations: vasteras }, t);
    expect(validateCard(card)).toEqual([]);
    for (const id of ['title', 'description', 'area', 'contactName', 'contactEmail', 'urgency']) expect(byId(card, id), id).toBeDefined();
    expect(byId(card, 'title')).toMatchObject({ maxLength: 120, isRequired: true });
    expect(byId(card, 'description')).toMatchObject({ maxLength: 4000, isMultiline: true });
    expect(byId(card, 'area')?.choices).toEqual([
      { title: 'Den framtida välfärden', value: 'framtida-valfarden' },
      { title: 'Den resilienta organisationen', value: 'resilienta-organisationen' },
      { title: 'Den möjliggörande byråkratin', value: 'mojliggorande-byrakratin' },
    ]);
    expect(byId(card, 'urgency')).toMatchObject({ value: 'medium' });
    expect(byId(card, 'contactName')?.value).toBe('Erik Demoberg');
    expect(all(card).some((n) => n.type === 'FactSet' && JSON.stringify(n).includes('Västerås stad'))).toBe(true);
    expect(executes(card)).toEqual([expect.objectContaining({ verb: needsVerbs.submit, data: { organisationId: 'vasteras', verb: needsVerbs.submit } })]);
  });

  it('stays within the card size Teams takes when every field comes back over its limit in four-byte characters', () => {
    const wide = (n: number) => '😀'.repeat(n);
    const data = { title: wide(240), description: wide(8000), area: 'framtida-valfarden', organisationId: 'vasteras', contactName: wide(400), contactEmail: wide(640), urgency: 'high' };
    const r = parseNeedForm({ data, organisationIds: ['vasteras'] });
    if (r.ok) throw new Error('expected an error');
    const card = needFormCard({ mode: { kind: 'new' }, values: r.values, errors: r.errors, organisations: vasteras }, t);
    expect(validateCard(card)).toEqual([]);
    expect(Array.from(String(byId(card, 'description')?.value))).toHaveLength(4000);
    expect(byId(card, 'error-description')?.text).toBe(t.needs.form.errors.tooLong({ max: 4000 }));
  });

  it('keeps over-long text whole when the card is small enough', () => {
    const r = parseNeedForm({ data: { title: 'x'.repeat(130), description: 'd', area: 'framtida-valfarden', organisationId: 'vasteras', contactName: 'Erik', urgency: 'high' }, organisationIds: ['vasteras'] });
    if (r.ok) throw new Error('expected an error');
    const card = needFormCard({ mode: { kind: 'new' }, values: r.values, errors: r.errors, organisations: vasteras }, t);
    expect(byId(card, 'title')?.value).toBe('x'.repeat(130));
  });

  it('comes back with the person’s text kept and each problem under its field; nothing invented', () => {
    const r = parseNeedForm({ data: { title: '', description: 'Vår **viktiga** text\n<b>rad två</b>', area: 'framtida-valfarden', organisationId: 'vasteras', contactName: 'Erik', urgency: 'high' }, organisationIds: ['vasteras'] });
    if (r.ok) throw new Error('expected an error');
    const card = needFormCard({ mode: { kind: 'new' }, values: r.values, errors: r.errors, organisations: vasteras }, t);
    expect(validateCard(card)).toEqual([]);
    expect(byId(card, 'description')?.value).toBe('Vår **viktiga** text\n<b>rad två</b>');
    expect(byId(card, 'area')?.value).toBe('framtida-valfarden');
    expect(byId(card, 'urgency')?.value).toBe('high');
    expect(byId(card, 'error-title')?.text).toBe(t.needs.form.errors.required);
    expect(byId(card, 'error-description')).toBeUndefined();
    expect(texts(card)).toContain(t.needs.form.errorsIntro);
  });

  it('an over-long title comes back whole, with the limit named and no maxLength cutting it', () => {
    const title = 'Lång rubrik '.repeat(15);
    const r = parseNeedForm({ data: { title, description: 'x', area: 'framtida-valfarden', organisationId: 'vasteras', contactName: 'Erik', urgency: 'low' }, organisationIds: ['vasteras'] });
    if (r.ok) throw new Error('expected an error');
    const card = needFormCard({ mode: { kind: 'new' }, values: r.values, errors: r.errors, organisations: vasteras }, t);
    expect(validateCard(card)).toEqual([]);
    expect(byId(card, 'title')?.value).toBe(title.trim());
    expect(byId(card, 'title')?.maxLength).toBeUndefined();
    expect(byId(card, 'error-title')?.text).toBe(t.needs.form.errors.tooLong({ max: 120 }));
  });

  it('several organisations are a type-ahead choice with the preset one chosen', () => {
    const orgs = Array.from({ length: 23 }, (_, i) => ({ id: `org-${i}`, name: `Organisation ${i}` }));
    const card = needFormCard({ mode: { kind: 'new' }, values: { organisationId: 'org-3' }, errors: [], organisations: orgs }, t);
    expect(validateCard(card)).toEqual([]);
    expect(byId(card, 'organisationId')).toMatchObject({ style: 'filtered', value: 'org-3' });
    expect(executes(card)[0]!.data).toEqual({ verb: needsVerbs.submit });
  });

  it('the edit form names the need and saves with needs.save and its number', () => {
    const card = needFormCard({ mode: { kind: 'edit', number: 12 }, values: { title: 'T' }, errors: [], organisations: vasteras }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toContain(t.needs.form.headingEdit({ number: 12 }));
    expect(executes(card)[0]).toMatchObject({ verb: needsVerbs.save, data: { number: 12, organisationId: 'vasteras' } });
  });

  it('a form prefilled from chat says so', () => {
    const card = needFormCard({ mode: { kind: 'new' }, values: { title: 'Från chatten' }, errors: [], organisations: vasteras, prefilled: true }, t);
    expect(texts(card)).toContain(t.needs.form.prefilled);
  });

  it('is in English for English speakers', () => {
    const card = needFormCard({ mode: { kind: 'new' }, values: {}, errors: [], organisations: vasteras }, catalogues.en);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toContain('New need');
  });
});
