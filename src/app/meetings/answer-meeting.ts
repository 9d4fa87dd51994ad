import type { Meeting, RsvpValue } from '../../domain/meetings/meeting.js';
import { recordAnswer, type RsvpRefusal, type RsvpResult } from '../../domain/meetings/rsvp.js';
import { can } from '../../domain/permissions.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';

export interface AnswerMeetingCommand {
  activityId: string | undefined;
  meetingId: string;
  /** Names this answer in message keys (the click's activity id). */
  eventId: string;
  answer: RsvpValue;
  comment?: string | undefined;
  /** The meeting start the answering card showed: an answer to a card from before a move is refused. */
  cardStart?: string | undefined;
}

export type AnswerMeetingValue =
  /** The same activity again: nothing changed; `meeting` as it is now. */
  | { kind: 'again'; meeting: Meeting }
  /** Recorded (or the same answer again, `result.outcome` 'unchanged'); `meeting` as it is now. */
  | { kind: 'answered'; meeting: Meeting; result: Extract<RsvpResult, { ok: true }> };

export type AnswerMeetingRefusal = 'notFound' | RsvpRefusal;

/**
 * An invitee answers Ja / Nej / Kanske (with an optional comment). The answer, the substitutes it calls in or stands
 * down, and the note to the organiser about a seat left empty are committed together, once per click, and not at all
 * when nothing changed.
 */
export async function answerMeeting(deps: { uow: UnitOfWork }, actor: Actor, command: AnswerMeetingCommand, now: Date): Promise<Outcome<AnswerMeetingValue, AnswerMeetingRefusal>> {
  const { meetingId, eventId } = command;
  const find = () => deps.uow.read((repos) => repos.meetings.get(meetingId));
  const meeting = find();
  if (!meeting) return refused('notFound');
  if (!can(actor.person, 'meetings.rsvp', { inviteeIds: meeting.invitees.map((i) => i.personId) })) return refused('notInvited');
  const personId = actor.person.aadObjectId;
  const saved = await deps.uow.write(command.activityId, (repos) => {
    const current = repos.meetings.get(meetingId);
    if (!current) return undefined;
    const r = recordAnswer({ meeting: current, personId, value: command.answer, comment: command.comment, cardStart: command.cardStart, people: repos.people.all(), now });
    if (r.ok && r.outcome === 'recorded') {
      repos.meetings.queueNotices({ meeting: r.meeting, notify: r.notify, eventId, now });
      // Only the seat this answer left empty: earlier ones were reported when they happened.
      repos.meetings.queueOrganiserNote({ meeting: r.meeting, notify: r.notify, uncovered: r.uncovered.filter((u) => u.personId === personId), eventId, now });
      repos.meetings.put(r.meeting);
    }
    return r;
  });
  const latest = find();
  if (!latest) return refused('notFound');
  if (saved.duplicate) return done({ kind: 'again', meeting: latest });
  const r = saved.result;
  if (!r) return refused('notFound');
  if (!r.ok) return refused(r.reason);
  return done({ kind: 'answered', meeting: latest, result: r });
}
