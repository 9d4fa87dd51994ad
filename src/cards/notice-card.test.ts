import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { noticeCard, type NoticeCardModel } from './notice-card.js';
import { cardBytes, RECORDS_CARD_BYTES } from './records-card-parts.js';
import { recordsVerbs } from './records-verbs.js';

const t = catalogues.sv;
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
/** The targets of the markdown links in the card's text blocks, in order. */
const links = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' ? [String(n.text)] : [])).flatMap((x) => [...x.matchAll(/\]\((https:[^)]*)\)/g)].map((m) => m[1]));

const base: NoticeCardModel = {
  meetingId: 'm1',
  type: 'programrad',
  title: 'Vårdialog med programledningen',
  when: 'tisdag 13 april 2027 kl. 09.00–12.00',
  place: 'MDU, Västerås',
  organiserName: 'Anna Provström',
  status: 'scheduled',
  items: [
    {
      itemId: 'a1',
      title: 'Läget i programmen',
      description: 'Programledningen redogör.',
      presenterName: 'Anna Provström',
      papers: [{ paperId: 'p3', title: 'Lägesrapport', url: 'https://mdu.sharepoint.com/sites/stark/rapport.pdf', late: false }],
    },
    { itemId: 'a2', title: 'Programplan 2028', papers: [{ paperId: 'p4', title: 'Utkast till programplan', url: 'https://bot.example/dl/tok', fileName: 'plan.docx', late: true }] },
  ],
  papers: [{ paperId: 'p5', title: 'Minnesanteckningar förra mötet', url: 'https://mdu.sharepoint.com/x', late: false }],
};

describe('notice card', () => {
  it('shows the meeting, the numbered agenda with presenters, and each paper as a link under its item', () => {
    const card = noticeCard(base, t);
    expect(validateCard(card)).toEqual([]);
    const all = texts(card);
    expect(all).toEqual(expect.arrayContaining(['1. ', 'Läget i programmen', '2. ', 'Programplan 2028', 'Föredragande: Anna Provström', 'Handlingar till mötet']));
    const report = all.indexOf('[Lägesrapport](https://mdu.sharepoint.com/sites/stark/rapport.pdf)');
    expect(report).toBeGreaterThan(all.indexOf('Läget i programmen'));
    expect(report).toBeLessThan(all.indexOf('Programplan 2028'));
    expect(links(card)).toEqual(['https://mdu.sharepoint.com/sites/stark/rapport.pdf', 'https://bot.example/dl/tok', 'https://mdu.sharepoint.com/x']);
    const facts = cardNodes(card).find((n) => n.type === 'FactSet')?.facts;
    expect(facts).toEqual(expect.arrayContaining([{ title: 'När', value: base.when }, { title: 'Sammankallande', value: 'Anna Provström' }]));
  });

  it('marks late papers, and only those', () => {
    const card = noticeCard(base, t);
    const marked = texts(card).filter((x) => x.includes(t.records.notice.late));
    expect(marked).toEqual([`[Utkast till programplan](https://bot.example/dl/tok) (plan.docx) · **${t.records.notice.late}**`]);
  });

  it('announces changes at the top when it carries them', () => {
    const card = noticeCard({ ...base, changes: [{ kind: 'paperAdded', paperId: 'p4', title: 'Utkast till programplan' }, { kind: 'agendaReordered' }] }, t);
    expect(validateCard(card)).toEqual([]);
    const all = texts(card);
    expect(all).toEqual(expect.arrayContaining([t.records.notice.changesHeading, '• Ny handling: Utkast till programplan', `• ${t.records.changes.agendaReordered}`]));
    expect(all.indexOf(t.records.notice.changesHeading)).toBeLessThan(all.indexOf('1. '));
  });

  it('leadership can send it now, or announce pending changes (with the revision shown)', () => {
    const unsent = noticeCard({ ...base, leadership: { sent: false, date: 'tisdag 6 april 2027', canSend: true, pendingChanges: 0, revision: 3 } }, t);
    expect(validateCard(unsent)).toEqual([]);
    expect(unsent.actions?.map((a) => [a.title, a.verb, a.data])).toEqual([[t.records.notice.sendNow, recordsVerbs.sendNotice, { meetingId: 'm1', verb: recordsVerbs.sendNotice }]]);
    expect(texts(unsent)).toContain('Kallelsen skickas tisdag 6 april 2027.');
    const sent = noticeCard({ ...base, leadership: { sent: true, date: '6 april', canSend: false, pendingChanges: 2, revision: 9 } }, t);
    expect(sent.actions?.map((a) => [a.title, a.data])).toEqual([['Meddela 2 ändringar', { meetingId: 'm1', revision: 9, verb: recordsVerbs.announceChanges }]]);
    expect(noticeCard(base, t).actions ?? []).toEqual([]);
  });

  it('what people typed is never read as markdown', () => {
    const card = noticeCard(
      {
        ...base,
        title: '**Viktigt**',
        place: '_Sal_',
        items: [
          {
            itemId: 'a1',
            title: '[klicka](https://evil.example)',
            description: '# Rubrik',
            presenterName: 'A*B',
            papers: [{ paperId: 'p1', title: '](https://evil.example) <b>x</b>', url: 'https://mdu.se/a (b)/c d', late: false }],
          },
        ],
      },
      t,
    );
    expect(validateCard(card)).toEqual([]);
    const runs = cardNodes(card).filter((n) => n.type === 'TextRun').map((n) => n.text);
    expect(runs).toEqual(expect.arrayContaining(['**Viktigt**', '[klicka](https://evil.example)', '# Rubrik']));
    // The paper's title cannot close the link early, and the URL's own parentheses and spaces are encoded.
    expect(texts(card)).toEqual(expect.arrayContaining(['[\\]\\(https://evil.example\\) \\<b\\>x\\</b\\>](https://mdu.se/a%20%28b%29/c%20d)', 'Föredragande: A\\*B']));
    expect(links(card)).toEqual(['https://mdu.se/a%20%28b%29/c%20d', 'https://mdu.sharepoint.com/x']);
  });

  it('an agenda beyond the limits (30 items, long descriptions, 40 papers) still fits Teams’ card size: descriptions are shortened and it says so', () => {
    const long = '*'.repeat(2000);
    const items = Array.from({ length: 30 }, (_, i) => ({
      itemId: `a${i}`,
      title: `${'Ä'.repeat(190)} ${i}`,
      description: long,
      presenterName: 'P'.repeat(200),
      papers: i < 10 ? Array.from({ length: 4 }, (_, j) => ({ paperId: `p${i}-${j}`, title: '_'.repeat(200), url: `https://mdu.sharepoint.com/sites/stark/${'x'.repeat(120)}/${i}-${j}.pdf`, late: j === 0 })) : [],
    }));
    const card = noticeCard({ ...base, items, papers: [] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(RECORDS_CARD_BYTES);
    expect(texts(card)).toContain(t.records.notice.shortened);
    expect(links(card)).toHaveLength(40);
    expect(texts(noticeCard(base, t))).not.toContain(t.records.notice.shortened);
  });

  it('is in English for an English viewer', () => {
    const card = noticeCard({ ...base, leadership: { sent: false, date: '6 April', canSend: true, pendingChanges: 0, revision: 1 } }, catalogues.en);
    expect(texts(card)).toEqual(expect.arrayContaining(['Agenda', 'Papers for the meeting']));
    expect(texts(card).some((x) => x.endsWith('· **Late paper**'))).toBe(true);
    expect(card.actions?.[0]?.title).toBe('Send the notice now');
  });
});
