import type { Meeting } from '../meetings/meeting.js';
import { can } from '../permissions.js';
import { stockholmDate } from '../time.js';
import { RECORD_LIMITS, checkText, cleanText, type RecordActor, type SeatInput } from './common.js';
import type { ActionItem } from './action.js';
import type { Decision } from './decision.js';
import {
  OTHER_ITEM_KEY,
  isLocked,
  type AttendanceEntry,
  type MeetingRecord,
  type Minutes,
  type MinutesAction,
  type MinutesDecision,
  type MinutesDocument,
  type MinutesEvent,
  type MinutesItem,
  type MinutesPerson,
  type Signatory,
} from './record.js';

/**
 * Minutes (protokoll) and their approval (justering). Leadership drafts them from the record (agenda, attendance,
 * decisions, actions) and writes notes per item; it names the chair (ordförande) and one or two adjusters (justerare).
 * Each of them approves the current version or asks for a change. Every change makes a new version, and approvals
 * count for the version they were given for only, so a change means everyone approves again. When all have approved
 * the current version the minutes are justerade, with the date and names, and the record is locked. Every version and
 * every approval or request is kept: `events` is what the audit record shows.
 */

/** A person's name and organisation as the minutes print them; the caller resolves them from the roster. */
export type PersonInfo = (personId: string) => { name: string; organisation: string } | undefined;

/** The current (latest) version. */
export const currentVersion = (minutes: Minutes): Minutes['versions'][number] => minutes.versions[minutes.versions.length - 1] as Minutes['versions'][number];

function person(entry: AttendanceEntry, info: PersonInfo, seats: readonly SeatInput[]): MinutesPerson {
  const who = info(entry.personId);
  const seat = entry.seatId ? seats.find((s) => s.seatId === entry.seatId) : undefined;
  const holderName = entry.role === 'substitute' && seat?.holderId ? info(seat.holderId)?.name : undefined;
  return {
    personId: entry.personId,
    // A person who has left the roster keeps their id in the minutes; the renderer shows it rather than nothing.
    name: who?.name ?? entry.personId,
    organisation: who?.organisation ?? '',
    role: entry.role,
    ...(seat ? { constituency: seat.constituency } : {}),
    ...(holderName ? { forName: holderName } : {}),
  };
}

const decisionLine = (d: Decision): MinutesDecision => ({
  decisionId: d.id,
  body: d.body,
  year: d.year,
  number: d.number,
  text: d.text,
  needNumbers: d.needNumbers,
  status: d.status,
});

const actionLine = (a: ActionItem, info: PersonInfo): MinutesAction => ({
  actionId: a.id,
  title: a.title,
  ownerId: a.ownerId,
  ownerName: info(a.ownerId)?.name ?? a.ownerId,
  dueDate: a.dueDate,
});

/**
 * The minutes document from the record as it is now: attendance, then one section per agenda item with its
 * decisions (in number order, withdrawn ones included, marked) and actions, then a section for what belongs to no
 * item. Notes written in `previous` are kept per item (an item removed from the agenda takes its notes with it).
 */
