import { change } from '../../domain/audit.js';
import { can } from '../../domain/permissions.js';
import { announceNoticeChanges, noticeDue, sendNotice } from '../../domain/records/notice.js';
import { refused, type Actor, type Notice, type Outcome } from '../kernel.js';
import { audit, recordActor, recordOf } from './common.js';
import { DEFAULT_RECORDS_CONFIG, pendingRecordNotices } from './deliveries.js';
import { RECORDS_NOTICE_KINDS, type AgendaEmptyData } from './notice-data.js';
import { ok, recordsWrite, type RecordsWriteDeps } from './write.js';

export type SendNoticeRefusal = 'forbidden' | 'meetingNotFound' | 'alreadySent' | 'agendaEmpty' | 'cancelled' | 'meetingStarted' | 'locked';

/** Leadership sends a meeting's notice now rather than on schedule: every invitee gets the agenda and papers. */
export function sendNoticeNow(deps: RecordsWriteDeps, actor: Actor, command: { meetingId: string; activityId?: string | undefined }, now: Date): Promise<Outcome<{ meetingId: string }, SendNoticeRefusal | 'duplicate'>> {
  if (!can(actor.person, 'records.manage')) return Promise.resolve(refused('forbidden'));
  return recordsWrite<{ meetingId: string }, SendNoticeRefusal>(deps, command.activityId, now, (repos) => {
    const meeting = repos.records.meeting(command.meetingId);
    if (!meeting) return refused('meetingNotFound');
    const r = sendNotice({ meeting, record: recordOf(repos, meeting, now), actor: recordActor(actor), now });
    if (!r.ok) return refused(r.reason);
    repos.records.putRecord(r.record);
    audit(repos, actor, now, 'records.noticeSent', { kind: 'meeting', id: meeting.id }, [change('invitees', undefined, meeting.invitees.length)]);
    return ok({ meetingId: meeting.id });
  });
}

export type AnnounceRefusal = 'forbidden' | 'meetingNotFound' | 'nothingToAnnounce' | 'revisionChanged';

/**
 * Leadership announces the changes made since the invitees were last told, once: the announcement is keyed by the
 * revision it brings them to, and the card's revision must still be the record's (someone changed it meanwhile).
 */
export function announceChanges(
  deps: RecordsWriteDeps,
  actor: Actor,
  command: { meetingId: string; revision: number; activityId?: string | undefined },
  now: Date,
): Promise<Outcome<{ changes: number }, AnnounceRefusal | 'duplicate'>> {
  if (!can(actor.person, 'records.manage')) return Promise.resolve(refused('forbidden'));
  return recordsWrite<{ changes: number }, AnnounceRefusal>(deps, command.activityId, now, (repos) => {
    const meeting = repos.records.meeting(command.meetingId);
    const record = meeting ? repos.records.record(meeting.id) : undefined;
    if (!meeting || !record) return refused('meetingNotFound');
    if (record.revision !== command.revision) return refused('revisionChanged');
    const r = announceNoticeChanges({ record, meeting, now });
    if (!r.ok) return refused(r.reason);
    repos.records.putRecord(r.record);
    audit(repos, actor, now, 'records.changesAnnounced', { kind: 'meeting', id: meeting.id }, [change('changes', undefined, r.announcement.changes.length)]);
    return ok({ changes: r.announcement.changes.length });
  });
}

/**
 * The schedule (a background job): notices whose time has come go out (a meeting booked late gets its notice at
 * once; one missed while the bot was down at the next run); a meeting due a notice with an empty agenda is named to
 * its organiser once. Returns every message the records owe, as any records write does.
 */
export async function runNoticeSchedule(deps: RecordsWriteDeps, now: Date): Promise<Notice[]> {
  const config = deps.config ?? DEFAULT_RECORDS_CONFIG;
  // Decided from a read first: most runs have nothing due and write nothing.
  const { dueIds, extra } = deps.uow.read((repos) => {
    const ids: string[] = [];
    const empty: Notice[] = [];
    for (const meeting of repos.records.meetings()) {
      if (meeting.status !== 'scheduled' || Date.parse(meeting.start) <= now.getTime()) continue;
      const record = repos.records.record(meeting.id);
      const due = noticeDue({ meeting, record, now, daysBefore: config.notice.daysBefore, timeOfDay: config.notice.timeOfDay });
      if (due.due) ids.push(meeting.id);
      else if (due.reason === 'agendaEmpty' && !repos.records.sentKeys().has(due.key)) {
        const data: AgendaEmptyData = { meetingId: meeting.id, title: meeting.title };
        empty.push({ key: due.key, personId: meeting.organiserId, kind: RECORDS_NOTICE_KINDS.agendaEmpty, data });
      }
    }
    return { dueIds: ids, extra: empty };
  });
  if (dueIds.length === 0) return [...extra, ...pendingNotices(deps, now)];
  const written = await deps.uow.write(undefined, (repos) => {
    for (const id of dueIds) {
      const meeting = repos.records.meeting(id);
      const record = repos.records.record(id);
      if (!meeting || !record) continue;
      const r = sendNotice({ meeting, record, actor: null, now });
      if (!r.ok) continue;
      repos.records.putRecord(r.record);
      audit(repos, null, now, 'records.noticeSent', { kind: 'meeting', id: meeting.id }, [change('invitees', undefined, meeting.invitees.length)]);
    }
    return pendingRecordNotices(repos, now, config);
  });
  return [...extra, ...(written.duplicate ? [] : written.result)];
}

/** Records that these messages were handed to the messenger (its durable queue took them). */
export async function markRecordNoticesSent(deps: RecordsWriteDeps, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await deps.uow.write(undefined, (repos) => repos.records.markSent(keys));
}

/** What the records owe now, without changing anything (a turn delivers leftovers of a crash too). */
export const pendingNotices = (deps: RecordsWriteDeps, now: Date): Notice[] => deps.uow.read((repos) => pendingRecordNotices(repos, now, deps.config ?? DEFAULT_RECORDS_CONFIG));
