import type { MeetingType } from '../../domain/meetings/meeting.js';
import type { ApprovalState } from '../../domain/records/minutes.js';
import type { DecisionBody } from '../../domain/records/common.js';
import type { DecisionRef } from '../../domain/records/decision.js';
import type { PerCapsulamAnswerValue, PerCapsulamRule } from '../../domain/records/per-capsulam.js';
import type { MinutesDocument, NoticeChange } from '../../domain/records/record.js';

/**
 * What the records use cases' notices carry (src/app/kernel.ts `Notice.data`): everything the message shows, with
 * names resolved, so a renderer needs no store. Times are ISO instants; the renderer words them in the reader's language.
 */

export const RECORDS_NOTICE_KINDS = {
  notice: 'records.notice',
  agendaEmpty: 'records.agendaEmpty',
  decisionForNeed: 'records.decisionForNeed',
  actionAssigned: 'records.actionAssigned',
  actionReminder: 'records.actionReminder',
  perCapsulamQuestion: 'records.perCapsulamQuestion',
  perCapsulamReminder: 'records.perCapsulamReminder',
  perCapsulamResult: 'records.perCapsulamResult',
  minutesApproval: 'records.minutesApproval',
  minutesChangeRequested: 'records.minutesChangeRequested',
  minutesJusterat: 'records.minutesJusterat',
} as const;

export interface MeetingHead {
  id: string;
  type: MeetingType;
  title: string;
  start: string;
  end: string;
  place?: string | undefined;
  onlineUrl?: string | undefined;
  status: 'scheduled' | 'cancelled';
  organiserName: string;
}

export interface PaperData {
  paperId: string;
  title: string;
  url?: string | undefined;
  fileName?: string | undefined;
  late: boolean;
}

export interface NoticeData {
  meeting: MeetingHead;
  items: Array<{ itemId: string; title: string; description?: string | undefined; presenterName?: string | undefined; papers: PaperData[] }>;
  papers: PaperData[];
  /** An announcement of changes: what changed since the invitees were last told. */
  changes?: NoticeChange[] | undefined;
}

export interface AgendaEmptyData {
  meetingId: string;
  title: string;
}

export interface DecisionData {
  decisionId: string;
  ref: DecisionRef;
  text: string;
  status: 'valid' | 'withdrawn' | 'superseded';
  final: boolean;
  decidedAt: string;
  origin: { kind: 'meeting'; meetingTitle: string; agendaItemTitle?: string | undefined } | { kind: 'perCapsulam' };
  needs: Array<{ number: number; title: string }>;
  /** For a need owner: the needs of theirs it concerns. */
  mine?: number[] | undefined;
}

export interface ActionData {
  actionId: string;
  title: string;
  ownerName: string;
  dueDate: string;
  status: 'open' | 'done';
  source: { kind: 'decision'; ref: DecisionRef } | { kind: 'agendaItem'; meetingTitle: string; itemTitle: string };
}

export interface PerCapsulamData {
  procedureId: string;
  body: DecisionBody;
  proposal: string;
  needs: Array<{ number: number; title: string }>;
  deadline: string;
  open: boolean;
  rule: PerCapsulamRule['adoptWhen'];
  /** The seat the reader answers for (its constituency key), with their answer so far. */
  seat?: { seatId: string; constituency: string; answer?: PerCapsulamAnswerValue | undefined } | undefined;
  tally?: { yes: number; no: number; notAnswered: number } | undefined;
  result?: { outcome: 'adopted' | 'rejected'; ref?: DecisionRef | undefined; notAnswered: Array<{ seatId: string; constituency: string; holderName?: string | undefined }> } | undefined;
}

export interface MinutesData {
  meetingId: string;
  document: MinutesDocument;
  version: number;
  status: 'draft' | 'justerat';
  justerat?: { date: string; names: string } | undefined;
  signatories: Array<{ personId: string; name: string; role: 'chair' | 'adjuster'; state: ApprovalState; comment?: string | undefined }>;
  /** The reader's own approval state, when they are a signatory of a draft. */
  viewerState?: ApprovalState | undefined;
}

export interface ChangeRequestedData {
  meetingId: string;
  meetingTitle: string;
  byName: string;
  comment: string;
  version: number;
}
