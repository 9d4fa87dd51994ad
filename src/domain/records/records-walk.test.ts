import { describe, expect, it } from 'vitest';
import { aNeed, people as needPeople } from '../needs/test-fixtures.js';
import { createAction, dueActionReminders } from './action.js';
import { addPaper } from './agenda.js';
import { attendanceDraft, recordAttendance } from './attendance.js';
import { decisionNotifications, decisionSchema, decisionsForNeed, finaliseMeetingDecisions, recordDecision, type Decision } from './decision.js';
import { approveMinutes, draftMinutes, editMinutesNotes, minutesDistribution, nameSignatories, requestMinutesChange } from './minutes.js';
import { noticeDeliveries, noticeDue, sendNotice } from './notice.js';
import { meetingRecordSchema, type MeetingRecord } from './record.js';
import { aMeeting, aRecord, actor, answered, at, id, leadership, personInfo, programradSeats, quorum, roster } from './test-fixtures.js';

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

/**
 * One Programråd meeting from notice to approved minutes, through the pure functions the wiring will call in this
 * order: what the protocol-level test will later drive through Teams.
 */
describe('a Programråd meeting, end to end', () => {
  it('notice with papers → RSVP → attendance with a substitute → two decisions → an action with a reminder → minutes approved and locked → the needs’ submitters see the decision', () => {
    // Needs from Västerås (#12, supported by Köping) and Köping (#15).
    const needs = [
      aNeed({ number: 12, supports: [{ organisationId: 'koping', by: needPeople.kopingDirector.aadObjectId, at: new Date('2026-03-05T10:00:00Z') }] }),
      aNeed({ number: 15, organisationId: 'koping', submittedBy: needPeople.kopingDirector.aadObjectId }),
    ];

    // Notice with papers, on schedule.
    let meeting = aMeeting();
    let record: MeetingRecord = aRecord(meeting, ['Läget i programmen', 'Programplan 2028']);
    record = ok(addPaper({ record, paper: { title: 'Utkast programplan 2028', url: 'https://mdu.sharepoint.com/sites/stark/plan.docx', agendaItemId: 'a2' }, actor: leadership, now: at('2027-03-25', '10:00') })).record;
    const due = noticeDue({ meeting, record, now: at('2027-04-06', '09:00') });
    expect(due.due).toBe(true);
    record = ok(sendNotice({ meeting, record, actor: null, now: at('2027-04-06', '09:00') })).record;
    const noticed = noticeDeliveries({ meeting, record, sentKeys: new Set(), now: at('2027-04-06', '09:00') });
    expect(noticed).toHaveLength(meeting.invitees.length);

    // RSVP: Erik declines, so Lars is called in for his seat.
    meeting = answered(meeting, [
      [20, 'nej'],
      [21, 'ja'],
      [22, 'ja'],
      [25, 'ja'],
      [27, 'ja'],
      [28, 'nej'],
      [104, 'kanske'],
    ], at('2027-04-06', '12:00'));
    expect(meeting.invitees.find((i) => i.personId === id(23))?.substituteFor).toBe(id(20));
    // Lars, invited after the notice went out, gets it too; nobody gets it twice.
    expect(noticeDeliveries({ meeting, record, sentKeys: new Set(noticed.map((d) => d.key)), now: at('2027-04-06', '12:00') })).toEqual([
      { kind: 'notice', key: `m1:notice:${id(23)}`, personId: id(23) },
    ]);

    // Attendance after the meeting: prefilled, Lars and Olof turned out to be there.
    const after = at('2027-04-13', '12:30');
    const draft = attendanceDraft({ meeting, record, seats: programradSeats });
    const lines = draft.lines.map((l) => (l.status === 'unknown' ? { ...l, status: 'present' as const } : l));
    const organisationOf = (personId: string) => roster.find((p) => p.aadObjectId === personId)?.organisationId ?? null;
    const att = ok(recordAttendance({ meeting, record, draft: { lines, guests: [] }, seats: programradSeats, policy: quorum, organisationOf, actor: leadership, now: after }));
    record = att.record;
    expect(att.quorum).toMatchObject({ status: 'quorate', seatsFilled: 6 });
    expect(record.attendance?.entries.find((e) => e.personId === id(23))).toMatchObject({ role: 'substitute', seatId: 'pr-vastmanland-1', status: 'present' });

    // Two decisions, one linked to two needs.
    const decisions: Decision[] = [];
    const d1 = ok(recordDecision({ decisions, id: 'd1', meeting, record, agendaItemId: 'a2', text: 'Programplanen för 2028 antas.', needNumbers: [12, 15], needs, actor: leadership, now: after })).decision;
    decisions.push(d1);
    decisions.push(ok(recordDecision({ decisions, id: 'd2', meeting, record, text: 'Nästa dialog hålls i Eskilstuna.', needNumbers: [], needs, actor: leadership, now: after })).decision);
    expect(decisions.map((d) => [d.body, d.year, d.number])).toEqual([
      ['programrad', 2027, 1],
      ['programrad', 2027, 2],
    ]);

    // An action from the first decision, and its reminder three days before it is due.
    const action = ok(createAction({ id: 'x1', title: 'Skicka planen till SRB', source: { kind: 'decision', decision: d1 }, ownerId: id(22), dueDate: '2027-05-14', personIds: new Set(roster.map((p) => p.aadObjectId)), actor: leadership, now: after })).action;
    expect(dueActionReminders({ actions: [action], now: at('2027-05-11', '09:00'), sentKeys: new Set() }).map((r) => r.ownerId)).toEqual([id(22)]);

    // Minutes: drafted, chair and two adjusters named, one change requested, a new version, all approve → justerat.
    record = ok(draftMinutes({ meeting, record, decisions, actions: [action], personInfo, seats: programradSeats, actor: leadership, now: at('2027-04-14', '09:00') })).record;
    record = ok(nameSignatories({ record, chairId: id(21), adjusterIds: [id(22), id(25)], personInfo, actor: leadership, now: at('2027-04-14', '09:05') })).record;
    record = ok(approveMinutes({ record, version: 1, actor: actor(21), now: at('2027-04-14', '10:00') })).record;
    record = ok(requestMinutesChange({ record, version: 1, comment: 'Skriv att Lars tjänstgjorde för Erik.', actor: actor(25), now: at('2027-04-14', '11:00') })).record;
    record = ok(editMinutesNotes({ record, itemKey: 'a1', notes: 'Lars Testlund tjänstgjorde för Erik Demoberg.', actor: leadership, now: at('2027-04-14', '12:00') })).record;
    record = ok(approveMinutes({ record, version: 2, actor: actor(21), now: at('2027-04-15', '09:00') })).record;
    record = ok(approveMinutes({ record, version: 2, actor: actor(22), now: at('2027-04-15', '09:10') })).record;
    const last = ok(approveMinutes({ record, version: 2, actor: actor(25), now: at('2027-04-15', '09:20') }));
    expect(last.outcome).toBe('justerat');
    record = last.record;
    expect(record.minutes?.justerat).toMatchObject({ date: '2027-04-15', version: 2 });
    expect(meetingRecordSchema.parse(record)).toEqual(record);
    expect(minutesDistribution({ meeting, record, sentKeys: new Set() }).length).toBeGreaterThanOrEqual(meeting.invitees.length);

    // In the same write: the meeting's decisions become final, and the needs' submitters and supporters are told.
    const final = finaliseMeetingDecisions({ decisions, meetingId: meeting.id, now: at('2027-04-15', '09:20') });
    for (const d of final) decisionSchema.parse(d);
    const told = decisionNotifications({ decisions: final, needs, actorId: id(25) });
    expect(told).toEqual([
      { decisionId: 'd1', needNumbers: [12], personId: needPeople.vasterasDirector.aadObjectId },
      { decisionId: 'd1', needNumbers: [12, 15], personId: needPeople.kopingDirector.aadObjectId },
    ]);
    // "mina behov": each need's history shows the final decision.
    for (const n of [12, 15]) expect(decisionsForNeed({ decisions: final, needNumber: n }).map((x) => [x.decision.number, x.final])).toEqual([[1, true]]);
  });
});
