import type { Person } from '../people.js';
import { findInvitee, type Invitee, type Meeting, type MeetingNotice, type UncoveredSeat } from './meeting.js';
import { reconcileSubstitutes } from './rsvp.js';

export type InviteeChangeRefusal = 'cancelled' | 'meetingOver';

const closed = (meeting: Meeting, now: Date): InviteeChangeRefusal | undefined =>
  meeting.status === 'cancelled' ? 'cancelled' : Date.parse(meeting.end) <= now.getTime() ? 'meetingOver' : undefined;

/**
 * Leadership adds people to a meeting. Someone already invited is reported, not added twice; someone leadership
 * removed earlier can be added again. Adding a Programråd substitute while a seat stands declined assigns them to it.
 */
export function addInvitees({
  meeting,
  personIds,
  by,
  people,
  now,
}: {
  meeting: Meeting;
  personIds: readonly string[];
  by: string;
  people: readonly Person[];
  now: Date;
}):
  | { ok: true; meeting: Meeting; added: string[]; alreadyInvited: string[]; notify: MeetingNotice[]; uncovered: UncoveredSeat[] }
  | { ok: false; reason: InviteeChangeRefusal }
  | { ok: false; reason: 'unknownPerson'; personIds: string[] } {
  const refusal = closed(meeting, now);
  if (refusal) return { ok: false, reason: refusal };
  const known = new Set(people.map((p) => p.aadObjectId));
  const ids = [...new Set(personIds.map((id) => id.toLowerCase()))];
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) return { ok: false, reason: 'unknownPerson', personIds: unknown };

  const alreadyInvited = ids.filter((id) => findInvitee(meeting, id));
  const added = ids.filter((id) => !findInvitee(meeting, id));
  if (added.length === 0) return { ok: true, meeting, added, alreadyInvited, notify: [], uncovered: [] };
  const at = now.toISOString();
  const newInvitees: Invitee[] = added.map((personId) => ({ personId, via: 'added', addedBy: by.toLowerCase(), invitedAt: at }));
  const withNew: Meeting = { ...meeting, invitees: [...meeting.invitees, ...newInvitees], removed: meeting.removed.filter((r) => !added.includes(r.personId)) };
  // An added Programråd substitute may fill a seat someone declined; they then hear whom they replace instead.
  const reconciled = reconcileSubstitutes({ meeting: withNew, people, now });
  const assigned = new Set(reconciled.notify.map((n) => n.personId));
  return {
    ok: true,
    meeting: reconciled.meeting,
    added,
    alreadyInvited,
    notify: [...added.filter((personId) => !assigned.has(personId)).map((personId): MeetingNotice => ({ kind: 'invited', personId })), ...reconciled.notify],
    uncovered: reconciled.uncovered,
  };
}

/**
 * Leadership takes someone off a meeting: their answer goes with them and they are not brought back automatically.
 * Removing a Programråd substitute who stood in for someone finds the seat another substitute if there is one.
 */
export function removeInvitee({
  meeting,
  personId,
  by,
  people,
  now,
}: {
  meeting: Meeting;
  personId: string;
  by: string;
  people: readonly Person[];
  now: Date;
}):
  | { ok: true; meeting: Meeting; notify: MeetingNotice[]; uncovered: UncoveredSeat[] }
  | { ok: false; reason: InviteeChangeRefusal | 'notInvited' } {
  const invitee = findInvitee(meeting, personId);
  if (!invitee) return { ok: false, reason: 'notInvited' };
  const refusal = closed(meeting, now);
  if (refusal) return { ok: false, reason: refusal };
  const without: Meeting = {
    ...meeting,
    invitees: meeting.invitees.filter((i) => i.personId !== invitee.personId),
    removed: [...meeting.removed, { personId: invitee.personId, removedBy: by.toLowerCase(), removedAt: now.toISOString() }],
  };
  const reconciled = reconcileSubstitutes({ meeting: without, people, now });
  return { ok: true, meeting: reconciled.meeting, notify: [{ kind: 'removed', personId: invitee.personId }, ...reconciled.notify], uncovered: reconciled.uncovered };
}
