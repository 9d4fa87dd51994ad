import { change } from '../../domain/audit.js';
import { can } from '../../domain/permissions.js';
import { attendanceDraft, parseGuestLines, recordAttendance, type AttendanceLine, type AttendanceProblem, type QuorumAssessment } from '../../domain/records/attendance.js';
import { refused, type Actor, type Outcome } from '../kernel.js';
import { audit, meetingSeats, quorumPolicy, recordActor, recordOf } from './common.js';
import { ok, recordsWrite, type RecordsWriteDeps } from './write.js';

export type AttendanceRefusal = 'forbidden' | 'meetingNotFound' | 'locked' | 'cancelled' | 'meetingNotStarted' | 'invalid' | 'guests';

export interface AttendanceSaved {
  present: number;
  quorum: QuorumAssessment;
}

/**
 * Leadership saves one page of the attendance form: the lines shown (status, and the seat a substitute acts for),
 * and the guests when that page has them. Lines not on the page keep what was recorded, or what the RSVPs say.
 */
export async function saveAttendance(
  deps: RecordsWriteDeps,
  actor: Actor,
  command: { meetingId: string; lines: AttendanceLine[]; guestsText?: string | undefined; activityId?: string | undefined },
  now: Date,
): Promise<Outcome<AttendanceSaved, AttendanceRefusal | 'duplicate'> | { ok: false; reason: 'invalid'; problems: AttendanceProblem[] } | { ok: false; reason: 'guests'; lines: Array<{ line: number; problem: 'organisationMissing' | 'tooLong' }> }> {
  if (!can(actor.person, 'records.manage')) return refused('forbidden');
  let problems: AttendanceProblem[] = [];
  let guestProblems: Array<{ line: number; problem: 'organisationMissing' | 'tooLong' }> = [];
  const out = await recordsWrite<AttendanceSaved, AttendanceRefusal>(deps, command.activityId, now, (repos) => {
    const meeting = repos.records.meeting(command.meetingId);
    if (!meeting) return refused('meetingNotFound');
    const record = recordOf(repos, meeting, now);
    const seats = meetingSeats(repos, meeting);
    const draft = attendanceDraft({ meeting, record, seats });
    const given = new Map(command.lines.map((l) => [l.personId.toLowerCase(), l]));
    const lines = draft.lines.map((l) => given.get(l.personId) ?? l);
    let guests = draft.guests;
    if (command.guestsText !== undefined) {
      const parsed = parseGuestLines(command.guestsText);
      if (!parsed.ok) {
        guestProblems = parsed.problems;
        return refused('guests');
      }
      guests = parsed.guests;
    }
    const organisationOf = (id: string) => repos.people.get(id)?.organisationId ?? null;
    const r = recordAttendance({ meeting, record, draft: { lines, guests }, seats, policy: quorumPolicy(seats), organisationOf, actor: recordActor(actor), now });
    if (!r.ok) {
      if (r.reason === 'invalid') problems = r.problems;
      return refused(r.reason);
    }
    repos.records.putRecord(r.record);
    const present = r.record.attendance?.entries.filter((e) => e.status === 'present').length ?? 0;
    audit(repos, actor, now, 'records.attendanceRecorded', { kind: 'meeting', id: meeting.id }, [change('present', undefined, present), change('quorum', undefined, r.quorum.status)]);
    return ok({ present, quorum: r.quorum });
  });
  if (!out.ok && out.reason === 'invalid') return { ok: false, reason: 'invalid', problems };
  if (!out.ok && out.reason === 'guests') return { ok: false, reason: 'guests', lines: guestProblems };
  return out;
}
