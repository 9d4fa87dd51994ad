import { describe, expect, it } from 'vitest';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { validateScheduleForm } from '../domain/meetings/schedule-form.js';
import { stockholmInstant } from '../domain/time.js';
import { catalogues } from '../i18n/catalogue.js';
import { meetingScheduleCard } from './meeting-schedule-card.js';
import { meetingVerbs } from './meeting-verbs.js';
import { cardNodes } from '../../tests/helpers/card-nodes.js';

const t = catalogues.sv;
const now = stockholmInstant('2027-03-01', '10:00');
const all = cardNodes;
const byId = (card: unknown, id: string) => all(card).find((n) => n.id === id);
const actions = (card: unknown) => all(card).filter((n) => n.type === 'Action.Execute');
const texts = (card: unknown) => all(card).flatMap((n) => (n.type === 'TextBlock' ? [String(n.text)] : []));

describe('scheduling form card', () => {
  it('an empty form validates and has every input, submitting with the schedule verb', () => {
    const card = meetingScheduleCard({ values: {}, errors: [], warnings: [] }, t);
    expect(validateCard(card)).toEqual([]);
    for (const id of ['type', 'title', 'date', 'start', 'end', 'place', 'link', 'agenda', 'deadline']) expect(byId(card, id), id).toBeDefined();
    expect(byId(card, 'type')?.choices).toEqual([
      { title: 'Programrådsdialog', value: 'programrad' },
      { title: 'Programgruppsmöte', value: 'programgrupp' },
      { title: 'Årlig träff för direktörer och ordförande', value: 'arlig-traff' },
    ]);
    expect(actions(card).map((a) => a.verb)).toEqual([meetingVerbs.schedule]);
  });

  it('comes back with the values kept and each error under its field', () => {
    const r = validateScheduleForm({ input: { type: 'programrad', title: 'Vårdialog', date: '2027-04-13', start: '09:00', end: '08:00', place: 'MDU', deadline: '2027-04-20' }, now });
    if (r.ok) throw new Error('expected errors');
    const card = meetingScheduleCard({ values: r.values, errors: r.errors, warnings: r.warnings }, t);
    expect(validateCard(card)).toEqual([]);
    expect(byId(card, 'title')?.value).toBe('Vårdialog');
    expect(byId(card, 'end')?.value).toBe('08:00');
    expect(byId(card, 'error-end')?.text).toBe(t.meetings.form.errors.endNotAfterStart);
    expect(byId(card, 'error-deadline')?.text).toBe(t.meetings.form.errors.deadlineNotBeforeMeeting);
    expect(byId(card, 'error-title')).toBeUndefined();
    expect(texts(card)).toContain(t.meetings.form.errorsIntro);
  });

  it('a holiday warning names the holiday and offers “book anyway” with the override flag', () => {
    const r = validateScheduleForm({ input: { type: 'programrad', title: 'Dialog', date: '2027-03-29', start: '09:00', end: '12:00', place: 'MDU', deadline: '2027-03-22' }, now });
    if (r.ok || r.reason !== 'needsOverride') throw new Error('expected a warning');
    const card = meetingScheduleCard({ values: r.values, errors: r.errors, warnings: r.warnings }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card).some((s) => s.includes('annandag påsk'))).toBe(true);
    const anyway = actions(card).find((a) => a.title === t.meetings.form.bookAnyway);
    expect(anyway?.data).toMatchObject({ override: true, verb: meetingVerbs.schedule });
    expect(byId(card, 'date')?.value).toBe('2027-03-29');
  });

  it('the English card names the holiday in English', () => {
    const r = validateScheduleForm({ input: { type: 'programrad', title: 'Dialog', date: '2027-06-25', start: '09:00', end: '12:00', place: 'MDU', deadline: '2027-06-18' }, now });
    if (r.ok) throw new Error('expected a warning');
    const card = meetingScheduleCard({ values: r.values, errors: [], warnings: r.warnings }, catalogues.en);
    expect(texts(card).some((s) => s.includes('Midsummer Eve'))).toBe(true);
  });

  it('when changing a meeting the type is fixed and sent with the meeting id', () => {
    const card = meetingScheduleCard({ change: { meetingId: 'm1', type: 'arlig-traff' }, values: { title: 'Träff', date: '2027-09-15' }, errors: [], warnings: [] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(byId(card, 'type')).toBeUndefined();
    expect(actions(card)[0]?.data).toMatchObject({ meetingId: 'm1', type: 'arlig-traff' });
    expect(texts(card)).toContain(t.meetings.form.changeNote);
  });

  it('what the leader typed is escaped where it is shown as text', () => {
    // Values sit in inputs (never markdown); a warning is built from our own date string only.
    const card = meetingScheduleCard({ values: { title: '**fet** [x](y)' }, errors: [], warnings: [] }, t);
    expect(byId(card, 'title')?.value).toBe('**fet** [x](y)');
    expect(texts(card).some((s) => s.includes('**fet**'))).toBe(false);
  });

  it('a new form carries its draft id on both submit buttons, so a second click books the same meeting', () => {
    const r = validateScheduleForm({ input: { type: 'programrad', title: 'X', date: '2027-04-17', start: '09:00', end: '10:00', place: 'MDU', deadline: '2027-04-10' }, now });
    if (r.ok) throw new Error('expected a warning');
    const card = meetingScheduleCard({ values: r.values, errors: r.errors, warnings: r.warnings, draftId: 'draft-1' }, t);
    expect(validateCard(card)).toEqual([]);
    expect(actions(card).map((a) => a.data)).toEqual([
      { draftId: 'draft-1', verb: meetingVerbs.schedule },
      { draftId: 'draft-1', override: true, verb: meetingVerbs.schedule },
    ]);
  });
});
