import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { RECORD_LIMITS } from '../domain/records/common.js';
import { catalogues } from '../i18n/catalogue.js';
import { ATTENDANCE_PAGE_SIZE, attendanceCard, type AttendanceCardModel, type AttendanceLineView } from './attendance-card.js';
import { cardBytes, RECORDS_CARD_BYTES } from './records-card-parts.js';
import { attendanceInputIds, recordsVerbs } from './records-verbs.js';

const t = catalogues.sv;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
const input = (card: unknown, inputId: string) => cardNodes(card).find((n) => n.id === inputId);

const lines: AttendanceLineView[] = [
  { personId: id(20), name: 'Erik Demoberg', organisation: 'Västerås stad', role: 'seatHolder', constituency: 'vastmanland', status: 'absent', rsvp: 'nej' },
  {
    personId: id(23),
    name: 'Lars Testlund',
    organisation: 'Köpings kommun',
    role: 'substitute',
    status: 'unknown',
    rsvp: 'none',
    seatChoices: [
      { seatId: 'pr-vastmanland-1', label: 'Västmanland (Erik Demoberg)' },
      { seatId: 'pr-vastmanland-2', label: 'Västmanland (Maria Exempelsson)' },
    ],
    actingForSeatId: 'pr-vastmanland-1',
  },
  { personId: id(22), name: 'Maria Exempelsson', organisation: 'Region Västmanland', role: 'seatHolder', constituency: 'vastmanland', status: 'present', rsvp: 'ja' },
  { personId: id(26), name: 'Eva Påhittsson', organisation: 'MDU', role: 'other', status: 'present' },
];

const base: AttendanceCardModel = {
  meetingId: 'm1',
  type: 'programrad',
  title: 'Vårdialog',
  when: 'tisdag 13 april 2027 kl. 09.00–12.00',
  lines,
  page: 0,
  guests: [{ name: 'Eva Gäst', organisation: 'SKR' }],
  quorum: {
    status: 'quorate',
    seatsFilled: 5,
    seatsTotal: 7,
    minSeats: 4,
    composition: [
      { constituency: 'mdu', filled: 3, total: 3 },
      { constituency: 'vastmanland', filled: 2, total: 2 },
      { constituency: 'sormland', filled: 0, total: 2 },
    ],
  },
  locked: false,
};

