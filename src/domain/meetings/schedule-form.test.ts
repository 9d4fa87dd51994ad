import { describe, expect, it } from 'vitest';
import { stockholmInstant } from '../time.js';
import { dayWarnings } from './day-warnings.js';
import { formValuesOf, validateScheduleForm, type ScheduleFormInput } from './schedule-form.js';

const now = stockholmInstant('2027-03-01', '10:00');
const valid: ScheduleFormInput = {
  type: 'programrad',
  title: '  Vårdialog  ',
  date: '2027-04-13', // a Tuesday
  start: '09:00',
  end: '12:00',
  place: 'MDU, Västerås',
  link: '',
  agenda: '1. Läget\r\n2. Programplanerna\n',
  deadline: '2027-04-06',
};
const errorsOf = (input: ScheduleFormInput, at = now) => {
  const r = validateScheduleForm({ input, now: at });
  return r.ok ? [] : r.errors;
};

describe('scheduling form', () => {
  it('turns Stockholm wall-clock times into instants (summer time in April)', () => {
    const r = validateScheduleForm({ input: valid, now });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.draft.start).toBe('2027-04-13T07:00:00.000Z');
    expect(r.draft.end).toBe('2027-04-13T10:00:00.000Z');
    expect(r.draft.title).toBe('Vårdialog');
    expect(r.draft.agenda).toBe('1. Läget\n2. Programplanerna');
    expect(r.draft.rsvpBy).toBe('2027-04-06');
    expect(r.warnings).toEqual([]);
  });

  it('reads a meeting the day after the spring switch (29 March 2027) as CEST, and warns that it is Easter Monday', () => {
    const r = validateScheduleForm({ input: { ...valid, date: '2027-03-29', deadline: '2027-03-22', override: true }, now });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.draft.start).toBe('2027-03-29T07:00:00.000Z');
    expect(r.warnings).toEqual([expect.objectContaining({ kind: 'holiday', official: true, name: { sv: 'annandag påsk', en: 'Easter Monday' } })]);
  });

  it('reads a meeting at the end of October on both sides of the autumn switch', () => {
    const before = validateScheduleForm({ input: { ...valid, date: '2027-10-29', deadline: '2027-10-20' }, now });
    const after = validateScheduleForm({ input: { ...valid, date: '2027-11-01', deadline: '2027-10-20' }, now });
    expect(before.ok && before.draft.start).toBe('2027-10-29T07:00:00.000Z'); // CEST, +02:00
    expect(after.ok && after.draft.start).toBe('2027-11-01T08:00:00.000Z'); // CET, +01:00
  });

  it('reports every missing field at once', () => {
    const errors = errorsOf({});
    const fields = errors.map((e) => `${e.field}:${e.reason}`);
    expect(fields).toEqual(
      expect.arrayContaining(['type:required', 'title:required', 'date:required', 'start:required', 'end:required', 'place:placeOrLinkRequired', 'deadline:required']),
    );
  });

  it('refuses a meeting that is not in the future', () => {
    expect(errorsOf({ ...valid, date: '2027-03-01', start: '09:00', end: '11:00', deadline: '2027-03-01' })).toContainEqual({ field: 'date', reason: 'inPast' });
    expect(errorsOf({ ...valid, date: '2027-03-01', start: '10:30', end: '11:00', deadline: '2027-03-01' })).not.toContainEqual({ field: 'date', reason: 'inPast' });
  });

  it('refuses an end that is not after the start', () => {
    expect(errorsOf({ ...valid, end: '09:00' })).toContainEqual({ field: 'end', reason: 'notAfterStart' });
    expect(errorsOf({ ...valid, end: '08:00' })).toContainEqual({ field: 'end', reason: 'notAfterStart' });
  });

  it('refuses a deadline on or after the meeting day, and one already over', () => {
    expect(errorsOf({ ...valid, deadline: '2027-04-13' })).toContainEqual({ field: 'deadline', reason: 'notBeforeMeeting' });
    expect(errorsOf({ ...valid, deadline: '2027-02-28' })).toContainEqual({ field: 'deadline', reason: 'inPast' });
    expect(errorsOf({ ...valid, deadline: '2027-03-01' })).toEqual([]); // today still counts until midnight
    expect(errorsOf({ ...valid, deadline: '2027-04-12' })).toEqual([]);
  });

  it('refuses malformed dates and times, and a time the spring switch skips', () => {
    expect(errorsOf({ ...valid, date: '2027-02-30' })).toContainEqual({ field: 'date', reason: 'invalid' });
    expect(errorsOf({ ...valid, start: '9.00' })).toContainEqual({ field: 'start', reason: 'invalid' });
    expect(errorsOf({ ...valid, deadline: 'nästa vecka' })).toContainEqual({ field: 'deadline', reason: 'invalid' });
    const skipped = errorsOf({ ...valid, date: '2027-03-28', start: '02:30', end: '04:00', deadline: '2027-03-20', override: true });
    expect(skipped).toContainEqual({ field: 'start', reason: 'nonexistentTime' });
  });

  it('limits title to 200 and agenda to 4000 characters', () => {
    expect(errorsOf({ ...valid, title: 'x'.repeat(200) })).toEqual([]);
    expect(errorsOf({ ...valid, title: 'x'.repeat(201) })).toContainEqual({ field: 'title', reason: 'tooLong', max: 200 });
    expect(errorsOf({ ...valid, agenda: 'x'.repeat(4000) })).toEqual([]);
    expect(errorsOf({ ...valid, agenda: 'x'.repeat(4001) })).toContainEqual({ field: 'agenda', reason: 'tooLong', max: 4000 });
  });

  it('takes a place or an https link, and only https', () => {
    expect(errorsOf({ ...valid, place: '', link: 'https://teams.microsoft.com/l/meetup-join/x' })).toEqual([]);
    expect(errorsOf({ ...valid, link: 'http://teams.example/x' })).toContainEqual({ field: 'link', reason: 'notHttps' });
    expect(errorsOf({ ...valid, link: 'javascript:alert(1)' })).toContainEqual({ field: 'link', reason: 'invalid' });
    expect(errorsOf({ ...valid, link: 'teams.example/x' })).toContainEqual({ field: 'link', reason: 'invalid' });
  });

  it('refuses an unknown meeting type', () => {
    expect(errorsOf({ ...valid, type: 'fika' })).toContainEqual({ field: 'type', reason: 'invalid' });
  });

  it('gives the values back, trimmed, with the errors so the card can show them again', () => {
    const r = validateScheduleForm({ input: { ...valid, end: '08:00' }, now });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.values).toMatchObject({ title: 'Vårdialog', end: '08:00', place: 'MDU, Västerås' });
  });
});

