import { describe, expect, it } from 'vitest';
import { addAgendaItem, addPaper, agendaItemReferences, moveAgendaItem, papersOf, removeAgendaItem, removePaper, updateAgendaItem } from './agenda.js';
import { RECORD_LIMITS } from './common.js';
import { createRecord, isLatePaper, meetingRecordSchema, type MeetingRecord } from './record.js';
import { sendNotice } from './notice.js';
import { aMeeting, aRecord, at, erik, id, leadership } from './test-fixtures.js';

const now = at('2027-03-20', '10:00');
const meeting = aMeeting();

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

describe('the agenda', () => {
  it('items get ids that are never reused, even after one is removed', () => {
    let record = aRecord(meeting, ['Läget', 'Budget']);
    expect(record.agenda.map((a) => a.id)).toEqual(['a1', 'a2']);
    record = ok(removeAgendaItem({ record, itemId: 'a2', referencedItemIds: new Set(), actor: leadership, now })).record;
    const added = ok(addAgendaItem({ record, item: { title: 'Övrigt' }, actor: leadership, now }));
    expect(added.item.id).toBe('a3');
    expect(meetingRecordSchema.parse(added.record)).toEqual(added.record);
  });

  it('an item is cleaned, has a title of at most 200 characters, and may name a presenter from the roster or by name', () => {
    const record = createRecord({ meeting, now });
    const r = ok(addAgendaItem({ record, item: { title: '  Läget\u0007 i   programmen ', description: 'Rad 1\r\nRad 2', presenterId: id(27).toUpperCase() }, actor: leadership, now }));
    expect(r.item).toEqual({ id: 'a1', title: 'Läget i programmen', description: 'Rad 1\nRad 2', presenter: { personId: id(27) } });
    const byName = ok(addAgendaItem({ record, item: { title: 'Studie', presenterName: 'Professor Extern' }, actor: leadership, now }));
    expect(byName.item.presenter).toEqual({ name: 'Professor Extern' });

    const long = addAgendaItem({ record, item: { title: 'x'.repeat(201) }, actor: leadership, now });
    expect(long).toEqual({ ok: false, reason: 'invalid', errors: [{ field: 'title', problem: 'tooLong', max: RECORD_LIMITS.agendaTitle }] });
    expect(addAgendaItem({ record, item: { title: '😀'.repeat(200) }, actor: leadership, now }).ok).toBe(true);
    expect(addAgendaItem({ record, item: { title: '   ' }, actor: leadership, now })).toMatchObject({ ok: false, errors: [{ field: 'title', problem: 'required' }] });
    expect(addAgendaItem({ record, item: { title: 'A', presenterId: 'not-a-guid' }, actor: leadership, now })).toMatchObject({ ok: false, errors: [{ field: 'presenterId', problem: 'invalid' }] });
  });

  it('only leadership edits the agenda', () => {
    const record = createRecord({ meeting, now });
    expect(addAgendaItem({ record, item: { title: 'Läget' }, actor: erik, now })).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('has at most 20 items', () => {
    const record = aRecord(meeting, Array.from({ length: RECORD_LIMITS.agendaItems }, (_, i) => `Punkt ${i + 1}`));
    expect(addAgendaItem({ record, item: { title: 'En till' }, actor: leadership, now })).toEqual({ ok: false, reason: 'tooManyItems' });
  });

  it('every change raises the revision; saving an item unchanged does not', () => {
    const record = aRecord(meeting, ['Läget']);
    const same = ok(updateAgendaItem({ record, itemId: 'a1', item: { title: 'Läget' }, actor: leadership, now }));
    expect(same.record).toBe(record);
    const changed = ok(updateAgendaItem({ record, itemId: 'a1', item: { title: 'Läget just nu' }, actor: leadership, now }));
    expect(changed.record.revision).toBe(record.revision + 1);
    expect(updateAgendaItem({ record, itemId: 'a9', item: { title: 'x' }, actor: leadership, now })).toEqual({ ok: false, reason: 'itemNotFound' });
  });

  it('items can be moved; the position is clamped to the agenda', () => {
    const record = aRecord(meeting, ['A', 'B', 'C']);
    expect(ok(moveAgendaItem({ record, itemId: 'a3', to: 0, actor: leadership, now })).record.agenda.map((a) => a.title)).toEqual(['C', 'A', 'B']);
    expect(ok(moveAgendaItem({ record, itemId: 'a1', to: 99, actor: leadership, now })).record.agenda.map((a) => a.title)).toEqual(['B', 'C', 'A']);
    expect(ok(moveAgendaItem({ record, itemId: 'a2', to: 1, actor: leadership, now })).record).toBe(record);
  });

  it('an item a decision or action points at cannot be removed, nor one with papers', () => {
    let record = aRecord(meeting, ['A', 'B']);
    const refs = agendaItemReferences({
      meetingId: meeting.id,
      decisions: [{ origin: { kind: 'meeting', meetingId: meeting.id, agendaItemId: 'a1' } }, { origin: { kind: 'meeting', meetingId: 'other', agendaItemId: 'a2' } }],
      actions: [],
    });
    expect(refs).toEqual(new Set(['a1']));
    expect(removeAgendaItem({ record, itemId: 'a1', referencedItemIds: refs, actor: leadership, now })).toEqual({ ok: false, reason: 'referenced' });
    record = ok(addPaper({ record, paper: { title: 'Underlag', url: 'https://mdu.sharepoint.com/x.pdf', agendaItemId: 'a2' }, actor: leadership, now })).record;
    expect(removeAgendaItem({ record, itemId: 'a2', referencedItemIds: refs, actor: leadership, now })).toEqual({ ok: false, reason: 'hasPapers' });
  });
});

describe('papers', () => {
  it('a paper is a titled https link or an uploaded file, for the meeting or one agenda item', () => {
    let record = aRecord(meeting, ['Läget']);
    const link = ok(addPaper({ record, paper: { title: 'Lägesrapport', url: 'https://mdu.sharepoint.com/sites/stark/rapport.pdf', agendaItemId: 'a1' }, actor: leadership, now }));
    record = link.record;
    expect(link.paper).toMatchObject({ id: 'p2', source: { kind: 'link', url: 'https://mdu.sharepoint.com/sites/stark/rapport.pdf' }, agendaItemId: 'a1', addedBy: id(21) });
    const file = ok(addPaper({ record, paper: { title: 'Budget', file: { fileId: 'f-123', fileName: 'budget 2028.xlsx' } }, actor: leadership, now }));
    record = file.record;
    expect(file.paper.source).toEqual({ kind: 'file', fileId: 'f-123', fileName: 'budget 2028.xlsx' });
    expect(papersOf(record, 'a1').map((p) => p.title)).toEqual(['Lägesrapport']);
    expect(papersOf(record, undefined).map((p) => p.title)).toEqual(['Budget']);
    expect(meetingRecordSchema.parse(record)).toEqual(record);
  });

  it('refuses links that are not https, carry credentials, or are not links at all', () => {
    const record = aRecord(meeting, ['Läget']);
    for (const url of ['http://mdu.se/x.pdf', 'javascript:alert(1)', 'https://user:secret@mdu.sharepoint.com/x', 'intranät/rapport', '']) {
      const r = addPaper({ record, paper: { title: 'X', url }, actor: leadership, now });
      expect(r).toMatchObject({ ok: false, reason: 'invalid', errors: [{ field: 'url', problem: url === '' ? 'required' : 'invalid' }] });
    }
    expect(addPaper({ record, paper: { title: 'X', url: 'https://mdu.se/x', agendaItemId: 'a7' }, actor: leadership, now })).toEqual({ ok: false, reason: 'itemNotFound' });
  });

  it('a paper added after the notice was sent is late; one added before is not', () => {
    let record = aRecord(meeting, ['Läget']);
    record = ok(addPaper({ record, paper: { title: 'I tid', url: 'https://mdu.se/a' }, actor: leadership, now })).record;
    record = ok(sendNotice({ meeting, record, actor: null, now: at('2027-04-06', '09:00') })).record;
    const late = ok(addPaper({ record, paper: { title: 'Sen', url: 'https://mdu.se/b' }, actor: leadership, now: at('2027-04-08', '15:00') }));
    expect(late.late).toBe(true);
    const [onTime, lateOne] = late.record.papers;
    expect(isLatePaper({ record: late.record, paper: onTime! })).toBe(false);
    expect(isLatePaper({ record: late.record, paper: lateOne! })).toBe(true);
  });

  it('removing a paper that is not there is refused', () => {
    const record: MeetingRecord = aRecord(meeting, ['Läget']);
    expect(removePaper({ record, paperId: 'p9', actor: leadership, now })).toEqual({ ok: false, reason: 'paperNotFound' });
  });
});
