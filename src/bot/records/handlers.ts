import type { Actor, Notice } from '../../app/kernel.js';
import { createActionItem, setActionDone } from '../../app/records/actions.js';
import { editAgenda, type AgendaCommand } from '../../app/records/agenda.js';
import { saveAttendance } from '../../app/records/attendance.js';
import { meetingSeats, quorumPolicy, recordOf, recordSeats } from '../../app/records/common.js';
import { DEFAULT_RECORDS_CONFIG, type RecordsConfig } from '../../app/records/deliveries.js';
import { recordMeetingDecision } from '../../app/records/decisions.js';
import { answerMinutes, draftMeetingMinutes, editNotes, nameMinutesSignatories } from '../../app/records/minutes.js';
import { announceChanges, markRecordNoticesSent, sendNoticeNow } from '../../app/records/notice.js';
import { answerProposal, putPerCapsulam } from '../../app/records/per-capsulam.js';
import { actionData, decisionData, minutesData, noticeData, perCapsulamData } from '../../app/records/views.js';
import type { RecordsWriteDeps } from '../../app/records/write.js';
import type { Repositories } from '../../app/repositories.js';
import { actionCard } from '../../cards/action-card.js';
import { actionFormCard } from '../../cards/action-form-card.js';
import { actionsListCard } from '../../cards/actions-list-card.js';
import { plain, type AdaptiveCard } from '../../cards/adaptive-card.js';
import { agendaCard } from '../../cards/agenda-card.js';
import { attendanceCard, type AttendanceLineView } from '../../cards/attendance-card.js';
import { decisionCard } from '../../cards/decision-card.js';
import { decisionFormCard } from '../../cards/decision-form-card.js';
import { decisionsListCard } from '../../cards/decisions-list-card.js';
import { minutesCard } from '../../cards/minutes-card.js';
import { noticeCard } from '../../cards/notice-card.js';
import { perCapsulamCard } from '../../cards/per-capsulam-card.js';
import { perCapsulamFormCard } from '../../cards/per-capsulam-form-card.js';
import { constituencyName, refText } from '../../cards/records-card-parts.js';
import { recordsMeetingsCard, RECORDS_MEETINGS_MAX } from '../../cards/records-meetings-card.js';
import { findInvitee, type Meeting } from '../../domain/meetings/meeting.js';
import { attendanceDraft, assessQuorum } from '../../domain/records/attendance.js';
import { decisionBodyOf } from '../../domain/records/common.js';
import { meetingDecisions, nextDecisionNumber } from '../../domain/records/decision.js';
import { parseDecisionQuery, searchDecisions } from '../../domain/records/decision-search.js';
import { openActionsByMeeting, openActionsByPerson, isOverdue } from '../../domain/records/action.js';
import { noticeTime, pendingNoticeChanges } from '../../domain/records/notice.js';
import { isLocked } from '../../domain/records/record.js';
import { DEFAULT_PER_CAPSULAM_RULE } from '../../domain/records/per-capsulam.js';
import { stockholmDate, stockholmYear } from '../../domain/time.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import { fileUnitOfWork } from '../../store/unit-of-work.js';
import type { ActionResult, Services, Turn } from '../feature.js';
import { formatDate, formatWhen } from '../meetings/views.js';
import type { z } from 'zod';
import type * as P from './payloads.js';
import { actionModel, decisionModel, justeratCard, minutesModel, noticeModel, perCapsulamModel, RECORDS_EXPORT_DOWNLOAD } from './render.js';

/*
 * The records feature's Teams handlers: parse (the payload schemas), call a use case (src/app/records), render with a
 * card, and hand the notices the records owe to the messenger. Thin by design: rules live in the domain.
 */

export const recordsConfigOf = (services: Pick<Services, 'config'>): RecordsConfig => services.config.records ?? DEFAULT_RECORDS_CONFIG;
export const depsOf = (services: Services): RecordsWriteDeps => ({ uow: fileUnitOfWork(services.store), config: recordsConfigOf(services) });
const actorOf = (turn: Turn): Actor => ({ person: turn.person, organisation: turn.organisation });
const read = <T>(turn: Turn, fn: (repos: Repositories) => T): T => fileUnitOfWork(turn.services.store).read(fn);

/** Queues what the records owe and notes what the queue took (its keys make a repeat harmless). */
export async function deliver(services: Services, notices: readonly Notice[]): Promise<void> {
  if (notices.length === 0) return;
  const report = await services.notify(notices);
  await markRecordNoticesSent(depsOf(services), report.queued);
}

/** A refusal's text in the reader's language: the catalogue has one for every reason the records give. */
export function refusalText(t: Catalogue, reason: string): string {
  const r = t.records.refusals;
  const sections: Array<Record<string, unknown>> = [r.common, r.agenda, r.notice, r.attendance, r.decision, r.perCapsulam, r.action, r.minutes, t.records.messages];
  for (const s of sections) {
    const v = s[reason];
    if (typeof v === 'string') return v;
  }
  if (reason === 'meetingNotFound' || reason === 'sourceNotFound' || reason === 'actionNotFound' || reason === 'procedureNotFound') return r.common.meetingNotFound;
  if (reason === 'invalid') return t.core.invalidInput;
  return t.core.invalidInput;
}

