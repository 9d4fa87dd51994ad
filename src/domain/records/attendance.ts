import type { Meeting, RsvpValue } from '../meetings/meeting.js';
import { can } from '../permissions.js';
import { RECORD_LIMITS, checkText, cleanText, type QuorumPolicy, type RecordActor, type SeatInput } from './common.js';
import { isLocked, type Attendance, type AttendanceEntry, type AttendanceStatus, type Guest, type MeetingRecord, type QuorumSnapshot, type QuorumStatus } from './record.js';

/**
 * Attendance (närvaro): who came, who acted for which seat, which guests were there; whether the body had a quorum.
 * Leadership records it at or after the meeting, starting from what the invitees answered.
 */

/** What the RSVP says about attendance: Ja → present, Nej → absent, Kanske or no answer → not known. */
export const statusFromRsvp = (answer: RsvpValue | undefined): AttendanceStatus => (answer === 'ja' ? 'present' : answer === 'nej' ? 'absent' : 'unknown');

/** One person's line as the attendance form shows and returns it. */
export interface AttendanceLine {
  personId: string;
  status: AttendanceStatus;
  /** For a substitute: the seat they act for. */
  actingForSeatId?: string | undefined;
}

export interface AttendanceDraft {
  lines: AttendanceLine[];
  guests: Guest[];
}

/** The seat a person holds, or undefined. */
const seatHeldBy = (seats: readonly SeatInput[], personId: string): SeatInput | undefined => seats.find((s) => s.holderId === personId);

/**
 * The attendance form's starting point: the recorded attendance if there is one; otherwise one line per invitee from
 * their RSVP. A substitute the meeting called in for a member is put on that member's seat.
 */
export function attendanceDraft({
  meeting,
  record,
  seats,
}: {
  meeting: Pick<Meeting, 'invitees'>;
  record: Pick<MeetingRecord, 'attendance'> | undefined;
  seats: readonly SeatInput[];
}): AttendanceDraft {
  if (record?.attendance) {
    return {
      lines: record.attendance.entries.map((e) => ({ personId: e.personId, status: e.status, ...(e.role === 'substitute' ? { actingForSeatId: e.seatId } : {}) })),
      guests: record.attendance.guests,
    };
  }
  const lines = meeting.invitees.map((i): AttendanceLine => {
    const status = statusFromRsvp(i.answer?.value);
    if (seatHeldBy(seats, i.personId)) return { personId: i.personId, status };
    const replaced = i.substituteFor ? seatHeldBy(seats, i.substituteFor) : undefined;
    const seat = replaced?.substituteIds.includes(i.personId) ? replaced : undefined;
    return { personId: i.personId, status, ...(seat ? { actingForSeatId: seat.seatId } : {}) };
  });
  return { lines, guests: [] };
}

export interface SeatState {
  seatId: string;
  constituency: string;
  /** filled: the holder or a substitute acting for the seat is present; vacant: no holder and nobody acting. */
  state: 'filled' | 'empty' | 'unknown' | 'vacant';
  filledBy?: { personId: string; as: 'holder' | 'substitute' } | undefined;
}

export interface QuorumAssessment extends QuorumSnapshot {
  /** Always true: the memo sets no quorum, so the figure is programme leadership's assumption. */
  assumption: true;
  seats: SeatState[];
  /** Per constituency, in the order the seats were given: seats and how many are filled (the composition shown). */
  composition: Array<{ constituency: string; total: number; filled: number }>;
}

/**
 * Whether enough seats are filled. A seat is filled when its holder is present, or a substitute acting for it is;
 * it is unknown when nobody is known present for it and someone's attendance for it is not known. Quorate: at least
 * `minSeats` filled; below quorum: fewer filled even if every unknown seat turned out filled; otherwise undetermined.
 * A meeting with no seats (the yearly meeting) has no quorum to assess.
 */
