import { inOfficeOn } from '../roster/terms.js';
import { stockholmDate } from '../time.js';
import type { Person } from '../people.js';
import {
  LIMITS,
  findInvitee,
  isAnswerOpen,
  type Answer,
  type Invitee,
  type Meeting,
  type MeetingNotice,
  type RsvpValue,
  type UncoveredSeat,
} from './meeting.js';

export type RsvpRefusal =
  /** Only invitees answer (removed people and everyone else are refused). */
  | 'notInvited'
  | 'cancelled'
  /** The RSVP deadline's day has ended (Stockholm time). */
  | 'deadlinePassed'
  /** The answer came from a card showing an earlier time; the meeting was moved since, so show the new card. */
  | 'timeChanged'
  | 'commentTooLong';

export type RsvpResult =
  | {
      ok: true;
      /** 'unchanged': the same answer and comment again (a double click, a redelivered invoke): nothing is stored. */
      outcome: 'recorded' | 'unchanged';
      meeting: Meeting;
      answer: Answer;
      notify: MeetingNotice[];
      /** Programråd decliners no substitute could be found for; tell the organiser. */
      uncovered: UncoveredSeat[];
    }
  | { ok: false; reason: RsvpRefusal };

const normaliseComment = (comment: string | undefined): string | undefined => {
  const c = comment?.replace(/\r\n/g, '\n').trim();
  return c ? c : undefined;
};

/**
 * Records a person's Ja / Nej / Kanske (with an optional comment). Answers can change until the deadline. For a
 * Programråd dialogue the substitutes are then brought in line with the answers (see `reconcileSubstitutes`).
 * `cardStart` is the meeting start the answering card showed, if the card sent it.
 */
