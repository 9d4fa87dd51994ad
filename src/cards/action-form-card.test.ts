import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { actionFormCard } from './action-form-card.js';
import { cardBytes, RECORDS_CARD_BYTES } from './records-card-parts.js';
import { actionInputIds, recordsVerbs } from './records-verbs.js';

const t = catalogues.sv;
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
const input = (card: unknown, id: string) => cardNodes(card).find((n) => n.id === id);
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

describe('action form card', () => {
  it('what, who (type-ahead from the roster), by when (not before today); from a decision or an agenda item', () => {
    const people = Array.from({ length: 55 }, (_, i) => ({ id: id(i), label: `Person ${i}, Kommun` }));
    const card = actionFormCard({ source: { kind: 'decision', decisionId: 'd1', ref: { body: 'programrad', year: 2027, number: 4 } }, people, minDate: '2027-04-13' }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toContain('Från: Beslut Programrådet 2027 § 4');
    expect(input(card, actionInputIds.owner)).toMatchObject({ style: 'filtered' });
    expect(input(card, actionInputIds.due)).toMatchObject({ type: 'Input.Date', min: '2027-04-13' });
    expect(card.actions?.map((a) => a.data)).toEqual([{ decisionId: 'd1', verb: recordsVerbs.createAction }]);
    expect(cardBytes(card)).toBeLessThanOrEqual(RECORDS_CARD_BYTES);
    const fromItem = actionFormCard({ source: { kind: 'agendaItem', meetingId: 'm1', itemId: 'a2', meetingTitle: 'Vårdialog', itemTitle: 'Programplan' }, people, minDate: '2027-04-13', values: { owner: id(3), due: '2027-05-01' } }, t);
    expect(fromItem.actions?.map((a) => a.data)).toEqual([{ meetingId: 'm1', itemId: 'a2', verb: recordsVerbs.createAction }]);
    expect(input(fromItem, actionInputIds.owner)?.value).toBe(id(3));
  });
});

