import { describe, expect, it } from 'vitest';
import { assessQuorum, attendanceDraft, guestLines, parseGuestLines, recordAttendance, statusFromRsvp, type AttendanceLine } from './attendance.js';
import { attendanceReport } from './attendance-report.js';
import { meetingRecordSchema, type MeetingRecord } from './record.js';
import { aMeeting, aRecord, answered, at, erik, id, leadership, personById, programradSeats, quorum } from './test-fixtures.js';

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

// Erik (Västmanland) declines, so Lars, the Västmanland substitute, is called in for him.
const meeting = answered(aMeeting(), [
  [20, 'nej'],
  [22, 'ja'],
  [21, 'ja'],
  [27, 'kanske'],
  [25, 'ja'],
  [104, 'nej'],
]);
const after = at('2027-04-13', '12:30');
const organisationOf = (personId: string) => (personId === id(999) ? null : personById(personId).organisationId);
const line = (lines: AttendanceLine[], n: number) => lines.find((l) => l.personId === id(n));

describe('the attendance form starts from the RSVPs', () => {
  it('Ja → present, Nej → absent, Kanske or no answer → not known', () => {
    expect([statusFromRsvp('ja'), statusFromRsvp('nej'), statusFromRsvp('kanske'), statusFromRsvp(undefined)]).toEqual(['present', 'absent', 'unknown', 'unknown']);
    const { lines, guests } = attendanceDraft({ meeting, record: undefined, seats: programradSeats });
    expect(guests).toEqual([]);
    expect(line(lines, 20)?.status).toBe('absent');
    expect(line(lines, 22)?.status).toBe('present');
    expect(line(lines, 27)?.status).toBe('unknown');
    expect(line(lines, 28)?.status).toBe('unknown');
  });

  it('a substitute called in for a member is put on that member’s seat', () => {
    const { lines } = attendanceDraft({ meeting, record: undefined, seats: programradSeats });
    expect(line(lines, 23)).toEqual({ personId: id(23), status: 'unknown', actingForSeatId: 'pr-vastmanland-1' });
    expect(line(lines, 20)?.actingForSeatId).toBeUndefined();
  });

  it('once recorded, the form shows what was recorded', () => {
    const draft = attendanceDraft({ meeting, record: undefined, seats: programradSeats });
    const lines = draft.lines.map((l) => (l.personId === id(23) ? { ...l, status: 'present' as const } : l));
    const record = ok(recordAttendance({ meeting, record: aRecord(meeting), draft: { lines, guests: [{ name: 'Eva Gäst', organisation: 'SKR' }] }, seats: programradSeats, policy: quorum, organisationOf, actor: leadership, now: after })).record;
    expect(attendanceDraft({ meeting, record, seats: programradSeats })).toEqual({ lines, guests: [{ name: 'Eva Gäst', organisation: 'SKR' }] });
  });
});

describe('quorum and composition', () => {
  const lines = (present: number[], unknown: number[] = [], extra: AttendanceLine[] = []): AttendanceLine[] => [
    ...present.map((n) => ({ personId: id(n), status: 'present' as const })),
    ...unknown.map((n) => ({ personId: id(n), status: 'unknown' as const })),
    ...extra,
  ];

  it('a seat is filled by its holder or by a substitute acting for it', () => {
    const q = assessQuorum({ lines: lines([21, 22, 25], [], [{ personId: id(23), status: 'present', actingForSeatId: 'pr-vastmanland-1' }]), seats: programradSeats, policy: quorum });
    expect(q.seatsFilled).toBe(4);
    expect(q.status).toBe('quorate');
    expect(q.seats.find((s) => s.seatId === 'pr-vastmanland-1')?.filledBy).toEqual({ personId: id(23), as: 'substitute' });
    expect(q.composition).toEqual([
      { constituency: 'mdu', total: 3, filled: 1 },
      { constituency: 'vastmanland', total: 2, filled: 2 },
      { constituency: 'sormland', total: 2, filled: 1 },
    ]);
    expect(q.assumption).toBe(true);
  });

  it('below quorum when even every unknown seat filled would not reach it; undetermined when it could', () => {
    expect(assessQuorum({ lines: lines([21, 22]), seats: programradSeats, policy: quorum }).status).toBe('belowQuorum');
    expect(assessQuorum({ lines: lines([21, 22], [27]), seats: programradSeats, policy: quorum }).status).toBe('belowQuorum');
    expect(assessQuorum({ lines: lines([21, 22], [27, 28]), seats: programradSeats, policy: quorum }).status).toBe('undetermined');
  });

  it('a vacant seat nobody acts for is vacant, not missing; a meeting without seats has no quorum to assess', () => {
    const seats = programradSeats.map((s) => (s.seatId === 'pr-sormland-2' ? { ...s, holderId: null } : s));
    expect(assessQuorum({ lines: lines([21]), seats, policy: quorum }).seats.find((s) => s.seatId === 'pr-sormland-2')?.state).toBe('vacant');
    expect(assessQuorum({ lines: lines([21]), seats: [], policy: quorum })).toMatchObject({ status: 'notApplicable', seatsTotal: 0, minSeats: 0 });
  });
});