const meetingOf = (turn: Turn, meetingId: string): Meeting | undefined => read(turn, (repos) => repos.records.meeting(meetingId));
const isLeadership = (turn: Turn) => turn.can('records.manage');

// ---- Meeting picker (the chat commands) ------------------------------------------------------------------------

export function meetingsCard(turn: Turn, purpose: 'notice' | 'attendance' | 'minutes'): AdaptiveCard {
  const leadership = isLeadership(turn);
  const now = turn.now.getTime();
  const meetings = read(turn, (repos) => {
    const all = [...repos.records.meetings()];
    const mine = (m: Meeting) => {
      if (leadership) return true;
      const record = repos.records.record(m.id);
      if (purpose === 'minutes') return Boolean(record?.minutes && (record.minutes.signatories.some((s) => s.personId === turn.person.aadObjectId) || (isLocked(record) && findInvitee(m, turn.person.aadObjectId))));
      return Boolean(record?.notice && findInvitee(m, turn.person.aadObjectId));
    };
    const upcoming = all.filter((m) => Date.parse(m.end) >= now && mine(m)).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const past = all.filter((m) => Date.parse(m.end) < now && mine(m)).sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
    // Attendance and minutes are about meetings held; the notice about those to come.
    return purpose === 'notice' ? [...upcoming, ...past] : [...past, ...upcoming.filter((m) => Date.parse(m.start) <= now)];
  });
  return recordsMeetingsCard(
    {
      purpose,
      leadership,
      meetings: meetings.slice(0, RECORDS_MEETINGS_MAX).map((m) => ({ meetingId: m.id, type: m.type, title: m.title, when: formatWhen(turn.t, m), cancelled: m.status === 'cancelled' })),
      ...(leadership && turn.audience === 'personal' ? { exportLink: turn.link(RECORDS_EXPORT_DOWNLOAD, { lang: turn.locale }) } : {}),
    },
    turn.t,
  );
}

// ---- Agenda and notice -------------------------------------------------------------------------------------------

function agendaView(turn: Turn, meetingId: string, extra: { notice?: string; problems?: string[] } = {}): ActionResult {
  const view = read(turn, (repos) => {
    const meeting = repos.records.meeting(meetingId);
    if (!meeting) return null;
    const record = recordOf(repos, meeting, turn.now);
    const decisions = repos.records.decisions();
    const actions = repos.records.actions();
    const referenced = new Set([...decisions.flatMap((d) => (d.origin.kind === 'meeting' && d.origin.meetingId === meetingId && d.origin.agendaItemId ? [d.origin.agendaItemId] : [])), ...actions.flatMap((a) => (a.meetingId === meetingId && a.agendaItemId ? [a.agendaItemId] : []))]);
    return { meeting, record, data: noticeData(repos, meeting, record), referenced, pending: pendingNoticeChanges({ record, meeting, now: turn.now }) };
  });
  if (!view) return { message: turn.t.records.refusals.common.meetingNotFound };
  const cfg = recordsConfigOf(turn.services).notice;
  const sentAt = view.record.notice?.sentAt;
  const date = formatDate(turn.t, stockholmDate(sentAt ? new Date(sentAt) : noticeTime({ meeting: view.meeting, daysBefore: cfg.daysBefore, timeOfDay: cfg.timeOfDay })));
  const row = (p: { paperId: string; title: string; late: boolean }) => ({ paperId: p.paperId, title: p.title, late: p.late });
  return {
    card: agendaCard(
      {
        meetingId,
        type: view.meeting.type,
        title: view.meeting.title,
        when: formatWhen(turn.t, view.meeting),
        items: view.data.items.map((i) => ({ ...i, papers: i.papers.map(row), removable: !view.referenced.has(i.itemId) })),
        papers: view.data.papers.map(row),
        noticeState: { sent: view.record.notice !== null, date },
        pendingChanges: view.pending?.changes.length ?? 0,
        revision: view.record.revision,
        locked: isLocked(view.record),
        ...(extra.notice ? { notice: extra.notice } : {}),
        ...(extra.problems ? { problems: extra.problems } : {}),
      },
      turn.t,
    ),
  };
}

export async function handleAgenda(turn: Turn, meetingId: string): Promise<ActionResult> {
  if (!isLeadership(turn)) return { message: turn.t.core.notAllowed };
  return agendaView(turn, meetingId);
}

export async function handleAgendaEdit(turn: Turn, meetingId: string, change: AgendaCommand): Promise<ActionResult> {
  const t = turn.t;
  const r = await editAgenda(depsOf(turn.services), actorOf(turn), { meetingId, activityId: turn.activityId, change }, turn.now);
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: t.core.notAllowed };
    if (r.reason === 'duplicate') return agendaView(turn, meetingId);
    if (r.reason === 'invalid' && 'errors' in r) {
      const a = t.records.refusals.agenda;
      const problems = r.errors.map((e) => (e.problem === 'tooLong' ? a.tooLong({ max: e.max ?? 0 }) : e.field === 'url' && e.problem === 'invalid' ? a.invalidUrl : e.problem === 'required' ? a.required : t.core.invalidInput));
      return agendaView(turn, meetingId, { problems });
    }
    return agendaView(turn, meetingId, { problems: [refusalText(t, r.reason)] });
  }
  await deliver(turn.services, r.notices);
  const notice = change.op === 'addItem' ? t.records.messages.itemAdded : change.op === 'addPaper' ? t.records.messages.paperAdded({ late: r.value.late === true }) : t.records.messages.saved;
  return agendaView(turn, meetingId, { notice });
}

