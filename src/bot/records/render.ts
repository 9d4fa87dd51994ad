import type { ActionData, ChangeRequestedData, DecisionData, MinutesData, NoticeData, PerCapsulamData, AgendaEmptyData } from '../../app/records/notice-data.js';
import { RECORDS_NOTICE_KINDS as K } from '../../app/records/notice-data.js';
import { actionCard, type ActionCardModel } from '../../cards/action-card.js';
import { execute, plain, type AdaptiveCard } from '../../cards/adaptive-card.js';
import { decisionCard, type DecisionCardModel } from '../../cards/decision-card.js';
import { minutesCard, type MinutesCardModel } from '../../cards/minutes-card.js';
import { noticeCard, type NoticeCardModel } from '../../cards/notice-card.js';
import { perCapsulamCard, type PerCapsulamCardModel } from '../../cards/per-capsulam-card.js';
import { constituencyName, refText } from '../../cards/records-card-parts.js';
import { formatStockholm, stockholmDate } from '../../domain/time.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import type { NoticeRenderer } from '../feature.js';
import { FILE_SEND_VERB } from '../files.js';
import { formatDate, formatWhen } from '../meetings/views.js';

/** The download kind of the approved minutes (.docx or .txt), served by the records feature. */
export const MINUTES_DOWNLOAD = 'records-minutes';
/** The registrar's export (.xlsx): decisions, actions, attendance. */
export const RECORDS_EXPORT_DOWNLOAD = 'records-export';

const dateOf = (t: Catalogue, iso: string): string => formatDate(t, stockholmDate(new Date(iso)));
const dateTimeOf = (t: Catalogue, iso: string): string => `${dateOf(t, iso)} ${formatStockholm(new Date(iso), 'HH:mm')}`;

export function noticeModel(d: NoticeData, t: Catalogue, extra: Partial<NoticeCardModel> = {}): NoticeCardModel {
  return {
    meetingId: d.meeting.id,
    type: d.meeting.type,
    title: d.meeting.title,
    when: formatWhen(t, d.meeting),
    place: d.meeting.place,
    onlineUrl: d.meeting.onlineUrl,
    organiserName: d.meeting.organiserName,
    status: d.meeting.status,
    items: d.items,
    papers: d.papers,
    ...(d.changes ? { changes: d.changes } : {}),
    ...extra,
  };
}

export function decisionModel(d: DecisionData, t: Catalogue, actions: DecisionCardModel['actions'] = [], notice?: string): DecisionCardModel {
  return {
    decisionId: d.decisionId,
    ref: d.ref,
    text: d.text,
    status: d.status,
    final: d.final,
    decidedOn: dateOf(t, d.decidedAt),
    origin: d.origin,
    needs: d.needs,
    corrections: 0,
    actions,
    ...(notice ? { notice } : {}),
  };
}

export function actionModel(a: ActionData, t: Catalogue, viewer: { canUpdate: boolean; today: string }, notice?: string): ActionCardModel {
  return {
    actionId: a.actionId,
    title: a.title,
    ownerName: a.ownerName,
    due: formatDate(t, a.dueDate),
    overdue: a.status === 'open' && a.dueDate < viewer.today,
    status: a.status,
    source: a.source,
    canUpdate: viewer.canUpdate,
    ...(notice ? { notice } : {}),
  };
}

export function perCapsulamModel(p: PerCapsulamData, t: Catalogue, notice?: string): PerCapsulamCardModel {
  return {
    procedureId: p.procedureId,
    body: p.body,
    proposal: p.proposal,
    needs: p.needs,
    deadline: dateTimeOf(t, p.deadline),
    open: p.open,
    rule: p.rule,
    ...(p.seat ? { viewer: { seatId: p.seat.seatId, seatLabel: constituencyName(t, p.seat.constituency), ...(p.seat.answer ? { answer: p.seat.answer } : {}) } } : {}),
    ...(p.tally ? { tally: p.tally } : {}),
    ...(p.result
      ? {
          result: {
            outcome: p.result.outcome,
            ...(p.result.ref ? { ref: p.result.ref } : {}),
            notAnsweredSeats: p.result.notAnswered.map((s) => `${constituencyName(t, s.constituency)}${s.holderName ? ` (${s.holderName})` : ''}`),
          },
        }
      : {}),
    ...(notice ? { notice } : {}),
  };
}

