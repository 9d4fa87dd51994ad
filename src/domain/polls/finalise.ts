import type { QuorumPolicies } from '../bodies/quorum.js';
import type { BodySeat } from '../bodies/seats.js';
import { addInvitees } from '../meetings/invitees.js';
import { addLocalDays } from '../meetings/local-date.js';
import { createMeeting, defaultInviteeIds, findInvitee, meetingDraftSchema, type Meeting, type MeetingDraft, type MeetingNotice } from '../meetings/meeting.js';
import { recordAnswer } from '../meetings/rsvp.js';
import type { Person } from '../people.js';
import { findSlot, pollClosesAt, slotEnd, slotStart, type Poll, type PollFinalisation, type PollNotice, type PollSlot } from './poll.js';
import { availabilityFor, rankSlots, slotResults, type SlotResult } from './results.js';

export type FinaliseRefusal = 'cancelled' | 'alreadyFinalised' | 'unknownSlot' | 'slotPassed';

export interface Finalised {
  poll: Poll;
  /** The meeting to create (`createMeeting`), at the chosen time; its reply-by date is the day before. */
  draft: MeetingDraft;
  /** Said yes to the chosen time: recorded as coming (Ja). Substitutes only when they cover a seat. */
  coming: string[];
  /** Everyone else the meeting invites — its invitees for the type, and a substitute the coverage uses on an "if need be" — who get the normal invitation and answer it. */
  invite: string[];
  /** One outcome notice per person asked. */
  notify: PollNotice[];
}

/**
 * Who is recorded as coming and what each person asked is told. Holders (and, for the yearly meeting, everyone) who
 * said yes are coming. A substitute is coming when the seat coverage for the chosen slot uses them and they said yes;
 * a substitute the coverage uses on an "if need be" is invited like anyone who did not say yes; a substitute it does
 * not use is told they are not needed this time.
 */
function outcome({ poll, result }: { poll: Poll; result: SlotResult }): { coming: string[]; usedSubstitutes: Set<string>; notNeeded: Set<string> } {
  const availability = availabilityFor(poll, result.slot.id);
  if (!result.coverage) return { coming: poll.inviteeIds.filter((id) => availability[id] === 'yes'), usedSubstitutes: new Set(), notNeeded: new Set() };
  const holders = new Set(result.coverage.seats.flatMap((s) => (s.holderId ? [s.holderId] : [])));
  const usedSubstitutes = new Set(result.coverage.seats.flatMap((s) => (s.coveredBy?.as === 'substitute' ? [s.coveredBy.personId] : [])));
  const coming = poll.inviteeIds.filter((id) => availability[id] === 'yes' && (holders.has(id) || usedSubstitutes.has(id)));
  const notNeeded = new Set(poll.inviteeIds.filter((id) => !holders.has(id) && !usedSubstitutes.has(id)));
  return { coming, usedSubstitutes, notNeeded };
}

/** The meeting at a poll's slot: the poll's details, reply-by the day before the meeting. */
export function meetingDraftOf(poll: Poll, slot: PollSlot): MeetingDraft {
  return meetingDraftSchema.parse({
    type: poll.type,
    title: poll.title,
    start: slotStart(slot).toISOString(),
    end: slotEnd(slot).toISOString(),
    ...(poll.place ? { place: poll.place } : {}),
    ...(poll.onlineUrl ? { onlineUrl: poll.onlineUrl } : {}),
    agenda: poll.agenda,
    rsvpBy: addLocalDays(slot.date, -1),
  });
}

/**
 * What a finalised poll means for each person: the meeting draft, who is coming, who gets the normal invitation,
 * and the outcome notices. Computed from the poll's answers and the seats, so it can be computed again (after a
 * restart between finalising and creating the meeting, say) with the same result.
 */
