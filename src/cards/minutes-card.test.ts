import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { OTHER_ITEM_KEY, minutesDocumentSchema, type MinutesDocument } from '../domain/records/record.js';
import { catalogues } from '../i18n/catalogue.js';
import { minutesCard, type MinutesCardModel } from './minutes-card.js';
import { cardBytes, RECORDS_CARD_BYTES } from './records-card-parts.js';
import { minutesInputIds, recordsVerbs } from './records-verbs.js';

const t = catalogues.sv;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
const verbs = (card: { actions?: unknown[] }) => (card.actions ?? []).map((a) => (a as { verb: string }).verb);

const document: MinutesDocument = minutesDocumentSchema.parse({
  meeting: { id: 'm1', type: 'programrad', title: 'Vårdialog', start: '2027-04-13T07:00:00.000Z', end: '2027-04-13T10:00:00.000Z', place: 'MDU Västerås' },
  attendance: {
    recorded: true,
    present: [
      { personId: id(22), name: 'Maria Exempelsson', organisation: 'Region Västmanland', role: 'seatHolder', constituency: 'vastmanland' },
      { personId: id(23), name: 'Lars Testlund', organisation: 'Köpings kommun', role: 'substitute', constituency: 'vastmanland', forName: 'Erik Demoberg' },
    ],
    absent: [{ personId: id(20), name: 'Erik Demoberg', organisation: 'Västerås stad', role: 'seatHolder', constituency: 'vastmanland' }],
    unknown: [],
    guests: [{ name: 'Eva Gäst', organisation: 'SKR' }],
    quorum: { status: 'quorate', seatsFilled: 5, seatsTotal: 7, minSeats: 4 },
  },
  items: [
    { key: 'a1', title: 'Läget', notes: 'Programledningen redogjorde för läget.', decisions: [], actions: [] },
    {
      key: 'a2',
      title: 'Programplan 2028',
      notes: '',
      decisions: [
        { decisionId: 'd1', body: 'programrad', year: 2027, number: 1, text: 'Programplanen antas.', needNumbers: [12, 15], status: 'valid' },
        { decisionId: 'd3', body: 'programrad', year: 2027, number: 3, text: 'Fel.', needNumbers: [], status: 'withdrawn' },
      ],
      actions: [{ actionId: 'x1', title: 'Skicka planen till SRB', ownerId: id(22), ownerName: 'Maria Exempelsson', dueDate: '2027-05-14' }],
    },
    { key: OTHER_ITEM_KEY, title: '', notes: '', decisions: [{ decisionId: 'd2', body: 'programrad', year: 2027, number: 2, text: 'Nästa möte i Eskilstuna.', needNumbers: [], status: 'valid' }], actions: [] },
  ],
});

const base: MinutesCardModel = {
  meetingId: 'm1',
  document,
  version: 2,
  status: 'draft',
  when: 'tisdag 13 april 2027 kl. 09.00–12.00',
  signatories: [
    { personId: id(22), name: 'Maria Exempelsson', role: 'chair', state: 'approved' },
    { personId: id(25), name: 'Anders Låtsasgren', role: 'adjuster', state: 'changeRequested', comment: 'Lägg till lokalen.' },
  ],
  viewer: { leadership: false },
};

