import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { RECORD_LIMITS } from '../domain/records/common.js';
import { catalogues } from '../i18n/catalogue.js';
import { agendaCard, type AgendaCardModel } from './agenda-card.js';
import { cardBytes, RECORDS_CARD_BYTES } from './records-card-parts.js';
import { agendaInputIds, recordsVerbs } from './records-verbs.js';

const t = catalogues.sv;
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
const executes = (card: unknown) => cardNodes(card).filter((n) => n.type === 'Action.Execute');

const base: AgendaCardModel = {
  meetingId: 'm1',
  type: 'programrad',
  title: 'Vårdialog',
  when: 'tisdag 13 april 2027 kl. 09.00–12.00',
  items: [
    { itemId: 'a1', title: 'Läget', papers: [{ paperId: 'p3', title: 'Lägesrapport', late: false }], removable: true },
    { itemId: 'a2', title: 'Programplan 2028', description: 'Förslag till beslut.', presenterName: 'Anna Provström', papers: [], removable: false },
    { itemId: 'a4', title: 'Övrigt', papers: [], removable: true },
  ],
  papers: [{ paperId: 'p5', title: 'Budget', late: true }],
  noticeState: { sent: false, date: 'tisdag 6 april 2027' },
  pendingChanges: 0,
  revision: 5,
  locked: false,
};

describe('agenda card (leadership)', () => {
  it('lists the items in order with their papers, late ones marked; one picker chooses the item to move or remove', () => {
    const card = agendaCard(base, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining(['1. ', 'Läget', '• Lägesrapport', `• Budget · **${t.records.notice.late}**`, 'Föredragande: Anna Provström', 'Kallelsen skickas tisdag 6 april 2027.']));
    const picker = cardNodes(card).find((n) => n.id === agendaInputIds.item);
    expect((picker?.choices as { title: string; value: string }[]).map((c) => [c.title, c.value])).toEqual([
      ['1. Läget', 'a1'],
      ['2. Programplan 2028', 'a2'],
      ['3. Övrigt', 'a4'],
    ]);
    expect(executes(card).filter((a) => a.verb === recordsVerbs.moveAgendaItem).map((a) => a.data)).toEqual([
      { meetingId: 'm1', direction: 'up', verb: recordsVerbs.moveAgendaItem },
      { meetingId: 'm1', direction: 'down', verb: recordsVerbs.moveAgendaItem },
    ]);
    expect(executes(card).filter((a) => a.verb === recordsVerbs.removeAgendaItem).map((a) => a.data)).toEqual([{ meetingId: 'm1', verb: recordsVerbs.removeAgendaItem }]);
    const papers = cardNodes(card).find((n) => n.id === agendaInputIds.paper);
    expect((papers?.choices as { value: string }[]).map((c) => c.value)).toEqual(['p3', 'p5']);
  });

  it('a long agenda gets type-ahead pickers (Teams shows 15 options in a dropdown)', () => {
    const items = Array.from({ length: 20 }, (_, i) => ({ itemId: `a${i}`, title: `Punkt ${i}`, papers: [], removable: true }));
    const card = agendaCard({ ...base, items }, t);
    expect(validateCard(card)).toEqual([]);
    expect(cardNodes(card).find((n) => n.id === agendaInputIds.item)?.style).toBe('filtered');
    expect(cardNodes(card).find((n) => n.id === agendaInputIds.paperItem)?.style).toBe('filtered');
  });

  it('forms to add an item and a paper (a link, to an item or the whole meeting); the notice can be sent now', () => {
    const card = agendaCard(base, t);
    expect(cardNodes(card).find((n) => n.id === agendaInputIds.title)).toMatchObject({ type: 'Input.Text', maxLength: RECORD_LIMITS.agendaTitle });
    expect(cardNodes(card).find((n) => n.id === agendaInputIds.paperUrl)).toMatchObject({ style: 'Url', maxLength: RECORD_LIMITS.link });
    const item = cardNodes(card).find((n) => n.id === agendaInputIds.paperItem);
    expect(item?.style).toBe('compact');
    expect((item?.choices as { value: string }[]).map((c) => c.value)).toEqual(['', 'a1', 'a2', 'a4']);
    expect(executes(card).map((a) => a.verb)).toEqual(expect.arrayContaining([recordsVerbs.addAgendaItem, recordsVerbs.addPaper]));
    expect(card.actions?.map((a) => a.verb)).toEqual([recordsVerbs.sendNotice, recordsVerbs.notice]);
  });

  it('after the notice: says changes are announced, and offers to announce the pending ones', () => {
    const card = agendaCard({ ...base, noticeState: { sent: true, date: '6 april' }, pendingChanges: 2 }, t);
    expect(texts(card)).toContain(t.records.agendaForm.afterNotice);
    expect(card.actions?.map((a) => [a.verb, a.data])).toEqual([
      [recordsVerbs.announceChanges, { meetingId: 'm1', revision: 5, verb: recordsVerbs.announceChanges }],
      [recordsVerbs.notice, { meetingId: 'm1', verb: recordsVerbs.notice }],
    ]);
  });

  it('keeps what was typed when it comes back with a problem', () => {
    const card = agendaCard({ ...base, values: { paperTitle: 'Rapport', paperUrl: 'http://x', paperItem: 'a2' }, problems: ['Ange en fullständig länk som börjar med https://.'] }, t);
    expect(cardNodes(card).find((n) => n.id === agendaInputIds.paperUrl)?.value).toBe('http://x');
    expect(cardNodes(card).find((n) => n.id === agendaInputIds.paperItem)?.value).toBe('a2');
    expect(texts(card)).toContain('Ange en fullständig länk som börjar med https://.');
  });

  it('locked: read only', () => {
    const card = agendaCard({ ...base, locked: true }, t);
    expect(cardNodes(card).filter((n) => String(n.type).startsWith('Input.'))).toEqual([]);
    expect(executes(card).map((a) => a.verb)).toEqual([recordsVerbs.notice]);
  });

  it('the longest agenda with the most papers fits Teams’ card size, shortened, and says so', () => {
    const items = Array.from({ length: RECORD_LIMITS.agendaItems }, (_, i) => ({
      itemId: `a${i}`,
      title: 'Ä'.repeat(200),
      description: '*'.repeat(2000),
      presenterName: '_'.repeat(200),
      papers: i < RECORD_LIMITS.papers / 2 ? [{ paperId: `p${i}`, title: '*'.repeat(200), late: true }, { paperId: `q${i}`, title: 'Ö'.repeat(200), late: false }] : [],
      removable: true,
    }));
    const card = agendaCard({ ...base, items, papers: [], problems: ['x'] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(RECORDS_CARD_BYTES);
    expect(texts(card)).toContain(t.records.notice.shortened);
    expect(texts(agendaCard(base, t))).not.toContain(t.records.notice.shortened);
  });
});