describe('attendance card', () => {
  it('one prefilled choice per person: present, absent or unknown', () => {
    const card = attendanceCard(base, t);
    expect(validateCard(card)).toEqual([]);
    expect(input(card, attendanceInputIds.status(id(20)))).toMatchObject({ type: 'Input.ChoiceSet', value: 'absent' });
    expect(input(card, attendanceInputIds.status(id(22)))?.value).toBe('present');
    expect(input(card, attendanceInputIds.status(id(23)))?.value).toBe('unknown');
    expect((input(card, attendanceInputIds.status(id(20)))?.choices as { title: string }[]).map((c) => c.title)).toEqual(['Närvarande', 'Frånvarande', 'Okänt']);
    expect(texts(card)).toEqual(expect.arrayContaining(['Västerås stad · ordinarie, Västmanland · OSA: Nej', 'Köpings kommun · ersättare · OSA: ej svarat', 'MDU']));
  });

  it('a substitute chooses the seat they act for, prefilled', () => {
    const card = attendanceCard(base, t);
    const seat = input(card, attendanceInputIds.seat(id(23)));
    expect(seat).toMatchObject({ type: 'Input.ChoiceSet', value: 'pr-vastmanland-1', label: t.records.attendance.actingFor });
    expect((seat?.choices as { value: string }[]).map((c) => c.value)).toEqual(['', 'pr-vastmanland-1', 'pr-vastmanland-2']);
    expect(input(card, attendanceInputIds.seat(id(22)))).toBeUndefined();
  });

  it('shows the quorum, the composition and that the quorum is an assumption; below quorum is marked', () => {
    const card = attendanceCard(base, t);
    expect(texts(card)).toEqual(
      expect.arrayContaining(['Beslutsfört', 'Beslutsförhet: 5 av 7 platser besatta, minst 4 krävs.', 'Sammansättning: MDU 3/3 · Västmanland 2/2 · Sörmland 0/2', t.records.quorum.assumption]),
    );
    const below = attendanceCard({ ...base, quorum: { ...base.quorum!, status: 'belowQuorum', seatsFilled: 2 } }, t);
    const block = cardNodes(below).find((n) => n.type === 'Container' && n.style === 'attention');
    expect(JSON.stringify(block)).toContain('Inte beslutsfört');
    expect(cardNodes(below).find((n) => n.text === 'Inte beslutsfört')?.color).toBe('Attention');
    expect(texts(attendanceCard({ ...base, quorum: null }, t)).some((x) => x.startsWith('Beslutsförhet'))).toBe(false);
  });

  it('guests in one box, one per line; saving sends the people on the page', () => {
    const card = attendanceCard(base, t);
    expect(input(card, attendanceInputIds.guests)).toMatchObject({ type: 'Input.Text', isMultiline: true, value: 'Eva Gäst, SKR' });
    expect(card.actions?.map((a) => [a.verb, a.data])).toEqual([
      [recordsVerbs.saveAttendance, { meetingId: 'm1', page: 0, personIds: [id(20), id(23), id(22), id(26)].join(','), verb: recordsVerbs.saveAttendance }],
    ]);
  });

  it('long lists come in pages; the buttons save the page and move on', () => {
    const many: AttendanceLineView[] = Array.from({ length: 45 }, (_, i) => ({ personId: id(100 + i), name: `Person ${i}`, organisation: 'Kommun', role: 'other', status: 'unknown', rsvp: 'none' }));
    const middle = attendanceCard({ ...base, lines: many, page: 1, quorum: null }, t);
    expect(validateCard(middle)).toEqual([]);
    const ids = cardNodes(middle).filter((n) => n.type === 'Input.ChoiceSet').map((n) => n.id);
    expect(ids).toEqual(many.slice(ATTENDANCE_PAGE_SIZE, 2 * ATTENDANCE_PAGE_SIZE).map((l) => attendanceInputIds.status(l.personId)));
    expect(texts(middle)).toContain('Visar 16–30 av 45.');
    expect(middle.actions?.map((a) => (a.data as { goTo?: number }).goTo)).toEqual([undefined, 0, 2]);
    expect(input(middle, attendanceInputIds.guests)).toBeUndefined();
    const last = attendanceCard({ ...base, lines: many, page: 99, quorum: null }, t);
    expect(texts(last)).toContain('Visar 31–45 av 45.');
    expect(input(last, attendanceInputIds.guests)).toBeDefined();
  });

  it('a full page of worst-case names and organisations fits Teams’ card size', () => {
    const worst: AttendanceLineView[] = Array.from({ length: ATTENDANCE_PAGE_SIZE }, (_, i) => ({
      personId: id(200 + i),
      name: `${'*'.repeat(199)}${i}`,
      organisation: '_'.repeat(200),
      role: 'substitute',
      status: 'unknown',
      rsvp: 'kanske',
      seatChoices: Array.from({ length: 2 }, (_, j) => ({ seatId: `seat-${j}`, label: 'Å'.repeat(200) })),
      actingForSeatId: 'seat-0',
    }));
    // The most guests allowed, each with the longest name and organisation: they get a page of their own.
    const guests = Array.from({ length: RECORD_LIMITS.guests }, () => ({ name: 'Ö'.repeat(200), organisation: 'Ä'.repeat(200) }));
    for (const page of [0, 1]) {
      const card = attendanceCard({ ...base, lines: worst, guests, page, problems: ['x'.repeat(300)] }, t);
      expect(validateCard(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThanOrEqual(RECORDS_CARD_BYTES);
      expect(input(card, attendanceInputIds.guests) !== undefined).toBe(page === 1);
    }
    // Few guests share the last page of people.
    const short = attendanceCard({ ...base, lines: worst, guests: guests.slice(0, 2).map(() => ({ name: 'Eva', organisation: 'SKR' })) }, t);
    expect(input(short, attendanceInputIds.guests)?.value).toBe('Eva, SKR\nEva, SKR');
    expect(cardBytes(short)).toBeLessThanOrEqual(RECORDS_CARD_BYTES);
  });

  it('locked (minutes approved): shows, offers nothing to change', () => {
    const card = attendanceCard({ ...base, locked: true, recorded: { date: '13 april 2027', name: 'Anna Provström' } }, t);
    expect(validateCard(card)).toEqual([]);
    expect(cardNodes(card).filter((n) => String(n.type).startsWith('Input.'))).toEqual([]);
    expect(card.actions ?? []).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining([t.records.attendance.locked, 'Registrerad 13 april 2027 av Anna Provström.', 'Frånvarande', 'Eva Gäst, SKR']));
  });

  it('what people typed is never read as markdown; problems are shown first', () => {
    const card = attendanceCard({ ...base, lines: [{ ...lines[0]!, name: '**Erik**', organisation: '[x](y)' }], problems: ['Lars Testlund står med två gånger.'] }, t);
    expect(texts(card)).toEqual(expect.arrayContaining(['\\*\\*Erik\\*\\*', 'Lars Testlund står med två gånger.']));
    expect(texts(card).some((x) => x.startsWith('\\[x\\]\\(y\\)'))).toBe(true);
  });

  it('is in English for an English viewer', () => {
    const card = attendanceCard(base, catalogues.en);
    expect((input(card, attendanceInputIds.status(id(20)))?.choices as { title: string }[]).map((c) => c.title)).toEqual(['Present', 'Absent', 'Unknown']);
    expect(texts(card)).toContain('Quorate');
  });
});
