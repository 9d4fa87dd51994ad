import type { Meeting, MeetingType } from '../meetings/meeting.js';
import { stockholmYear } from '../time.js';
import type { MeetingRecord } from './record.js';

/**
 * Attendance per organisation per year: the parties want to see how they were represented. Counted from the recorded
 * attendance only (a meeting without recorded attendance is listed as such, not guessed from RSVPs), with each
 * person's organisation as it was when attendance was recorded.
 */

export interface OrganisationAttendance {
  organisationId: string;
  /** Meetings where someone from the organisation was on the attendance list. */
  meetingsExpected: number;
  /** Meetings where at least one of them was present. */
  meetingsAttended: number;
  /** People present, summed over meetings (two from one organisation at one meeting count two). */
  peoplePresent: number;
  peopleAbsent: number;
  byType: Partial<Record<MeetingType, { expected: number; attended: number }>>;
}

export interface AttendanceReport {
  year: number;
  /** Meetings of the year (not cancelled) whose attendance is recorded. */
  meetingsCounted: number;
  /** Meetings of the year (not cancelled) that have taken place but have no recorded attendance. */
  meetingsWithoutAttendance: string[];
  /** One row per organisation, by organisation id. */
  organisations: OrganisationAttendance[];
  /** People on the list whose organisation was not known when recorded. */
  unknownOrganisation: { peoplePresent: number };
  /** Guests per organisation as typed (free text, so grouped by exact text, case-folded). */
  guests: Array<{ organisation: string; count: number }>;
}

export function attendanceReport({
  meetings,
  records,
  year,
  now,
}: {
  meetings: readonly Pick<Meeting, 'id' | 'type' | 'start' | 'status'>[];
  records: readonly Pick<MeetingRecord, 'meetingId' | 'attendance'>[];
  /** A Stockholm calendar year: meetings starting in it count. */
  year: number;
  now: Date;
}): AttendanceReport {
  const byMeeting = new Map(records.map((r) => [r.meetingId, r]));
  const rows = new Map<string, OrganisationAttendance>();
  const guests = new Map<string, { organisation: string; count: number }>();
  const without: string[] = [];
  let counted = 0;
  let unknownPresent = 0;

  for (const meeting of meetings) {
    if (meeting.status === 'cancelled' || stockholmYear(new Date(meeting.start)) !== year) continue;
    const attendance = byMeeting.get(meeting.id)?.attendance;
    if (!attendance) {
      if (Date.parse(meeting.start) <= now.getTime()) without.push(meeting.id);
      continue;
    }
    counted += 1;
    const perOrg = new Map<string, { present: number; absent: number }>();
    for (const e of attendance.entries) {
      if (e.organisationId === null) {
        if (e.status === 'present') unknownPresent += 1;
        continue;
      }
      const o = perOrg.get(e.organisationId) ?? { present: 0, absent: 0 };
      if (e.status === 'present') o.present += 1;
      if (e.status === 'absent') o.absent += 1;
      perOrg.set(e.organisationId, o);
    }
    for (const [organisationId, o] of perOrg) {
      let row = rows.get(organisationId);
      if (!row) rows.set(organisationId, (row = { organisationId, meetingsExpected: 0, meetingsAttended: 0, peoplePresent: 0, peopleAbsent: 0, byType: {} }));
      const t = (row.byType[meeting.type] ??= { expected: 0, attended: 0 });
      row.meetingsExpected += 1;
      t.expected += 1;
      if (o.present > 0) {
        row.meetingsAttended += 1;
        t.attended += 1;
      }
      row.peoplePresent += o.present;
      row.peopleAbsent += o.absent;
    }
    for (const g of attendance.guests) {
      const key = g.organisation.toLocaleLowerCase('sv');
      const entry = guests.get(key) ?? { organisation: g.organisation, count: 0 };
      entry.count += 1;
      guests.set(key, entry);
    }
  }
  return {
    year,
    meetingsCounted: counted,
    meetingsWithoutAttendance: without,
    organisations: [...rows.values()].sort((a, b) => a.organisationId.localeCompare(b.organisationId)),
    unknownOrganisation: { peoplePresent: unknownPresent },
    guests: [...guests.values()].sort((a, b) => b.count - a.count || a.organisation.localeCompare(b.organisation, 'sv')),
  };
}
