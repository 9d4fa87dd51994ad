import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../app/kernel.js';
import { answerMeeting } from '../../app/meetings/answer-meeting.js';
import { cancelMeeting, changeMeeting } from '../../app/meetings/change-meeting.js';
import { changeInvitees } from '../../app/meetings/change-invitees.js';
import { scheduleMeeting } from '../../app/meetings/schedule-meeting.js';
import type { Repositories } from '../../app/repositories.js';
import { plain, type AdaptiveCard } from '../../cards/adaptive-card.js';
import { meetingCadenceCard } from '../../cards/meeting-cadence-card.js';
import { meetingMemberCard } from '../../cards/meeting-member-card.js';
import { meetingOverviewCard } from '../../cards/meeting-overview-card.js';
import { meetingScheduleCard } from '../../cards/meeting-schedule-card.js';
import type { Meeting, MeetingType } from '../../domain/meetings/meeting.js';
import { stockholmYear } from '../../domain/time.js';
import { fileUnitOfWork } from '../../store/unit-of-work.js';
import type { ActionResult, Turn } from '../feature.js';
import { logAuditEntry } from '../audit-log.js';
import type { MeetingCommand } from './commands.js';
import { replyOpenPolls } from '../polls/handlers.js';
import { deliverPending, icsUrl, invitationCardFor } from './delivery.js';
import { changeRefusalText, rsvpConfirmationText, rsvpRefusalText } from './messages.js';
import type { cancelPayloadSchema, formPayloadSchema, inviteesPayloadSchema, rsvpPayloadSchema, schedulePayloadSchema } from './payloads.js';
import { cadenceCardModel, memberCardModel, overviewCardModel, scheduleCardModel } from './views.js';

/*
 * The meetings feature's handlers: the route has parsed the payload (zod) → a use case in src/app/meetings checks the
 * permission, decides and commits the change with the messages it causes → those are delivered → a card answers.
 */

const actorOf = (turn: Turn): Actor => ({ person: turn.person, organisation: turn.organisation });
const uowOf = (turn: Turn) => fileUnitOfWork(turn.services.store);
const read = <T>(turn: Turn, fn: (repos: Repositories) => T): T => uowOf(turn).read(fn);
const findMeeting = (turn: Turn, id: string): Meeting | undefined => read(turn, (repos) => repos.meetings.get(id));

/** An id for the event behind a change, for message keys: the activity (unique per click in Teams). */
const eventIdOf = (turn: Turn): string => turn.activityId?.replace(/[^\w.-]/g, '').slice(0, 100) || randomUUID();

export function invitationCard(turn: Turn, meeting: Meeting, notice?: string): AdaptiveCard {
  return invitationCardFor({ services: turn.services, meeting, personId: turn.person.aadObjectId, now: turn.now, t: turn.t, notice });
}

export function overviewCard(
  turn: Turn,
  options: { expandedId?: string | undefined; confirmCancelId?: string | undefined; manageId?: string | undefined; notices?: string[] } = {},
): AdaptiveCard {
  const { meetings, people, organisations } = read(turn, (repos) => ({ meetings: repos.meetings.all(), people: repos.people.all(), organisations: repos.organisations.all() }));
  const model = overviewCardModel({
    meetings,
    people,
    organisations,
    now: turn.now,
    t: turn.t,
    expandedId: options.expandedId,
    confirmCancelId: options.confirmCancelId,
    manageId: options.manageId,
  });
  return meetingOverviewCard({ ...model, notices: options.notices }, turn.t);
}