export function pollOutcome({ poll, seats, people, quorum }: { poll: Poll; seats: readonly BodySeat[]; people: readonly Person[]; quorum?: QuorumPolicies | undefined }): Omit<Finalised, 'poll'> | undefined {
  const slot = poll.finalised ? findSlot(poll, poll.finalised.slotId) : undefined;
  if (!slot) return undefined;
  const result = slotResults({ poll, seats, ...(quorum ? { quorum } : {}) }).find((r) => r.slot.id === slot.id);
  if (!result) return undefined;
  const draft = meetingDraftOf(poll, slot);
  const { coming, usedSubstitutes, notNeeded } = outcome({ poll, result });
  const meetingInvitees = [...new Set([...defaultInviteeIds({ type: poll.type, people }).map((id) => id.toLowerCase()), ...usedSubstitutes])];
  const comingSet = new Set(coming);
  const invite = meetingInvitees.filter((id) => !comingSet.has(id));
  const notify: PollNotice[] = poll.inviteeIds.map((personId) => ({
    kind: 'pollFinalised',
    personId,
    slotId: slot.id,
    role: comingSet.has(personId) ? 'coming' : notNeeded.has(personId) && !meetingInvitees.includes(personId) ? 'notNeeded' : 'invited',
  }));
  return { draft, coming, invite, notify };
}

/**
 * Ends the poll in a time: leadership's choice (`by`), or automatic (`auto`, see `autoFinalise`). Leadership may
 * finalise before the deadline. Produces the meeting draft (reply-by the day before the meeting), who is coming, who
 * gets the normal invitation (the meeting's invitees for its type, as `createMeeting` picks them, who are not coming),
 * and an outcome notice for everyone asked. Call `meetingFromPoll` to create the meeting itself.
 */
