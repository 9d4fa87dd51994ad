import { closeDuePerCapsulam } from '../../app/records/per-capsulam.js';
import { runNoticeSchedule } from '../../app/records/notice.js';
import { recordsVerbs } from '../../cards/records-verbs.js';
import { actionRoute, textRoute, type BotFeature, type Services } from '../feature.js';
import { matchRecordsCommand } from '../records/commands.js';
import { minutesDownload, recordsExportDownload } from '../records/documents.js';
import * as H from '../records/handlers.js';
import * as P from '../records/payloads.js';
import { recordsNoticeRenderers } from '../records/render.js';

/** The records job: due notices go out, per capsulam results are established, and everything the records owe is sent. */
export async function runRecordsJob(services: Services): Promise<void> {
  const deps = H.depsOf(services);
  const now = services.now();
  await closeDuePerCapsulam(deps, now);
  await H.deliver(services, await runNoticeSchedule(deps, now));
}

/**
 * Meeting records (#17): notice with agenda and papers, attendance with quorum, decisions numbered per body and year
 * and linked to needs, per capsulam, action items, minutes with approval (justering), documents and export.
 */
export function recordsFeature(): BotFeature {
  const writes = () => 'writes' as const;
  return {
    name: 'records',
    help: [
      { action: 'records.viewDecisions', entry: (t) => t.records.commands.notice },
      { action: 'records.manage', entry: (t) => t.records.commands.attendance },
      { action: 'records.viewDecisions', entry: (t) => t.records.commands.decisions },
      { action: 'records.viewDecisions', entry: (t) => t.records.commands.actions },
      { action: 'records.viewDecisions', entry: (t) => t.records.commands.minutes },
    ],
    text: [
      textRoute({
        name: 'records',
        visibility: 'personal',
        match: (text) => matchRecordsCommand(text),
        async handle(turn, command) {
          const t = turn.t;
          switch (command.kind) {
            case 'notice':
              return turn.reply(H.meetingsCard(turn, 'notice'));
            case 'attendance':
              return turn.reply(turn.can('records.manage') ? H.meetingsCard(turn, 'attendance') : t.core.notAllowed);
            case 'minutes':
              return turn.reply(H.meetingsCard(turn, 'minutes'));
            case 'decisions':
              return turn.reply(turn.can('records.viewDecisions') ? H.decisionsCard(turn, command.query, 0) : t.core.notAllowed);
            case 'actions':
              return turn.reply(H.actionsCard(turn, turn.can('records.manage') ? 'meeting' : 'mine'));
            case 'perCapsulam': {
              const r = await H.handlePerCapsulamForm(turn);
              return turn.reply('card' in r ? r.card : r.message);
            }
          }
        },
      }),
    ],
    actions: [
      actionRoute({ verb: recordsVerbs.agenda, schema: P.meetingRef, handle: (turn, d) => H.handleAgenda(turn, d.meetingId) }),
      actionRoute({ verb: recordsVerbs.addAgendaItem, limit: writes, schema: P.agendaItemPayload, handle: (turn, d) => H.handleAgendaEdit(turn, d.meetingId, { op: 'addItem', title: d.agendaTitle ?? '', description: d.agendaDescription, presenterName: d.agendaPresenterName }) }),
      actionRoute({ verb: recordsVerbs.removeAgendaItem, limit: writes, schema: P.agendaPickPayload, handle: (turn, d) => H.handleAgendaEdit(turn, d.meetingId, { op: 'removeItem', itemId: d.agendaItem }) }),
      actionRoute({ verb: recordsVerbs.moveAgendaItem, limit: writes, schema: P.agendaPickPayload, handle: (turn, d) => H.handleAgendaEdit(turn, d.meetingId, { op: 'moveItem', itemId: d.agendaItem, direction: d.direction ?? 'up' }) }),
      actionRoute({ verb: recordsVerbs.addPaper, limit: writes, schema: P.paperPayload, handle: (turn, d) => H.handleAgendaEdit(turn, d.meetingId, { op: 'addPaper', title: d.paperTitle ?? '', url: d.paperUrl ?? '', itemId: d.paperItem || undefined }) }),
      actionRoute({ verb: recordsVerbs.removePaper, limit: writes, schema: P.paperPickPayload, handle: (turn, d) => H.handleAgendaEdit(turn, d.meetingId, { op: 'removePaper', paperId: d.agendaPaper }) }),
      actionRoute({ verb: recordsVerbs.notice, schema: P.meetingRef, handle: (turn, d) => H.handleNotice(turn, d.meetingId) }),
      actionRoute({ verb: recordsVerbs.sendNotice, limit: writes, schema: P.meetingRef, handle: (turn, d) => H.handleSendNotice(turn, d.meetingId) }),
      actionRoute({ verb: recordsVerbs.announceChanges, limit: writes, schema: P.announcePayload, handle: H.handleAnnounce }),
      actionRoute({ verb: recordsVerbs.attendance, schema: P.attendanceViewPayload, handle: H.handleAttendance }),
      actionRoute({ verb: recordsVerbs.saveAttendance, limit: writes, schema: P.saveAttendancePayload, handle: H.handleSaveAttendance }),
      actionRoute({ verb: recordsVerbs.decisionForm, schema: P.meetingRef, handle: (turn, d) => H.handleDecisionForm(turn, d.meetingId) }),
      actionRoute({ verb: recordsVerbs.recordDecision, limit: writes, schema: P.decisionPayload, handle: H.handleRecordDecision }),
      actionRoute({ verb: recordsVerbs.decision, schema: P.decisionRefPayload, handle: (turn, d) => H.handleDecision(turn, d.decisionId) }),
      actionRoute({ verb: recordsVerbs.decisions, schema: P.decisionsPayload, handle: H.handleDecisions }),
      actionRoute({ verb: recordsVerbs.actionForm, schema: P.actionFormPayload, handle: H.handleActionForm }),
      actionRoute({ verb: recordsVerbs.createAction, limit: writes, schema: P.createActionPayload, handle: H.handleCreateAction }),
      actionRoute({ verb: recordsVerbs.action, schema: P.actionRefPayload, handle: (turn, d) => H.handleAction(turn, d.actionId) }),
      actionRoute({ verb: recordsVerbs.completeAction, limit: writes, schema: P.actionRefPayload, handle: (turn, d) => H.handleActionDone(turn, d, true) }),
      actionRoute({ verb: recordsVerbs.reopenAction, limit: writes, schema: P.actionRefPayload, handle: (turn, d) => H.handleActionDone(turn, d, false) }),
      actionRoute({ verb: recordsVerbs.actions, schema: P.actionsPayload, handle: async (turn, d) => ({ card: H.actionsCard(turn, d.scope) }) }),
      actionRoute({ verb: recordsVerbs.minutes, schema: P.minutesViewPayload, handle: H.handleMinutes }),
      actionRoute({ verb: recordsVerbs.draftMinutes, limit: writes, schema: P.meetingRef, handle: (turn, d) => H.handleDraftMinutes(turn, d.meetingId) }),
      actionRoute({ verb: recordsVerbs.saveMinutesNotes, limit: writes, schema: P.minutesNotesPayload, handle: H.handleMinutesNotes }),
      actionRoute({ verb: recordsVerbs.nameSignatories, limit: writes, schema: P.signatoriesPayload, handle: H.handleNameSignatories }),
      actionRoute({ verb: recordsVerbs.approveMinutes, limit: writes, schema: P.minutesAnswerPayload, handle: (turn, d) => H.handleMinutesAnswer(turn, d, true) }),
      actionRoute({ verb: recordsVerbs.requestMinutesChange, limit: writes, schema: P.minutesAnswerPayload, handle: (turn, d) => H.handleMinutesAnswer(turn, d, false) }),
      actionRoute({ verb: recordsVerbs.perCapsulamForm, schema: P.refreshPayload.partial(), handle: (turn) => H.handlePerCapsulamForm(turn) }),
      actionRoute({ verb: recordsVerbs.openPerCapsulam, limit: writes, schema: P.perCapsulamOpenPayload, handle: H.handleOpenPerCapsulam }),
      actionRoute({ verb: recordsVerbs.perCapsulam, schema: P.perCapsulamRefPayload, handle: (turn, d) => H.handlePerCapsulam(turn, d.procedureId) }),
      actionRoute({ verb: recordsVerbs.answerPerCapsulam, limit: writes, schema: P.perCapsulamAnswerPayload, handle: H.handleAnswerPerCapsulam }),
      actionRoute({ verb: recordsVerbs.refresh, schema: P.refreshPayload, handle: H.handleRefresh }),
    ],
    downloads: [minutesDownload, recordsExportDownload],
    jobs: [{ name: 'records.schedule', everyMs: 60_000, run: runRecordsJob }],
    notices: recordsNoticeRenderers,
  };
}