export function minutesModel(m: MinutesData, t: Catalogue, viewer: MinutesCardModel['viewer'], extra: Partial<MinutesCardModel> = {}): MinutesCardModel {
  return {
    meetingId: m.meetingId,
    document: m.document,
    version: m.version,
    status: m.status,
    when: formatWhen(t, m.document.meeting),
    ...(m.justerat ? { justerat: { date: formatDate(t, m.justerat.date), names: m.justerat.names } } : {}),
    signatories: m.signatories,
    viewer,
    ...extra,
  };
}

/** The approved minutes with the buttons for the document: each press makes a fresh, personal download. */
export function justeratCard(m: MinutesData, t: Catalogue, notice?: string): AdaptiveCard {
  const card = minutesCard(minutesModel(m, t, { leadership: false }, notice ? { notice } : {}), t);
  const downloads = [
    execute(t.records.messages.download, FILE_SEND_VERB, { file: MINUTES_DOWNLOAD, meetingId: m.meetingId, format: 'docx' }),
    execute(t.records.messages.downloadText, FILE_SEND_VERB, { file: MINUTES_DOWNLOAD, meetingId: m.meetingId, format: 'txt' }),
  ];
  return { ...card, actions: [...downloads, ...((card.actions as unknown[] | undefined) ?? [])] } as AdaptiveCard;
}

/** How the records' notices look to the person who gets them. */
export const recordsNoticeRenderers: NoticeRenderer[] = [
  { kind: K.notice, render: (data, t) => noticeCard(noticeModel(data as NoticeData, t), t) },
  { kind: K.agendaEmpty, render: (data, t) => t.records.refusals.notice.agendaEmptyReminder({ title: plain((data as AgendaEmptyData).title) }) },
  {
    kind: K.decisionForNeed,
    render: (data, t) => {
      const d = data as DecisionData;
      const notice = t.records.decision.toNeedOwners({ ref: refText(t, d.ref), needs: (d.mine ?? []).map((n) => `#${n}`).join(', ') });
      return decisionCard(decisionModel(d, t, [], plain(notice)), t);
    },
  },
  { kind: K.actionAssigned, render: (data, t) => actionCard(actionModel(data as ActionData, t, { canUpdate: true, today: '' }, t.records.action.assigned), t) },
  {
    kind: K.actionReminder,
    render: (data, t) => {
      const a = data as ActionData;
      return actionCard(actionModel(a, t, { canUpdate: true, today: '' }, t.records.action.reminder({ due: formatDate(t, a.dueDate) })), t);
    },
  },
  { kind: K.perCapsulamQuestion, render: (data, t) => perCapsulamCard(perCapsulamModel(data as PerCapsulamData, t), t) },
  {
    kind: K.perCapsulamReminder,
    render: (data, t) => {
      const p = data as PerCapsulamData;
      return perCapsulamCard(perCapsulamModel(p, t, t.records.perCapsulam.reminder({ date: dateTimeOf(t, p.deadline) })), t);
    },
  },
  { kind: K.perCapsulamResult, render: (data, t) => perCapsulamCard(perCapsulamModel(data as PerCapsulamData, t), t) },
  {
    kind: K.minutesApproval,
    render: (data, t) => {
      const m = data as MinutesData;
      return minutesCard(minutesModel(m, t, { leadership: false, signatoryState: m.viewerState ?? 'pending' }, { notice: t.records.messages.minutesApprovalIntro }), t);
    },
  },
  {
    kind: K.minutesChangeRequested,
    render: (data, t) => {
      const c = data as ChangeRequestedData;
      return plain(t.records.messages.changeRequestedTo({ name: c.byName, title: c.meetingTitle, version: c.version, comment: c.comment }));
    },
  },
  { kind: K.minutesJusterat, render: (data, t) => justeratCard(data as MinutesData, t, t.records.messages.minutesJusteratIntro) },
];