export function finalisePoll({
  poll,
  slotId,
  by,
  seats,
  people,
  now,
  quorum,
}: {
  poll: Poll;
  slotId: string;
  by: { personId: string } | 'auto';
  seats: readonly BodySeat[];
  people: readonly Person[];
  now: Date;
  quorum?: QuorumPolicies;
}): ({ ok: true } & Finalised) | { ok: false; reason: FinaliseRefusal } {
  if (poll.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (poll.status === 'finalised') return { ok: false, reason: 'alreadyFinalised' };
  const slot = findSlot(poll, slotId);
  if (!slot) return { ok: false, reason: 'unknownSlot' };
  if (slotStart(slot).getTime() <= now.getTime()) return { ok: false, reason: 'slotPassed' };

  const at = now.toISOString();
  const finalised: PollFinalisation = by === 'auto' ? { slotId: slot.id, at, auto: true } : { slotId: slot.id, at, by: by.personId.toLowerCase() };
  const next: Poll = { ...poll, status: 'finalised', finalised, updatedAt: at };
  const result = pollOutcome({ poll: next, seats, people, quorum });
  if (!result) return { ok: false, reason: 'unknownSlot' };
  return { ok: true, poll: next, ...result };
}

export type AutoFinaliseOutcome =
  /** Nothing to do now: answers are still open, or the poll is no longer open. */
  | { action: 'none' }
  | ({ action: 'finalised' } & Finalised)
  /**
   * The deadline has passed and the poll does not finalise itself: tell leadership to choose. `key` is stable per
   * poll, so persist it when sent and leadership is told once.
   */
  | { action: 'askLeadership'; reason: 'autoOff' | 'noSlotCoversEverySeat' | 'severalSlotsCoverEverySeat' | 'slotsPassed'; key: string };

/**
 * What happens to a poll once its deadline has passed (run it from the scheduler). With `whenExactlyOneCoversAll`,
 * the poll finalises itself when exactly one slot covers every seat; with `whenAnyCoversAll`, when at least one does
 * (the best ranked of those). Otherwise leadership is asked to choose. Slots that have already begun are left out.
 */
export function autoFinalise({
  poll,
  seats,
  people,
  now,
  quorum,
}: {
  poll: Poll;
  seats: readonly BodySeat[];
  people: readonly Person[];
  now: Date;
  quorum?: QuorumPolicies;
}): AutoFinaliseOutcome {
  if (poll.status !== 'open' || now.getTime() < pollClosesAt(poll).getTime()) return { action: 'none' };
  const ask = (reason: Extract<AutoFinaliseOutcome, { action: 'askLeadership' }>['reason']): AutoFinaliseOutcome => ({ action: 'askLeadership', reason, key: `poll:${poll.id}:undecided` });
  const future = rankSlots(slotResults({ poll, seats, ...(quorum ? { quorum } : {}) })).filter((r) => slotStart(r.slot).getTime() > now.getTime());
  if (future.length === 0) return ask('slotsPassed');
  if (poll.autoFinalise === 'off') return ask('autoOff');
  const complete = future.filter((r) => r.coversEverySeat);
  if (complete.length === 0) return ask('noSlotCoversEverySeat');
  if (complete.length > 1 && poll.autoFinalise === 'whenExactlyOneCoversAll') return ask('severalSlotsCoverEverySeat');
  const best = complete[0];
  if (!best) return ask('noSlotCoversEverySeat');
  const r = finalisePoll({ poll, slotId: best.slot.id, by: 'auto', seats, people, now, ...(quorum ? { quorum } : {}) });
  return r.ok ? { action: 'finalised', poll: r.poll, draft: r.draft, coming: r.coming, invite: r.invite, notify: r.notify } : ask('slotsPassed');
}

/** Leadership calls the poll off; everyone asked is told. */
export function cancelPoll({ poll, by, now }: { poll: Poll; by: string; now: Date }):
  | { ok: true; poll: Poll; notify: PollNotice[] }
  | { ok: false; reason: 'alreadyFinalised' | 'alreadyCancelled' } {
  if (poll.status === 'finalised') return { ok: false, reason: 'alreadyFinalised' };
  if (poll.status === 'cancelled') return { ok: false, reason: 'alreadyCancelled' };
  const at = now.toISOString();
  return {
    ok: true,
    poll: { ...poll, status: 'cancelled', cancelled: { at, by: by.toLowerCase() }, updatedAt: at },
    notify: poll.inviteeIds.map((personId) => ({ kind: 'pollCancelled', personId })),
  };
}

/**
 * Creates the meeting of a finalised poll, as `createMeeting` does today, and records the poll's outcome in it (see
 * `pollOutcome`): substitutes the coverage uses are added (the meeting type would not invite them) and the Ja of
 * those coming is recorded. `notify` invites everyone on the meeting's list: those coming see their Ja on the invitation
 * card (and get its calendar file), the others answer it as usual. The poll remembers the meeting's id.
 */
export function meetingFromPoll({
  id,
  poll,
  seats,
  people,
  now,
  quorum,
}: {
  id: string;
  poll: Poll;
  seats: readonly BodySeat[];
  people: readonly Person[];
  now: Date;
  quorum?: QuorumPolicies;
}): { ok: true; meeting: Meeting; poll: Poll; coming: string[]; notify: MeetingNotice[] } | { ok: false; reason: 'notFinalised' | 'alreadyCreated' } {
  if (poll.status !== 'finalised') return { ok: false, reason: 'notFinalised' };
  if (poll.meetingId) return { ok: false, reason: 'alreadyCreated' };
  const result = pollOutcome({ poll, seats, people, quorum });
  if (!result) return { ok: false, reason: 'notFinalised' };
  const { draft, coming, invite } = result;
  const created = createMeeting({ id, draft, organiserId: poll.organiserId, people, now });
  let meeting = created.meeting;
  const extra = [...coming, ...invite].filter((p) => !findInvitee(meeting, p));
  if (extra.length > 0) {
    const added = addInvitees({ meeting, personIds: extra, by: poll.organiserId, people, now });
    if (added.ok) meeting = added.meeting;
  }
  for (const personId of coming) {
    // The deadline may already have passed for a meeting tomorrow: record the Ja with the poll's own time, which
    // was within its answer period.
    const r = recordAnswer({ meeting, personId, value: 'ja', people, now: answeredAt(poll, personId, now) });
    if (r.ok) meeting = r.meeting;
  }
  const notify = meeting.invitees.map((i): MeetingNotice => ({ kind: 'invited', personId: i.personId }));
  return { ok: true, meeting, poll: { ...poll, meetingId: id }, coming, notify };
}

/** When a person's yes in the poll was given (their latest change), bounded by `now`. */
function answeredAt(poll: Poll, personId: string, now: Date): Date {
  const r = poll.responses.find((x) => x.personId === personId);
  return r ? new Date(Math.min(Date.parse(r.updatedAt), now.getTime())) : now;
}