export function generateMinutesDocument({
  meeting,
  record,
  decisions,
  actions,
  personInfo,
  seats,
  previous,
}: {
  meeting: Pick<Meeting, 'id' | 'type' | 'title' | 'start' | 'end' | 'place' | 'onlineUrl'>;
  record: Pick<MeetingRecord, 'agenda' | 'attendance'>;
  /** The decisions log (the meeting's are picked out). */
  decisions: readonly Decision[];
  /** All action items (the meeting's are picked out). */
  actions: readonly ActionItem[];
  personInfo: PersonInfo;
  seats: readonly SeatInput[];
  previous?: MinutesDocument | undefined;
}): MinutesDocument {
  const notesOf = new Map(previous?.items.map((i) => [i.key, i.notes]) ?? []);
  const ours = decisions
    .filter((d) => d.origin.kind === 'meeting' && d.origin.meetingId === meeting.id)
    .sort((a, b) => a.year - b.year || a.number - b.number);
  const ourActions = actions.filter((a) => a.meetingId === meeting.id).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const itemIds = new Set(record.agenda.map((a) => a.id));
  const itemOf = (d: Decision): string => (d.origin.kind === 'meeting' && d.origin.agendaItemId && itemIds.has(d.origin.agendaItemId) ? d.origin.agendaItemId : OTHER_ITEM_KEY);
  const actionItemOf = (a: ActionItem): string => (a.agendaItemId && itemIds.has(a.agendaItemId) ? a.agendaItemId : OTHER_ITEM_KEY);

  const section = (key: string, title: string): MinutesItem => ({
    key,
    title,
    notes: notesOf.get(key) ?? '',
    decisions: ours.filter((d) => itemOf(d) === key).map(decisionLine),
    actions: ourActions.filter((a) => actionItemOf(a) === key).map((a) => actionLine(a, personInfo)),
  });
  const items = record.agenda.map((a) => section(a.id, a.title));
  const other = section(OTHER_ITEM_KEY, '');
  if (other.decisions.length > 0 || other.actions.length > 0 || other.notes !== '') items.push(other);

  const entries = record.attendance?.entries ?? [];
  const pick = (status: AttendanceEntry['status']) => entries.filter((e) => e.status === status).map((e) => person(e, personInfo, seats));
  return {
    meeting: {
      id: meeting.id,
      type: meeting.type,
      title: meeting.title,
      start: meeting.start,
      end: meeting.end,
      ...(meeting.place !== undefined ? { place: meeting.place } : {}),
      ...(meeting.onlineUrl !== undefined ? { onlineUrl: meeting.onlineUrl } : {}),
    },
    attendance: {
      recorded: record.attendance !== null,
      present: pick('present'),
      absent: pick('absent'),
      unknown: pick('unknown'),
      guests: record.attendance?.guests ?? [],
      quorum: record.attendance?.quorum ?? null,
    },
    items,
  };
}

type Guard = 'forbidden' | 'noMinutes' | 'locked';

const sameDocument = (a: MinutesDocument, b: MinutesDocument): boolean => JSON.stringify(a) === JSON.stringify(b);

function addVersion(minutes: Minutes, document: MinutesDocument, kind: 'drafted' | 'regenerated' | 'edited', by: string, at: string): Minutes {
  const version = minutes.versions.length + 1;
  return {
    ...minutes,
    versions: [...minutes.versions, { version, document, at, by }],
    events: [...minutes.events, { at, by, kind, version }],
  };
}

export type DraftMinutesResult =
  | { ok: true; outcome: 'drafted' | 'regenerated' | 'unchanged'; record: MeetingRecord }
  | { ok: false; reason: 'forbidden' | 'locked' | 'cancelled' | 'meetingNotStarted' };

/**
 * Drafts the minutes from the record, or — when a draft exists — regenerates it from the record as it is now
 * (attendance corrected, a decision added), keeping the notes written per item. A regenerated draft that differs is a
 * new version, so approvals already given no longer count.
 */
