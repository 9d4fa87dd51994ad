import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { perCapsulamCard, type PerCapsulamCardModel } from './per-capsulam-card.js';
import { recordsVerbs } from './records-verbs.js';

const t = catalogues.sv;
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));

const base: PerCapsulamCardModel = {
  procedureId: 'pc1',
  body: 'programrad',
  proposal: 'Programrådet godkänner reviderad tidplan för programplanen.',
  needs: [{ number: 12, title: 'Kompetensförsörjning i äldreomsorgen' }],
  deadline: 'måndag 10 maj 2027 kl. 16.00',
  open: true,
  rule: 'majorityOfSeats',
  viewer: { seatId: 'pr-vastmanland-1', seatLabel: 'Västmanland' },
  refreshUserIds: ['00000000-0000-0000-0000-000000000020'],
};

describe('per capsulam card', () => {
  it('the seat holder sees the proposal, needs, rule (as an assumption), deadline and their seat, and answers Ja or Nej', () => {
    const card = perCapsulamCard(base, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Beslut per capsulam – Programrådet',
        base.proposal,
        '#12 Kompetensförsörjning i äldreomsorgen',
        t.records.perCapsulam.rule.majorityOfSeats,
        t.records.perCapsulam.ruleAssumption,
        'Svara senast måndag 10 maj 2027 kl. 16.00.',
        'Du svarar för platsen Västmanland.',
        t.records.perCapsulam.noAnswerYet,
      ]),
    );
    expect(card.actions?.map((a) => [a.title, a.data])).toEqual([
      ['Ja', { procedureId: 'pc1', seatId: 'pr-vastmanland-1', value: 'yes', verb: recordsVerbs.answerPerCapsulam }],
      ['Nej', { procedureId: 'pc1', seatId: 'pr-vastmanland-1', value: 'no', verb: recordsVerbs.answerPerCapsulam }],
    ]);
    expect(card.refresh).toMatchObject({ action: { verb: recordsVerbs.refresh, data: { kind: 'perCapsulam', id: 'pc1' } }, userIds: base.refreshUserIds });
  });

  it('shows the answer given and marks its button; it can still be changed before the deadline', () => {
    const card = perCapsulamCard({ ...base, viewer: { ...base.viewer!, answer: 'no' } }, t);
    expect(texts(card)).toContain('Ditt svar: Nej');
    expect(card.actions?.map((a) => a.title)).toEqual(['Ja', '✓ Nej']);
  });

  it('after the deadline: no buttons; the result with the seats that did not answer', () => {
    const closed = perCapsulamCard({ ...base, open: false }, t);
    expect(closed.actions ?? []).toEqual([]);
    expect(texts(closed)).toContain(t.records.perCapsulam.closed);
    const adopted = perCapsulamCard(
      { ...base, open: false, tally: { yes: 6, no: 0, notAnswered: 1 }, result: { outcome: 'adopted', ref: { body: 'programrad', year: 2027, number: 5 }, notAnsweredSeats: ['Sörmland (Olof Försöksgren)'] } },
      t,
    );
    expect(validateCard(adopted)).toEqual([]);
    expect(texts(adopted)).toEqual(expect.arrayContaining(['Antaget: Programrådet 2027 § 5.', 'Svarade inte: Sörmland \\(Olof Försöksgren\\).', 'Ja 6 · Nej 0 · Ej svarat 1']));
    const rejected = perCapsulamCard({ ...base, open: false, result: { outcome: 'rejected', notAnsweredSeats: [] } }, t);
    expect(texts(rejected)).toContain(t.records.perCapsulam.rejected);
  });

  it('leadership without a seat follows the tally and cannot answer', () => {
    const card = perCapsulamCard({ ...base, viewer: undefined, tally: { yes: 2, no: 1, notAnswered: 4 } }, t);
    expect(card.actions ?? []).toEqual([]);
    expect(texts(card)).toContain('Ja 2 · Nej 1 · Ej svarat 4');
  });

  it('what people typed is never read as markdown', () => {
    const card = perCapsulamCard({ ...base, proposal: '**Fet**', needs: [{ number: 1, title: '[x](y)' }] }, t);
    expect(texts(card)).toEqual(expect.arrayContaining(['**Fet**', '#1 \\[x\\]\\(y\\)']));
  });

  it('is in English for an English viewer', () => {
    expect(perCapsulamCard(base, catalogues.en).actions?.map((a) => a.title)).toEqual(['Yes', 'No']);
  });
});
