import type { Meeting } from '../../domain/meetings/meeting.js';
import type { ActionItem } from '../../domain/records/action.js';
import { decisionRef, type Decision } from '../../domain/records/decision.js';
import { approvalStates, currentVersion } from '../../domain/records/minutes.js';
import { currentAnswers, perCapsulamTally, type PerCapsulam } from '../../domain/records/per-capsulam.js';
import { isLatePaper, type MeetingRecord, type Paper } from '../../domain/records/record.js';
import type { Repositories } from '../repositories.js';
import type { ActionData, DecisionData, MeetingHead, MinutesData, NoticeData, PaperData, PerCapsulamData } from './notice-data.js';

/** Read models of the records, with names resolved: what notices carry and what the Teams handlers render. */

export const personName = (repos: Repositories, id: string): string => repos.people.get(id)?.name ?? '–';

export function meetingHead(repos: Repositories, meeting: Meeting): MeetingHead {
  return {
    id: meeting.id,
    type: meeting.type,
    title: meeting.title,
    start: meeting.start,
    end: meeting.end,
    ...(meeting.place !== undefined ? { place: meeting.place } : {}),
    ...(meeting.onlineUrl !== undefined ? { onlineUrl: meeting.onlineUrl } : {}),
    status: meeting.status,
    organiserName: personName(repos, meeting.organiserId),
  };
}

const paperData = (record: MeetingRecord, p: Paper): PaperData => ({
  paperId: p.id,
  title: p.title,
  ...(p.source.kind === 'link' ? { url: p.source.url } : { fileName: p.source.fileName }),
  late: isLatePaper({ record, paper: p }),
});

export function noticeData(repos: Repositories, meeting: Meeting, record: MeetingRecord, changes?: NoticeData['changes']): NoticeData {
  return {
    meeting: meetingHead(repos, meeting),
    items: record.agenda.map((a) => ({
      itemId: a.id,
      title: a.title,
      ...(a.description !== undefined ? { description: a.description } : {}),
      ...(a.presenter ? { presenterName: 'personId' in a.presenter ? personName(repos, a.presenter.personId) : a.presenter.name } : {}),
      papers: record.papers.filter((p) => p.agendaItemId === a.id).map((p) => paperData(record, p)),
    })),
    papers: record.papers.filter((p) => p.agendaItemId === undefined).map((p) => paperData(record, p)),
    ...(changes ? { changes } : {}),
  };
}

const needsOf = (repos: Repositories, numbers: readonly number[]) => {
  const byNumber = new Map(repos.records.needs().map((n) => [n.number, n]));
  return numbers.map((number) => ({ number, title: byNumber.get(number)?.title ?? '' }));
};

export function decisionData(repos: Repositories, d: Decision, mine?: number[]): DecisionData {
  let origin: DecisionData['origin'] = { kind: 'perCapsulam' };
  if (d.origin.kind === 'meeting') {
    const meeting = repos.records.meeting(d.origin.meetingId);
    const itemId = d.origin.agendaItemId;
    const item = itemId ? repos.records.record(d.origin.meetingId)?.agenda.find((a) => a.id === itemId) : undefined;
    origin = { kind: 'meeting', meetingTitle: meeting?.title ?? '', ...(item ? { agendaItemTitle: item.title } : {}) };
  }
  return {
    decisionId: d.id,
    ref: decisionRef(d),
    text: d.text,
    status: d.status,
    final: d.finalAt !== null,
    decidedAt: d.decidedAt,
    origin,
    needs: needsOf(repos, d.needNumbers),
    ...(mine ? { mine } : {}),
  };
}

export function actionData(repos: Repositories, a: ActionItem): ActionData {
  const decision = a.decisionId ? repos.records.decisions().find((d) => d.id === a.decisionId) : undefined;
  const meeting = a.meetingId ? repos.records.meeting(a.meetingId) : undefined;
  const item = a.meetingId && a.agendaItemId ? repos.records.record(a.meetingId)?.agenda.find((x) => x.id === a.agendaItemId) : undefined;
  return {
    actionId: a.id,
    title: a.title,
    ownerName: personName(repos, a.ownerId),
    dueDate: a.dueDate,
    status: a.status,
    source: decision ? { kind: 'decision', ref: decisionRef(decision) } : { kind: 'agendaItem', meetingTitle: meeting?.title ?? '', itemTitle: item?.title ?? '' },
  };
}

export function perCapsulamData(repos: Repositories, p: PerCapsulam, viewerId?: string): PerCapsulamData {
  const seat = viewerId ? p.seats.find((s) => (s.holderId ? s.holderId === viewerId : s.substituteIds.includes(viewerId))) : undefined;
  const answers = currentAnswers(p);
  const decision = p.result?.decisionId ? repos.records.decisions().find((d) => d.id === p.result?.decisionId) : undefined;
  const tally = perCapsulamTally(p);
  return {
    procedureId: p.id,
    body: p.body,
    proposal: p.proposal,
    needs: needsOf(repos, p.needNumbers),
    deadline: p.deadline,
    open: p.result === null,
    rule: p.rule.adoptWhen,
    ...(seat ? { seat: { seatId: seat.seatId, constituency: seat.constituency, ...(answers.get(seat.seatId) ? { answer: answers.get(seat.seatId)?.value } : {}) } } : {}),
    tally: { yes: tally.yes.length, no: tally.no.length, notAnswered: tally.notAnswered.length },
    ...(p.result
      ? {
          result: {
            outcome: p.result.outcome,
            ...(decision ? { ref: decisionRef(decision) } : {}),
            notAnswered: p.result.notAnswered.map((seatId) => {
              const s = p.seats.find((x) => x.seatId === seatId);
              return { seatId, constituency: s?.constituency ?? '', ...(s?.holderId ? { holderName: personName(repos, s.holderId) } : {}) };
            }),
          },
        }
      : {}),
  };
}

export function minutesData(repos: Repositories, record: MeetingRecord, viewerId?: string): MinutesData | null {
  const minutes = record.minutes;
  if (!minutes) return null;
  const current = currentVersion(minutes);
  const states = approvalStates(minutes);
  const mine = viewerId ? states.find((s) => s.personId === viewerId) : undefined;
  return {
    meetingId: record.meetingId,
    document: current.document,
    version: current.version,
    status: minutes.status,
    ...(minutes.justerat ? { justerat: { date: minutes.justerat.date, names: minutes.justerat.signatories.map((s) => s.name).join(', ') } } : {}),
    signatories: states.map((s) => ({ personId: s.personId, name: s.name, role: s.role, state: s.state, ...(s.comment !== undefined ? { comment: s.comment } : {}) })),
    ...(mine && minutes.status === 'draft' ? { viewerState: mine.state } : {}),
  };
}