export async function handleNotice(turn: Turn, meetingId: string): Promise<ActionResult> {
  const view = read(turn, (repos) => {
    const meeting = repos.records.meeting(meetingId);
    if (!meeting) return null;
    const record = recordOf(repos, meeting, turn.now);
    return { meeting, record, data: noticeData(repos, meeting, record), pending: pendingNoticeChanges({ record, meeting, now: turn.now }) };
  });
  if (!view) return { message: turn.t.records.refusals.common.meetingNotFound };
  const leadership = isLeadership(turn);
  if (!leadership && !(view.record.notice && findInvitee(view.meeting, turn.person.aadObjectId))) return { message: turn.t.records.messages.notInvited };
  const cfg = recordsConfigOf(turn.services).notice;
  const sentAt = view.record.notice?.sentAt;
  const date = formatDate(turn.t, stockholmDate(sentAt ? new Date(sentAt) : noticeTime({ meeting: view.meeting, daysBefore: cfg.daysBefore, timeOfDay: cfg.timeOfDay })));
  const lead = leadership
    ? { leadership: { sent: view.record.notice !== null, date, canSend: view.record.notice === null && view.record.agenda.length > 0 && Date.parse(view.meeting.start) > turn.now.getTime(), pendingChanges: view.pending?.changes.length ?? 0, revision: view.record.revision } }
    : {};
  return { card: noticeCard(noticeModel(view.data, turn.t, lead), turn.t) };
}

export async function handleSendNotice(turn: Turn, meetingId: string): Promise<ActionResult> {
  const r = await sendNoticeNow(depsOf(turn.services), actorOf(turn), { meetingId, activityId: turn.activityId }, turn.now);
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: turn.t.core.notAllowed };
    if (r.reason === 'duplicate') return agendaView(turn, meetingId);
    return agendaView(turn, meetingId, { problems: [refusalText(turn.t, r.reason)] });
  }
  await deliver(turn.services, r.notices);
  const count = meetingOf(turn, meetingId)?.invitees.length ?? 0;
  return agendaView(turn, meetingId, { notice: turn.t.records.messages.noticeSent({ count }) });
}

export async function handleAnnounce(turn: Turn, data: z.infer<typeof P.announcePayload>): Promise<ActionResult> {
  const r = await announceChanges(depsOf(turn.services), actorOf(turn), { meetingId: data.meetingId, revision: data.revision, activityId: turn.activityId }, turn.now);
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: turn.t.core.notAllowed };
    if (r.reason === 'duplicate') return agendaView(turn, data.meetingId);
    return agendaView(turn, data.meetingId, { problems: [refusalText(turn.t, r.reason)] });
  }
  await deliver(turn.services, r.notices);
  return agendaView(turn, data.meetingId, { notice: turn.t.records.messages.changesAnnounced({ count: r.value.changes }) });
}

// ---- Attendance --------------------------------------------------------------------------------------------------

function attendanceView(turn: Turn, meetingId: string, page: number, extra: { notice?: string; problems?: string[] } = {}): ActionResult {
  const t = turn.t;
  const view = read(turn, (repos) => {
    const meeting = repos.records.meeting(meetingId);
    if (!meeting) return null;
    const record = recordOf(repos, meeting, turn.now);
    const seats = meetingSeats(repos, meeting);
    const draft = attendanceDraft({ meeting, record, seats });
    const quorum = assessQuorum({ lines: draft.lines, seats, policy: quorumPolicy(seats) });
    const person = (id: string) => repos.people.get(id);
    const holderName = (seatId: string) => {
      const s = seats.find((x) => x.seatId === seatId);
      return s?.holderId ? (person(s.holderId)?.name ?? '–') : t.records.attendance.vacant;
    };
    const lines: AttendanceLineView[] = draft.lines.map((l) => {
      const p = person(l.personId);
      const held = seats.find((s) => s.holderId === l.personId);
      const substituteOf = seats.filter((s) => s.substituteIds.includes(l.personId));
      const invitee = findInvitee(meeting, l.personId);
      return {
        personId: l.personId,
        name: p?.name ?? '–',
        organisation: p ? (repos.organisations.get(p.organisationId)?.name ?? p.organisationId) : '',
        role: held ? 'seatHolder' : substituteOf.length > 0 ? 'substitute' : 'other',
        ...(held ? { constituency: held.constituency } : {}),
        status: l.status,
        rsvp: invitee ? (invitee.answer?.value ?? 'none') : undefined,
        ...(substituteOf.length > 0 ? { seatChoices: substituteOf.map((s) => ({ seatId: s.seatId, label: t.records.attendance.seatChoice({ seat: constituencyName(t, s.constituency), holder: holderName(s.seatId) }) })) } : {}),
        ...(l.actingForSeatId ? { actingForSeatId: l.actingForSeatId } : {}),
      };
    });
    const last = record.attendance?.history.at(-1);
    return { meeting, record, lines, guests: draft.guests, quorum, seats, recorded: last ? { date: formatDate(t, stockholmDate(new Date(last.at))), name: person(last.by)?.name ?? '–' } : undefined };
  });
  if (!view) return { message: t.records.refusals.common.meetingNotFound };
  if (Date.parse(view.meeting.start) > turn.now.getTime()) return { message: t.records.messages.nothingToAttend };
  return {
    card: attendanceCard(
      {
        meetingId,
        type: view.meeting.type,
        title: view.meeting.title,
        when: formatWhen(t, view.meeting),
        lines: view.lines,
        page,
        guests: view.guests,
        quorum: view.seats.length === 0 ? null : { status: view.quorum.status, seatsFilled: view.quorum.seatsFilled, seatsTotal: view.quorum.seatsTotal, minSeats: view.quorum.minSeats, composition: view.quorum.composition },
        ...(view.recorded ? { recorded: view.recorded } : {}),
        locked: isLocked(view.record),
        ...(extra.notice ? { notice: extra.notice } : {}),
        ...(extra.problems ? { problems: extra.problems } : {}),
      },
      t,
    ),
  };
}

