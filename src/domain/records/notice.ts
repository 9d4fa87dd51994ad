import { z } from 'zod';
import { addLocalDays, stockholmAt } from '../meetings/local-date.js';
import { meetingDate, type Meeting } from '../meetings/meeting.js';
import { can } from '../permissions.js';
import type { RecordActor } from './common.js';
import { isLocked, type AgendaItem, type AgendaSnapshot, type MeetingRecord, type NoticeChange, type Paper } from './record.js';

/**
 * The notice (kallelse): one card with the agenda and papers to every invitee, a configurable number of days before
 * the meeting. Changes after it are announced once each: what changed since the invitees were last told.
 */

export const noticeConfigSchema = z
  .object({
    /** Days before the meeting's day the notice goes out. */
    daysBefore: z.number().int().min(0).max(60).default(7),
    /** Stockholm time of day it goes out, HH:mm. */
    timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('09:00'),
  })
  .strict();
export type NoticeConfig = z.infer<typeof noticeConfigSchema>;
export const DEFAULT_NOTICE_CONFIG: NoticeConfig = noticeConfigSchema.parse({});

/** Stable key of a meeting's notice: persist it when sent (per person: `${key}:${personId}`). */
export const noticeKey = (meetingId: string): string => `${meetingId}:notice`;
/** Stable key of one announcement of changes, named by the revision it brings the invitees up to. */
export const changesKey = (meetingId: string, revision: number): string => `${meetingId}:notice-changes:${revision}`;

/** The moment a meeting's notice is scheduled for: `daysBefore` calendar days before its Stockholm date, at `timeOfDay`. */
export function noticeTime({ meeting, daysBefore = DEFAULT_NOTICE_CONFIG.daysBefore, timeOfDay = DEFAULT_NOTICE_CONFIG.timeOfDay }: {
  meeting: Pick<Meeting, 'start'>;
  daysBefore?: number;
  timeOfDay?: string;
}): Date {
  return stockholmAt(addLocalDays(meetingDate(meeting), -daysBefore), timeOfDay);
}

export type NoticeDue =
  | { due: true; key: string; at: Date }
  /** `agendaEmpty`: it is time, but there is nothing to send; tell leadership (once, by `key`) instead. */
  | { due: false; reason: 'agendaEmpty'; key: string; at: Date }
  | { due: false; reason: 'notYet'; at: Date }
  | { due: false; reason: 'alreadySent' | 'cancelled' | 'meetingStarted' };

/**
 * Whether the notice should go out now. A meeting booked later than the notice time gets it at once. A notice missed
 * while the bot was down goes out at the next check, until the meeting starts.
 */
export function noticeDue({
  meeting,
  record,
  now,
  daysBefore = DEFAULT_NOTICE_CONFIG.daysBefore,
  timeOfDay = DEFAULT_NOTICE_CONFIG.timeOfDay,
}: {
  meeting: Pick<Meeting, 'id' | 'start' | 'status'>;
  /** The meeting's record, if leadership has started one. */
  record: Pick<MeetingRecord, 'notice' | 'agenda'> | undefined;
  now: Date;
  daysBefore?: number;
  timeOfDay?: string;
}): NoticeDue {
  if (meeting.status === 'cancelled') return { due: false, reason: 'cancelled' };
  if (record?.notice) return { due: false, reason: 'alreadySent' };
  if (now.getTime() >= Date.parse(meeting.start)) return { due: false, reason: 'meetingStarted' };
  const at = noticeTime({ meeting, daysBefore, timeOfDay });
  if (now.getTime() < at.getTime()) return { due: false, reason: 'notYet', at };
  if (!record || record.agenda.length === 0) return { due: false, reason: 'agendaEmpty', key: `${noticeKey(meeting.id)}:agenda-empty`, at };
  return { due: true, key: noticeKey(meeting.id), at };
}

const snapshotOf = (record: MeetingRecord): AgendaSnapshot => ({ revision: record.revision, agenda: record.agenda, papers: record.papers });

/**
 * Marks the notice sent, keeping the agenda and papers as sent. `actor` is leadership sending it by hand; null when
 * it goes out on schedule. The caller then delivers it (noticeDeliveries).
 */
