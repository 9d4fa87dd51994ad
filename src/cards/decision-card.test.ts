import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { decisionCard, type DecisionCardModel } from './decision-card.js';
import { needsVerbs } from './needs-verbs.js';

const t = catalogues.sv;
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));

const base: DecisionCardModel = {
  decisionId: 'd1',
  ref: { body: 'programrad', year: 2027, number: 4 },
  text: 'Programrådet antar programplanen för 2028.',
  status: 'valid',
  final: true,
  decidedOn: '13 april 2027',
  origin: { kind: 'meeting', meetingTitle: 'Vårdialog', agendaItemTitle: 'Programplan 2028' },
  needs: [
    { number: 12, title: 'Kompetensförsörjning i äldreomsorgen' },
    { number: 15, title: 'Digital styrning' },
  ],
  corrections: 0,
  actions: [
    { title: 'Skicka planen till SRB', ownerName: 'Maria Exempelsson', due: '14 maj 2027', done: false },
    { title: 'Publicera planen', ownerName: 'Anna Provström', due: '1 maj 2027', done: true },
  ],
};

describe('decision card', () => {
  it('cites the decision as "Programrådet 2027 § 4" with its text, date, meeting, item, needs and actions', () => {
    const card = decisionCard(base, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)[0]).toBe('Programrådet 2027 § 4');
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Gällande',
        base.text,
        '#12 Kompetensförsörjning i äldreomsorgen',
        'Skicka planen till SRB – Maria Exempelsson, senast 14 maj 2027',
        'Publicera planen – Anna Provström, senast 1 maj 2027 (klar)',
      ]),
    );
    expect(cardNodes(card).find((n) => n.type === 'FactSet')?.facts).toEqual([
      { title: 'Beslutsdatum', value: '13 april 2027' },
      { title: 'Möte', value: 'Vårdialog' },
      { title: 'Punkt', value: 'Programplan 2028' },
    ]);
    expect(texts(card)).not.toContain(t.records.preliminary);
  });

  it('each need it concerns can be opened with the needs card’s own verb', () => {
    expect(decisionCard(base, t).actions?.map((a) => [a.title, a.verb, a.data])).toEqual([
      ['Visa behov #12', needsVerbs.show, { number: 12, verb: needsVerbs.show }],
      ['Visa behov #15', needsVerbs.show, { number: 15, verb: needsVerbs.show }],
    ]);
  });

  it('a preliminary decision says so; a withdrawn one is struck through with its reason; superseding is cited', () => {
    expect(texts(decisionCard({ ...base, final: false }, t))).toContain(t.records.preliminary);
    const withdrawn = decisionCard({ ...base, status: 'withdrawn', withdrawal: { reason: 'Registrerat av misstag', date: '14 april 2027' } }, t);
    expect(validateCard(withdrawn)).toEqual([]);
    expect(texts(withdrawn)).toEqual(expect.arrayContaining(['Struket', 'Struket 14 april 2027: Registrerat av misstag']));
    expect(cardNodes(withdrawn).find((n) => n.type === 'TextRun' && n.text === base.text)?.strikethrough).toBe(true);
    const superseded = decisionCard({ ...base, status: 'superseded', supersededBy: { body: 'programrad', year: 2028, number: 2 } }, t);
    expect(texts(superseded)).toContain('Upphävt genom Programrådet 2028 § 2.');
  });

  it('a per capsulam decision says so instead of a meeting', () => {
    const card = decisionCard({ ...base, origin: { kind: 'perCapsulam' } }, t);
    expect(cardNodes(card).find((n) => n.type === 'FactSet')?.facts).toEqual([
      { title: 'Beslutsdatum', value: '13 april 2027' },
      { title: 'Möte', value: t.records.decision.perCapsulam },
    ]);
  });

  it('what people typed is never read as markdown', () => {
    const card = decisionCard({ ...base, text: '**Fet** [länk](https://evil.example)', needs: [{ number: 1, title: '_x_' }], origin: { kind: 'meeting', meetingTitle: '<b>' } }, t);
    expect(texts(card)).toEqual(expect.arrayContaining(['**Fet** [länk](https://evil.example)', '#1 \\_x\\_']));
    expect(cardNodes(card).find((n) => n.type === 'FactSet')?.facts).toContainEqual({ title: 'Möte', value: '\\<b\\>' });
  });

  it('is in English for an English viewer', () => {
    expect(texts(decisionCard(base, catalogues.en))[0]).toBe('Programme Council 2027 § 4');
  });
});
