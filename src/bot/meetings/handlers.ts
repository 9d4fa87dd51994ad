import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { plain, type AdaptiveCard } from '../../cards/adaptive-card.js';
import { meetingCadenceCard } from '../../cards/meeting-cadence-card.js';
import { meetingMemberCard } from '../../cards/meeting-member-card.js';
import { meetingOverviewCard } from '../../cards/meeting-overview-card.js';
import { meetingScheduleCard } from '../../cards/meeting-schedule-card.js';
import { cancelMeeting, changeMeeting } from '../../domain/meetings/change.js';
import { addInvitees, removeInvitee } from '../../domain/meetings/invitees.js';
import { createMeeting, type Meeting, type MeetingDraft, type MeetingType } from '../../domain/meetings/meeting.js';
import { recordAnswer } from '../../domain/meetings/rsvp.js';
import { validateScheduleForm } from '../../domain/meetings/schedule-form.js';
import { stockholmYear } from '../../domain/time.js';
import type { ActionResult, Turn } from '../feature.js';
import { change as auditChange, meetingChanges } from '../../domain/audit.js';
import { auditTurn, logAudit } from '../audit-log.js';
import type { MeetingCommand } from './commands.js';
import { replyOpenPolls } from '../polls/handlers.js';
import { deliverPending, icsUrl, invitationCardFor, noticeEntries, organiserEntry, replaceEntries } from './delivery.js';
import { changeRefusalText, rsvpConfirmationText, rsvpRefusalText } from './messages.js';
import type { cancelPayloadSchema, formPayloadSchema, inviteesPayloadSchema, rsvpPayloadSchema, schedulePayloadSchema } from './payloads.js';
import { cadenceCardModel, memberCardModel, overviewCardModel, scheduleCardModel } from './views.js';

/*
 * The meetings feature's handlers: parse (done by the route's schema) → check permission → domain → one store
 * update that also records the messages it causes → queue them → answer with a card. Thin on purpose.
 */

const findMeeting = (turn: Turn, id: string): Meeting | undefined => turn.services.store.doc.meetings.meetings.find((m) => m.id === id);

/** An id for the event behind a change, for message keys: the activity (unique per click in Teams). */
const eventIdOf = (turn: Turn): string => turn.activityId?.replace(/[^\w.-]/g, '').slice(0, 100) || randomUUID();

export function invitationCard(turn: Turn, meeting: Meeting, notice?: string): AdaptiveCard {
  return invitationCardFor({ services: turn.services, meeting, personId: turn.person.aadObjectId, now: turn.now, t: turn.t, notice });
}

export function overviewCard(
  turn: Turn,
  options: { expandedId?: string | undefined; confirmCancelId?: string | undefined; manageId?: string | undefined; notices?: string[] } = {},
): AdaptiveCard {
  const doc = turn.services.store.doc;
  const model = overviewCardModel({
    meetings: doc.meetings.meetings,
    people: doc.people,
    organisations: doc.organisations,
    now: turn.now,
    t: turn.t,
    expandedId: options.expandedId,
    confirmCancelId: options.confirmCancelId,
    manageId: options.manageId,
  });
  return meetingOverviewCard({ ...model, notices: options.notices }, turn.t);
}

export function memberCard(turn: Turn): AdaptiveCard {
  const doc = turn.services.store.doc;
  const meetingById = new Map(doc.meetings.meetings.map((m) => [m.id, m]));
  const model = memberCardModel({
    meetings: doc.meetings.meetings,
    personId: turn.person.aadObjectId,
    people: doc.people,
    now: turn.now,
    t: turn.t,
    icsUrlFor: (id) => {
      const meeting = meetingById.get(id);
      return meeting ? icsUrl(turn.services, { meeting, personId: turn.person.aadObjectId, now: turn.now }) : undefined;
    },
  });
  return meetingMemberCard(model, turn.t);
}

function newScheduleForm(turn: Turn, type?: MeetingType): AdaptiveCard {
  return meetingScheduleCard(scheduleCardModel({ kind: 'new', type, draftId: randomUUID() }), turn.t);
}