export async function handleAttendance(turn: Turn, data: z.infer<typeof P.attendanceViewPayload>): Promise<ActionResult> {
  if (!isLeadership(turn)) return { message: turn.t.core.notAllowed };
  return attendanceView(turn, data.meetingId, data.page ?? 0);
}

export async function handleSaveAttendance(turn: Turn, data: z.infer<typeof P.saveAttendancePayload>): Promise<ActionResult> {
  const t = turn.t;
  const r = await saveAttendance(depsOf(turn.services), actorOf(turn), { meetingId: data.meetingId, lines: data.lines, guestsText: data.guests, activityId: turn.activityId }, turn.now);
  const page = data.goTo ?? data.page;
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: t.core.notAllowed };
    if (r.reason === 'duplicate') return attendanceView(turn, data.meetingId, page);
    const a = t.records.refusals.attendance;
    const nameOf = (id: string) => read(turn, (repos) => repos.people.get(id)?.name ?? '–');
    if (r.reason === 'invalid' && 'problems' in r) {
      const problems = r.problems.map((p) => {
        switch (p.problem) {
          case 'duplicatePerson':
            return a.duplicatePerson({ name: plain(nameOf(p.personId)) });
          case 'unknownSeat':
            return a.unknownSeat({ name: plain(nameOf(p.personId)) });
          case 'notSubstituteForSeat':
            return a.notSubstituteForSeat({ name: plain(nameOf(p.personId)), seat: p.seatId });
          case 'seatHolderPresent':
            return a.seatHolderPresent({ name: plain(nameOf(p.personId)), seat: p.seatId });
          case 'seatTakenTwice':
            return a.seatTakenTwice({ seat: p.seatId });
          case 'tooManyGuests':
            return a.tooManyGuests({ max: p.max });
          case 'guestInvalid':
            return a.guestInvalid({ line: p.index + 1 });
        }
        return t.core.invalidInput;
      });
      return attendanceView(turn, data.meetingId, data.page, { problems });
    }
    if (r.reason === 'guests' && 'lines' in r) {
      return attendanceView(turn, data.meetingId, data.page, { problems: r.lines.map((l) => (l.problem === 'organisationMissing' ? a.organisationMissing({ line: l.line }) : a.guestTooLong({ line: l.line }))) });
    }
    return attendanceView(turn, data.meetingId, data.page, { problems: [refusalText(t, r.reason)] });
  }
  await deliver(turn.services, r.notices);
  return attendanceView(turn, data.meetingId, page, { notice: t.records.attendance.saved({ present: r.value.present }) });
}

// ---- Decisions ---------------------------------------------------------------------------------------------------

function decisionFormView(turn: Turn, meetingId: string, extra: { notice?: string; problems?: string[]; values?: { text?: string; item?: string; needs?: string } } = {}): ActionResult {
  const view = read(turn, (repos) => {
    const meeting = repos.records.meeting(meetingId);
    if (!meeting) return null;
    return { meeting, record: repos.records.record(meetingId), decisions: [...repos.records.decisions()] };
  });
  if (!view) return { message: turn.t.records.refusals.common.meetingNotFound };
  const body = decisionBodyOf(view.meeting.type);
  if (!body) return { message: turn.t.records.refusals.decision.bodyTakesNoDecisions };
  const year = stockholmYear(new Date(view.meeting.start));
  return {
    card: decisionFormCard(
      {
        meetingId,
        meetingTitle: view.meeting.title,
        when: formatWhen(turn.t, view.meeting),
        next: { body, year, number: nextDecisionNumber({ decisions: view.decisions, body, year }) },
        agendaItems: (view.record?.agenda ?? []).map((a) => ({ itemId: a.id, title: a.title })),
        taken: meetingDecisions({ decisions: view.decisions, meetingId }).map((d) => ({ decisionId: d.id, ref: { body: d.body, year: d.year, number: d.number }, text: d.text, status: d.status })),
        ...(extra.values ? { values: extra.values } : {}),
        ...(extra.problems ? { problems: extra.problems } : {}),
        ...(extra.notice ? { notice: extra.notice } : {}),
      },
      turn.t,
    ),
  };
}