export function draftMinutes({
  meeting,
  record,
  decisions,
  actions,
  personInfo,
  seats,
  actor,
  now,
}: {
  meeting: Pick<Meeting, 'id' | 'type' | 'title' | 'start' | 'end' | 'place' | 'onlineUrl' | 'status'>;
  record: MeetingRecord;
  decisions: readonly Decision[];
  actions: readonly ActionItem[];
  personInfo: PersonInfo;
  seats: readonly SeatInput[];
  actor: RecordActor;
  now: Date;
}): DraftMinutesResult {
  if (!can(actor, 'records.manage')) return { ok: false, reason: 'forbidden' };
  if (isLocked(record)) return { ok: false, reason: 'locked' };
  if (meeting.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (now.getTime() < Date.parse(meeting.start)) return { ok: false, reason: 'meetingNotStarted' };
  const at = now.toISOString();
  const previous = record.minutes ? currentVersion(record.minutes).document : undefined;
  const document = generateMinutesDocument({ meeting, record, decisions, actions, personInfo, seats, previous });
  if (!record.minutes) {
    const minutes: Minutes = {
      status: 'draft',
      versions: [{ version: 1, document, at, by: actor.aadObjectId }],
      signatories: [],
      events: [{ at, by: actor.aadObjectId, kind: 'drafted', version: 1 }],
      justerat: null,
    };
    return { ok: true, outcome: 'drafted', record: { ...record, minutes, updatedAt: at } };
  }
  if (previous && sameDocument(previous, document)) return { ok: true, outcome: 'unchanged', record };
  return { ok: true, outcome: 'regenerated', record: { ...record, minutes: addVersion(record.minutes, document, 'regenerated', actor.aadObjectId, at), updatedAt: at } };
}

function guard(record: MeetingRecord, actor: RecordActor): Guard | undefined {
  if (!can(actor, 'records.manage')) return 'forbidden';
  if (!record.minutes) return 'noMinutes';
  if (isLocked(record)) return 'locked';
  return undefined;
}

/** Leadership writes the notes of one section (an agenda item's id, or OTHER_ITEM_KEY): a new version. */
export function editMinutesNotes({
  record,
  itemKey,
  notes,
  actor,
  now,
}: {
  record: MeetingRecord;
  itemKey: string;
  notes: string;
  actor: RecordActor;
  now: Date;
}): { ok: true; outcome: 'edited' | 'unchanged'; record: MeetingRecord } | { ok: false; reason: Guard | 'itemNotFound' | 'notesTooLong' } {
  const refusal = guard(record, actor);
  if (refusal || !record.minutes) return { ok: false, reason: refusal ?? 'noMinutes' };
  const current = currentVersion(record.minutes).document;
  const hasItem = current.items.some((i) => i.key === itemKey) || itemKey === OTHER_ITEM_KEY;
  if (!hasItem) return { ok: false, reason: 'itemNotFound' };
  const text = cleanText(notes, { multiline: true, max: RECORD_LIMITS.minutesNotes });
  if (checkText(text, RECORD_LIMITS.minutesNotes) === 'tooLong') return { ok: false, reason: 'notesTooLong' };
  const exists = current.items.some((i) => i.key === itemKey);
  if ((current.items.find((i) => i.key === itemKey)?.notes ?? '') === text) return { ok: true, outcome: 'unchanged', record };
  const items = exists
    ? current.items.map((i) => (i.key === itemKey ? { ...i, notes: text } : i))
    : [...current.items, { key: OTHER_ITEM_KEY, title: '', notes: text, decisions: [], actions: [] }];
  const at = now.toISOString();
  return { ok: true, outcome: 'edited', record: { ...record, minutes: addVersion(record.minutes, { ...current, items }, 'edited', actor.aadObjectId, at), updatedAt: at } };
}

export type NameSignatoriesResult =
  | { ok: true; record: MeetingRecord }
  | { ok: false; reason: Guard | 'chairRequired' | 'adjusterCount' | 'samePersonTwice' }
  | { ok: false; reason: 'unknownPerson' | 'notPresent'; personIds: string[] };

/**
 * Leadership names the chair and one or two adjusters. They must be different people, and when attendance is
 * recorded they must have been present (you cannot vouch for minutes of a meeting you did not attend). Naming them
 * again replaces the names; approvals already given by people still named stand.
 */
export function nameSignatories({
  record,
  chairId,
  adjusterIds,
  personInfo,
  actor,
  now,
}: {
  record: MeetingRecord;
  chairId: string;
  adjusterIds: readonly string[];
  personInfo: PersonInfo;
  actor: RecordActor;
  now: Date;
}): NameSignatoriesResult {
  const refusal = guard(record, actor);
  if (refusal || !record.minutes) return { ok: false, reason: refusal ?? 'noMinutes' };
  const chair = chairId.trim().toLowerCase();
  const adjusters = adjusterIds.map((a) => a.trim().toLowerCase()).filter((a) => a !== '');
  if (chair === '') return { ok: false, reason: 'chairRequired' };
  if (adjusters.length < 1 || adjusters.length > 2) return { ok: false, reason: 'adjusterCount' };
  const all = [chair, ...adjusters];
  if (new Set(all).size !== all.length) return { ok: false, reason: 'samePersonTwice' };
  const unknown = all.filter((id) => !personInfo(id));
  if (unknown.length > 0) return { ok: false, reason: 'unknownPerson', personIds: unknown };
  if (record.attendance) {
    const present = new Set(record.attendance.entries.filter((e) => e.status === 'present').map((e) => e.personId));
    const absent = all.filter((id) => !present.has(id));
    if (absent.length > 0) return { ok: false, reason: 'notPresent', personIds: absent };
  }
  const signatories: Signatory[] = all.map((personId, i) => ({ personId, name: personInfo(personId)?.name ?? personId, role: i === 0 ? 'chair' : 'adjuster' }));
  const at = now.toISOString();
  const version = currentVersion(record.minutes).version;
  return {
    ok: true,
    record: {
      ...record,
      minutes: { ...record.minutes, signatories, events: [...record.minutes.events, { at, by: actor.aadObjectId, kind: 'signatoriesNamed', version }] },
      updatedAt: at,
    },
  };
}

export type ApprovalState = 'approved' | 'changeRequested' | 'pending';

/** Each named signatory's state for the current version: their latest approval or request for it, else pending. */
export function approvalStates(minutes: Minutes): Array<Signatory & { state: ApprovalState; comment?: string | undefined }> {
  const version = currentVersion(minutes).version;
  return minutes.signatories.map((s) => {
    const last = [...minutes.events]
      .reverse()
      .find((e) => e.by === s.personId && e.version === version && (e.kind === 'approved' || e.kind === 'changeRequested'));
    const state: ApprovalState = last?.kind === 'approved' ? 'approved' : last?.kind === 'changeRequested' ? 'changeRequested' : 'pending';
    return { ...s, state, ...(last?.comment !== undefined ? { comment: last.comment } : {}) };
  });
}

type SignatoryRefusal = 'noMinutes' | 'forbidden' | 'alreadyJusterat' | 'versionChanged';

function signatoryGuard(record: MeetingRecord, actor: RecordActor, version: number): SignatoryRefusal | undefined {
  if (!record.minutes) return 'noMinutes';
  if (!can(actor, 'records.approveMinutes', { signatoryIds: record.minutes.signatories.map((s) => s.personId) })) return 'forbidden';
  if (record.minutes.status === 'justerat') return 'alreadyJusterat';
  // The card showed another version: the text they read is not the text there is now.
  if (version !== currentVersion(record.minutes).version) return 'versionChanged';
  return undefined;
}

export type ApproveMinutesResult =
  | { ok: true; outcome: 'approved' | 'justerat' | 'unchanged'; record: MeetingRecord; /** Signatories who have yet to approve. */ pending: string[] }
  | { ok: false; reason: SignatoryRefusal };

/**
 * A signatory approves the version their card showed. When every named signatory has approved the current version,
 * the minutes are justerade: dated (Stockholm), the names kept, the record locked. Then make the meeting's
 * decisions final (finaliseMeetingDecisions) in the same write, and send the minutes (minutesDistribution).
 */
export function approveMinutes({ record, version, actor, now }: { record: MeetingRecord; version: number; actor: RecordActor; now: Date }): ApproveMinutesResult {
  const refusal = signatoryGuard(record, actor, version);
  if (refusal || !record.minutes) return { ok: false, reason: refusal ?? 'noMinutes' };
  const states = approvalStates(record.minutes);
  const mine = states.find((s) => s.personId === actor.aadObjectId);
  if (mine?.state === 'approved') return { ok: true, outcome: 'unchanged', record, pending: states.filter((s) => s.state !== 'approved').map((s) => s.personId) };
  const at = now.toISOString();
  const events: MinutesEvent[] = [...record.minutes.events, { at, by: actor.aadObjectId, kind: 'approved', version }];
  const approved = { ...record.minutes, events };
  const pending = approvalStates(approved).filter((s) => s.state !== 'approved').map((s) => s.personId);
  if (pending.length > 0 || approved.signatories.length < 2) {
    return { ok: true, outcome: 'approved', record: { ...record, minutes: approved, updatedAt: at }, pending };
  }
  const minutes: Minutes = {
    ...approved,
    status: 'justerat',
    events: [...events, { at, by: actor.aadObjectId, kind: 'justerat', version }],
    justerat: { at, date: stockholmDate(now), version, signatories: approved.signatories },
  };
  return { ok: true, outcome: 'justerat', record: { ...record, minutes, updatedAt: at }, pending: [] };
}

export type RequestChangeResult =
  | { ok: true; record: MeetingRecord; /** Who should act on the request: whoever made the current version. */ notify: string[] }
  | { ok: false; reason: SignatoryRefusal | 'commentRequired' | 'commentTooLong' };

/** A signatory asks for a change to the version their card showed, saying what. Leadership then edits (a new version). */
export function requestMinutesChange({
  record,
  version,
  comment,
  actor,
  now,
}: {
  record: MeetingRecord;
  version: number;
  comment: string;
  actor: RecordActor;
  now: Date;
}): RequestChangeResult {
  const refusal = signatoryGuard(record, actor, version);
  if (refusal || !record.minutes) return { ok: false, reason: refusal ?? 'noMinutes' };
  const text = cleanText(comment, { multiline: true, max: RECORD_LIMITS.comment });
  const problem = checkText(text, RECORD_LIMITS.comment);
  if (problem) return { ok: false, reason: problem === 'required' ? 'commentRequired' : 'commentTooLong' };
  const at = now.toISOString();
  const minutes = { ...record.minutes, events: [...record.minutes.events, { at, by: actor.aadObjectId, kind: 'changeRequested' as const, version, comment: text }] };
  const drafter = currentVersion(record.minutes).by;
  return { ok: true, record: { ...record, minutes, updatedAt: at }, notify: drafter === actor.aadObjectId ? [] : [drafter] };
}

export interface MinutesDelivery {
  key: string;
  personId: string;
  version: number;
}

/**
 * The approval requests still to send: the current version to each named signatory who has not yet approved it
 * (keyed per version, so a new version is sent again, and a restart sends nothing twice).
 */
export function minutesApprovalRequests({ record, sentKeys }: { record: Pick<MeetingRecord, 'meetingId' | 'minutes'>; sentKeys: ReadonlySet<string> }): MinutesDelivery[] {
  const minutes = record.minutes;
  if (!minutes || minutes.status !== 'draft' || minutes.signatories.length < 2) return [];
  const version = currentVersion(minutes).version;
  return approvalStates(minutes)
    .filter((s) => s.state !== 'approved')
    .map((s) => ({ key: `${record.meetingId}:minutes-approval:v${version}:${s.personId}`, personId: s.personId, version }))
    .filter((d) => !sentKeys.has(d.key));
}

/** After justering: the approved minutes to every invitee and signatory, once each. */
export function minutesDistribution({
  meeting,
  record,
  sentKeys,
}: {
  meeting: Pick<Meeting, 'invitees'>;
  record: Pick<MeetingRecord, 'meetingId' | 'minutes'>;
  sentKeys: ReadonlySet<string>;
}): MinutesDelivery[] {
  const justerat = record.minutes?.justerat;
  if (!justerat) return [];
  const ids = [...new Set([...meeting.invitees.map((i) => i.personId), ...justerat.signatories.map((s) => s.personId)])];
  return ids
    .map((personId) => ({ key: `${record.meetingId}:minutes-justerat:${personId}`, personId, version: justerat.version }))
    .filter((d) => !sentKeys.has(d.key));
}

export interface MinutesAuditEntry extends MinutesEvent {
  /** Stable: the meeting and the event's place in the history, which only grows. */
  id: string;
  meetingId: string;
}

/** The minutes' history as audit entries: drafts, edits, naming of signatories, approvals, requests, justering. */
export const minutesAuditEntries = (record: Pick<MeetingRecord, 'meetingId' | 'minutes'>): MinutesAuditEntry[] =>
  (record.minutes?.events ?? []).map((e, i) => ({ ...e, id: `${record.meetingId}:minutes:${i + 1}`, meetingId: record.meetingId }));