/** "boka möte", "möten", "mötesplan [år]". */
export async function handleCommand(turn: Turn, command: MeetingCommand): Promise<void> {
  const t = turn.t;
  switch (command.kind) {
    case 'schedule':
      return turn.reply(turn.can('meetings.schedule') ? newScheduleForm(turn) : t.meetings.refusals.scheduleNotAllowed);
    case 'overview':
      if (turn.can('meetings.viewAll')) await turn.reply(overviewCard(turn));
      else if (!turn.can('meetings.viewOwn')) return turn.reply(t.core.notAllowed);
      else await turn.reply(memberCard(turn));
      // Date polls this person is asked to answer (issue #16) come with their meetings — leadership holding a seat too.
      return replyOpenPolls(turn);
    case 'cadence': {
      if (!turn.can('meetings.viewAll')) return turn.reply(t.meetings.refusals.cadenceNotAllowed);
      const year = command.year ?? stockholmYear(turn.now);
      const model = cadenceCardModel({ year, meetings: turn.services.store.doc.meetings.meetings, now: turn.now, t, canSchedule: turn.can('meetings.schedule') && turn.audience === 'personal' });
      return turn.reply(meetingCadenceCard(model, t));
    }
  }
}

/** meeting.form: the scheduling form, new (a type preselected) or to change a meeting. */
export async function handleForm(turn: Turn, data: z.infer<typeof formPayloadSchema>): Promise<ActionResult> {
  if (!turn.can('meetings.schedule')) return { message: turn.t.meetings.refusals.scheduleNotAllowed };
  if (!data.meetingId) return { card: newScheduleForm(turn, data.type) };
  const meeting = findMeeting(turn, data.meetingId);
  if (!meeting) return { message: turn.t.meetings.refusals.meetingNotFound };
  if (meeting.status === 'cancelled') return { message: changeRefusalText({ t: turn.t, reason: 'cancelled' }) };
  if (Date.parse(meeting.end) <= turn.now.getTime()) return { message: changeRefusalText({ t: turn.t, reason: 'meetingOver' }) };
  return { card: meetingScheduleCard(scheduleCardModel({ kind: 'change', meeting }), turn.t) };
}

/** meeting.schedule: book a new meeting and invite, or change one. */
export async function handleSchedule(turn: Turn, data: z.infer<typeof schedulePayloadSchema>): Promise<ActionResult> {
  const t = turn.t;
  if (!turn.can('meetings.schedule')) return { message: t.meetings.refusals.scheduleNotAllowed };
  const existing = data.meetingId ? findMeeting(turn, data.meetingId) : undefined;
  if (data.meetingId && !existing) return { message: t.meetings.refusals.meetingNotFound };
  const result = validateScheduleForm({ input: data, now: turn.now });
  if (!result.ok) {
    return { card: meetingScheduleCard(scheduleCardModel({ kind: 'returned', result, change: existing, draftId: data.draftId }), t) };
  }
  if (existing) return change(turn, existing.id, result.draft);

  const { store } = turn.services;
  const id = data.draftId ?? randomUUID();
  const already = findMeeting(turn, id);
  if (already) return { card: overviewCard(turn, { expandedId: id, notices: [t.meetings.organiser.alreadyScheduled({ title: plain(already.title) })] }) };
  const { meeting, notify } = createMeeting({ id, draft: result.draft, organiserId: turn.person.aadObjectId, people: store.doc.people, now: turn.now });
  const entries = noticeEntries({ meeting, notify, eventId: 'created', now: turn.now });
  const booked = await store.updateOnce(turn.activityId, (doc) => {
    if (doc.meetings.meetings.some((m) => m.id === id)) return undefined;
    doc.meetings.meetings.push(meeting);
    doc.meetings.pending.push(...entries);
    return auditTurn(turn, doc, 'meeting.scheduled', { kind: 'meeting', id }, [...meetingChanges(null, meeting), auditChange('invitees', undefined, meeting.invitees.length)]);
  });
  if (!booked.duplicate) logAudit(turn.services, booked.result);
  turn.services.log.info('meetings.scheduled', { meetingId: id, type: meeting.type, invitees: meeting.invitees.length });
  const unreachable = (await deliverPending(turn.services)).unreachable.filter((u) => u.meetingId === id);
  const notices = [t.meetings.organiser.scheduled({ title: plain(meeting.title), count: meeting.invitees.length })];
  const names = unreachableNames(turn, unreachable.map((u) => u.personId));
  if (names) notices.push(t.meetings.organiser.unreachable({ names }));
  return { card: overviewCard(turn, { expandedId: id, notices }) };
}