export function assessQuorum({ lines, seats, policy }: { lines: readonly AttendanceLine[]; seats: readonly SeatInput[]; policy: QuorumPolicy }): QuorumAssessment {
  const statusOf = new Map(lines.map((l) => [l.personId, l.status]));
  const states: SeatState[] = seats.map((seat) => {
    const holderStatus = seat.holderId ? statusOf.get(seat.holderId) : undefined;
    if (seat.holderId && holderStatus === 'present') return { seatId: seat.seatId, constituency: seat.constituency, state: 'filled', filledBy: { personId: seat.holderId, as: 'holder' } };
    const acting = lines.filter((l) => l.actingForSeatId === seat.seatId);
    const present = acting.find((l) => l.status === 'present');
    if (present) return { seatId: seat.seatId, constituency: seat.constituency, state: 'filled', filledBy: { personId: present.personId, as: 'substitute' } };
    const unknown = holderStatus === 'unknown' || acting.some((l) => l.status === 'unknown');
    const state = unknown ? 'unknown' : seat.holderId ? 'empty' : 'vacant';
    return { seatId: seat.seatId, constituency: seat.constituency, state };
  });
  const filled = states.filter((s) => s.state === 'filled').length;
  const unknown = states.filter((s) => s.state === 'unknown').length;
  const status: QuorumStatus =
    seats.length === 0 ? 'notApplicable' : filled >= policy.minSeats ? 'quorate' : filled + unknown >= policy.minSeats ? 'undetermined' : 'belowQuorum';
  const composition: QuorumAssessment['composition'] = [];
  for (const s of states) {
    let c = composition.find((x) => x.constituency === s.constituency);
    if (!c) composition.push((c = { constituency: s.constituency, total: 0, filled: 0 }));
    c.total += 1;
    if (s.state === 'filled') c.filled += 1;
  }
  return {
    status,
    seatsFilled: filled,
    seatsTotal: seats.length,
    minSeats: seats.length === 0 ? 0 : policy.minSeats,
    assumption: true,
    seats: states,
    composition,
  };
}

export type AttendanceProblem =
  | { problem: 'duplicatePerson'; personId: string }
  | { problem: 'unknownSeat'; personId: string; seatId: string }
  /** Only a substitute of the seat may act for it. */
  | { problem: 'notSubstituteForSeat'; personId: string; seatId: string }
  /** The seat's holder is present: nobody acts for it. */
  | { problem: 'seatHolderPresent'; personId: string; seatId: string }
  /** Two people present acting for one seat. */
  | { problem: 'seatTakenTwice'; personId: string; seatId: string }
  | { problem: 'tooManyGuests'; max: number }
  | { problem: 'guestInvalid'; index: number };

export type RecordAttendanceResult =
  | { ok: true; record: MeetingRecord; quorum: QuorumAssessment }
  | { ok: false; reason: 'forbidden' | 'locked' | 'cancelled' | 'meetingNotStarted' }
  | { ok: false; reason: 'invalid'; problems: AttendanceProblem[] };

/**
 * Records (or corrects) the attendance: from the meeting's start until the minutes are approved. Each person once;
 * a substitute acts only for a seat they are a substitute of, never beside its present holder, one per seat. The
 * quorum assessed with `policy` is kept with it, so the minutes show what was assessed then.
 */