export function sendNotice({
  meeting,
  record,
  actor,
  now,
}: {
  meeting: Pick<Meeting, 'start' | 'status'>;
  record: MeetingRecord;
  actor: RecordActor | null;
  now: Date;
}): { ok: true; record: MeetingRecord } | { ok: false; reason: 'forbidden' | 'alreadySent' | 'agendaEmpty' | 'cancelled' | 'meetingStarted' | 'locked' } {
  if (actor && !can(actor, 'records.manage')) return { ok: false, reason: 'forbidden' };
  if (isLocked(record)) return { ok: false, reason: 'locked' };
  if (meeting.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (record.notice) return { ok: false, reason: 'alreadySent' };
  if (now.getTime() >= Date.parse(meeting.start)) return { ok: false, reason: 'meetingStarted' };
  if (record.agenda.length === 0) return { ok: false, reason: 'agendaEmpty' };
  const at = now.toISOString();
  return {
    ok: true,
    record: { ...record, notice: { sentAt: at, sentBy: actor?.aadObjectId ?? null, baseline: snapshotOf(record), announcements: [] }, updatedAt: at },
  };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * What differs between two states of the agenda and papers, in agenda order: items added, removed, changed; whether
 * the items kept were reordered; papers added, removed, changed (title, link or file, or the item they belong to).
 */
export function diffAgenda({ before, after }: { before: Pick<AgendaSnapshot, 'agenda' | 'papers'>; after: Pick<AgendaSnapshot, 'agenda' | 'papers'> }): NoticeChange[] {
  const out: NoticeChange[] = [];
  const beforeItems = new Map(before.agenda.map((a) => [a.id, a]));
  const afterIds = new Set(after.agenda.map((a) => a.id));
  for (const item of after.agenda) {
    const old = beforeItems.get(item.id);
    if (!old) {
      out.push({ kind: 'itemAdded', itemId: item.id, title: item.title });
      continue;
    }
    const fields = (['title', 'description', 'presenter'] as const).filter((f) => !sameJson(old[f] ?? null, item[f] ?? null));
    if (fields.length > 0) out.push({ kind: 'itemChanged', itemId: item.id, title: item.title, fields });
  }
  for (const old of before.agenda) if (!afterIds.has(old.id)) out.push({ kind: 'itemRemoved', itemId: old.id, title: old.title });
  const keptBefore = before.agenda.filter((a) => afterIds.has(a.id)).map((a) => a.id);
  const keptAfter = after.agenda.filter((a) => beforeItems.has(a.id)).map((a) => a.id);
  if (!sameJson(keptBefore, keptAfter)) out.push({ kind: 'agendaReordered' });

  const beforePapers = new Map(before.papers.map((p) => [p.id, p]));
  const afterPaperIds = new Set(after.papers.map((p) => p.id));
  for (const paper of after.papers) {
    const old = beforePapers.get(paper.id);
    if (!old) out.push({ kind: 'paperAdded', paperId: paper.id, title: paper.title });
    else if (old.title !== paper.title || !sameJson(old.source, paper.source) || old.agendaItemId !== paper.agendaItemId) {
      out.push({ kind: 'paperChanged', paperId: paper.id, title: paper.title });
    }
  }
  for (const old of before.papers) if (!afterPaperIds.has(old.id)) out.push({ kind: 'paperRemoved', paperId: old.id, title: old.title });
  return out;
}

export interface PendingChanges {
  /** Stable while the agenda and papers stay as they are: the same pending changes always have the same key. */
  key: string;
  revision: number;
  changes: NoticeChange[];
}

/**
 * What changed since the invitees were last told (the notice, or the latest announcement), or null when nothing did:
 * edits that were undone before anyone was told are no change. Nothing is pending before the notice, after the
 * meeting has started (the minutes take over), or once the record is locked.
 */
export function pendingNoticeChanges({ record, meeting, now }: { record: MeetingRecord; meeting: Pick<Meeting, 'start' | 'status'>; now: Date }): PendingChanges | null {
  if (!record.notice || isLocked(record) || meeting.status === 'cancelled' || now.getTime() >= Date.parse(meeting.start)) return null;
  if (record.revision === record.notice.baseline.revision) return null;
  const changes = diffAgenda({ before: record.notice.baseline, after: record });
  if (changes.length === 0) return null;
  return { key: changesKey(record.meetingId, record.revision), revision: record.revision, changes };
}

/**
 * Records that the pending changes are being announced: they become the new baseline, so the same change is never
 * announced twice. Returns the announcement; deliver it with noticeDeliveries.
 */
export function announceNoticeChanges({
  record,
  meeting,
  now,
}: {
  record: MeetingRecord;
  meeting: Pick<Meeting, 'start' | 'status'>;
  now: Date;
}): { ok: true; record: MeetingRecord; announcement: PendingChanges } | { ok: false; reason: 'nothingToAnnounce' } {
  const pending = pendingNoticeChanges({ record, meeting, now });
  if (!pending || !record.notice) return { ok: false, reason: 'nothingToAnnounce' };
  const at = now.toISOString();
  const notice = {
    ...record.notice,
    baseline: snapshotOf(record),
    announcements: [...record.notice.announcements, { revision: pending.revision, at, changes: pending.changes }],
  };
  return { ok: true, record: { ...record, notice, updatedAt: at }, announcement: pending };
}

export type NoticeDelivery =
  | { kind: 'notice'; key: string; personId: string }
  | { kind: 'changes'; key: string; personId: string; revision: number; changes: NoticeChange[] };

/**
 * Who still has to get what, given the delivery keys already sent: every current invitee gets the notice (showing
 * the agenda and papers as they are when it is sent); an invitee gets an announcement of changes when they were
 * invited before it was made (someone invited later saw the changes in their notice). Nothing for a cancelled
 * meeting or after it has started.
 */
export function noticeDeliveries({
  meeting,
  record,
  sentKeys,
  now,
}: {
  meeting: Pick<Meeting, 'id' | 'start' | 'status' | 'invitees'>;
  record: Pick<MeetingRecord, 'notice'>;
  sentKeys: ReadonlySet<string>;
  now: Date;
}): NoticeDelivery[] {
  if (!record.notice || meeting.status === 'cancelled' || now.getTime() >= Date.parse(meeting.start)) return [];
  const out: NoticeDelivery[] = [];
  for (const invitee of meeting.invitees) {
    const noticeFor = `${noticeKey(meeting.id)}:${invitee.personId}`;
    if (!sentKeys.has(noticeFor)) out.push({ kind: 'notice', key: noticeFor, personId: invitee.personId });
    for (const a of record.notice.announcements) {
      if (Date.parse(invitee.invitedAt) > Date.parse(a.at)) continue;
      const key = `${changesKey(meeting.id, a.revision)}:${invitee.personId}`;
      if (!sentKeys.has(key)) out.push({ kind: 'changes', key, personId: invitee.personId, revision: a.revision, changes: a.changes });
    }
  }
  return out;
}

/** The agenda item a paper belongs to, for a card that lists papers under their items. */
export const itemOf = (agenda: readonly AgendaItem[], paper: Pick<Paper, 'agendaItemId'>): AgendaItem | undefined =>
  paper.agendaItemId === undefined ? undefined : agenda.find((a) => a.id === paper.agendaItemId);
