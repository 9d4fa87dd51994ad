import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { DECISIONS_PAGE_SIZE, decisionsListCard, type DecisionsListItem } from './decisions-list-card.js';
import { cardBytes, RECORDS_CARD_BYTES } from './records-card-parts.js';
import { recordsVerbs } from './records-verbs.js';

const t = catalogues.sv;
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));

const item = (i: number, over: Partial<DecisionsListItem> = {}): DecisionsListItem => ({
  decisionId: `d${i}`,
  ref: { body: 'programrad', year: 2027, number: i },
  text: `Beslut nummer ${i} om budget.`,
  decidedOn: '13 april 2027',
  status: 'valid',
  final: true,
  ...over,
});

describe('decisions list card', () => {
  it('one row per decision, opening it; the query and the count above', () => {
    const card = decisionsListCard({ query: 'om budget', items: [item(2), item(1, { status: 'withdrawn' })], page: 0 }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining(['Sökning: om budget', '2 beslut', 'Programrådet 2027 § 2 · 13 april 2027', 'Struket', 'Beslut nummer 2 om budget.']));
    const rows = cardNodes(card).filter((n) => n.type === 'Container' && n.selectAction);
    expect(rows.map((r) => (r.selectAction as { data: unknown }).data)).toEqual([
      { decisionId: 'd2', verb: recordsVerbs.decision },
      { decisionId: 'd1', verb: recordsVerbs.decision },
    ]);
  });

  it('no match: says so and how to search', () => {
    const card = decisionsListCard({ query: 'om ingenting', items: [], page: 0 }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining([t.records.decisionsList.none, t.records.decisionsList.hint]));
  });

  it('pages through many, keeping the query', () => {
    const items = Array.from({ length: 25 }, (_, i) => item(25 - i));
    const first = decisionsListCard({ query: '2027', items, page: 0 }, t);
    expect(cardNodes(first).filter((n) => n.type === 'Container' && n.selectAction)).toHaveLength(DECISIONS_PAGE_SIZE);
    expect(first.actions?.map((a) => a.data)).toEqual([{ query: '2027', page: 1, verb: recordsVerbs.decisions }]);
    expect(texts(first)).toContain('…och 15 till. Förfina sökningen, t.ex. med ett år eller ett ord.');
    const last = decisionsListCard({ query: '2027', items, page: 2 }, t);
    expect(cardNodes(last).filter((n) => n.type === 'Container' && n.selectAction)).toHaveLength(5);
    expect(last.actions?.map((a) => (a.data as { page: number }).page)).toEqual([1]);
  });

  it('a page of worst-case decision texts fits Teams’ card size', () => {
    const items = Array.from({ length: DECISIONS_PAGE_SIZE }, (_, i) => item(i + 1, { text: '"\\'.repeat(2000), decidedOn: 'Å'.repeat(40) }));
    const card = decisionsListCard({ query: 'x'.repeat(500), items, page: 0 }, t);
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(RECORDS_CARD_BYTES);
  });
});
