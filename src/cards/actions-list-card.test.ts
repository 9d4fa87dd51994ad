import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { ACTIONS_LIST_MAX_ROWS, actionsListCard, type ActionsListItem } from './actions-list-card.js';
import { cardBytes, RECORDS_CARD_BYTES } from './records-card-parts.js';
import { recordsVerbs } from './records-verbs.js';

const t = catalogues.sv;
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
const item = (i: number, over: Partial<ActionsListItem> = {}): ActionsListItem => ({ actionId: `x${i}`, title: `Åtgärd ${i}`, ownerName: 'Maria Exempelsson', due: `${i} maj 2027`, overdue: false, ...over });

describe('actions list card', () => {
  it('leadership per meeting: groups with headings, each row opens the action, overdue marked', () => {
    const card = actionsListCard({ scope: 'meeting', canSwitch: true, groups: [{ heading: 'Vårdialog', items: [item(1, { overdue: true }), item(2)] }, { heading: 'Höstdialog', items: [item(3)] }] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining(['Öppna åtgärder – Per möte', 'Vårdialog', 'Åtgärd 1 – Maria Exempelsson, senast 1 maj 2027', 'Höstdialog']));
    expect(texts(card).filter((x) => x === t.records.action.overdue)).toHaveLength(1);
    const rows = cardNodes(card).filter((n) => n.type === 'Container' && n.selectAction);
    expect(rows.map((r) => (r.selectAction as { data: unknown }).data)).toEqual(['x1', 'x2', 'x3'].map((actionId) => ({ actionId, verb: recordsVerbs.action })));
    expect(card.actions?.map((a) => a.data)).toEqual([
      { scope: 'person', verb: recordsVerbs.actions },
      { scope: 'mine', verb: recordsVerbs.actions },
    ]);
  });

  it('mine: no switching for someone who is not leadership; none says so', () => {
    const card = actionsListCard({ scope: 'mine', canSwitch: false, groups: [{ heading: '', items: [] }] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual([t.records.actionsList.mine, t.records.actionsList.none]);
    expect(card.actions ?? []).toEqual([]);
  });

  it('shows at most 30 rows and counts the rest, within Teams’ card size even for worst-case titles', () => {
    const groups = Array.from({ length: 10 }, (_, g) => ({ heading: '*'.repeat(200), items: Array.from({ length: 5 }, (_, i) => item(g * 5 + i, { title: '_'.repeat(200), ownerName: 'Å'.repeat(200) })) }));
    const card = actionsListCard({ scope: 'person', canSwitch: true, groups }, t);
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(RECORDS_CARD_BYTES);
    expect(cardNodes(card).filter((n) => n.type === 'Container' && n.selectAction)).toHaveLength(ACTIONS_LIST_MAX_ROWS);
    expect(texts(card)).toContain('…och 20 till.');
  });
});
