import { describe, expect, it } from 'vitest';
import { formPayloadSchema, listPayloadSchema, needNumberPayloadSchema, overviewPayloadSchema, reviewPayloadSchema, submitPayloadSchema, withdrawPayloadSchema } from './payloads.js';

describe('needs card payloads', () => {
  it('need numbers arrive as numbers or strings (with or without #); anything else is refused', () => {
    expect(needNumberPayloadSchema.parse({ number: '12', verb: 'needs.show' }).number).toBe(12);
    expect(needNumberPayloadSchema.parse({ number: 12 }).number).toBe(12);
    expect(needNumberPayloadSchema.parse({ number: '#12' }).number).toBe(12);
    for (const bad of [{}, { number: '0' }, { number: 'x' }, { number: -1 }, { number: 1.5 }]) expect(needNumberPayloadSchema.safeParse(bad).success).toBe(false);
  });

  it('withdrawal needs the confirming second click', () => {
    expect(withdrawPayloadSchema.safeParse({ number: 3 }).success).toBe(false);
    expect(withdrawPayloadSchema.parse({ number: 3, confirm: 'yes' }).number).toBe(3);
  });

  it('submit keeps every field for the form parser and reads "skicka ändå"', () => {
    const r = submitPayloadSchema.parse({ title: 'T', description: 'D', force: 'true', verb: 'needs.submit' });
    expect(r.force).toBe(true);
    expect(r.fields).toMatchObject({ title: 'T', description: 'D' });
    expect(submitPayloadSchema.parse({ title: 'T' }).force).toBe(false);
    expect(formPayloadSchema.parse({ number: '4' }).number).toBe(4);
    expect(formPayloadSchema.parse({ title: 'Utkast' }).draft).toMatchObject({ title: 'Utkast' });
    // Inputs arrive as strings: anything else, a malformed number or submission id did not come from the card.
    for (const bad of [{ title: 42 }, { description: ['x'] }, { number: 'sju' }, { submissionId: '../x' }, { force: 'kanske' }]) expect(submitPayloadSchema.safeParse(bad).success).toBe(false);
  });

  it('a review reads only the inputs of the chosen move', () => {
    const data = { number: '7', to: 'avslagen', 'reviewText-avslagen': 'Utanför uppdraget.', 'reviewText-under-beredning': 'fel ruta', planArea: 'framtida-valfarden', planYear: '2027', mergeInto: '3' };
    expect(reviewPayloadSchema.parse(data)).toEqual({ number: 7, to: 'avslagen', text: 'Utanför uppdraget.', plan: undefined, mergeInto: undefined });
    expect(reviewPayloadSchema.parse({ ...data, to: 'ingar-i-programplan' })).toEqual({ number: 7, to: 'ingar-i-programplan', text: '', plan: { area: 'framtida-valfarden', year: 2027 }, mergeInto: undefined });
    expect(reviewPayloadSchema.parse({ ...data, to: 'sammanslagen', mergeInto: 3 })).toMatchObject({ to: 'sammanslagen', mergeInto: 3 });
    expect(reviewPayloadSchema.parse({ ...data, to: 'sammanslagen', mergeInto: 'tre' }).mergeInto).toBeUndefined();
    expect(reviewPayloadSchema.safeParse({ ...data, to: 'inkommen' }).success).toBe(false);
  });

  it('list paging uses the filter carried by the button; "apply" uses the inputs and starts over', () => {
    const paging = listPayloadSchema.parse({ scope: 'all', token: 'before:40', county: 'sormland', round: '2027', filterCounty: 'vastmanland' });
    expect(paging).toEqual({ scope: 'all', token: 'before:40', filter: { county: 'sormland', round: 2027 } });
    const apply = listPayloadSchema.parse({ scope: 'all', apply: 'true', token: 'before:40', county: 'sormland', filterCounty: 'vastmanland', filterArea: '', filterStatus: 'avslagen', filterRound: '' });
    expect(apply).toEqual({ scope: 'all', token: undefined, filter: { county: 'vastmanland', status: 'avslagen' } });
    expect(listPayloadSchema.parse({ scope: 'mine', status: 'bogus' })).toEqual({ scope: 'mine', token: undefined, filter: {} });
    // What no list card sends is refused.
    for (const bad of [{ scope: 'x' }, {}, { scope: 'all', token: 7 }, { scope: 'all', filterArea: { a: 1 } }]) expect(listPayloadSchema.safeParse(bad).success).toBe(false);
  });

  it('the overview year comes from the input when there is one, empty meaning all years', () => {
    expect(overviewPayloadSchema.parse({ overviewRound: '2027' }).round).toBe(2027);
    expect(overviewPayloadSchema.parse({ overviewRound: '', round: 2026 }).round).toBeUndefined();
    expect(overviewPayloadSchema.parse({ round: 2026 }).round).toBe(2026);
  });
});
