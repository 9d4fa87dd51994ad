import { change } from '../../domain/audit.js';
import { can } from '../../domain/permissions.js';
import { finaliseMeetingDecisions } from '../../domain/records/decision.js';
import { approveMinutes, draftMinutes, editMinutesNotes, nameSignatories, requestMinutesChange } from '../../domain/records/minutes.js';
import type { MeetingRecord } from '../../domain/records/record.js';
import { refused, type Actor, type Outcome } from '../kernel.js';
import { audit, meetingSeats, personInfoOf, recordActor, recordOf } from './common.js';
import { ok, recordsWrite, type RecordsWriteDeps } from './write.js';

type Base = { meetingId: string; activityId?: string | undefined };

export type DraftRefusal = 'forbidden' | 'meetingNotFound' | 'locked' | 'cancelled' | 'meetingNotStarted';

/** Leadership drafts the minutes from agenda, attendance, decisions and actions, or regenerates the draft (notes kept). */
export function draftMeetingMinutes(deps: RecordsWriteDeps, actor: Actor, command: Base, now: Date): Promise<Outcome<{ outcome: 'drafted' | 'regenerated' | 'unchanged'; record: MeetingRecord }, DraftRefusal | 'duplicate'>> {
  if (!can(actor.person, 'records.manage')) return Promise.resolve(refused('forbidden'));
  return recordsWrite<{ outcome: 'drafted' | 'regenerated' | 'unchanged'; record: MeetingRecord }, DraftRefusal>(deps, command.activityId, now, (repos) => {
    const meeting = repos.records.meeting(command.meetingId);
    if (!meeting) return refused('meetingNotFound');
    const r = draftMinutes({
      meeting,
      record: recordOf(repos, meeting, now),
      decisions: repos.records.decisions(),
      actions: repos.records.actions(),
      personInfo: personInfoOf(repos),
      seats: meetingSeats(repos, meeting),
      actor: recordActor(actor),
      now,
    });
    if (!r.ok) return refused(r.reason);
    if (r.outcome !== 'unchanged') {
      repos.records.putRecord(r.record);
      audit(repos, actor, now, 'records.minutesDrafted', { kind: 'meeting', id: meeting.id }, [change('version', undefined, r.record.minutes?.versions.length)]);
    }
    return ok({ outcome: r.outcome, record: r.record });
  });
}

export type EditRefusal = 'forbidden' | 'meetingNotFound' | 'noMinutes' | 'locked' | 'itemNotFound' | 'notesTooLong' | 'versionChanged';

/** Leadership writes one section's notes: a new version (approvals given for the old one no longer count). */
export function editNotes(deps: RecordsWriteDeps, actor: Actor, command: Base & { itemKey: string; notes: string; version: number }, now: Date): Promise<Outcome<{ record: MeetingRecord }, EditRefusal | 'duplicate'>> {
  if (!can(actor.person, 'records.manage')) return Promise.resolve(refused('forbidden'));
  return recordsWrite<{ record: MeetingRecord }, EditRefusal>(deps, command.activityId, now, (repos) => {
    const record = repos.records.record(command.meetingId);
    if (!record) return refused('meetingNotFound');
    if (record.minutes && record.minutes.versions.length !== command.version) return refused('versionChanged');
    const r = editMinutesNotes({ record, itemKey: command.itemKey, notes: command.notes, actor: recordActor(actor), now });
    if (!r.ok) return refused(r.reason);
    if (r.outcome === 'edited') {
      repos.records.putRecord(r.record);
      audit(repos, actor, now, 'records.minutesEdited', { kind: 'meeting', id: record.meetingId }, [change('version', command.version, r.record.minutes?.versions.length)]);
    }
    return ok({ record: r.record });
  });
}

export type SignatoriesRefusal = 'forbidden' | 'meetingNotFound' | 'noMinutes' | 'locked' | 'chairRequired' | 'adjusterCount' | 'samePersonTwice' | 'unknownPerson' | 'notPresent';