describe('recording attendance', () => {
  const draft = () => {
    const d = attendanceDraft({ meeting, record: undefined, seats: programradSeats });
    return { lines: d.lines.map((l) => (l.personId === id(23) ? { ...l, status: 'present' as const } : l.status === 'unknown' ? { ...l, status: 'present' as const } : l)), guests: [] };
  };

  it('keeps each person’s role, seat and organisation, and the quorum assessed', () => {
    const r = ok(recordAttendance({ meeting, record: aRecord(meeting), draft: draft(), seats: programradSeats, policy: quorum, organisationOf, actor: leadership, now: after }));
    const entries = r.record.attendance?.entries ?? [];
    expect(entries.find((e) => e.personId === id(23))).toEqual({ personId: id(23), organisationId: 'koping', status: 'present', role: 'substitute', seatId: 'pr-vastmanland-1' });
    expect(entries.find((e) => e.personId === id(20))).toEqual({ personId: id(20), organisationId: 'vasteras', status: 'absent', role: 'seatHolder', seatId: 'pr-vastmanland-1' });
    expect(r.record.attendance?.quorum).toEqual({ status: 'quorate', seatsFilled: 6, seatsTotal: 7, minSeats: 4 });
    expect(r.record.attendance?.history).toEqual([{ at: after.toISOString(), by: id(21) }]);
    expect(meetingRecordSchema.parse(r.record)).toEqual(r.record);
  });

  it('is refused before the meeting starts, to anyone but leadership, and once the minutes are approved', () => {
    const args = { meeting, draft: draft(), seats: programradSeats, policy: quorum, organisationOf };
    expect(recordAttendance({ ...args, record: aRecord(meeting), actor: leadership, now: at('2027-04-13', '08:59') })).toEqual({ ok: false, reason: 'meetingNotStarted' });
    expect(recordAttendance({ ...args, record: aRecord(meeting), actor: erik, now: after })).toEqual({ ok: false, reason: 'forbidden' });
    const locked = { ...aRecord(meeting), minutes: { status: 'justerat' } } as unknown as MeetingRecord;
    expect(recordAttendance({ ...args, record: locked, actor: leadership, now: after })).toEqual({ ok: false, reason: 'locked' });
  });

  it('a substitute acts only for a seat they substitute for, never beside its present holder, one per seat', () => {
    const base = { meeting, record: aRecord(meeting), seats: programradSeats, policy: quorum, organisationOf, actor: leadership, now: after };
    const wrongSeat = recordAttendance({ ...base, draft: { lines: [{ personId: id(23), status: 'present', actingForSeatId: 'pr-sormland-1' }], guests: [] } });
    expect(wrongSeat).toEqual({ ok: false, reason: 'invalid', problems: [{ problem: 'notSubstituteForSeat', personId: id(23), seatId: 'pr-sormland-1' }] });
    const besideHolder = recordAttendance({
      ...base,
      draft: { lines: [{ personId: id(22), status: 'present' }, { personId: id(23), status: 'present', actingForSeatId: 'pr-vastmanland-2' }], guests: [] },
    });
    expect(besideHolder).toMatchObject({ ok: false, problems: [{ problem: 'seatHolderPresent', seatId: 'pr-vastmanland-2' }] });
    const unknownSeat = recordAttendance({ ...base, draft: { lines: [{ personId: id(23), status: 'present', actingForSeatId: 'nope' }], guests: [] } });
    expect(unknownSeat).toMatchObject({ ok: false, problems: [{ problem: 'unknownSeat' }] });
    const twice = recordAttendance({ ...base, draft: { lines: [{ personId: id(22), status: 'present' }, { personId: id(22), status: 'absent' }], guests: [] } });
    expect(twice).toMatchObject({ ok: false, problems: [{ problem: 'duplicatePerson', personId: id(22) }] });
  });

  it('guests need a name and an organisation of at most 200 characters each', () => {
    const base = { meeting, record: aRecord(meeting), seats: programradSeats, policy: quorum, organisationOf, actor: leadership, now: after };
    const r = recordAttendance({ ...base, draft: { lines: [], guests: [{ name: 'A', organisation: '' }, { name: 'B', organisation: 'x'.repeat(201) }, { name: ' Eva ', organisation: ' SKR ' }] } });
    expect(r).toEqual({ ok: false, reason: 'invalid', problems: [{ problem: 'guestInvalid', index: 0 }, { problem: 'guestInvalid', index: 1 }] });
    const fine = ok(recordAttendance({ ...base, draft: { lines: [], guests: [{ name: ' Eva ', organisation: ' SKR ' }] } }));
    expect(fine.record.attendance?.guests).toEqual([{ name: 'Eva', organisation: 'SKR' }]);
  });

  it('a correction keeps the earlier recording in the history', () => {
    const first = ok(recordAttendance({ meeting, record: aRecord(meeting), draft: draft(), seats: programradSeats, policy: quorum, organisationOf, actor: leadership, now: after })).record;
    const later = at('2027-04-14', '10:00');
    const second = ok(recordAttendance({ meeting, record: first, draft: draft(), seats: programradSeats, policy: quorum, organisationOf, actor: leadership, now: later })).record;
    expect(second.attendance?.history.map((h) => h.at)).toEqual([after.toISOString(), later.toISOString()]);
  });
});

