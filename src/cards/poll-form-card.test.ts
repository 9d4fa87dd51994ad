import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { MAX_CARD_BYTES, validateCard } from '../../tests/helpers/card-validator.js';
import { NOW } from '../../tests/helpers/demo-polls.js';
import { pollFormInputSchema, validatePollForm, type PollFormInput } from '../domain/polls/poll-form.js';
import { catalogues } from '../i18n/catalogue.js';
import { pollFormCard } from './poll-form-card.js';
import { pollVerbs } from './poll-verbs.js';

const t = catalogues.sv;
const byId = (card: unknown, id: string) => cardNodes(card).find((n) => n.id === id);
const actions = (card: unknown) => cardNodes(card).filter((n) => n.type === 'Action.Execute');
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' ? [String(n.text)] : []));

const input: PollFormInput = {
  type: 'programrad',
  title: 'Vårdialog',
  place: 'MDU',
  deadline: '2027-04-06',
  slot1Date: '2027-04-13',
  slot1Start: '09:00',
  slot1End: '12:00',
  slot2Date: '2027-04-14',
  slot2Start: '13:00',
  slot2End: '16:00',
};

describe('poll form card', () => {
  it('an empty form validates, has eight rows of date, from and to, and every other input, and submits with the create verb', () => {
    const card = pollFormCard({ values: {}, errors: [], warnings: [], draftId: 'd1' }, t);
    expect(validateCard(card)).toEqual([]);
    for (const id of ['type', 'title', 'place', 'link', 'agenda', 'deadline', 'visibility', 'autoFinalise']) expect(byId(card, id), id).toBeDefined();
    for (let n = 1; n <= 8; n++) {
      expect(byId(card, `slot${n}Date`)).toMatchObject({ type: 'Input.Date', label: `Tid ${n}: datum` });
      expect(byId(card, `slot${n}Start`)).toMatchObject({ type: 'Input.Time' });
      expect(byId(card, `slot${n}End`)).toMatchObject({ type: 'Input.Time' });
    }
    expect(byId(card, 'slot9Date')).toBeUndefined();
    expect(actions(card).map((a) => a.data)).toEqual([{ draftId: 'd1', verb: pollVerbs.create }]);
  });

  it('defaults to an anonymous poll decided by leadership; every input the card has is one the payload schema reads', () => {
    const card = pollFormCard({ values: {}, errors: [], warnings: [] }, t);
    expect(byId(card, 'visibility')?.value).toBe('anonymous');
    expect(byId(card, 'autoFinalise')?.value).toBe('off');
    const inputIds = cardNodes(card).filter((n) => String(n.type).startsWith('Input.')).map((n) => String(n.id));
    expect(inputIds.filter((id) => !(id in pollFormInputSchema.shape))).toEqual([]);
  });

  it('states the limits and puts them on the inputs', () => {
    const card = pollFormCard({ values: {}, errors: [], warnings: [] }, t);
    expect(texts(card)).toContain(t.polls.form.limits);
    expect([byId(card, 'title')?.maxLength, byId(card, 'place')?.maxLength, byId(card, 'agenda')?.maxLength]).toEqual([200, 200, 4000]);
  });

  it('comes back with the values kept and each error under its input', () => {
    const r = validatePollForm({ input: { ...input, slot2End: '12:00', slot3Date: '2027-04-15', deadline: '2027-04-14' }, now: NOW });
    if (r.ok) throw new Error('expected errors');
    const card = pollFormCard({ values: r.values, errors: r.errors, warnings: r.warnings }, t);
    expect(validateCard(card)).toEqual([]);
    expect(byId(card, 'slot2End')?.value).toBe('12:00');
    expect(byId(card, 'error-slot2End')?.text).toBe(t.meetings.form.errors.endNotAfterStart);
    expect(byId(card, 'error-slot3Start')?.text).toBe(t.meetings.form.errors.required);
    expect(byId(card, 'error-deadline')?.text).toBe(t.polls.form.errors.deadlineNotBeforeSlots);
    expect(byId(card, 'error-title')).toBeUndefined();
    expect(texts(card)).toContain(t.polls.form.errorsIntro);
  });

  it('too few rows is said under the rows', () => {
    const r = validatePollForm({ input: { ...input, slot2Date: '' , slot2Start: '', slot2End: '' }, now: NOW });
    if (r.ok) throw new Error('expected errors');
    expect(byId(pollFormCard({ values: r.values, errors: r.errors, warnings: [] }, t), 'error-slots')?.text).toBe('Föreslå minst 2 tider.');
  });

  it('a holiday among the proposals is named, with “send anyway” carrying the override', () => {
    const r = validatePollForm({ input: { ...input, slot2Date: '2027-03-29', deadline: '2027-03-20' }, now: NOW });
    if (r.ok || r.reason !== 'needsOverride') throw new Error('expected a warning');
    const card = pollFormCard({ values: r.values, errors: [], warnings: r.warnings, draftId: 'd1' }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card).some((s) => s.includes('annandag påsk'))).toBe(true);
    expect(actions(card).map((a) => a.data)).toEqual([
      { draftId: 'd1', verb: pollVerbs.create },
      { draftId: 'd1', override: true, verb: pollVerbs.create },
    ]);
  });

  it('stays under Teams’ card size with every row and field at its limit', () => {
    const full: PollFormInput = { ...input, title: 'x'.repeat(200), place: 'p'.repeat(200), link: `https://x.example/${'l'.repeat(1980)}`, agenda: 'a'.repeat(4000) };
    for (let n = 1; n <= 8; n++) Object.assign(full, { [`slot${n}Date`]: `2027-04-${String(12 + n)}`, [`slot${n}Start`]: '09:00', [`slot${n}End`]: '10:00' });
    const r = validatePollForm({ input: full, now: NOW });
    if (r.ok) throw new Error('expected the weekend warning');
    const card = pollFormCard({ values: r.values, errors: r.errors, warnings: r.warnings, draftId: 'd1' }, t);
    expect(validateCard(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
  });

  it('is in English for an English viewer', () => {
    const card = pollFormCard({ values: {}, errors: [], warnings: [] }, catalogues.en);
    expect(byId(card, 'slot1Date')?.label).toBe('Time 1: date');
    expect(actions(card)[0]?.title).toBe('Send the date poll');
  });
});
