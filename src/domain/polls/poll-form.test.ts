import { describe, expect, it } from 'vitest';
import { NOW } from '../../../tests/helpers/demo-polls.js';
import { pollFormInputSchema, validatePollForm, type PollFormInput } from './poll-form.js';

const valid: PollFormInput = {
  type: 'programrad',
  title: ' Vårdialog ',
  place: 'MDU, Västerås',
  deadline: '2027-04-06',
  slot1Date: '2027-04-14',
  slot1Start: '13:00',
  slot1End: '16:00',
  slot2Date: '2027-04-13',
  slot2Start: '09:00',
  slot2End: '12:00',
};
const run = (input: PollFormInput, now = NOW) => validatePollForm({ input, now });
const errorsOf = (input: PollFormInput) => {
  const r = run(input);
  return r.ok ? [] : r.errors;
};

describe('the poll form', () => {
  it('makes a draft from two filled rows, skipping empty ones; anonymous and decided by leadership unless chosen', () => {
    const r = run(valid);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.draft).toEqual({
      type: 'programrad',
      title: 'Vårdialog',
      place: 'MDU, Västerås',
      agenda: '',
      answerBy: '2027-04-06',
      visibility: 'anonymous',
      autoFinalise: 'off',
      slots: [
        { date: '2027-04-14', start: '13:00', end: '16:00' },
        { date: '2027-04-13', start: '09:00', end: '12:00' },
      ],
    });
    const open = run({ ...valid, visibility: 'open', autoFinalise: 'whenExactlyOneCoversAll', link: 'https://teams.microsoft.com/l/x' });
    expect(open.ok && [open.draft.visibility, open.draft.autoFinalise, open.draft.onlineUrl]).toEqual(['open', 'whenExactlyOneCoversAll', 'https://teams.microsoft.com/l/x']);
  });

  it('takes up to eight rows', () => {
    const input: PollFormInput = { ...valid };
    for (let row = 1; row <= 8; row++) Object.assign(input, { [`slot${row}Date`]: `2027-04-${String(12 + row)}`, [`slot${row}Start`]: '09:00', [`slot${row}End`]: '10:00' });
    const r = run(input);
    // Saturday 17 and Sunday 18 April warn; everything else is fine.
    expect(r.ok === false && r.reason).toBe('needsOverride');
    const anyway = run({ ...input, override: 'true' });
    expect(anyway.ok && anyway.draft.slots).toHaveLength(8);
  });

  it('needs at least two proposals', () => {
    expect(errorsOf({ ...valid, slot2Date: '', slot2Start: '', slot2End: '' })).toContainEqual({ field: 'slots', reason: 'tooFew', min: 2 });
    expect(errorsOf({ type: 'programrad', title: 'x', place: 'y', deadline: '2027-04-06' })).toContainEqual({ field: 'slots', reason: 'tooFew', min: 2 });
  });

  it('names each problem in its row: a missing part, a malformed time, a time in the past, an end before the start, the same time twice', () => {
    expect(errorsOf({ ...valid, slot3Date: '2027-04-15' })).toEqual([
      { field: 'slot', row: 3, part: 'start', reason: 'required' },
      { field: 'slot', row: 3, part: 'end', reason: 'required' },
    ]);
    expect(errorsOf({ ...valid, slot2Start: '9.00' })).toContainEqual({ field: 'slot', row: 2, part: 'start', reason: 'invalid' });
    expect(errorsOf({ ...valid, slot2Date: '2027-02-28' })).toContainEqual({ field: 'slot', row: 2, part: 'date', reason: 'inPast' });
    expect(errorsOf({ ...valid, slot2End: '08:00' })).toContainEqual({ field: 'slot', row: 2, part: 'end', reason: 'notAfterStart' });
    expect(errorsOf({ ...valid, slot3Date: '2027-04-13', slot3Start: '09:00', slot3End: '12:00' })).toEqual([{ field: 'slot', row: 3, part: 'date', reason: 'duplicate' }]);
    expect(errorsOf({ ...valid, slot2Date: '2027-03-28', slot2Start: '02:30', slot2End: '04:00', deadline: '2027-03-20' })).toContainEqual({
      field: 'slot',
      row: 2,
      part: 'start',
      reason: 'nonexistentTime',
    });
  });

  it('the deadline must not be over and must end before the earliest proposal starts', () => {
    expect(errorsOf({ ...valid, deadline: '2027-04-13' })).toContainEqual({ field: 'deadline', reason: 'notBeforeSlots' });
    expect(errorsOf({ ...valid, deadline: '2027-04-12' })).toEqual([]);
    expect(errorsOf({ ...valid, deadline: '2027-02-28' })).toContainEqual({ field: 'deadline', reason: 'inPast' });
    expect(errorsOf({ ...valid, deadline: '2027-03-01' })).toEqual([]); // today counts until midnight
    expect(errorsOf({ ...valid, deadline: '' })).toContainEqual({ field: 'deadline', reason: 'required' });
  });

  it('checks the details as the scheduling form does', () => {
    expect(errorsOf({ ...valid, title: '' })).toContainEqual({ field: 'title', reason: 'required' });
    expect(errorsOf({ ...valid, title: 'x'.repeat(201) })).toContainEqual({ field: 'title', reason: 'tooLong', max: 200 });
    expect(errorsOf({ ...valid, place: '' })).toContainEqual({ field: 'place', reason: 'placeOrLinkRequired' });
    expect(errorsOf({ ...valid, link: 'http://x.example' })).toContainEqual({ field: 'link', reason: 'notHttps' });
    expect(errorsOf({ ...valid, type: 'fika' })).toContainEqual({ field: 'type', reason: 'invalid' });
    expect(errorsOf({ ...valid, visibility: 'public' })).toContainEqual({ field: 'visibility', reason: 'invalid' });
  });

  it('the yearly meeting cannot be finalised automatically: it has no seats to cover', () => {
    expect(errorsOf({ ...valid, type: 'arlig-traff', autoFinalise: 'whenAnyCoversAll' })).toEqual([{ field: 'autoFinalise', reason: 'notForYearlyMeeting' }]);
    expect(errorsOf({ ...valid, type: 'arlig-traff' })).toEqual([]);
  });

  it('warns once per date for weekends and Swedish holidays, and sends only with the override', () => {
    const input = { ...valid, slot2Date: '2027-03-29', slot3Date: '2027-03-29', slot3Start: '13:00', slot3End: '15:00', deadline: '2027-03-20' };
    const r = run(input);
    if (r.ok || r.reason !== 'needsOverride') throw new Error('expected a warning');
    expect(r.warnings).toEqual([{ kind: 'holiday', date: '2027-03-29', name: { sv: 'annandag påsk', en: 'Easter Monday' }, official: true }]);
    expect(r.values.slot2Date).toBe('2027-03-29');
    expect(run({ ...input, override: true }).ok).toBe(true);
  });

  it('gives the values back, trimmed, with errors and warnings together', () => {
    const r = run({ ...valid, title: '', slot2Date: ' 2027-04-17 ' });
    if (r.ok) throw new Error('expected errors');
    expect(r.reason).toBe('invalid');
    expect(r.values.slot2Date).toBe('2027-04-17');
    expect(r.warnings).toEqual([{ kind: 'weekend', date: '2027-04-17', weekday: 6 }]);
  });

  it('the payload schema refuses absurd sizes at the edge, but lets a slightly-too-long title through to be named', () => {
    expect(pollFormInputSchema.safeParse({ ...valid, title: 'x'.repeat(201) }).success).toBe(true);
    expect(pollFormInputSchema.safeParse({ ...valid, title: 'x'.repeat(200_000) }).success).toBe(false);
    expect(pollFormInputSchema.safeParse({ ...valid, slot1Date: 'x'.repeat(1000) }).success).toBe(false);
  });
});