describe('guests typed one per line', () => {
  it('"Name, Organisation": the last comma separates, blank lines are skipped', () => {
    expect(parseGuestLines('Eva Gäst, SKR\n\n  Berg, Anna , Region Uppsala  ')).toEqual({
      ok: true,
      guests: [{ name: 'Eva Gäst', organisation: 'SKR' }, { name: 'Berg, Anna', organisation: 'Region Uppsala' }],
    });
    expect(guestLines([{ name: 'Eva Gäst', organisation: 'SKR' }])).toBe('Eva Gäst, SKR');
  });
  it('names the lines without an organisation or too long', () => {
    expect(parseGuestLines(`Eva Gäst\nOk, SKR\n${'x'.repeat(201)}, SKR`)).toEqual({ ok: false, problems: [{ line: 1, problem: 'organisationMissing' }, { line: 3, problem: 'tooLong' }] });
  });
});

describe('attendance per organisation per year', () => {
  it('counts meetings expected and attended and people present, per organisation, from recorded attendance only', () => {
    const lines: AttendanceLine[] = [
      { personId: id(20), status: 'absent' },
      { personId: id(23), status: 'present', actingForSeatId: 'pr-vastmanland-1' },
      { personId: id(22), status: 'present' },
      { personId: id(21), status: 'present' },
      { personId: id(27), status: 'present' },
      { personId: id(999), status: 'present' },
    ];
    const r1 = ok(recordAttendance({ meeting, record: aRecord(meeting), draft: { lines, guests: [{ name: 'Eva', organisation: 'SKR' }, { name: 'Bo', organisation: 'skr' }] }, seats: programradSeats, policy: quorum, organisationOf, actor: leadership, now: after })).record;
    const autumn = aMeeting({ start: '2027-10-12T07:00:00.000Z', end: '2027-10-12T10:00:00.000Z', rsvpBy: '2027-10-05' }, 'm2');
    const nextYear = aMeeting({ start: '2028-01-11T08:00:00.000Z', end: '2028-01-11T10:00:00.000Z', rsvpBy: '2028-01-04' }, 'm3');
    const r3 = ok(recordAttendance({ meeting: nextYear, record: aRecord(nextYear), draft: { lines: [{ personId: id(20), status: 'present' }], guests: [] }, seats: programradSeats, policy: quorum, organisationOf, actor: leadership, now: at('2028-01-11', '12:00') })).record;

    const report = attendanceReport({ meetings: [meeting, autumn, nextYear], records: [r1, r3], year: 2027, now: at('2027-12-31', '12:00') });
    expect(report.meetingsCounted).toBe(1);
    expect(report.meetingsWithoutAttendance).toEqual(['m2']);
    const row = (org: string) => report.organisations.find((o) => o.organisationId === org);
    expect(row('vasteras')).toEqual({ organisationId: 'vasteras', meetingsExpected: 1, meetingsAttended: 0, peoplePresent: 0, peopleAbsent: 1, byType: { programrad: { expected: 1, attended: 0 } } });
    expect(row('koping')).toMatchObject({ meetingsAttended: 1, peoplePresent: 1 });
    expect(row('mdu')).toMatchObject({ meetingsExpected: 1, meetingsAttended: 1, peoplePresent: 2 });
    expect(report.unknownOrganisation.peoplePresent).toBe(1);
    expect(report.guests).toEqual([{ organisation: 'SKR', count: 2 }]);
    // The January 2028 meeting counts for 2028 only.
    expect(attendanceReport({ meetings: [meeting, autumn, nextYear], records: [r1, r3], year: 2028, now: at('2028-02-01', '12:00') }).organisations).toEqual([
      { organisationId: 'vasteras', meetingsExpected: 1, meetingsAttended: 1, peoplePresent: 1, peopleAbsent: 0, byType: { programrad: { expected: 1, attended: 1 } } },
    ]);
  });
});
