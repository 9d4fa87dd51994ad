import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { RECORD_LIMITS } from '../domain/records/common.js';
import { catalogues } from '../i18n/catalogue.js';
import { decisionFormCard, type DecisionFormCardModel } from './decision-form-card.js';
import { cardBytes, RECORDS_CARD_BYTES } from './records-card-parts.js';
import { decisionInputIds, recordsVerbs } from './records-verbs.js';

const t = catalogues.sv;
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
const input = (card: unknown, id: string) => cardNodes(card).find((n) => n.id === id);

const decisionForm: DecisionFormCardModel = {
  meetingId: 'm1',
  meetingTitle: 'Vårdialog',
  when: '13 april 2027',
  next: { body: 'programrad', year: 2027, number: 3 },
  agendaItems: [
    { itemId: 'a1', title: 'Läget' },
    { itemId: 'a2', title: 'Programplan 2028' },
  ],
  taken: [
    { decisionId: 'd1', ref: { body: 'programrad', year: 2027, number: 1 }, text: 'Programplanen antas.', status: 'valid' },
    { decisionId: 'd2', ref: { body: 'programrad', year: 2027, number: 2 }, text: 'Fel.', status: 'withdrawn' },
  ],
};

describe('decision form card', () => {
  it('text, agenda item and needs; says the number it will get; lists the decisions taken with a button for an action', () => {
    const card = decisionFormCard(decisionForm, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toContain('Beslutet får nummer Programrådet 2027 § 3 (nästa lediga).');
    expect(input(card, decisionInputIds.text)).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: RECORD_LIMITS.decisionText });
    expect((input(card, decisionInputIds.item)?.choices as { value: string }[]).map((c) => c.value)).toEqual(['', 'a1', 'a2']);
    expect(card.actions?.map((a) => [a.verb, a.data])).toEqual([[recordsVerbs.recordDecision, { meetingId: 'm1', verb: recordsVerbs.recordDecision }]]);
    const actionButtons = cardNodes(card).filter((n) => n.type === 'Action.Execute' && n.verb === recordsVerbs.actionForm).map((n) => n.data);
    expect(actionButtons).toEqual([{ decisionId: 'd1', verb: recordsVerbs.actionForm }]);
    expect(cardNodes(card).find((n) => n.type === 'TextRun' && n.text === 'Fel.')?.strikethrough).toBe(true);
  });

  it('keeps what was typed with the problem; fits Teams’ card size with the most decisions shown', () => {
    const card = decisionFormCard({ ...decisionForm, values: { text: 'Utkast', item: 'a2', needs: '12, x' }, problems: ['Behoven finns inte: #99.'] }, t);
    expect(input(card, decisionInputIds.text)?.value).toBe('Utkast');
    expect(input(card, decisionInputIds.item)?.value).toBe('a2');
    expect(input(card, decisionInputIds.needs)?.value).toBe('12, x');
    const many = decisionFormCard(
      {
        ...decisionForm,
        agendaItems: Array.from({ length: RECORD_LIMITS.agendaItems }, (_, i) => ({ itemId: `a${i}`, title: 'Ä'.repeat(200) })),
        taken: Array.from({ length: 40 }, (_, i) => ({ decisionId: `d${i}`, ref: { body: 'programrad' as const, year: 2027, number: i + 1 }, text: '"'.repeat(4000), status: 'valid' as const })),
        values: { text: 'Ö'.repeat(RECORD_LIMITS.decisionText) },
      },
      t,
    );
    expect(validateCard(many)).toEqual([]);
    expect(cardBytes(many)).toBeLessThanOrEqual(RECORDS_CARD_BYTES);
  });
});