function unreachableNames(turn: Turn, personIds: readonly string[]): string {
  const byId = new Map(turn.services.store.doc.people.map((p) => [p.aadObjectId, p.name]));
  return [...new Set(personIds)].map((id) => plain(byId.get(id) ?? turn.t.meetings.unknownPerson)).join(', ');
}

async function change(turn: Turn, meetingId: string, draft: MeetingDraft): Promise<ActionResult> {
  const t = turn.t;
  const { store } = turn.services;
  const eventId = eventIdOf(turn);
  const saved = await store.updateOnce(turn.activityId, (doc) => {
    const i = doc.meetings.meetings.findIndex((m) => m.id === meetingId);
    const current = doc.meetings.meetings[i];
    if (!current) return { ok: false as const, reason: 'notFound' as const };
    const r = changeMeeting({ meeting: current, draft, now: turn.now });
    if (!r.ok || r.outcome === 'unchanged') return r;
    const replace = replaceEntries({ doc, meeting: r.meeting, now: turn.now });
    doc.meetings.meetings[i] = r.meeting;
    doc.meetings.pending.push(...replace, ...noticeEntries({ meeting: r.meeting, notify: r.notify, eventId, now: turn.now }));
    return { ...r, recorded: auditTurn(turn, doc, 'meeting.changed', { kind: 'meeting', id: meetingId }, meetingChanges(current, r.meeting)) };
  });
  if (saved.duplicate) return { card: overviewCard(turn, { expandedId: meetingId }) };
  const r = saved.result;
  if ('recorded' in r) logAudit(turn.services, r.recorded);
  if (!r.ok) return { message: r.reason === 'notFound' ? t.meetings.refusals.meetingNotFound : changeRefusalText({ t, reason: r.reason }) };
  if (r.outcome === 'unchanged') return { card: overviewCard(turn, { expandedId: meetingId, notices: [t.meetings.organiser.unchanged] }) };
  turn.services.log.info('meetings.changed', { meetingId, outcome: r.outcome, sequence: r.meeting.sequence });
  await deliverPending(turn.services);
  return { card: overviewCard(turn, { expandedId: meetingId, notices: [t.meetings.organiser.changed({ title: plain(r.meeting.title) })] }) };
}

/** meeting.cancel: the first click asks; `confirm: 'yes'` cancels and tells everyone. */
export async function handleCancel(turn: Turn, data: z.infer<typeof cancelPayloadSchema>): Promise<ActionResult> {
  const t = turn.t;
  if (!turn.can('meetings.schedule')) return { message: t.meetings.refusals.scheduleNotAllowed };
  if (!findMeeting(turn, data.meetingId)) return { message: t.meetings.refusals.meetingNotFound };
  if (data.confirm !== 'yes') return { card: overviewCard(turn, { expandedId: data.meetingId, confirmCancelId: data.meetingId }) };
  const { store } = turn.services;
  const eventId = eventIdOf(turn);
  const saved = await store.updateOnce(turn.activityId, (doc) => {
    const i = doc.meetings.meetings.findIndex((m) => m.id === data.meetingId);
    const current = doc.meetings.meetings[i];
    if (!current) return { ok: false as const, reason: 'notFound' as const };
    const r = cancelMeeting({ meeting: current, now: turn.now });
    if (!r.ok) return r;
    const replace = replaceEntries({ doc, meeting: r.meeting, now: turn.now });
    doc.meetings.meetings[i] = r.meeting;
    doc.meetings.pending.push(...replace, ...noticeEntries({ meeting: r.meeting, notify: r.notify, eventId, now: turn.now }));
    return { ...r, recorded: auditTurn(turn, doc, 'meeting.cancelled', { kind: 'meeting', id: data.meetingId }, meetingChanges(current, r.meeting)) };
  });
  if (saved.duplicate) return { card: overviewCard(turn) };
  const r = saved.result;
  if ('recorded' in r) logAudit(turn.services, r.recorded);
  if (!r.ok) return { message: r.reason === 'notFound' ? t.meetings.refusals.meetingNotFound : changeRefusalText({ t, reason: r.reason }) };
  turn.services.log.info('meetings.cancelled', { meetingId: data.meetingId });
  await deliverPending(turn.services);
  return { card: overviewCard(turn, { notices: [t.meetings.organiser.cancelled({ title: plain(r.meeting.title) })] }) };
}

