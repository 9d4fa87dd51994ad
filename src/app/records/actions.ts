import { change } from '../../domain/audit.js';
import { can } from '../../domain/permissions.js';
import { completeAction, createAction, reopenAction, type ActionItem, type ActionProblem, type ActionSource } from '../../domain/records/action.js';
import { refused, type Actor, type Outcome } from '../kernel.js';
import { audit, recordActor } from './common.js';
import { ok, recordsWrite, type RecordsWriteDeps } from './write.js';

export type CreateActionRefusal = 'forbidden' | 'sourceNotFound' | 'unknownAgendaItem' | 'decisionNotValid' | 'locked' | 'invalid';

/** Leadership creates an action from a decision or an agenda item; the owner gets a card, and a reminder before it is due. */
export async function createActionItem(
  deps: RecordsWriteDeps,
  actor: Actor,
  command: { source: { decisionId: string } | { meetingId: string; itemId: string }; title: string; ownerId: string; dueDate: string; activityId?: string | undefined },
  now: Date,
): Promise<Outcome<{ action: ActionItem }, CreateActionRefusal | 'duplicate'> | { ok: false; reason: 'invalid'; problems: ActionProblem[] }> {
  if (!can(actor.person, 'records.manage')) return refused('forbidden');
  let problems: ActionProblem[] = [];
  const out = await recordsWrite<{ action: ActionItem }, CreateActionRefusal>(deps, command.activityId, now, (repos) => {
    let source: ActionSource;
    const s = command.source;
    if ('decisionId' in s) {
      const decision = repos.records.decisions().find((d) => d.id === s.decisionId);
      if (!decision) return refused('sourceNotFound');
      source = { kind: 'decision', decision };
    } else {
      const record = repos.records.record(s.meetingId);
      if (!record) return refused('sourceNotFound');
      source = { kind: 'agendaItem', record, agendaItemId: s.itemId };
    }
    const personIds = new Set(repos.people.all().map((p) => p.aadObjectId.toLowerCase()));
    const r = createAction({ id: repos.records.nextId('x'), title: command.title, source, ownerId: command.ownerId, dueDate: command.dueDate, personIds, actor: recordActor(actor), now });
    if (!r.ok) {
      if (r.reason === 'invalid') problems = r.problems;
      return refused(r.reason);
    }
    repos.records.putAction(r.action);
    audit(repos, actor, now, 'records.actionCreated', { kind: 'action', id: r.action.id }, [change('owner', undefined, r.action.ownerId), change('due', undefined, r.action.dueDate)]);
    return ok({ action: r.action });
  });
  if (!out.ok && out.reason === 'invalid') return { ok: false, reason: 'invalid', problems };
  return out;
}

export type UpdateActionRefusal = 'forbidden' | 'actionNotFound' | 'alreadyDone' | 'notDone' | 'commentTooLong' | 'invalid';

/** The owner (or leadership) marks an action done with a comment, or reopens it. */
export async function setActionDone(
  deps: RecordsWriteDeps,
  actor: Actor,
  command: { actionId: string; done: boolean; comment?: string | undefined; activityId?: string | undefined },
  now: Date,
): Promise<Outcome<{ action: ActionItem }, UpdateActionRefusal | 'duplicate'>> {
  // Decided before the write, as the other records use cases do: a refusal stores nothing, not even the activity id.
  const ownerId = deps.uow.read((repos) => repos.records.actions().find((a) => a.id === command.actionId)?.ownerId);
  if (ownerId === undefined) return refused('actionNotFound');
  if (!can(actor.person, 'records.completeAction', { ownerId })) return refused('forbidden');
  return recordsWrite<{ action: ActionItem }, UpdateActionRefusal>(deps, command.activityId, now, (repos) => {
    const action = repos.records.actions().find((a) => a.id === command.actionId);
    if (!action) return refused('actionNotFound');
    const args = { action, comment: command.comment, actor: recordActor(actor), now };
    const r = command.done ? completeAction(args) : reopenAction(args);
    if (!r.ok) return refused(r.reason);
    repos.records.putAction(r.action);
    audit(repos, actor, now, 'records.actionUpdated', { kind: 'action', id: action.id }, [change('status', action.status, r.action.status)]);
    return ok({ action: r.action });
  });
}