/** Leadership names the chair and one or two adjusters (justerare), who then get the minutes to approve. */
export function nameMinutesSignatories(
  deps: RecordsWriteDeps,
  actor: Actor,
  command: Base & { chairId: string; adjusterIds: string[] },
  now: Date,
): Promise<Outcome<{ record: MeetingRecord }, SignatoriesRefusal | 'duplicate'>> {
  if (!can(actor.person, 'records.manage')) return Promise.resolve(refused('forbidden'));
  return recordsWrite<{ record: MeetingRecord }, SignatoriesRefusal>(deps, command.activityId, now, (repos) => {
    const record = repos.records.record(command.meetingId);
    if (!record) return refused('meetingNotFound');
    const r = nameSignatories({ record, chairId: command.chairId, adjusterIds: command.adjusterIds, personInfo: personInfoOf(repos), actor: recordActor(actor), now });
    if (!r.ok) return refused(r.reason);
    repos.records.putRecord(r.record);
    audit(repos, actor, now, 'records.signatoriesNamed', { kind: 'meeting', id: record.meetingId }, (r.record.minutes?.signatories ?? []).map((s) => change(s.role, undefined, s.personId)));
    return ok({ record: r.record });
  });
}

export type ApproveRefusal = 'meetingNotFound' | 'noMinutes' | 'forbidden' | 'alreadyJusterat' | 'versionChanged' | 'commentRequired' | 'commentTooLong';

/**
 * A signatory approves the version their card showed, or asks for a change to it (with what). When everyone named
 * has approved the current version the minutes are justerade: locked, the meeting's decisions final (their needs'
 * submitters and supporters are told), and the minutes go to every invitee. Each approval and request is audited.
 */
export function answerMinutes(
  deps: RecordsWriteDeps,
  actor: Actor,
  command: Base & { version: number } & ({ approve: true } | { approve: false; comment: string }),
  now: Date,
): Promise<Outcome<{ record: MeetingRecord; outcome: 'approved' | 'justerat' | 'unchanged' | 'changeRequested' }, ApproveRefusal | 'duplicate'>> {
  // Decided before the write: someone not named refused stores nothing, not even the activity id.
  const signatoryIds = deps.uow.read((repos) => repos.records.record(command.meetingId)?.minutes?.signatories.map((s) => s.personId));
  if (signatoryIds && !can(actor.person, 'records.approveMinutes', { signatoryIds })) return Promise.resolve(refused('forbidden'));
  return recordsWrite<{ record: MeetingRecord; outcome: 'approved' | 'justerat' | 'unchanged' | 'changeRequested' }, ApproveRefusal>(deps, command.activityId, now, (repos) => {
    const record = repos.records.record(command.meetingId);
    if (!record) return refused('meetingNotFound');
    const who = recordActor(actor);
    const subject = { kind: 'meeting' as const, id: record.meetingId };
    if (!command.approve) {
      const r = requestMinutesChange({ record, version: command.version, comment: command.comment, actor: who, now });
      if (!r.ok) return refused(r.reason);
      repos.records.putRecord(r.record);
      audit(repos, actor, now, 'records.minutesChangeRequested', subject, [change('version', undefined, command.version)]);
      return ok({ record: r.record, outcome: 'changeRequested' as const });
    }
    const r = approveMinutes({ record, version: command.version, actor: who, now });
    if (!r.ok) return refused(r.reason);
    if (r.outcome === 'unchanged') return ok({ record: r.record, outcome: r.outcome });
    repos.records.putRecord(r.record);
    audit(repos, actor, now, 'records.minutesApproved', subject, [change('version', undefined, command.version)]);
    if (r.outcome === 'justerat') {
      for (const d of finaliseMeetingDecisions({ decisions: repos.records.decisions(), meetingId: record.meetingId, now })) repos.records.putDecision(d);
      audit(repos, actor, now, 'records.minutesJusterat', subject, (r.record.minutes?.justerat?.signatories ?? []).map((s) => change(s.role, undefined, s.name)));
    }
    return ok({ record: r.record, outcome: r.outcome });
  });
}