export function memberCard(turn: Turn): AdaptiveCard {
  const { meetings, people } = read(turn, (repos) => ({ meetings: repos.meetings.all(), people: repos.people.all() }));
  const meetingById = new Map(meetings.map((m) => [m.id, m]));
  const model = memberCardModel({
    meetings,
    personId: turn.person.aadObjectId,
    people,
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
      const model = cadenceCardModel({ year, meetings: read(turn, (repos) => repos.meetings.all()), now: turn.now, t, canSchedule: turn.can('meetings.schedule') && turn.audience === 'personal' });
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
  if (data.meetingId) return change(turn, data.meetingId, data);
  const id = data.draftId ?? randomUUID();
  const r = await scheduleMeeting({ uow: uowOf(turn) }, actorOf(turn), { activityId: turn.activityId, id, input: data }, turn.now);
  if (!r.ok) return { message: t.meetings.refusals.scheduleNotAllowed };
  const v = r.value;
  if (v.kind === 'form') return { card: meetingScheduleCard(scheduleCardModel({ kind: 'returned', result: v.result, change: undefined, draftId: data.draftId }), t) };
  if (v.kind === 'exists') return { card: overviewCard(turn, { expandedId: id, notices: [t.meetings.organiser.alreadyScheduled({ title: plain(v.meeting.title) })] }) };
  const { meeting } = v;
  logAuditEntry(turn.services, v.audit);
  turn.services.log.info('meetings.scheduled', { meetingId: id, type: meeting.type, invitees: meeting.invitees.length });
  const unreachable = (await deliverPending(turn.services)).unreachable.filter((u) => u.meetingId === id);
  const notices = [t.meetings.organiser.scheduled({ title: plain(meeting.title), count: meeting.invitees.length })];
  const names = unreachableNames(turn, unreachable.map((u) => u.personId));
  if (names) notices.push(t.meetings.organiser.unreachable({ names }));
  return { card: overviewCard(turn, { expandedId: id, notices }) };
}

function unreachableNames(turn: Turn, personIds: readonly string[]): string {
  const byId = new Map(read(turn, (repos) => repos.people.all()).map((p) => [p.aadObjectId, p.name]));
  return [...new Set(personIds)].map((id) => plain(byId.get(id) ?? turn.t.meetings.unknownPerson)).join(', ');
}

async function change(turn: Turn, meetingId: string, data: z.infer<typeof schedulePayloadSchema>): Promise<ActionResult> {
  const t = turn.t;
  const r = await changeMeeting({ uow: uowOf(turn) }, actorOf(turn), { activityId: turn.activityId, meetingId, eventId: eventIdOf(turn), input: data }, turn.now);
  if (!r.ok) {
    if (r.reason === 'notAllowed') return { message: t.meetings.refusals.scheduleNotAllowed };
    return { message: r.reason === 'notFound' ? t.meetings.refusals.meetingNotFound : changeRefusalText({ t, reason: r.reason }) };
  }
  const v = r.value;
  switch (v.kind) {
    case 'form':
      return { card: meetingScheduleCard(scheduleCardModel({ kind: 'returned', result: v.result, change: v.meeting, draftId: data.draftId }), t) };
    case 'again':
      return { card: overviewCard(turn, { expandedId: meetingId }) };
    case 'unchanged':
      return { card: overviewCard(turn, { expandedId: meetingId, notices: [t.meetings.organiser.unchanged] }) };
    case 'changed':
      logAuditEntry(turn.services, v.audit);
      turn.services.log.info('meetings.changed', { meetingId, outcome: v.outcome, sequence: v.meeting.sequence });
      await deliverPending(turn.services);
      return { card: overviewCard(turn, { expandedId: meetingId, notices: [t.meetings.organiser.changed({ title: plain(v.meeting.title) })] }) };
  }
}

/** meeting.cancel: the first click asks; `confirm: 'yes'` cancels and tells everyone. */
export async function handleCancel(turn: Turn, data: z.infer<typeof cancelPayloadSchema>): Promise<ActionResult> {
  const t = turn.t;
  if (data.confirm !== 'yes') {
    if (!turn.can('meetings.schedule')) return { message: t.meetings.refusals.scheduleNotAllowed };
    if (!findMeeting(turn, data.meetingId)) return { message: t.meetings.refusals.meetingNotFound };
    return { card: overviewCard(turn, { expandedId: data.meetingId, confirmCancelId: data.meetingId }) };
  }
  const r = await cancelMeeting({ uow: uowOf(turn) }, actorOf(turn), { activityId: turn.activityId, meetingId: data.meetingId, eventId: eventIdOf(turn) }, turn.now);
  if (!r.ok) {
    if (r.reason === 'notAllowed') return { message: t.meetings.refusals.scheduleNotAllowed };
    return { message: r.reason === 'notFound' ? t.meetings.refusals.meetingNotFound : changeRefusalText({ t, reason: r.reason }) };
  }
  if (r.value.kind === 'again') return { card: overviewCard(turn) };
  logAuditEntry(turn.services, r.value.audit);
  turn.services.log.info('meetings.cancelled', { meetingId: data.meetingId });
  await deliverPending(turn.services);
  return { card: overviewCard(turn, { notices: [t.meetings.organiser.cancelled({ title: plain(r.value.meeting.title) })] }) };
}

/**
 * meeting.rsvp: Ja / Nej / Kanske with an optional comment. Recorded once per click (the activity id) and not at all
 * when nothing changed; the answer card that comes back is the person's own view with their answer.
 */
export async function handleRsvp(turn: Turn, data: z.infer<typeof rsvpPayloadSchema>): Promise<ActionResult> {
  const t = turn.t;
  const command = { activityId: turn.activityId, meetingId: data.meetingId, eventId: eventIdOf(turn), answer: data.answer, comment: data.comment, cardStart: data.start };
  const r = await answerMeeting({ uow: uowOf(turn) }, actorOf(turn), command, turn.now);
  if (!r.ok) {
    const latest = findMeeting(turn, data.meetingId);
    if (r.reason === 'notFound' || !latest) return { message: t.meetings.refusals.meetingNotFound };
    const text = rsvpRefusalText({ t, reason: r.reason, meeting: latest });
    // An answer from a card showing an earlier time gets the card with the new time to answer again.
    return r.reason === 'timeChanged' ? { card: invitationCard(turn, latest, text) } : { message: text };
  }
  const v = r.value;
  if (v.kind === 'again') return { card: invitationCard(turn, v.meeting) };
  if (v.result.outcome === 'recorded') {
    turn.services.log.info('meetings.answered', { meetingId: data.meetingId, substitutes: v.result.notify.length });
    await deliverPending(turn.services);
  }
  return { card: invitationCard(turn, v.meeting, rsvpConfirmationText({ t, result: v.result })) };
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
  const r = await changeInvitees({ uow: uowOf(turn) }, actorOf(turn), { activityId: turn.activityId, meetingId: data.meetingId, eventId: eventIdOf(turn), op: data.op, personId }, turn.now);
  if (!r.ok) {
    switch (r.reason) {
      case 'notAllowed':
        return { message: t.meetings.refusals.scheduleNotAllowed };
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
  const v = r.value;
  if (v.kind === 'again') return { card: overviewCard(turn, { expandedId: data.meetingId }) };
  logAuditEntry(turn.services, v.audit);
  const title = plain(v.meeting.title);
  const name = plain(read(turn, (repos) => repos.people.all().find((p) => p.aadObjectId === personId))?.name ?? t.meetings.unknownPerson);
  const notice =
    data.op === 'remove'
      ? t.meetings.organiser.removed({ name, title })
      : v.alreadyInvited
        ? t.meetings.organiser.alreadyInvited({ name })
        : t.meetings.organiser.added({ name, title });
  turn.services.log.info('meetings.invitees', { meetingId: data.meetingId, op: data.op });
  await deliverPending(turn.services);
  return { card: overviewCard(turn, { manageId: data.meetingId, notices: [notice] }) };
}