export async function handleDecisionForm(turn: Turn, meetingId: string): Promise<ActionResult> {
  if (!isLeadership(turn)) return { message: turn.t.core.notAllowed };
  return decisionFormView(turn, meetingId);
}

export async function handleRecordDecision(turn: Turn, data: z.infer<typeof P.decisionPayload>): Promise<ActionResult> {
  const t = turn.t;
  const values = { text: data.decisionText ?? '', item: data.decisionItem ?? '', needs: data.decisionNeeds ?? '' };
  const r = await recordMeetingDecision(depsOf(turn.services), actorOf(turn), { meetingId: data.meetingId, text: values.text, itemId: values.item === '' ? undefined : values.item, needsText: values.needs, activityId: turn.activityId }, turn.now);
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: t.core.notAllowed };
    if (r.reason === 'duplicate') return decisionFormView(turn, data.meetingId);
    const d = t.records.refusals.decision;
    const problem =
      r.reason === 'unknownNeeds' && 'needNumbers' in r
        ? d.unknownNeeds({ needs: r.needNumbers.map((n) => `#${n}`).join(', ') })
        : r.reason === 'invalid' && 'problem' in r
          ? r.problem.problem === 'required'
            ? d.textRequired
            : d.textTooLong({ max: r.problem.max })
          : refusalText(t, r.reason);
    return decisionFormView(turn, data.meetingId, { problems: [problem], values });
  }
  await deliver(turn.services, r.notices);
  return decisionFormView(turn, data.meetingId, { notice: plain(t.records.messages.decisionRecorded({ ref: refText(t, r.value.decision) })) });
}

function decisionView(turn: Turn, decisionId: string): ActionResult {
  const view = read(turn, (repos) => {
    const d = repos.records.decisions().find((x) => x.id === decisionId);
    if (!d) return null;
    const actions = repos.records.actions().filter((a) => a.decisionId === d.id).map((a) => actionData(repos, a));
    return { data: decisionData(repos, d), actions };
  });
  if (!view) return { message: turn.t.records.messages.notFound };
  const actions = view.actions.map((a) => ({ title: a.title, ownerName: a.ownerName, due: formatDate(turn.t, a.dueDate), done: a.status === 'done' }));
  return { card: decisionCard(decisionModel(view.data, turn.t, actions), turn.t) };
}

export async function handleDecision(turn: Turn, decisionId: string): Promise<ActionResult> {
  if (!turn.can('records.viewDecisions')) return { message: turn.t.core.notAllowed };
  return decisionView(turn, decisionId);
}

export function decisionsCard(turn: Turn, query: string, page: number): AdaptiveCard {
  const t = turn.t;
  const parsed = parseDecisionQuery({ text: query, bodyWords: t.records.search.bodyWords, fillerWords: t.records.search.fillerWords });
  const items = read(turn, (repos) => searchDecisions({ decisions: repos.records.decisions(), query: parsed, needs: repos.records.needs() }));
  return decisionsListCard(
    {
      query,
      page,
      items: items.map((d) => ({ decisionId: d.id, ref: { body: d.body, year: d.year, number: d.number }, text: d.text, decidedOn: formatDate(t, stockholmDate(new Date(d.decidedAt))), status: d.status, final: d.finalAt !== null })),
    },
    t,
  );
}

export async function handleDecisions(turn: Turn, data: z.infer<typeof P.decisionsPayload>): Promise<ActionResult> {
  if (!turn.can('records.viewDecisions')) return { message: turn.t.core.notAllowed };
  return { card: decisionsCard(turn, data.query, data.page) };
}

// ---- Actions -----------------------------------------------------------------------------------------------------

function actionFormView(turn: Turn, source: z.infer<typeof P.actionFormPayload>, extra: { problems?: string[]; values?: { title?: string; owner?: string; due?: string } } = {}): ActionResult {
  const view = read(turn, (repos) => {
    const people = repos.people.all().map((p) => ({ id: p.aadObjectId.toLowerCase(), label: `${p.name}, ${repos.organisations.get(p.organisationId)?.name ?? p.organisationId}` }));
    if ('decisionId' in source) {
      const d = repos.records.decisions().find((x) => x.id === source.decisionId);
      return d ? { people, source: { kind: 'decision' as const, decisionId: d.id, ref: { body: d.body, year: d.year, number: d.number } } } : null;
    }
    const meeting = repos.records.meeting(source.meetingId);
    const item = repos.records.record(source.meetingId)?.agenda.find((a) => a.id === source.itemId);
    return meeting && item ? { people, source: { kind: 'agendaItem' as const, meetingId: meeting.id, itemId: item.id, meetingTitle: meeting.title, itemTitle: item.title } } : null;
  });
  if (!view) return { message: turn.t.records.messages.notFound };
  return { card: actionFormCard({ source: view.source, people: view.people, minDate: stockholmDate(turn.now), ...(extra.values ? { values: extra.values } : {}), ...(extra.problems ? { problems: extra.problems } : {}) }, turn.t) };
}