export function recordAnswer({
  meeting,
  personId,
  value,
  comment,
  cardStart,
  people,
  now,
}: {
  meeting: Meeting;
  personId: string;
  value: RsvpValue;
  comment?: string | undefined;
  cardStart?: string | undefined;
  people: readonly Person[];
  now: Date;
}): RsvpResult {
  const invitee = findInvitee(meeting, personId);
  if (!invitee) return { ok: false, reason: 'notInvited' };
  if (meeting.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (!isAnswerOpen({ meeting, now })) return { ok: false, reason: 'deadlinePassed' };
  if (cardStart !== undefined && Date.parse(cardStart) !== Date.parse(meeting.start)) return { ok: false, reason: 'timeChanged' };
  const text = normaliseComment(comment);
  if (text !== undefined && text.length > LIMITS.comment) return { ok: false, reason: 'commentTooLong' };

  const previous = invitee.answer;
  if (previous && previous.value === value && previous.comment === text) {
    return { ok: true, outcome: 'unchanged', meeting, answer: previous, notify: [], uncovered: [] };
  }
  const answer: Answer = { value, ...(text !== undefined ? { comment: text } : {}), answeredAt: now.toISOString() };
  const answered: Meeting = {
    ...meeting,
    invitees: meeting.invitees.map((i) => (i.personId === invitee.personId ? { ...i, answer } : i)),
  };
  const reconciled = reconcileSubstitutes({ meeting: answered, people, now });
  return { ok: true, outcome: 'recorded', answer, ...reconciled };
}

/**
 * Brings a Programråd dialogue's substitutes in line with the answers. The rules:
 *
 * - An ordinary member who answers Nej needs a substitute: a roster substitute for the same seat
 *   (`people[].programrad.seat`, e.g. Västmanland) who is not already standing in for someone and whom leadership
 *   has not removed from this meeting. Roster order decides between several.
 * - A substitute stays assigned until the member they replace answers Ja. Kanske does not call a substitute, but
 *   neither does it send one away that was already called: an empty seat is worse than one person too many.
 *   Removing the replaced member from the meeting does not release the substitute either: the seat is still empty.
 * - Two ordinary members of one seat decline and the seat has one substitute: the substitute stands in for whoever
 *   declined first (by answer time); the second is reported as uncovered ('substitutesUnavailable'), so the organiser
 *   knows the seat is short. If the first then answers Ja, the substitute is reassigned to the second (told whom they
 *   now replace) instead of being sent away.
 * - A substitute who is released and was invited only as a substitute leaves the invitee list (with their answer);
 *   one who was on the list anyway (added by leadership) stays, just no longer standing in for anyone.
 * - A substitute's own Nej does not pass the seat on to a further substitute; the seat shows as declined.
 *
 * Other meeting types have no substitutes; the meeting comes back unchanged.
 */
export function reconcileSubstitutes({
  meeting,
  people,
  now,
}: {
  meeting: Meeting;
  people: readonly Person[];
  now: Date;
}): { meeting: Meeting; notify: MeetingNotice[]; uncovered: UncoveredSeat[] } {
  if (meeting.type !== 'programrad') return { meeting, notify: [], uncovered: [] };
  const byId = new Map(people.map((p) => [p.aadObjectId, p]));
  const answerOf = (id: string): RsvpValue | undefined => findInvitee(meeting, id)?.answer?.value;
  const removed = new Set(meeting.removed.map((r) => r.personId));

  // 1. Keep every assignment whose replaced member is not (yet) coming; release the others.
  const assignment = new Map<string, string>(); // substitute → replaced member
  const released = new Map<string, string>(); // substitute → member they replaced until now
  for (const i of meeting.invitees) {
    if (!i.substituteFor) continue;
    if (answerOf(i.substituteFor) === 'ja') released.set(i.personId, i.substituteFor);
    else assignment.set(i.personId, i.substituteFor);
  }
  const covered = new Set(assignment.values());

  // 2. Decliners without a substitute, first to decline first.
  const declined = meeting.invitees
    .filter((i) => i.answer?.value === 'nej' && byId.get(i.personId)?.programrad?.membership === 'ordinary' && !covered.has(i.personId))
    .sort((a, b) => (a.answer?.answeredAt ?? '').localeCompare(b.answer?.answeredAt ?? '') || a.personId.localeCompare(b.personId));

  const notify: MeetingNotice[] = [];
  const uncovered: UncoveredSeat[] = [];
  const reassigned = new Map<string, string>(); // substitute → member they now replace
  const newlyAssigned = new Map<string, string>();
  for (const member of declined) {
    const seat = byId.get(member.personId)?.programrad?.seat;
    if (!seat) continue;
    const meetingDay = stockholmDate(new Date(meeting.start));
    const seatSubstitutes = people.filter((p) => p.programrad?.membership === 'substitute' && p.programrad.seat === seat && inOfficeOn({ person: p, date: meetingDay }));
    // Prefer a substitute just released from this seat: they already hold the invitation.
    const candidates = [...seatSubstitutes.filter((p) => released.has(p.aadObjectId)), ...seatSubstitutes.filter((p) => !released.has(p.aadObjectId))];
    const free = candidates.find((p) => !assignment.has(p.aadObjectId) && !removed.has(p.aadObjectId) && answerOf(p.aadObjectId) !== 'nej');
    if (!free) {
      uncovered.push({ personId: member.personId, seat, reason: seatSubstitutes.length === 0 ? 'noSubstituteForSeat' : 'substitutesUnavailable' });
      continue;
    }
    assignment.set(free.aadObjectId, member.personId);
    const previously = released.get(free.aadObjectId);
    if (previously !== undefined) {
      released.delete(free.aadObjectId);
      reassigned.set(free.aadObjectId, member.personId);
      notify.push({ kind: 'substituteReassigned', personId: free.aadObjectId, replaces: member.personId, previously });
    } else {
      newlyAssigned.set(free.aadObjectId, member.personId);
      notify.push({ kind: 'substituteInvited', personId: free.aadObjectId, replaces: member.personId });
    }
  }
  for (const [substitute, replaced] of released) notify.push({ kind: 'substituteNotNeeded', personId: substitute, replaced });

  const at = now.toISOString();
  const invitees: Invitee[] = [];
  for (const i of meeting.invitees) {
    if (released.has(i.personId) && i.via === 'substitute') continue;
    const { substituteFor: _previous, ...rest } = i;
    const replaces = assignment.get(i.personId);
    invitees.push(replaces !== undefined ? { ...rest, substituteFor: replaces } : rest);
  }
  for (const [substitute, replaced] of newlyAssigned) {
    if (invitees.some((i) => i.personId === substitute)) continue;
    invitees.push({ personId: substitute, via: 'substitute', substituteFor: replaced, invitedAt: at });
  }
  const changed = notify.length > 0;
  return { meeting: changed ? { ...meeting, invitees } : meeting, notify, uncovered };
}

/** Ordinary Programråd members who declined and stand without a substitute right now (for the organiser's view). */
export function uncoveredSeats({ meeting, people }: { meeting: Meeting; people: readonly Person[] }): UncoveredSeat[] {
  if (meeting.type !== 'programrad') return [];
  const byId = new Map(people.map((p) => [p.aadObjectId, p]));
  const covered = new Set(meeting.invitees.flatMap((i) => (i.substituteFor ? [i.substituteFor] : [])));
  return meeting.invitees
    .filter((i) => i.answer?.value === 'nej' && !covered.has(i.personId) && byId.get(i.personId)?.programrad?.membership === 'ordinary')
    .flatMap((i) => {
      const seat = byId.get(i.personId)?.programrad?.seat;
      if (!seat) return [];
      const hasAny = people.some((p) => p.programrad?.membership === 'substitute' && p.programrad.seat === seat);
      return [{ personId: i.personId, seat, reason: hasAny ? 'substitutesUnavailable' : 'noSubstituteForSeat' } as const];
    });
}
