import { dueActionReminders, DEFAULT_ACTION_REMINDER_CONFIG, type ActionReminderConfig } from '../../domain/records/action.js';
import { decisionNotificationKey, decisionNotifications } from '../../domain/records/decision.js';
import { currentVersion, minutesApprovalRequests, minutesDistribution } from '../../domain/records/minutes.js';
import { noticeDeliveries, DEFAULT_NOTICE_CONFIG, type NoticeConfig } from '../../domain/records/notice.js';
import { duePerCapsulamReminders, perCapsulamRecipients } from '../../domain/records/per-capsulam.js';
import type { Notice } from '../kernel.js';
import type { Repositories } from '../repositories.js';
import type { ChangeRequestedData } from './notice-data.js';
import { RECORDS_NOTICE_KINDS as K } from './notice-data.js';
import { actionData, decisionData, minutesData, noticeData, perCapsulamData, personName } from './views.js';

/** The records' schedule: when notices go out, when action owners are reminded (BotConfig.records). */
export interface RecordsConfig {
  notice: NoticeConfig;
  actionReminder: ActionReminderConfig;
  /** Hours before a per capsulam deadline the seats that have not answered are reminded. */
  perCapsulamReminderHours: number;
}
export const DEFAULT_RECORDS_CONFIG: RecordsConfig = { notice: DEFAULT_NOTICE_CONFIG, actionReminder: DEFAULT_ACTION_REMINDER_CONFIG, perCapsulamReminderHours: 24 };

/**
 * Every message the records still owe someone, derived from the records minus the keys already handed to the
 * messenger: notices and announcements of changes, decisions to the needs' submitters and supporters, actions to
 * their owners and reminders, per capsulam questions, reminders and results, minutes for approval, requests for a
 * change to whoever made the version, approved minutes to every invitee. Computing it again after a crash gives the
 * same keys, and the messenger's queue delivers a key once: nothing is lost and nothing is sent twice.
 */
export function pendingRecordNotices(repos: Repositories, now: Date, config: RecordsConfig = DEFAULT_RECORDS_CONFIG): Notice[] {
  const sent = repos.records.sentKeys();
  const out: Notice[] = [];
  const push = (n: Notice) => {
    if (!sent.has(n.key)) out.push(n);
  };

  for (const record of repos.records.records()) {
    const meeting = repos.records.meeting(record.meetingId);
    if (!meeting) continue;
    const deliveries = noticeDeliveries({ meeting, record, sentKeys: sent, now });
    if (deliveries.length > 0) {
      const full = noticeData(repos, meeting, record);
      for (const d of deliveries) {
        push({ key: d.key, personId: d.personId, kind: K.notice, data: d.kind === 'notice' ? full : { ...full, changes: d.changes } });
      }
    }
    for (const d of minutesApprovalRequests({ record, sentKeys: sent })) {
      push({ key: d.key, personId: d.personId, kind: K.minutesApproval, data: minutesData(repos, record, d.personId) });
    }
    for (const d of minutesDistribution({ meeting, record, sentKeys: sent })) {
      push({ key: d.key, personId: d.personId, kind: K.minutesJusterat, data: minutesData(repos, record) });
    }
    const minutes = record.minutes;
    minutes?.events.forEach((e, i) => {
      if (e.kind !== 'changeRequested') return;
      const drafter = minutes.versions[e.version - 1]?.by ?? currentVersion(minutes).by;
      if (drafter === e.by) return;
      const data: ChangeRequestedData = { meetingId: record.meetingId, meetingTitle: meeting.title, byName: personName(repos, e.by), comment: e.comment ?? '', version: e.version };
      push({ key: `${record.meetingId}:minutes-change:${i + 1}`, personId: drafter, kind: K.minutesChangeRequested, data });
    });
  }

  const decisions = repos.records.decisions();
  const final = decisions.filter((d) => d.finalAt !== null);
  for (const n of decisionNotifications({ decisions: final, needs: repos.records.needs(), actorId: null })) {
    const decision = final.find((d) => d.id === n.decisionId);
    if (decision) push({ key: decisionNotificationKey(n), personId: n.personId, kind: K.decisionForNeed, data: decisionData(repos, decision, n.needNumbers) });
  }

  const actions = repos.records.actions();
  for (const a of actions) {
    if (a.status !== 'open') continue;
    push({ key: `${a.id}:action-assigned:${a.ownerId}`, personId: a.ownerId, kind: K.actionAssigned, data: actionData(repos, a) });
  }
  for (const r of dueActionReminders({ actions, now, sentKeys: sent, config: config.actionReminder })) {
    const a = actions.find((x) => x.id === r.actionId);
    if (a) push({ key: r.key, personId: r.ownerId, kind: K.actionReminder, data: actionData(repos, a) });
  }

  const procedures = repos.records.procedures();
  for (const p of procedures) {
    if (p.result === null && now.getTime() < Date.parse(p.deadline)) {
      for (const { seatId, personId } of perCapsulamRecipients(p)) {
        push({ key: `${p.id}:per-capsulam:${seatId}:${personId}`, personId, kind: K.perCapsulamQuestion, data: perCapsulamData(repos, p, personId) });
      }
    }
    if (p.result) push({ key: `${p.id}:per-capsulam-result`, personId: p.openedBy, kind: K.perCapsulamResult, data: perCapsulamData(repos, p) });
  }
  for (const r of duePerCapsulamReminders({ procedures, now, sentKeys: sent, hoursBefore: config.perCapsulamReminderHours })) {
    const p = procedures.find((x) => x.id === r.procedureId);
    if (p) push({ key: r.key, personId: r.personId, kind: K.perCapsulamReminder, data: perCapsulamData(repos, p, r.personId) });
  }
  return out;
}
