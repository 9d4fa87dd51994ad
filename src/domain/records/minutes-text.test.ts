import { describe, expect, it } from 'vitest';
import { catalogues } from '../../i18n/catalogue.js';
import { renderMinutesText } from './minutes-text.js';
import { OTHER_ITEM_KEY, minutesDocumentSchema, type MinutesDocument } from './record.js';
import { id } from './test-fixtures.js';

// The labels are the catalogue's (the test reaches into i18n; domain code itself never does).
const sv = catalogues.sv.records.minutesText;
const en = catalogues.en.records.minutesText;

const document: MinutesDocument = minutesDocumentSchema.parse({
  meeting: { id: 'm1', type: 'programrad', title: 'Vårdialog', start: '2027-04-13T07:00:00.000Z', end: '2027-04-13T10:00:00.000Z', place: 'MDU Västerås' },
  attendance: {
    recorded: true,
    present: [
      { personId: id(22), name: 'Maria Exempelsson', organisation: 'Region Västmanland', role: 'seatHolder', constituency: 'vastmanland' },
      { personId: id(23), name: 'Lars Testlund', organisation: 'Köpings kommun', role: 'substitute', constituency: 'vastmanland', forName: 'Erik Demoberg' },
    ],
    absent: [{ personId: id(20), name: 'Erik Demoberg', organisation: 'Västerås stad', role: 'seatHolder' , constituency: 'vastmanland' }],
    unknown: [],
    guests: [{ name: 'Eva Gäst', organisation: 'SKR' }],
    quorum: { status: 'quorate', seatsFilled: 5, seatsTotal: 7, minSeats: 4 },
  },
  items: [
    { key: 'a1', title: 'Läget', notes: 'Programledningen redogjorde.\nInga frågor.', decisions: [], actions: [] },
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

describe('the minutes as plain text', () => {
  it('a draft in Swedish: heading, Stockholm time, attendance, numbered items with notes, decisions and actions', () => {
    expect(renderMinutesText({ document, version: 2, justerat: null, labels: sv })).toBe(
      [
        'Protokoll – Vårdialog',
        'Tid: 2027-04-13 kl. 09.00–12.00',
        'Plats: MDU Västerås',
        'Utkast, version 2 – inte justerat',
        '',
        'Närvaro',
        'Närvarande:',
        '- Maria Exempelsson, Region Västmanland',
        '- Lars Testlund, Köpings kommun (ersättare för Erik Demoberg)',
        'Frånvarande:',
        '- Erik Demoberg, Västerås stad',
        'Gäster:',
        '- Eva Gäst, SKR',
        'Beslutsförhet: 5 av 7 platser besatta, minst 4 krävs (antagande). Beslutsfört.',
        '',
        '1. Läget',
        '  Programledningen redogjorde.',
        '  Inga frågor.',
        '',
        '2. Programplan 2028',
        '  Programrådet 2027 § 1: Programplanen antas.',
        '  Gäller behov #12, #15.',
        '  Programrådet 2027 § 3 (struket): Fel.',
        '  - Åtgärd: Skicka planen till SRB – Maria Exempelsson, senast 2027-05-14',
        '',
        'Övriga beslut och åtgärder',
        '  Programrådet 2027 § 2: Nästa möte i Eskilstuna.',
        '',
      ].join('\n'),
    );
  });

  it('justerade minutes name the date and the signatories; in English too', () => {
    const justerat = { date: '2027-04-15', signatories: [{ personId: id(22), name: 'Maria Exempelsson', role: 'chair' as const }, { personId: id(25), name: 'Anders Låtsasgren', role: 'adjuster' as const }] };
    expect(renderMinutesText({ document, version: 2, justerat, labels: sv })).toContain('Justerat 2027-04-15: Maria Exempelsson (ordförande), Anders Låtsasgren (justerare)');
    const english = renderMinutesText({ document, version: 2, justerat, labels: en });
    expect(english).toContain('Approved on 2027-04-15: Maria Exempelsson (chair), Anders Låtsasgren (adjuster)');
    expect(english).toContain('Time: 2027-04-13, 09:00–12:00 (Swedish time)');
    expect(english).toContain('Programme Council 2027 § 3 (withdrawn): Fel.');
  });

  it('says when attendance was not recorded', () => {
    const text = renderMinutesText({ document: { ...document, attendance: { ...document.attendance, recorded: false, present: [], absent: [] } }, version: 1, justerat: null, labels: sv });
    expect(text).toContain('Närvaro\nNärvaron är inte registrerad.\n');
  });
});
