import { change } from '../../domain/audit.js';
import { can } from '../../domain/permissions.js';
import { parseNeedNumbers, recordDecision, type Decision, type DecisionTextProblem } from '../../domain/records/decision.js';
import { refused, type Actor, type Outcome } from '../kernel.js';
import { audit, recordActor } from './common.js';
import { ok, recordsWrite, type RecordsWriteDeps } from './write.js';

export type DecisionRefusal =
  | 'forbidden'
  | 'meetingNotFound'
  | 'bodyTakesNoDecisions'
  | 'cancelled'
  | 'meetingNotStarted'
  | 'locked'
  | 'unknownAgendaItem'
  | 'tooManyNeeds'
  | 'supersededNotFound'
  | 'supersedesOtherBody'
  | 'supersedesNotValid'
  | 'invalidNeedNumbers'
  | 'unknownNeeds'
  | 'invalid';

export type DecisionFailure =
  | { ok: false; reason: Exclude<DecisionRefusal, 'unknownNeeds' | 'invalid' | 'invalidNeedNumbers'> | 'duplicate' }
  | { ok: false; reason: 'unknownNeeds'; needNumbers: number[] }
  | { ok: false; reason: 'invalidNeedNumbers'; tokens: string[] }
  | { ok: false; reason: 'invalid'; problem: DecisionTextProblem };

/**
 * Leadership records a decision taken at a meeting: numbered per body and year in the same commit that saves it (so
 * two recordings never get one number), with the agenda item and the needs it concerns (typed as "12, 15"). The
 * needs' submitters and supporters are told once the decision is final (the minutes approved).
 */
export async function recordMeetingDecision(
  deps: RecordsWriteDeps,
  actor: Actor,
  command: { meetingId: string; text: string; itemId?: string | undefined; needsText: string; activityId?: string | undefined },
  now: Date,
): Promise<Outcome<{ decision: Decision }, never> | DecisionFailure> {
  if (!can(actor.person, 'records.manage')) return refused('forbidden');
  const parsed = parseNeedNumbers(command.needsText);
  if (parsed.invalid.length > 0) return { ok: false, reason: 'invalidNeedNumbers', tokens: parsed.invalid.slice(0, 5) };
  let failure: DecisionFailure | undefined;
  const out = await recordsWrite<{ decision: Decision }, DecisionRefusal>(deps, command.activityId, now, (repos) => {
    const meeting = repos.records.meeting(command.meetingId);
    if (!meeting) return refused('meetingNotFound');
    const r = recordDecision({
      decisions: repos.records.decisions(),
      id: repos.records.nextId('d'),
      meeting,
      record: repos.records.record(meeting.id),
      agendaItemId: command.itemId,
      text: command.text,
      needNumbers: parsed.numbers,
      needs: repos.records.needs(),
      actor: recordActor(actor),
      now,
    });
    if (!r.ok) {
      failure = r as DecisionFailure;
      return refused(r.reason);
    }
    repos.records.putDecision(r.decision);
    if (r.superseded) repos.records.putDecision(r.superseded);
    audit(repos, actor, now, 'records.decisionRecorded', { kind: 'decision', id: r.decision.id }, [
      change('number', undefined, `${r.decision.body} ${r.decision.year} § ${r.decision.number}`),
      change('needs', undefined, r.decision.needNumbers.join(', ')),
    ]);
    return ok({ decision: r.decision });
  });
  if (!out.ok && failure) return failure;
  return out as Outcome<{ decision: Decision }, never> | DecisionFailure;
}
