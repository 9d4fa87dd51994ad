import { meetingSchema, type Invitee, type Meeting, type MeetingDraft, type MeetingNotice } from './meeting.js';

export type ChangeRefusal = 'cancelled' | 'meetingOver' | 'typeCannotChange';

/**
 * Leadership changes a meeting with a validated draft (from the scheduling form). Moving the start or the end
 * resets every answer — people said yes to another time — and drops the substitutes that were only there because
 * someone declined; everyone is sent the new card. Other changes (title, place, link, agenda, deadline) keep the
 * answers. Either way SEQUENCE goes up so calendars replace the old entry. The type cannot change: it decides
 * who is invited.
 */
export function changeMeeting({
  meeting,
  draft,
  now,
}: {
  meeting: Meeting;
  draft: MeetingDraft;
  now: Date;
}):
  | { ok: true; outcome: 'rescheduled' | 'updated' | 'unchanged'; meeting: Meeting; notify: MeetingNotice[] }
  | { ok: false; reason: ChangeRefusal } {
  if (meeting.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (Date.parse(meeting.end) <= now.getTime()) return { ok: false, reason: 'meetingOver' };
  if (draft.type !== meeting.type) return { ok: false, reason: 'typeCannotChange' };

  const moved = Date.parse(draft.start) !== Date.parse(meeting.start) || Date.parse(draft.end) !== Date.parse(meeting.end);
  const same = (a: string | undefined, b: string | undefined) => (a ?? '') === (b ?? '');
  const detailsChanged =
    !same(draft.title, meeting.title) ||
    !same(draft.place, meeting.place) ||
    !same(draft.onlineUrl, meeting.onlineUrl) ||
    !same(draft.agenda, meeting.agenda) ||
    draft.rsvpBy !== meeting.rsvpBy;
  if (!moved && !detailsChanged) return { ok: true, outcome: 'unchanged', meeting, notify: [] };

  const { place: _p, onlineUrl: _u, ...kept } = meeting;
  const base = {
    ...kept,
    ...draft,
    sequence: meeting.sequence + 1,
    updatedAt: now.toISOString(),
  };
  if (!moved) {
    return {
      ok: true,
      outcome: 'updated',
      meeting: meetingSchema.parse(base),
      notify: meeting.invitees.map((i) => ({ kind: 'updated', personId: i.personId })),
    };
  }

  const notify: MeetingNotice[] = [];
  const invitees: Invitee[] = [];
  for (const i of meeting.invitees) {
    const { answer: _a, substituteFor, ...rest } = i;
    if (i.via === 'substitute' && substituteFor) {
      notify.push({ kind: 'substituteNotNeeded', personId: i.personId, replaced: substituteFor });
      continue;
    }
    invitees.push(rest);
    notify.push({ kind: 'rescheduled', personId: i.personId });
  }
  return { ok: true, outcome: 'rescheduled', meeting: meetingSchema.parse({ ...base, invitees }), notify };
}

/** Cancels a meeting: everyone invited is told, and the calendar entry is withdrawn (METHOD:CANCEL, next SEQUENCE). */
export function cancelMeeting({
  meeting,
  now,
}: {
  meeting: Meeting;
  now: Date;
}): { ok: true; meeting: Meeting; notify: MeetingNotice[] } | { ok: false; reason: 'alreadyCancelled' | 'meetingOver' } {
  if (meeting.status === 'cancelled') return { ok: false, reason: 'alreadyCancelled' };
  if (Date.parse(meeting.end) <= now.getTime()) return { ok: false, reason: 'meetingOver' };
  return {
    ok: true,
    meeting: { ...meeting, status: 'cancelled', sequence: meeting.sequence + 1, updatedAt: now.toISOString() },
    notify: meeting.invitees.map((i) => ({ kind: 'cancelled', personId: i.personId })),
  };
}
