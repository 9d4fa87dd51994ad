import { change } from '../../domain/audit.js';
import { can } from '../../domain/permissions.js';
import { addAgendaItem, addPaper, agendaItemReferences, moveAgendaItem, removeAgendaItem, removePaper, type FieldProblem } from '../../domain/records/agenda.js';
import type { MeetingRecord } from '../../domain/records/record.js';
import { refused, type Actor, type Outcome } from '../kernel.js';
import { audit, recordActor, recordOf } from './common.js';
import { ok, recordsWrite, type RecordsWriteDeps } from './write.js';

export type AgendaCommand =
  | { op: 'addItem'; title: string; description?: string | undefined; presenterName?: string | undefined }
  | { op: 'removeItem'; itemId: string }
  | { op: 'moveItem'; itemId: string; direction: 'up' | 'down' }
  | { op: 'addPaper'; title: string; url: string; itemId?: string | undefined }
  | { op: 'removePaper'; paperId: string };

export type AgendaRefusal =
  | 'forbidden'
  | 'meetingNotFound'
  | 'locked'
  | 'tooManyItems'
  | 'itemNotFound'
  | 'referenced'
  | 'hasPapers'
  | 'tooManyPapers'
  | 'paperNotFound'
  | 'invalid';

export interface AgendaEdited {
  record: MeetingRecord;
  /** For 'invalid': which fields were wrong. */
  errors?: FieldProblem[];
  late?: boolean;
}

/**
 * Leadership builds a meeting's agenda (dagordning) and papers (handlingar). After the notice every change raises
 * the record's revision, to be announced; a paper added then is late (sen handling).
 */
export async function editAgenda(
  deps: RecordsWriteDeps,
  actor: Actor,
  command: { meetingId: string; activityId?: string | undefined; change: AgendaCommand },
  now: Date,
): Promise<Outcome<AgendaEdited, AgendaRefusal | 'duplicate'> | { ok: false; reason: 'invalid'; errors: FieldProblem[] }> {
  if (!can(actor.person, 'records.manage')) return refused('forbidden');
  let errors: FieldProblem[] | undefined;
  const out = await recordsWrite<AgendaEdited, AgendaRefusal>(deps, command.activityId, now, (repos) => {
    const meeting = repos.records.meeting(command.meetingId);
    if (!meeting) return refused('meetingNotFound');
    const record = recordOf(repos, meeting, now);
    const who = recordActor(actor);
    const c = command.change;
    let result: { ok: true; record: MeetingRecord; late?: boolean } | { ok: false; reason: AgendaRefusal; errors?: FieldProblem[] };
    switch (c.op) {
      case 'addItem':
        result = addAgendaItem({ record, item: { title: c.title, description: c.description, presenterName: c.presenterName }, actor: who, now });
        break;
      case 'removeItem':
        result = removeAgendaItem({ record, itemId: c.itemId, referencedItemIds: agendaItemReferences({ meetingId: meeting.id, decisions: repos.records.decisions(), actions: repos.records.actions() }), actor: who, now });
        break;
      case 'moveItem': {
        const at = record.agenda.findIndex((a) => a.id === c.itemId);
        result = moveAgendaItem({ record, itemId: c.itemId, to: at < 0 ? 0 : at + (c.direction === 'up' ? -1 : 1), actor: who, now });
        break;
      }
      case 'addPaper':
        result = addPaper({ record, paper: { title: c.title, url: c.url, agendaItemId: c.itemId }, actor: who, now });
        break;
      case 'removePaper':
        result = removePaper({ record, paperId: c.paperId, actor: who, now });
        break;
    }
    if (!result.ok) {
      if (result.errors) errors = result.errors;
      return refused(result.reason);
    }
    if (result.record === record && repos.records.record(meeting.id)) return ok({ record });
    repos.records.putRecord(result.record);
    audit(repos, actor, now, 'records.agendaChanged', { kind: 'meeting', id: meeting.id }, [change(c.op, undefined, 'title' in c ? c.title : undefined)]);
    return ok({ record: result.record, ...(result.late !== undefined ? { late: result.late } : {}) });
  });
  if (!out.ok && out.reason === 'invalid') return { ok: false, reason: 'invalid', errors: errors ?? [] };
  return out;
}