/**
 * meeting.rsvp: Ja / Nej / Kanske with an optional comment. Recorded once per click (the activity id) and not at all
 * when nothing changed; the answer card that comes back is the person's own view with their answer.
 */
export async function handleRsvp(turn: Turn, data: z.infer<typeof rsvpPayloadSchema>): Promise<ActionResult> {
  const t = turn.t;
  const meeting = findMeeting(turn, data.meetingId);
  if (!meeting) return { message: t.meetings.refusals.meetingNotFound };
  if (!turn.can('meetings.rsvp', { inviteeIds: meeting.invitees.map((i) => i.personId) })) {
    return { message: rsvpRefusalText({ t, reason: 'notInvited', meeting }) };
  }
  const personId = turn.person.aadObjectId;
  const eventId = eventIdOf(turn);
  const { store } = turn.services;
  const saved = await store.updateOnce(turn.activityId, (doc) => {
    const i = doc.meetings.meetings.findIndex((m) => m.id === data.meetingId);
    const current = doc.meetings.meetings[i];
    if (!current) return undefined;
    const r = recordAnswer({ meeting: current, personId, value: data.answer, comment: data.comment, cardStart: data.start, people: doc.people, now: turn.now });
    if (r.ok && r.outcome === 'recorded') {
      const entries = [
        ...noticeEntries({ meeting: r.meeting, notify: r.notify, eventId, now: turn.now }),
        // Only the seat this answer left empty: earlier ones were reported when they happened.
        ...organiserEntry({ meeting: r.meeting, notify: r.notify, uncovered: r.uncovered.filter((u) => u.personId === personId), eventId, now: turn.now }),
      ];
      doc.meetings.meetings[i] = r.meeting;
      doc.meetings.pending.push(...entries);
    }
    return r;
  });
  const latest = findMeeting(turn, data.meetingId);
  if (!latest) return { message: t.meetings.refusals.meetingNotFound };
  if (saved.duplicate) return { card: invitationCard(turn, latest) };
  const r = saved.result;
  if (!r) return { message: t.meetings.refusals.meetingNotFound };
  if (!r.ok) {
    const text = rsvpRefusalText({ t, reason: r.reason, meeting: latest });
    // An answer from a card showing an earlier time gets the card with the new time to answer again.
    return r.reason === 'timeChanged' ? { card: invitationCard(turn, latest, text) } : { message: text };
  }
  if (r.outcome === 'recorded') {
    turn.services.log.info('meetings.answered', { meetingId: data.meetingId, substitutes: r.notify.length });
    await deliverPending(turn.services);
  }
  return { card: invitationCard(turn, latest, rsvpConfirmationText({ t, result: r })) };
}

/**
 * Who may see a meeting's invitation (title, place, agenda, who answered): whoever may answer it — the same check as
 * RSVP. Anyone else sending the meeting's id gets a refusal that says nothing about the meeting.
 */
const mayViewInvitation = (turn: Turn, meeting: Meeting): boolean => turn.can('meetings.rsvp', { inviteeIds: meeting.invitees.map((i) => i.personId) });

/** meeting.refresh (Universal Actions) and meeting.open: the viewer's own invitation card. */
export async function handleRefresh(turn: Turn, meetingId: string): Promise<ActionResult> {
  const meeting = findMeeting(turn, meetingId);
  if (!meeting) return { message: turn.t.meetings.refusals.meetingNotFound };
  if (!mayViewInvitation(turn, meeting)) return { message: turn.t.meetings.refusals.notInvitedView };
  return { card: invitationCard(turn, meeting) };
}

/** meeting.open from the member list: the invitation comes as a new message; the list stays. */
export async function handleOpen(turn: Turn, meetingId: string): Promise<ActionResult> {
  const meeting = findMeeting(turn, meetingId);
  if (!meeting) return { message: turn.t.meetings.refusals.meetingNotFound };
  if (!mayViewInvitation(turn, meeting)) return { message: turn.t.meetings.refusals.notInvitedView };
  await turn.reply(invitationCard(turn, meeting));
  return { card: memberCard(turn) };
}

