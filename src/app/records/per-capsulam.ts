import { change } from '../../domain/audit.js';
import { isLocalDate, stockholmAt } from '../../domain/meetings/local-date.js';
import { can } from '../../domain/permissions.js';
import type { DecisionBody } from '../../domain/records/common.js';
import { parseNeedNumbers } from '../../domain/records/decision.js';
import { answerPerCapsulam, closePerCapsulam, DEFAULT_PER_CAPSULAM_RULE, duePerCapsulamResults, openPerCapsulam, seatAnswerers, type PerCapsulam, type PerCapsulamAnswerValue } from '../../domain/records/per-capsulam.js';
import { stockholmDate } from '../../domain/time.js';
import { refused, type Actor, type Outcome } from '../kernel.js';
import type { Repositories } from '../repositories.js';
import { audit, recordActor, recordSeats } from './common.js';
import { ok, recordsWrite, type RecordsWriteDeps } from './write.js';

export type OpenPerCapsulamRefusal =
  | 'forbidden'
  | 'deadlineInvalid'
  | 'deadlineNotAfterNow'
  | 'noSeats'
  | 'tooManySeats'
  | 'seatOfOtherBody'
  | 'duplicateSeat'
  | 'tooManyNeeds'
  | 'unknownNeeds'
  | 'invalidNeedNumbers'
  | 'invalid';

/** Leadership puts a proposal to every seat of a body, to answer yes or no by a deadline (Stockholm date and time). */
export async function putPerCapsulam(
  deps: RecordsWriteDeps,
  actor: Actor,
  command: { body: DecisionBody; proposal: string; needsText: string; deadlineDate: string; deadlineTime: string; activityId?: string | undefined },
  now: Date,
): Promise<Outcome<{ procedure: PerCapsulam }, OpenPerCapsulamRefusal | 'duplicate'>> {
  if (!can(actor.person, 'records.manage')) return refused('forbidden');
  if (!isLocalDate(command.deadlineDate) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(command.deadlineTime)) return refused('deadlineInvalid');
  const parsed = parseNeedNumbers(command.needsText);
  if (parsed.invalid.length > 0) return refused('invalidNeedNumbers');
  return recordsWrite<{ procedure: PerCapsulam }, OpenPerCapsulamRefusal>(deps, command.activityId, now, (repos) => {
    const seats = recordSeats({ people: repos.people.all(), organisations: repos.organisations.all(), body: command.body, date: stockholmDate(now) });
    const r = openPerCapsulam({
      id: repos.records.nextId('pc'),
      body: command.body,
      proposal: command.proposal,
      needNumbers: parsed.numbers,
      needs: repos.records.needs(),
      deadline: stockholmAt(command.deadlineDate, command.deadlineTime),
      seats,
      rule: DEFAULT_PER_CAPSULAM_RULE,
      actor: recordActor(actor),
      now,
    });
    if (!r.ok) return refused(r.reason);
    repos.records.putProcedure(r.procedure);
    audit(repos, actor, now, 'records.perCapsulamOpened', { kind: 'perCapsulam', id: r.procedure.id }, [change('seats', undefined, seats.length), change('deadline', undefined, r.procedure.deadline)]);
    return ok({ procedure: r.procedure });
  });
}

export type AnswerRefusal = 'procedureNotFound' | 'unknownSeat' | 'forbidden' | 'closed' | 'deadlinePassed';

/** A seat's holder (or a substitute of a vacant seat) answers yes or no; the last answer before the deadline counts. */
export function answerProposal(
  deps: RecordsWriteDeps,
  actor: Actor,
  command: { procedureId: string; seatId: string; value: PerCapsulamAnswerValue; activityId?: string | undefined },
  now: Date,
): Promise<Outcome<{ procedure: PerCapsulam; outcome: 'recorded' | 'unchanged' }, AnswerRefusal | 'duplicate'>> {
  // Decided before the write: someone who does not answer for the seat is refused and nothing is stored, not even the activity id.
  const seat = deps.uow.read((repos) => repos.records.procedures().find((p) => p.id === command.procedureId)?.seats.find((s) => s.seatId === command.seatId));
  if (seat && !can(actor.person, 'records.answerPerCapsulam', { seatPersonIds: seatAnswerers(seat) })) return Promise.resolve(refused('forbidden'));
  return recordsWrite<{ procedure: PerCapsulam; outcome: 'recorded' | 'unchanged' }, AnswerRefusal>(deps, command.activityId, now, (repos) => {
    const procedure = repos.records.procedures().find((p) => p.id === command.procedureId);
    if (!procedure) return refused('procedureNotFound');
    const r = answerPerCapsulam({ procedure, seatId: command.seatId, value: command.value, actor: recordActor(actor), now });
    if (!r.ok) return refused(r.reason);
    if (r.outcome === 'recorded') repos.records.putProcedure(r.procedure);
    // Closed as soon as every seat has answered: the result (and its number) need not wait for the deadline.
    const closed = closeIfDue(repos, r.procedure, now);
    return ok({ procedure: closed ?? r.procedure, outcome: r.outcome });
  });
}

function closeIfDue(repos: Repositories, procedure: PerCapsulam, now: Date): PerCapsulam | undefined {
  if (duePerCapsulamResults({ procedures: [procedure], now }).length === 0) return undefined;
  const r = closePerCapsulam({ procedure, decisions: repos.records.decisions(), decisionId: repos.records.nextId('d'), now });
  if (!r.ok) return undefined;
  repos.records.putProcedure(r.procedure);
  if (r.decision) repos.records.putDecision(r.decision);
  audit(repos, null, now, 'records.perCapsulamClosed', { kind: 'perCapsulam', id: procedure.id }, [
    change('outcome', undefined, r.procedure.result?.outcome),
    change('notAnswered', undefined, r.procedure.result?.notAnswered.join(', ')),
  ]);
  return r.procedure;
}

/** The job: procedures whose deadline has passed get their result; seats that did not answer are recorded as such. */
export async function closeDuePerCapsulam(deps: RecordsWriteDeps, now: Date): Promise<number> {
  const due = deps.uow.read((repos) => duePerCapsulamResults({ procedures: repos.records.procedures(), now }).map((p) => p.id));
  if (due.length === 0) return 0;
  const written = await deps.uow.write(undefined, (repos) => {
    let n = 0;
    for (const id of due) {
      const p = repos.records.procedures().find((x) => x.id === id);
      if (p && closeIfDue(repos, p, now)) n++;
    }
    return n;
  });
  return written.duplicate ? 0 : written.result;
}