export function recordAttendance({
  meeting,
  record,
  draft,
  seats,
  policy,
  organisationOf,
  actor,
  now,
}: {
  meeting: Pick<Meeting, 'start' | 'status'>;
  record: MeetingRecord;
  draft: AttendanceDraft;
  seats: readonly SeatInput[];
  policy: QuorumPolicy;
  /** The organisation of a roster person now (kept with the entry for the yearly report); null if unknown. */
  organisationOf: (personId: string) => string | null;
  actor: RecordActor;
  now: Date;
}): RecordAttendanceResult {
  if (!can(actor, 'records.manage')) return { ok: false, reason: 'forbidden' };
  if (isLocked(record)) return { ok: false, reason: 'locked' };
  if (meeting.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (now.getTime() < Date.parse(meeting.start)) return { ok: false, reason: 'meetingNotStarted' };

  const problems: AttendanceProblem[] = [];
  const seen = new Set<string>();
  const seatById = new Map(seats.map((s) => [s.seatId, s]));
  const lines = draft.lines.map((l) => ({ ...l, personId: l.personId.toLowerCase() }));
  const takenBy = new Map<string, string>();
  for (const line of lines) {
    if (seen.has(line.personId)) problems.push({ problem: 'duplicatePerson', personId: line.personId });
    seen.add(line.personId);
    if (line.actingForSeatId === undefined) continue;
    const seat = seatById.get(line.actingForSeatId);
    if (!seat) {
      problems.push({ problem: 'unknownSeat', personId: line.personId, seatId: line.actingForSeatId });
      continue;
    }
    if (!seat.substituteIds.includes(line.personId)) problems.push({ problem: 'notSubstituteForSeat', personId: line.personId, seatId: seat.seatId });
    if (line.status !== 'present') continue;
    if (seat.holderId && lines.some((l) => l.personId === seat.holderId && l.status === 'present')) {
      problems.push({ problem: 'seatHolderPresent', personId: line.personId, seatId: seat.seatId });
    }
    if (takenBy.has(seat.seatId)) problems.push({ problem: 'seatTakenTwice', personId: line.personId, seatId: seat.seatId });
    takenBy.set(seat.seatId, line.personId);
  }
  if (draft.guests.length > RECORD_LIMITS.guests) problems.push({ problem: 'tooManyGuests', max: RECORD_LIMITS.guests });
  const guests: Guest[] = [];
  draft.guests.forEach((g, index) => {
    const name = cleanText(g.name, { max: RECORD_LIMITS.guestName });
    const organisation = cleanText(g.organisation, { max: RECORD_LIMITS.guestOrganisation });
    if (checkText(name, RECORD_LIMITS.guestName) || checkText(organisation, RECORD_LIMITS.guestOrganisation)) problems.push({ problem: 'guestInvalid', index });
    else guests.push({ name, organisation });
  });
  if (problems.length > 0) return { ok: false, reason: 'invalid', problems };

  const entries: AttendanceEntry[] = lines.map((l) => {
    const base = { personId: l.personId, organisationId: organisationOf(l.personId), status: l.status };
    const held = seatHeldBy(seats, l.personId);
    if (held) return { ...base, role: 'seatHolder', seatId: held.seatId };
    if (l.actingForSeatId !== undefined) return { ...base, role: 'substitute', seatId: l.actingForSeatId };
    return { ...base, role: 'other' };
  });
  const quorum = assessQuorum({ lines, seats, policy });
  const at = now.toISOString();
  const attendance: Attendance = {
    entries,
    guests,
    quorum: { status: quorum.status, seatsFilled: quorum.seatsFilled, seatsTotal: quorum.seatsTotal, minSeats: quorum.minSeats },
    history: [...(record.attendance?.history ?? []), { at, by: actor.aadObjectId }],
  };
  return { ok: true, record: { ...record, attendance, updatedAt: at }, quorum };
}

export type GuestLinesResult = { ok: true; guests: Guest[] } | { ok: false; problems: Array<{ line: number; problem: 'organisationMissing' | 'tooLong' }> };

/**
 * Guests typed one per line as "Name, Organisation" (the form has one text box for them). The last comma separates
 * the organisation, so a name may itself hold a comma. Blank lines are skipped.
 */
export function parseGuestLines(text: string): GuestLinesResult {
  const guests: Guest[] = [];
  const problems: Array<{ line: number; problem: 'organisationMissing' | 'tooLong' }> = [];
  cleanText(text, { multiline: true, max: (RECORD_LIMITS.guestName + RECORD_LIMITS.guestOrganisation + 2) * RECORD_LIMITS.guests })
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '') return;
      const comma = line.lastIndexOf(',');
      const name = comma < 0 ? line : line.slice(0, comma).trim();
      const organisation = comma < 0 ? '' : line.slice(comma + 1).trim();
      if (name === '' || organisation === '') problems.push({ line: i + 1, problem: 'organisationMissing' });
      else if (checkText(name, RECORD_LIMITS.guestName) || checkText(organisation, RECORD_LIMITS.guestOrganisation)) problems.push({ line: i + 1, problem: 'tooLong' });
      else guests.push({ name, organisation });
    });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, guests };
}

/** Guests back as the form's text, one "Name, Organisation" per line. */
export const guestLines = (guests: readonly Guest[]): string => guests.map((g) => `${g.name}, ${g.organisation}`).join('\n');