describe('weekend and holiday warning', () => {
  it('a Saturday needs the leader’s override; with it the meeting is booked and the warning kept', () => {
    const saturday = { ...valid, date: '2027-04-17' };
    const first = validateScheduleForm({ input: saturday, now });
    expect(first).toMatchObject({ ok: false, reason: 'needsOverride', warnings: [{ kind: 'weekend', weekday: 6 }] });
    const again = validateScheduleForm({ input: { ...saturday, override: 'true' }, now });
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.warnings).toEqual([{ kind: 'weekend', date: '2027-04-17', weekday: 6 }]);
  });

  it('a public holiday on a weekday (Ascension Day, 6 May 2027) is named in the warning', () => {
    const r = validateScheduleForm({ input: { ...valid, date: '2027-05-06' }, now });
    expect(r).toMatchObject({ ok: false, reason: 'needsOverride', warnings: [{ kind: 'holiday', official: true, name: { sv: 'Kristi himmelsfärdsdag' } }] });
  });

  it('midsommarafton (25 June 2027, a Friday) warns as a de-facto holiday; the Thursday before does not', () => {
    expect(dayWarnings('2027-06-25')).toEqual([{ kind: 'holiday', date: '2027-06-25', official: false, name: { sv: 'midsommarafton', en: 'Midsummer Eve' } }]);
    expect(dayWarnings('2027-06-24')).toEqual([]);
  });

  it('julafton and nyårsafton warn too; days that are only observances (Lucia) do not', () => {
    expect(dayWarnings('2027-12-24')).toContainEqual(expect.objectContaining({ kind: 'holiday', official: false }));
    expect(dayWarnings('2027-12-31')).toContainEqual(expect.objectContaining({ kind: 'holiday', official: false }));
    expect(dayWarnings('2027-12-13')).toEqual([]);
  });

  it('a Sunday holiday gives both warnings', () => {
    expect(dayWarnings('2027-03-28').map((w) => w.kind).sort()).toEqual(['holiday', 'weekend']);
  });

  it('errors and warnings come back together so the leader sees both', () => {
    const r = validateScheduleForm({ input: { ...valid, date: '2027-04-17', end: '08:00' }, now });
    expect(r).toMatchObject({ ok: false, reason: 'invalid', warnings: [{ kind: 'weekend' }] });
  });
});

describe('changing a meeting', () => {
  it('the form is prefilled with the meeting’s Stockholm date and times', () => {
    const r = validateScheduleForm({ input: { ...valid, date: '2027-11-01', deadline: '2027-10-20' }, now });
    if (!r.ok) throw new Error('invalid');
    expect(formValuesOf(r.draft)).toMatchObject({ date: '2027-11-01', start: '09:00', end: '12:00', deadline: '2027-10-20', link: '' });
  });
});