describe('minutes card', () => {
  it('shows attendance with the substitute and quorum, each item with notes, cited decisions (withdrawn struck) and actions', () => {
    const card = minutesCard(base, t);
    expect(validateCard(card)).toEqual([]);
    const all = texts(card);
    expect(all).toEqual(
      expect.arrayContaining([
        'Protokoll · Version 2 · Programrådsdialog',
        'Vårdialog',
        t.records.minutes.draft,
        '**Närvarande:** Maria Exempelsson \\(Region Västmanland\\); Lars Testlund \\(Köpings kommun, ersättare: Erik Demoberg, Västmanland\\)',
        '**Frånvarande:** Erik Demoberg \\(Västerås stad\\)',
        '**Gäster:** Eva Gäst \\(SKR\\)',
        'Beslutsfört. Beslutsförhet: 5 av 7 platser besatta, minst 4 krävs.',
        'Programledningen redogjorde för läget.',
        'Programrådet 2027 § 1: ',
        'Programplanen antas.',
        'Gäller behov #12, #15.',
        '• Skicka planen till SRB – Maria Exempelsson, senast 2027-05-14',
        t.records.minutes.otherItem,
      ]),
    );
    expect(all.indexOf('1. ')).toBeLessThan(all.indexOf('2. '));
    expect(cardNodes(card).find((n) => n.type === 'TextRun' && n.text === 'Fel.')?.strikethrough).toBe(true);
    expect(all).toContain('Programrådet 2027 § 3 (Struket): ');
  });

  it('shows where each signatory stands, with a requested change’s comment', () => {
    const all = texts(minutesCard(base, t));
    expect(all).toEqual(expect.arrayContaining(['Ordförande: Maria Exempelsson – Godkänt', 'Justerare: Anders Låtsasgren – Vill ha ändring', 'Lägg till lokalen.']));
  });

  it('a signatory who has not approved gets Approve and Request change for the version shown', () => {
    const card = minutesCard({ ...base, viewer: { leadership: false, signatoryState: 'changeRequested' } }, t);
    expect(validateCard(card)).toEqual([]);
    expect(card.actions?.map((a) => [a.verb, a.data])).toEqual([
      [recordsVerbs.approveMinutes, { meetingId: 'm1', version: 2, verb: recordsVerbs.approveMinutes }],
      [recordsVerbs.requestMinutesChange, { meetingId: 'm1', version: 2, verb: recordsVerbs.requestMinutesChange }],
    ]);
    expect(cardNodes(card).find((n) => n.id === minutesInputIds.changeComment)).toMatchObject({ type: 'Input.Text', maxLength: 1000 });
    expect(texts(card)).toContain(t.records.minutes.youRequested);
    const approved = minutesCard({ ...base, viewer: { leadership: false, signatoryState: 'approved' } }, t);
    expect(verbs(approved)).toEqual([recordsVerbs.requestMinutesChange]);
    expect(texts(approved)).toContain(t.records.minutes.youApproved);
  });

  it('someone who is neither signatory nor leadership only reads', () => {
    const card = minutesCard(base, t);
    expect(card.actions ?? []).toEqual([]);
    expect(cardNodes(card).filter((n) => String(n.type).startsWith('Input.') || n.type === 'ActionSet')).toEqual([]);
  });

  it('leadership writes notes per section, regenerates, and names the signatories from those present', () => {
    const card = minutesCard({ ...base, viewer: { leadership: true } }, t);
    expect(validateCard(card)).toEqual([]);
    const picker = cardNodes(card).find((n) => n.id === minutesInputIds.editKey);
    expect((picker?.choices as { title: string; value: string }[]).map((c) => [c.title, c.value])).toEqual([
      ['1. Läget', 'a1'],
      ['2. Programplan 2028', 'a2'],
      [t.records.minutes.otherItem, OTHER_ITEM_KEY],
    ]);
    const edit = cardNodes(card).find((n) => n.type === 'Action.Execute' && n.title === t.records.minutes.edit);
    expect(edit?.data).toEqual({ meetingId: 'm1', edit: true, verb: recordsVerbs.minutes });
    expect(verbs(card)).toEqual([recordsVerbs.draftMinutes, recordsVerbs.minutes]);

    const picking = minutesCard({ ...base, viewer: { leadership: true }, signatoryChoices: [{ id: id(22), label: 'Maria Exempelsson' }, { id: id(25), label: 'Anders Låtsasgren' }] }, t);
    expect(validateCard(picking)).toEqual([]);
    expect(cardNodes(picking).find((n) => n.id === minutesInputIds.chair)).toMatchObject({ style: 'filtered', value: id(22) });
    expect(cardNodes(picking).find((n) => n.id === minutesInputIds.adjusters)).toMatchObject({ style: 'filtered', isMultiSelect: true, value: id(25) });
  });

  it('editing one section: its notes in full in a text box, saved as a new version against the version shown', () => {
    const card = minutesCard({ ...base, viewer: { leadership: true }, editKey: 'a1' }, t);
    expect(validateCard(card)).toEqual([]);
    expect(cardNodes(card).find((n) => n.id === minutesInputIds.notes)).toMatchObject({ type: 'Input.Text', value: 'Programledningen redogjorde för läget.', maxLength: 4000 });
    expect(card.actions?.map((a) => a.data)).toEqual([{ meetingId: 'm1', itemKey: 'a1', version: 2, verb: recordsVerbs.saveMinutesNotes }]);
    expect(texts(card)).toContain('Anteckningar: 1. Läget');
    expect(texts(card)).not.toContain(t.records.minutes.attendance);
  });

  it('justerat: the date and names, locked, nothing to approve or edit', () => {
    const card = minutesCard({ ...base, status: 'justerat', justerat: { date: '15 april 2027', names: 'Maria Exempelsson och Anders Låtsasgren' }, viewer: { leadership: true, signatoryState: 'approved' } }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining(['Justerat 15 april 2027 av Maria Exempelsson och Anders Låtsasgren.', t.records.minutes.locked, 'Ordförande: Maria Exempelsson']));
    expect(card.actions ?? []).toEqual([]);
    expect(cardNodes(card).filter((n) => String(n.type).startsWith('Input.') || n.type === 'ActionSet')).toEqual([]);
  });

  it('refreshes per user for the listed signatories and leadership', () => {
    const card = minutesCard({ ...base, refreshUserIds: [id(22), id(25)] }, t);
    expect(card.refresh).toMatchObject({ action: { verb: recordsVerbs.refresh, data: { kind: 'minutes', id: 'm1' } }, userIds: [id(22), id(25)] });
  });

  it('long minutes are shortened to fit Teams’ card size, and the card says so', () => {
    const long: MinutesDocument = {
      ...document,
      items: Array.from({ length: 30 }, (_, i) => ({
        key: `a${i}`,
        title: 'Ä'.repeat(200),
        notes: '"'.repeat(4000),
        decisions: [{ decisionId: `d${i}`, body: 'programrad' as const, year: 2027, number: i + 1, text: 'Ö'.repeat(4000), needNumbers: [1, 2, 3], status: 'valid' as const }],
        actions: [],
      })),
    };
    const card = minutesCard({ ...base, document: long, viewer: { leadership: true, signatoryState: 'pending' } }, t);
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(RECORDS_CARD_BYTES);
    expect(texts(card)).toContain(t.records.minutes.shortened);
    expect(texts(minutesCard(base, t))).not.toContain(t.records.minutes.shortened);

    // 120 decisions: cited by number only, or counted per item, but never over the limit.
    const many: MinutesDocument = {
      ...long,
      items: long.items.map((item, i) => ({ ...item, decisions: Array.from({ length: 4 }, (_, j) => ({ ...item.decisions[0]!, decisionId: `d${i}-${j}`, number: i * 4 + j + 1 })) })),
    };
    const crowded = minutesCard({ ...base, document: many, viewer: { leadership: true, signatoryState: 'pending' } }, t);
    expect(validateCard(crowded)).toEqual([]);
    expect(cardBytes(crowded)).toBeLessThanOrEqual(RECORDS_CARD_BYTES);
  });

  it('what people typed is never read as markdown', () => {
    const doc: MinutesDocument = { ...document, items: [{ ...document.items[0]!, title: '**x**', notes: '[länk](https://evil.example)' }] };
    const card = minutesCard({ ...base, document: doc, signatories: [{ personId: id(22), name: '_M_', role: 'chair', state: 'pending' }] }, t);
    expect(texts(card)).toEqual(expect.arrayContaining(['**x**', '[länk](https://evil.example)', 'Ordförande: \\_M\\_ – Inte svarat']));
  });

  it('is in English for an English viewer', () => {
    const card = minutesCard({ ...base, viewer: { leadership: false, signatoryState: 'pending' } }, catalogues.en);
    expect(card.actions?.map((a) => a.title)).toEqual(['Approve', 'Request a change']);
  });
});