export async function handleActionForm(turn: Turn, data: z.infer<typeof P.actionFormPayload>): Promise<ActionResult> {
  if (!isLeadership(turn)) return { message: turn.t.core.notAllowed };
  return actionFormView(turn, data);
}

export async function handleCreateAction(turn: Turn, data: z.infer<typeof P.createActionPayload>): Promise<ActionResult> {
  const t = turn.t;
  const source = data.decisionId !== undefined ? { decisionId: data.decisionId } : { meetingId: data.meetingId ?? '', itemId: data.itemId ?? '' };
  const values = { title: data.actionTitle ?? '', owner: data.actionOwner ?? '', due: data.actionDue ?? '' };
  const r = await createActionItem(depsOf(turn.services), actorOf(turn), { source, title: values.title, ownerId: values.owner, dueDate: values.due, activityId: turn.activityId }, turn.now);
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: t.core.notAllowed };
    if (r.reason === 'duplicate') return { message: t.records.messages.saved };
    const a = t.records.refusals.action;
    const problems =
      r.reason === 'invalid' && 'problems' in r
        ? r.problems.map((p) =>
            p.field === 'title'
              ? p.problem === 'required'
                ? a.titleRequired
                : a.titleTooLong({ max: p.max ?? 0 })
              : p.field === 'ownerId'
                ? p.problem === 'required'
                  ? a.ownerRequired
                  : a.ownerInvalid
                : p.problem === 'required'
                  ? a.dueRequired
                  : p.problem === 'inPast'
                    ? a.dueInPast
                    : a.dueInvalid,
          )
        : [refusalText(t, r.reason)];
    return actionFormView(turn, source, { problems, values });
  }
  await deliver(turn.services, r.notices);
  return { card: actionCardFor(turn, r.value.action.id, t.records.messages.actionCreated) ?? decisionFormFallback(turn) };
}

const decisionFormFallback = (turn: Turn): AdaptiveCard => decisionsCard(turn, '', 0);

function actionCardFor(turn: Turn, actionId: string, notice?: string): AdaptiveCard | null {
  const view = read(turn, (repos) => {
    const a = repos.records.actions().find((x) => x.id === actionId);
    return a ? { action: a, data: actionData(repos, a) } : null;
  });
  if (!view) return null;
  const canUpdate = view.action.ownerId === turn.person.aadObjectId || isLeadership(turn);
  return actionCard(actionModel(view.data, turn.t, { canUpdate, today: stockholmDate(turn.now) }, notice), turn.t);
}

export async function handleAction(turn: Turn, actionId: string): Promise<ActionResult> {
  const owner = read(turn, (repos) => repos.records.actions().find((a) => a.id === actionId)?.ownerId);
  if (owner === undefined) return { message: turn.t.records.messages.notFound };
  if (owner !== turn.person.aadObjectId && !isLeadership(turn)) return { message: turn.t.core.notAllowed };
  const card = actionCardFor(turn, actionId);
  return card ? { card } : { message: turn.t.records.messages.notFound };
}

export async function handleActionDone(turn: Turn, data: z.infer<typeof P.actionRefPayload>, done: boolean): Promise<ActionResult> {
  const t = turn.t;
  const r = await setActionDone(depsOf(turn.services), actorOf(turn), { actionId: data.actionId, done, comment: data.actionComment, activityId: turn.activityId }, turn.now);
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: t.core.notAllowed };
    if (r.reason === 'duplicate' || r.reason === 'alreadyDone' || r.reason === 'notDone') {
      const card = actionCardFor(turn, data.actionId, r.reason === 'duplicate' ? undefined : refusalText(t, r.reason));
      return card ? { card } : { message: t.records.messages.notFound };
    }
    return { message: refusalText(t, r.reason) };
  }
  await deliver(turn.services, r.notices);
  const card = actionCardFor(turn, data.actionId, done ? t.records.messages.actionDone : t.records.messages.actionReopened);
  return card ? { card } : { message: t.records.messages.saved };
}

export function actionsCard(turn: Turn, scope: 'mine' | 'meeting' | 'person'): AdaptiveCard {
  const t = turn.t;
  const leadership = isLeadership(turn);
  const shown = leadership ? scope : 'mine';
  const groups = read(turn, (repos) => {
    const all = repos.records.actions();
    const item = (a: (typeof all)[number]) => {
      const d = actionData(repos, a);
      return { actionId: a.id, title: a.title, ownerName: d.ownerName, due: formatDate(t, a.dueDate), overdue: isOverdue({ action: a, now: turn.now }) };
    };
    if (shown === 'mine') return [{ heading: '', items: [...openActionsByPerson({ actions: all }).get(turn.person.aadObjectId) ?? []].map(item) }];
    if (shown === 'person') return [...openActionsByPerson({ actions: all })].map(([id, list]) => ({ heading: repos.people.get(id)?.name ?? '–', items: list.map(item) }));
    return [...openActionsByMeeting({ actions: all })].map(([id, list]) => ({ heading: id === '' ? t.records.actionsList.noMeeting : (repos.records.meeting(id)?.title ?? id), items: list.map(item) }));
  });
  return actionsListCard({ scope: shown, groups, canSwitch: leadership }, t);
}

