import { describe, expect, it } from 'vitest';
import { createAction, type ActionItem } from './action.js';
import { addAgendaItem } from './agenda.js';
import { attendanceDraft, recordAttendance } from './attendance.js';
import { recordDecision, withdrawDecision, type Decision } from './decision.js';
import {
  approvalStates,
  approveMinutes,
  currentVersion,
  draftMinutes,
  editMinutesNotes,
  minutesApprovalRequests,
  minutesAuditEntries,
  minutesDistribution,
  nameSignatories,
  requestMinutesChange,
} from './minutes.js';
import { OTHER_ITEM_KEY, meetingRecordSchema, type MeetingRecord } from './record.js';
import { aMeeting, aRecord, actor, answered, at, erik, id, leadership, maria, personInfo, programradSeats, quorum, roster } from './test-fixtures.js';

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

const meeting = answered(aMeeting(), [
  [20, 'nej'],
  [21, 'ja'],
  [22, 'ja'],
  [25, 'ja'],
  [27, 'ja'],
]);
const after = at('2027-04-13', '13:00');
const organisationOf = (personId: string) => roster.find((p) => p.aadObjectId === personId)?.organisationId ?? null;

/** A held meeting: attendance with Lars acting for Erik, two decisions (one withdrawn), one action. */
function held(): { record: MeetingRecord; decisions: Decision[]; actions: ActionItem[] } {
  let record = aRecord(meeting, ['Läget', 'Programplan 2028']);
  const draft = attendanceDraft({ meeting, record, seats: programradSeats });
  const lines = draft.lines.map((l) => (l.status === 'unknown' ? { ...l, status: 'present' as const } : l));
  record = ok(recordAttendance({ meeting, record, draft: { lines, guests: [{ name: 'Eva Gäst', organisation: 'SKR' }] }, seats: programradSeats, policy: quorum, organisationOf, actor: leadership, now: after })).record;
  const decisions: Decision[] = [];
  const needs = [{ number: 12 }, { number: 15 }];
  const d1 = ok(recordDecision({ decisions, id: 'd1', meeting, record, agendaItemId: 'a2', text: 'Programplanen för 2028 antas.', needNumbers: [12, 15], needs, actor: leadership, now: after })).decision;
  decisions.push(d1);
  const d2 = ok(recordDecision({ decisions, id: 'd2', meeting, record, text: 'Nästa möte hålls i Eskilstuna.', needNumbers: [], needs, actor: leadership, now: after })).decision;
  decisions.push(d2);
  const d3 = ok(recordDecision({ decisions, id: 'd3', meeting, record, agendaItemId: 'a1', text: 'Fel inskrivet.', needNumbers: [], needs, actor: leadership, now: after })).decision;
  decisions.push(ok(withdrawDecision({ decision: d3, decisions: [...decisions, d3], record, reason: 'Dubblett', actor: leadership, now: after })).decision);
  const action = ok(createAction({ id: 'x1', title: 'Skicka planen till SRB', source: { kind: 'decision', decision: d1 }, ownerId: id(22), dueDate: '2027-05-14', personIds: new Set(roster.map((p) => p.aadObjectId)), actor: leadership, now: after })).action;
  return { record, decisions, actions: [action] };
}

const drafted = () => {
  const h = held();
  const r = ok(draftMinutes({ meeting, ...h, personInfo, seats: programradSeats, actor: leadership, now: at('2027-04-14', '09:00') }));
  return { ...h, record: r.record };
};

/** Drafted, with Maria as chair and Anders as the adjuster. */
const withSignatories = () => {
  const d = drafted();
  return { ...d, record: ok(nameSignatories({ record: d.record, chairId: id(22), adjusterIds: [id(25)], personInfo, actor: leadership, now: at('2027-04-14', '09:30') })).record };
};

