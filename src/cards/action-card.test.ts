import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { actionCard, type ActionCardModel } from './action-card.js';
import { actionInputIds, recordsVerbs } from './records-verbs.js';

const t = catalogues.sv;
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));

const base: ActionCardModel = {
  actionId: 'x1',
  title: 'Skicka programplanen till SRB',
  ownerName: 'Maria Exempelsson',
  due: 'fredag 14 maj 2027',
  overdue: false,
  status: 'open',
  source: { kind: 'decision', ref: { body: 'programrad', year: 2027, number: 4 } },
  canUpdate: true,
};

describe('action card', () => {
  it('shows what, who, by when and from which decision; the owner marks it done with a comment', () => {
    const card = actionCard(base, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining(['Skicka programplanen till SRB', 'Öppen']));
    expect(cardNodes(card).find((n) => n.type === 'FactSet')?.facts).toEqual([
      { title: 'Ansvarig', value: 'Maria Exempelsson' },
      { title: 'Klar senast', value: 'fredag 14 maj 2027' },
      { title: 'Från', value: 'Beslut Programrådet 2027 § 4' },
    ]);
    expect(cardNodes(card).find((n) => n.id === actionInputIds.comment)).toMatchObject({ type: 'Input.Text', maxLength: 1000 });
    expect(card.actions?.map((a) => [a.title, a.verb, a.data])).toEqual([[t.records.action.markDone, recordsVerbs.completeAction, { actionId: 'x1', verb: recordsVerbs.completeAction }]]);
  });

  it('marks an overdue action; names the agenda item it came from', () => {
    const card = actionCard({ ...base, overdue: true, source: { kind: 'agendaItem', meetingTitle: 'Vårdialog', itemTitle: 'Läget' } }, t);
    expect(texts(card)).toContain(t.records.action.overdue);
    expect(cardNodes(card).find((n) => n.type === 'FactSet')?.facts).toContainEqual({ title: 'Från', value: 'Vårdialog, punkt: Läget' });
  });

  it('done: who and when with the comment, and it can be reopened', () => {
    const card = actionCard({ ...base, status: 'done', overdue: true, completion: { date: '2 maj 2027', name: 'Maria Exempelsson', comment: 'Skickat.' } }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining(['Klar', 'Klar 2 maj 2027 (Maria Exempelsson).', 'Skickat.']));
    expect(texts(card)).not.toContain(t.records.action.overdue);
    expect(card.actions?.map((a) => a.verb)).toEqual([recordsVerbs.reopenAction]);
  });

  it('someone who may not update it sees no input and no button', () => {
    const card = actionCard({ ...base, canUpdate: false }, t);
    expect(cardNodes(card).filter((n) => String(n.type).startsWith('Input.'))).toEqual([]);
    expect(card.actions ?? []).toEqual([]);
  });

  it('what people typed is never read as markdown', () => {
    const card = actionCard({ ...base, title: '# Rubrik', ownerName: '*A*', completion: { date: 'd', name: '_n_', comment: '[x](y)' }, status: 'done' }, t);
    expect(texts(card)).toEqual(expect.arrayContaining(['# Rubrik', '[x](y)', 'Klar d (\\_n\\_).']));
    expect(cardNodes(card).find((n) => n.type === 'FactSet')?.facts).toContainEqual({ title: 'Ansvarig', value: '\\*A\\*' });
  });

  it('is in English for an English viewer', () => {
    expect(actionCard(base, catalogues.en).actions?.[0]?.title).toBe('Mark as done');
  });
});