// ---- Minutes -----------------------------------------------------------------------------------------------------

function minutesView(turn: Turn, meetingId: string, extra: { notice?: string; problems?: string[]; editKey?: string; signatories?: boolean } = {}): ActionResult {
  const t = turn.t;
  const me = turn.person.aadObjectId;
  const leadership = isLeadership(turn);
  const view = read(turn, (repos) => {
    const meeting = repos.records.meeting(meetingId);
    const record = repos.records.record(meetingId);
    if (!meeting || !record) return null;
    const data = minutesData(repos, record, me);
    if (!data) return null;
    const present = (record.attendance?.entries ?? []).filter((e) => e.status === 'present').map((e) => e.personId);
    const pool = present.length > 0 ? present : meeting.invitees.map((i) => i.personId);
    const choices = pool.map((id) => ({ id, label: repos.people.get(id)?.name ?? id }));
    return { meeting, record, data, choices };
  });
  if (!view) return { message: leadership ? t.records.refusals.minutes.noMinutes : t.records.messages.noMinutesForYou };
  const signatory = view.data.signatories.some((s) => s.personId === me);
  const invited = Boolean(findInvitee(view.meeting, me));
  if (!leadership && !signatory && !(view.data.status === 'justerat' && invited)) return { message: t.records.messages.noMinutesForYou };
  if (view.data.status === 'justerat') return { card: justeratCard(view.data, t, extra.notice) };
  const model = minutesModel(view.data, t, { leadership, ...(signatory ? { signatoryState: view.data.viewerState ?? 'pending' } : {}) }, {
    ...(extra.notice ? { notice: extra.notice } : {}),
    ...(extra.problems ? { problems: extra.problems } : {}),
    ...(extra.editKey && leadership ? { editKey: extra.editKey } : {}),
    ...(extra.signatories && leadership ? { signatoryChoices: view.choices } : {}),
  });
  return { card: minutesCard(model, t) };
}

export async function handleMinutes(turn: Turn, data: z.infer<typeof P.minutesViewPayload>): Promise<ActionResult> {
  const exists = read(turn, (repos) => Boolean(repos.records.record(data.meetingId)?.minutes));
  // Leadership opening minutes that do not exist yet: drafted from the record there and then.
  if (!exists && isLeadership(turn)) return handleDraftMinutes(turn, data.meetingId);
  return minutesView(turn, data.meetingId, { ...(data.edit && data.editKey ? { editKey: data.editKey } : {}), ...(data.signatories ? { signatories: true } : {}) });
}

export async function handleDraftMinutes(turn: Turn, meetingId: string): Promise<ActionResult> {
  const t = turn.t;
  const r = await draftMeetingMinutes(depsOf(turn.services), actorOf(turn), { meetingId, activityId: turn.activityId }, turn.now);
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: t.core.notAllowed };
    if (r.reason === 'duplicate') return minutesView(turn, meetingId);
    return { message: refusalText(t, r.reason) };
  }
  await deliver(turn.services, r.notices);
  return minutesView(turn, meetingId, { notice: r.value.outcome === 'unchanged' ? t.records.messages.minutesUnchanged : t.records.messages.minutesDrafted });
}

export async function handleMinutesNotes(turn: Turn, data: z.infer<typeof P.minutesNotesPayload>): Promise<ActionResult> {
  const r = await editNotes(depsOf(turn.services), actorOf(turn), { meetingId: data.meetingId, itemKey: data.itemKey, notes: data.minutesNotes, version: data.version, activityId: turn.activityId }, turn.now);
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: turn.t.core.notAllowed };
    if (r.reason === 'duplicate') return minutesView(turn, data.meetingId);
    return minutesView(turn, data.meetingId, { problems: [refusalText(turn.t, r.reason)] });
  }
  await deliver(turn.services, r.notices);
  return minutesView(turn, data.meetingId, { notice: turn.t.records.messages.saved });
}

export async function handleNameSignatories(turn: Turn, data: z.infer<typeof P.signatoriesPayload>): Promise<ActionResult> {
  const t = turn.t;
  const adjusterIds = data.adjusterIds.split(',').map((s) => s.trim()).filter(Boolean);
  const r = await nameMinutesSignatories(depsOf(turn.services), actorOf(turn), { meetingId: data.meetingId, chairId: data.chairId, adjusterIds, activityId: turn.activityId }, turn.now);
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: t.core.notAllowed };
    if (r.reason === 'duplicate') return minutesView(turn, data.meetingId);
    const problem = r.reason === 'notPresent' ? t.records.refusals.minutes.notPresent({ names: '' }) : refusalText(t, r.reason);
    return minutesView(turn, data.meetingId, { problems: [problem], signatories: true });
  }
  await deliver(turn.services, r.notices);
  return minutesView(turn, data.meetingId, { notice: t.records.messages.signatoriesNamed });
}

