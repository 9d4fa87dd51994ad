import { change, type AuditEntry } from '../../domain/audit.js';
import { openRound as openRoundRecord, parseRoundForm, type RoundFormError, type RoundFormValues } from '../../domain/needs/rounds.js';
import { can } from '../../domain/permissions.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';
import type { NeedsDeps } from './ports.js';

export interface OpenRoundCommand {
  activityId: string | undefined;
  /** The round form's inputs as they came (validated here by the domain's form rules). */
  data: unknown;
}

export type OpenRoundValue =
  /** The form goes back with the problems named (a round that exists by now included). */
  | { kind: 'form'; values: RoundFormValues; errors: readonly RoundFormError[] }
  | { kind: 'opened'; year: number; closingDate: string; audit: AuditEntry }
  /** The same activity again: nothing changed. */
  | { kind: 'again' };

const openFailure: Record<'roundExists' | 'yearOutOfRange' | 'invalidDate' | 'closingDateInPast', RoundFormError> = {
  roundExists: { field: 'year', problem: 'roundExists' },
  yearOutOfRange: { field: 'year', problem: 'yearOutOfRange' },
  invalidDate: { field: 'closingDate', problem: 'invalid' },
  closingDateInPast: { field: 'closingDate', problem: 'inThePast' },
};

/** Leadership opens the needs round of a programme year with its last day; audited in the same commit. */
export async function openNeedsRound(deps: NeedsDeps, actor: Actor, command: OpenRoundCommand, now: Date): Promise<Outcome<OpenRoundValue, 'forbidden'>> {
  if (!can(actor.person, 'needs.manageRounds')) return refused('forbidden');
  const form = parseRoundForm({ data: command.data, rounds: deps.uow.read((repos) => repos.needs.rounds()), now });
  if (!form.ok) return done({ kind: 'form', values: form.values, errors: form.errors });
  const { year, closingDate } = form.value;
  const written = await deps.uow.write(command.activityId, (repos) => {
    const result = openRoundRecord({ rounds: repos.needs.rounds(), year, closingDate, actor: actor.person, now });
    if (!result.ok) return result;
    repos.needs.addRound(result.round);
    const audit = repos.audit.append({ at: now, actorId: actor.person.aadObjectId, action: 'needs.roundOpened', subject: { kind: 'needsRound', id: String(year) }, changes: [change('year', undefined, year), change('closingDate', undefined, closingDate)] });
    return { ok: true as const, audit };
  });
  if (written.duplicate) return done({ kind: 'again' });
  const r = written.result;
  if (!r.ok) return r.reason === 'forbidden' ? refused('forbidden') : done({ kind: 'form', values: form.values, errors: [openFailure[r.reason]] });
  return done({ kind: 'opened', year, closingDate, audit: r.audit });
}