describe('drafting the minutes', () => {
  it('generates a structured document from the agenda, attendance, decisions and actions', () => {
    const { record } = drafted();
    expect(meetingRecordSchema.parse(record)).toEqual(record);
    const minutes = record.minutes!;
    expect(minutes.status).toBe('draft');
    expect(minutes.versions.map((v) => v.version)).toEqual([1]);
    expect(minutes.events).toEqual([{ at: at('2027-04-14', '09:00').toISOString(), by: id(21), kind: 'drafted', version: 1 }]);
    const doc = currentVersion(minutes).document;
    expect(doc.meeting).toMatchObject({ id: 'm1', type: 'programrad', title: 'Vårdialog med programledningen', place: 'MDU Västerås' });
    expect(doc.attendance.recorded).toBe(true);
    expect(doc.attendance.present.find((p) => p.personId === id(23))).toEqual({ personId: id(23), name: 'Lars Testlund', organisation: 'koping', role: 'substitute', constituency: 'vastmanland', forName: 'Erik Demoberg' });
    expect(doc.attendance.absent.map((p) => p.name)).toEqual(['Erik Demoberg']);
    expect(doc.attendance.guests).toEqual([{ name: 'Eva Gäst', organisation: 'SKR' }]);
    expect(doc.attendance.quorum).toMatchObject({ status: 'quorate' });
    expect(doc.items.map((i) => [i.key, i.title, i.decisions.map((d) => `${d.number}:${d.status}`), i.actions.map((a) => a.actionId)])).toEqual([
      ['a1', 'Läget', ['3:withdrawn'], []],
      ['a2', 'Programplan 2028', ['1:valid'], ['x1']],
      [OTHER_ITEM_KEY, '', ['2:valid'], []],
    ]);
    expect(doc.items[1]?.actions[0]).toEqual({ actionId: 'x1', title: 'Skicka planen till SRB', ownerId: id(22), ownerName: 'Maria Exempelsson', dueDate: '2027-05-14' });
  });

  it('is leadership’s, after the meeting has started', () => {
    const h = held();
    expect(draftMinutes({ meeting, ...h, personInfo, seats: programradSeats, actor: erik, now: after })).toEqual({ ok: false, reason: 'forbidden' });
    expect(draftMinutes({ meeting, ...h, personInfo, seats: programradSeats, actor: leadership, now: at('2027-04-13', '08:00') })).toEqual({ ok: false, reason: 'meetingNotStarted' });
  });

  it('regenerating keeps the notes and makes a new version only when something changed', () => {
    const d = drafted();
    let record = ok(editMinutesNotes({ record: d.record, itemKey: 'a1', notes: 'Programledningen redogjorde för läget.', actor: leadership, now: at('2027-04-14', '10:00') })).record;
    const same = ok(draftMinutes({ meeting, ...d, record, personInfo, seats: programradSeats, actor: leadership, now: at('2027-04-14', '11:00') }));
    expect(same.outcome).toBe('unchanged');
    record = ok(addAgendaItem({ record, item: { title: 'Övriga frågor' }, actor: leadership, now: at('2027-04-14', '11:00') })).record;
    const regenerated = ok(draftMinutes({ meeting, ...d, record, personInfo, seats: programradSeats, actor: leadership, now: at('2027-04-14', '11:05') }));
    expect(regenerated.outcome).toBe('regenerated');
    const doc = currentVersion(regenerated.record.minutes!).document;
    expect(doc.items.map((i) => i.key)).toEqual(['a1', 'a2', 'a3', OTHER_ITEM_KEY]);
    expect(doc.items[0]?.notes).toBe('Programledningen redogjorde för läget.');
    expect(regenerated.record.minutes!.versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });
});

describe('editing the notes', () => {
  it('each edit is a new version; the earlier versions are kept as they were', () => {
    const d = drafted();
    const r = ok(editMinutesNotes({ record: d.record, itemKey: 'a2', notes: '  Planen diskuterades.\r\nInga invändningar.  ', actor: leadership, now: at('2027-04-14', '10:00') }));
    expect(r.outcome).toBe('edited');
    const versions = r.record.minutes!.versions;
    expect(versions.map((v) => v.document.items[1]?.notes)).toEqual(['', 'Planen diskuterades.\nInga invändningar.']);
    expect(ok(editMinutesNotes({ record: r.record, itemKey: 'a2', notes: 'Planen diskuterades.\nInga invändningar.', actor: leadership, now: at('2027-04-14', '10:05') })).outcome).toBe('unchanged');
  });

  it('refuses an unknown section and notes over 4000 characters', () => {
    const d = drafted();
    expect(editMinutesNotes({ record: d.record, itemKey: 'a9', notes: 'x', actor: leadership, now: after })).toEqual({ ok: false, reason: 'itemNotFound' });
    expect(editMinutesNotes({ record: d.record, itemKey: 'a1', notes: 'x'.repeat(4001), actor: leadership, now: after })).toEqual({ ok: false, reason: 'notesTooLong' });
    expect(editMinutesNotes({ record: held().record, itemKey: 'a1', notes: 'x', actor: leadership, now: after })).toEqual({ ok: false, reason: 'noMinutes' });
  });
});

describe('naming the chair and adjusters', () => {
  it('a chair and one or two adjusters, different people, who were present', () => {
    const d = drafted();
    const base = { record: d.record, personInfo, actor: leadership, now: after };
    expect(nameSignatories({ ...base, chairId: id(22), adjusterIds: [] })).toEqual({ ok: false, reason: 'adjusterCount' });
    expect(nameSignatories({ ...base, chairId: id(22), adjusterIds: [id(25), id(27), id(21)] })).toEqual({ ok: false, reason: 'adjusterCount' });
    expect(nameSignatories({ ...base, chairId: id(22), adjusterIds: [id(22)] })).toEqual({ ok: false, reason: 'samePersonTwice' });
    expect(nameSignatories({ ...base, chairId: id(22), adjusterIds: [id(20)] })).toEqual({ ok: false, reason: 'notPresent', personIds: [id(20)] });
    expect(nameSignatories({ ...base, chairId: id(22), adjusterIds: [id(999)] })).toEqual({ ok: false, reason: 'unknownPerson', personIds: [id(999)] });
    expect(nameSignatories({ ...base, chairId: id(22), adjusterIds: [id(25)], actor: erik })).toEqual({ ok: false, reason: 'forbidden' });
    const r = ok(nameSignatories({ ...base, chairId: id(22), adjusterIds: [id(25), id(27)] }));
    expect(r.record.minutes!.signatories).toEqual([
      { personId: id(22), name: 'Maria Exempelsson', role: 'chair' },
      { personId: id(25), name: 'Anders Låtsasgren', role: 'adjuster' },
      { personId: id(27), name: 'Johan Prövdahl', role: 'adjuster' },
    ]);
  });
});

describe('approval (justering)', () => {
  it('a change requested, a new version, both approve again: justerat with the date and names, and locked', () => {
    let { record } = withSignatories();
    // The chair approves version 1; the adjuster asks for a change.
    record = ok(approveMinutes({ record, version: 1, actor: maria, now: at('2027-04-15', '09:00') })).record;
    const req = ok(requestMinutesChange({ record, version: 1, comment: 'Lägg till att Eskilstuna erbjöd lokal.', actor: actor(25), now: at('2027-04-15', '10:00') }));
    record = req.record;
    expect(req.notify).toEqual([id(21)]);
    expect(approvalStates(record.minutes!).map((s) => [s.role, s.state])).toEqual([
      ['chair', 'approved'],
      ['adjuster', 'changeRequested'],
    ]);
    // Leadership edits: version 2, so the chair's approval of version 1 no longer counts.
    record = ok(editMinutesNotes({ record, itemKey: OTHER_ITEM_KEY, notes: 'Eskilstuna erbjöd lokal.', actor: leadership, now: at('2027-04-15', '11:00') })).record;
    expect(approvalStates(record.minutes!).map((s) => s.state)).toEqual(['pending', 'pending']);
    // An approval from a card showing version 1 is refused.
    expect(approveMinutes({ record, version: 1, actor: maria, now: at('2027-04-15', '12:00') })).toEqual({ ok: false, reason: 'versionChanged' });
    const first = ok(approveMinutes({ record, version: 2, actor: actor(25), now: at('2027-04-15', '12:00') }));
    expect(first).toMatchObject({ outcome: 'approved', pending: [id(22)] });
    expect(ok(approveMinutes({ record: first.record, version: 2, actor: actor(25), now: at('2027-04-15', '12:01') })).outcome).toBe('unchanged');
    const last = ok(approveMinutes({ record: first.record, version: 2, actor: maria, now: at('2027-04-15', '23:30') }));
    expect(last.outcome).toBe('justerat');
    record = last.record;
    expect(record.minutes!.status).toBe('justerat');
    expect(record.minutes!.justerat).toEqual({
      at: at('2027-04-15', '23:30').toISOString(),
      date: '2027-04-15',
      version: 2,
      signatories: [
        { personId: id(22), name: 'Maria Exempelsson', role: 'chair' },
        { personId: id(25), name: 'Anders Låtsasgren', role: 'adjuster' },
      ],
    });
    expect(meetingRecordSchema.parse(record)).toEqual(record);

    // Locked: nothing changes any more.
    expect(editMinutesNotes({ record, itemKey: 'a1', notes: 'x', actor: leadership, now: after })).toEqual({ ok: false, reason: 'locked' });
    expect(addAgendaItem({ record, item: { title: 'x' }, actor: leadership, now: after })).toEqual({ ok: false, reason: 'locked' });
    expect(approveMinutes({ record, version: 2, actor: maria, now: after })).toEqual({ ok: false, reason: 'alreadyJusterat' });
    expect(recordAttendance({ meeting, record, draft: { lines: [], guests: [] }, seats: programradSeats, policy: quorum, organisationOf, actor: leadership, now: after })).toEqual({ ok: false, reason: 'locked' });

    // The audit trail: who did what to which version, in order, with stable ids.
    expect(minutesAuditEntries(record).map((e) => [e.id, e.kind, e.by, e.version])).toEqual([
      ['m1:minutes:1', 'drafted', id(21), 1],
      ['m1:minutes:2', 'signatoriesNamed', id(21), 1],
      ['m1:minutes:3', 'approved', id(22), 1],
      ['m1:minutes:4', 'changeRequested', id(25), 1],
      ['m1:minutes:5', 'edited', id(21), 2],
      ['m1:minutes:6', 'approved', id(25), 2],
      ['m1:minutes:7', 'approved', id(22), 2],
      ['m1:minutes:8', 'justerat', id(22), 2],
    ]);
    expect(minutesAuditEntries(record)[3]?.comment).toBe('Lägg till att Eskilstuna erbjöd lokal.');
  });

  it('only the named chair and adjusters approve or ask for changes (not leadership on their behalf)', () => {
    const { record } = withSignatories();
    expect(approveMinutes({ record, version: 1, actor: leadership, now: after })).toEqual({ ok: false, reason: 'forbidden' });
    expect(requestMinutesChange({ record, version: 1, comment: 'x', actor: erik, now: after })).toEqual({ ok: false, reason: 'forbidden' });
    expect(requestMinutesChange({ record, version: 1, comment: '  ', actor: maria, now: after })).toEqual({ ok: false, reason: 'commentRequired' });
    expect(requestMinutesChange({ record, version: 1, comment: 'x'.repeat(1001), actor: maria, now: after })).toEqual({ ok: false, reason: 'commentTooLong' });
  });
});

describe('sending the minutes', () => {
  it('approval requests go to each signatory once per version, and again for a new version', () => {
    let { record } = withSignatories();
    const first = minutesApprovalRequests({ record, sentKeys: new Set() });
    expect(first).toEqual([
      { key: `m1:minutes-approval:v1:${id(22)}`, personId: id(22), version: 1 },
      { key: `m1:minutes-approval:v1:${id(25)}`, personId: id(25), version: 1 },
    ]);
    const sent = new Set(first.map((d) => d.key));
    expect(minutesApprovalRequests({ record, sentKeys: sent })).toEqual([]);
    record = ok(approveMinutes({ record, version: 1, actor: maria, now: after })).record;
    record = ok(editMinutesNotes({ record, itemKey: 'a1', notes: 'Ändrat', actor: leadership, now: after })).record;
    expect(minutesApprovalRequests({ record, sentKeys: sent }).map((d) => d.key)).toEqual([`m1:minutes-approval:v2:${id(22)}`, `m1:minutes-approval:v2:${id(25)}`]);
  });

  it('once justerade, to every invitee and signatory, once each', () => {
    let { record } = withSignatories();
    expect(minutesDistribution({ meeting, record, sentKeys: new Set() })).toEqual([]);
    record = ok(approveMinutes({ record, version: 1, actor: maria, now: after })).record;
    record = ok(approveMinutes({ record, version: 1, actor: actor(25), now: after })).record;
    const out = minutesDistribution({ meeting, record, sentKeys: new Set() });
    expect(out.map((d) => d.personId).sort()).toEqual([...new Set(meeting.invitees.map((i) => i.personId))].sort());
    expect(minutesDistribution({ meeting, record, sentKeys: new Set(out.map((d) => d.key)) })).toEqual([]);
  });
});