export async function handleMinutesAnswer(turn: Turn, data: z.infer<typeof P.minutesAnswerPayload>, approve: boolean): Promise<ActionResult> {
  const t = turn.t;
  const command = approve ? { approve: true as const } : { approve: false as const, comment: data.changeComment ?? '' };
  const r = await answerMinutes(depsOf(turn.services), actorOf(turn), { meetingId: data.meetingId, version: data.version, activityId: turn.activityId, ...command }, turn.now);
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: t.core.notAllowed };
    if (r.reason === 'duplicate') return minutesView(turn, data.meetingId);
    return minutesView(turn, data.meetingId, { problems: [refusalText(t, r.reason)] });
  }
  await deliver(turn.services, r.notices);
  const notice = r.value.outcome === 'justerat' ? t.records.messages.justerat : r.value.outcome === 'changeRequested' ? t.records.messages.changeRequested : t.records.messages.approved;
  return minutesView(turn, data.meetingId, { notice });
}

// ---- Per capsulam ------------------------------------------------------------------------------------------------

function perCapsulamFormView(turn: Turn, extra: { problems?: string[]; values?: Record<string, string> } = {}): ActionResult {
  const seats = read(turn, (repos) => {
    const date = stockholmDate(turn.now);
    const count = (body: 'programrad' | 'programgrupp') => recordSeats({ people: repos.people.all(), organisations: repos.organisations.all(), body, date }).length;
    return { programrad: count('programrad'), programgrupp: count('programgrupp') };
  });
  return { card: perCapsulamFormCard({ seats, rule: DEFAULT_PER_CAPSULAM_RULE.adoptWhen, minDate: stockholmDate(turn.now), ...(extra.values ? { values: extra.values } : {}), ...(extra.problems ? { problems: extra.problems } : {}) }, turn.t) };
}

export async function handlePerCapsulamForm(turn: Turn): Promise<ActionResult> {
  if (!isLeadership(turn)) return { message: turn.t.core.notAllowed };
  return perCapsulamFormView(turn);
}

export async function handleOpenPerCapsulam(turn: Turn, data: z.infer<typeof P.perCapsulamOpenPayload>): Promise<ActionResult> {
  const t = turn.t;
  const r = await putPerCapsulam(
    depsOf(turn.services),
    actorOf(turn),
    { body: data.pcBody, proposal: data.pcProposal ?? '', needsText: data.pcNeeds ?? '', deadlineDate: data.pcDeadlineDate, deadlineTime: data.pcDeadlineTime, activityId: turn.activityId },
    turn.now,
  );
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: t.core.notAllowed };
    if (r.reason === 'duplicate') return { message: t.records.messages.saved };
    const values = { body: data.pcBody, proposal: data.pcProposal ?? '', needs: data.pcNeeds ?? '', deadlineDate: data.pcDeadlineDate, deadlineTime: data.pcDeadlineTime };
    const problem = r.reason === 'invalid' ? t.records.refusals.perCapsulam.proposalRequired : refusalText(t, r.reason);
    return perCapsulamFormView(turn, { problems: [problem], values });
  }
  await deliver(turn.services, r.notices);
  return perCapsulamView(turn, r.value.procedure.id, t.records.messages.perCapsulamOpened({ seats: r.value.procedure.seats.length }));
}

function perCapsulamView(turn: Turn, procedureId: string, notice?: string): ActionResult {
  const me = turn.person.aadObjectId;
  const view = read(turn, (repos) => {
    const p = repos.records.procedures().find((x) => x.id === procedureId);
    if (!p) return null;
    const mine = p.seats.some((s) => (s.holderId ? s.holderId === me : s.substituteIds.includes(me)));
    return { mine, data: perCapsulamData(repos, p, me) };
  });
  if (!view) return { message: turn.t.records.messages.notFound };
  if (!view.mine && !isLeadership(turn)) return { message: turn.t.core.notAllowed };
  return { card: perCapsulamCard(perCapsulamModel(view.data, turn.t, notice), turn.t) };
}

export async function handlePerCapsulam(turn: Turn, procedureId: string): Promise<ActionResult> {
  return perCapsulamView(turn, procedureId);
}

export async function handleAnswerPerCapsulam(turn: Turn, data: z.infer<typeof P.perCapsulamAnswerPayload>): Promise<ActionResult> {
  const r = await answerProposal(depsOf(turn.services), actorOf(turn), { procedureId: data.procedureId, seatId: data.seatId, value: data.value, activityId: turn.activityId }, turn.now);
  if (!r.ok) {
    if (r.reason === 'forbidden') return { message: turn.t.core.notAllowed };
    if (r.reason === 'duplicate') return perCapsulamView(turn, data.procedureId);
    if (r.reason === 'procedureNotFound' || r.reason === 'unknownSeat') return { message: refusalText(turn.t, r.reason) };
    return perCapsulamView(turn, data.procedureId, refusalText(turn.t, r.reason));
  }
  await deliver(turn.services, r.notices);
  return perCapsulamView(turn, data.procedureId, turn.t.records.messages.answerRecorded);
}

export async function handleRefresh(turn: Turn, data: z.infer<typeof P.refreshPayload>): Promise<ActionResult> {
  return data.kind === 'minutes' ? minutesView(turn, data.id) : perCapsulamView(turn, data.id);
}