/** meeting.overview: leadership's overview with one meeting's answers listed. */
export async function handleOverview(turn: Turn, meetingId: string | undefined, manage: boolean): Promise<ActionResult> {
  if (!turn.can('meetings.viewAll')) return { card: memberCard(turn) };
  if (manage && !turn.can('meetings.schedule')) return { message: turn.t.meetings.refusals.scheduleNotAllowed };
  return { card: overviewCard(turn, manage ? { manageId: meetingId } : { expandedId: meetingId }) };
}

/**
 * meeting.invitees: leadership adds someone to a meeting (they get the invitation) or takes someone off (they are
 * told). A Programråd substitute added while a seat stands declined fills it; removing a substitute calls the next.
 */
export async function handleInvitees(turn: Turn, data: z.infer<typeof inviteesPayloadSchema>): Promise<ActionResult> {
  const t = turn.t;
  if (!turn.can('meetings.schedule')) return { message: t.meetings.refusals.scheduleNotAllowed };
  const personId = data.op === 'add' ? data.addPersonId : data.removePersonId;
  if (!personId) return { message: t.meetings.organiser.choosePerson };
  if (!findMeeting(turn, data.meetingId)) return { message: t.meetings.refusals.meetingNotFound };
  const { store } = turn.services;
  const eventId = eventIdOf(turn);
  const by = turn.person.aadObjectId;
  const saved = await store.updateOnce(turn.activityId, (doc) => {
    const i = doc.meetings.meetings.findIndex((m) => m.id === data.meetingId);
    const current = doc.meetings.meetings[i];
    if (!current) return { ok: false as const, reason: 'notFound' as const };
    const r =
      data.op === 'add'
        ? addInvitees({ meeting: current, personIds: [personId], by, people: doc.people, now: turn.now })
        : removeInvitee({ meeting: current, personId, by, people: doc.people, now: turn.now });
    if (!r.ok) return r;
    if (r.notify.length === 0) return { ...r, alreadyInvited: true };
    const entries = [
      ...noticeEntries({ meeting: r.meeting, notify: r.notify, eventId, now: turn.now, byEvent: true }),
      ...organiserEntry({ meeting: r.meeting, notify: r.notify, uncovered: r.uncovered, eventId, now: turn.now }),
    ];
    doc.meetings.meetings[i] = r.meeting;
    doc.meetings.pending.push(...entries);
    const recorded =
      data.op === 'add'
        ? auditTurn(turn, doc, 'meeting.inviteeAdded', { kind: 'meeting', id: data.meetingId }, [auditChange('invitee', undefined, personId)])
        : auditTurn(turn, doc, 'meeting.inviteeRemoved', { kind: 'meeting', id: data.meetingId }, [auditChange('invitee', personId, undefined)]);
    return { ...r, alreadyInvited: false, recorded };
  });
  if (saved.duplicate) return { card: overviewCard(turn, { expandedId: data.meetingId }) };
  const r = saved.result;
  if (!r.ok) {
    switch (r.reason) {
      case 'notFound':
        return { message: t.meetings.refusals.meetingNotFound };
      case 'unknownPerson':
        return { message: t.meetings.organiser.choosePerson };
      case 'notInvited':
        return { message: t.meetings.organiser.notOnList };
      default:
        return { message: changeRefusalText({ t, reason: r.reason }) };
    }
  }
  if ('recorded' in r) logAudit(turn.services, r.recorded);
  const meeting = findMeeting(turn, data.meetingId);
  const title = plain(meeting?.title ?? '');
  const name = plain(turn.services.store.doc.people.find((p) => p.aadObjectId === personId)?.name ?? t.meetings.unknownPerson);
  const notice =
    data.op === 'remove'
      ? t.meetings.organiser.removed({ name, title })
      : r.alreadyInvited
        ? t.meetings.organiser.alreadyInvited({ name })
        : t.meetings.organiser.added({ name, title });
  turn.services.log.info('meetings.invitees', { meetingId: data.meetingId, op: data.op });
  await deliverPending(turn.services);
  return { card: overviewCard(turn, { manageId: data.meetingId, notices: [notice] }) };
}
