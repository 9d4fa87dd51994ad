import type { Need } from '../../domain/needs/need.js';
import { nextNeedNumber } from '../../domain/needs/need.js';
import { parseNeedForm, type NeedFormError, type NeedFormValues } from '../../domain/needs/need-form.js';
import { assignRound, type RoundAssignment } from '../../domain/needs/rounds.js';
import { submitNeed as submitNeedRecord } from '../../domain/needs/transitions.js';
import { can } from '../../domain/permissions.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';
import type { NeedsDeps } from './ports.js';

export interface SubmitNeedCommand {
  activityId: string | undefined;
  /** The form's id: submitting the same form twice stores one need. */
  submissionId?: string | undefined;
  /** The form's inputs as they came (validated here by the domain's form rules). */
  fields: unknown;
  /** "Skicka ändå": save without showing similar needs first. */
  force?: boolean | undefined;
}

export type SubmitNeedValue =
  /** The form goes back with the text kept and the problems named. */
  | { kind: 'form'; values: NeedFormValues; errors: readonly NeedFormError[] }
  /** Similar needs to look at before anything is saved ("ställ er bakom" or "skicka ändå"). */
  | { kind: 'similar'; draft: NeedFormValues; needs: readonly Need[] }
  /** Stored (`need` set) or stored before by this form (`need` unset): the receipt. */
  | { kind: 'receipt'; number: number; round: RoundAssignment; need?: Need }
  /** The same activity again, and what it became is not known: nothing was changed. */
  | { kind: 'duplicate' };

export type SubmitNeedRefusal = 'forbidden' | 'otherOrganisation';

/**
 * A director (or leadership) submits a need for their own organisation: the form checked, then — unless forced — up
 * to three similar needs shown before anything is saved, then the need stored once per form submission.
 */
export async function submitNeed(deps: NeedsDeps, actor: Actor, command: SubmitNeedCommand, now: Date): Promise<Outcome<SubmitNeedValue, SubmitNeedRefusal>> {
  const person = actor.person;
  if (!can(person, 'needs.submit')) return refused('forbidden');
  const { submissionId } = command;
  const submitted = (id: string | undefined) => (id ? deps.uow.read((repos) => repos.needs.submission(id)) : undefined);
  const earlier = submitted(submissionId);
  if (earlier) return done({ kind: 'receipt', ...earlier });

  const form = parseNeedForm({ data: command.fields, organisationIds: [person.organisationId] });
  if (!form.ok) return done({ kind: 'form', values: form.values, errors: form.errors });
  const { organisationId, ...fields } = form.value;

  if (!command.force) {
    const needs = deps.uow.read((repos) => {
      const round = assignRound({ rounds: repos.needs.rounds(), now }).year;
      return deps.similar.find({ title: fields.title, description: fields.description, round }).flatMap((f) => repos.needs.get(f.number) ?? []);
    });
    if (needs.length > 0) return done({ kind: 'similar', draft: form.values, needs });
  }

  const written = await deps.uow.write(command.activityId, (repos) => {
    const seen = submissionId ? repos.needs.submission(submissionId) : undefined;
    if (seen) return { ok: true as const, ...seen, need: undefined };
    const result = submitNeedRecord({ fields, organisationId, actor: person, now, number: nextNeedNumber(repos.needs.all()), rounds: repos.needs.rounds() });
    if (!result.ok) return result;
    repos.needs.put(result.need);
    if (submissionId) repos.needs.recordSubmission(submissionId, result.need.number, result.round);
    return { ok: true as const, number: result.need.number, round: result.round, need: result.need };
  });
  if (written.duplicate) {
    // The same activity again (a redelivery): answered as the first time when we know what it became.
    const known = submitted(submissionId);
    return done(known ? { kind: 'receipt', ...known } : { kind: 'duplicate' });
  }
  const r = written.result;
  if (!r.ok) return refused(r.reason);
  if (r.need) deps.similar.changed([r.need]);
  return done({ kind: 'receipt', number: r.number, round: r.round, ...(r.need ? { need: r.need } : {}) });
}
