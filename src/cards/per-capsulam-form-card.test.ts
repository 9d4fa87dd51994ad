import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { perCapsulamFormCard } from './per-capsulam-form-card.js';
import { perCapsulamInputIds, recordsVerbs } from './records-verbs.js';

const t = catalogues.sv;
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
const input = (card: unknown, id: string) => cardNodes(card).find((n) => n.id === id);

describe('per capsulam form card', () => {
  it('body with its seats, proposal, needs, deadline date and time, and the rule shown as an assumption', () => {
    const card = perCapsulamFormCard({ seats: { programrad: 7, programgrupp: 8 }, rule: 'majorityOfSeats', minDate: '2027-05-03' }, t);
    expect(validateCard(card)).toEqual([]);
    expect((input(card, perCapsulamInputIds.body)?.choices as { title: string }[]).map((c) => c.title)).toEqual(['Programrådet – Frågan går till 7 platser.', 'Programgruppen – Frågan går till 8 platser.']);
    expect(input(card, perCapsulamInputIds.deadlineDate)).toMatchObject({ type: 'Input.Date', min: '2027-05-03' });
    expect(input(card, perCapsulamInputIds.deadlineTime)).toMatchObject({ type: 'Input.Time', value: '16:00' });
    expect(texts(card)).toEqual(expect.arrayContaining([t.records.perCapsulam.rule.majorityOfSeats, t.records.perCapsulam.ruleAssumption]));
    expect(card.actions?.map((a) => a.verb)).toEqual([recordsVerbs.openPerCapsulam]);
  });
});
