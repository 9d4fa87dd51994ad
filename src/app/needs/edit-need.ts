import type { Need } from '../../domain/needs/need.js';
import { parseNeedForm, type NeedFormError, type NeedFormValues } from '../../domain/needs/need-form.js';
import { editNeed as editNeedRecord } from '../../domain/needs/transitions.js';
import { can } from '../../domain/permissions.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';
import type { NeedsDeps } from './ports.js';

export interface EditNeedCommand {
  activityId: string | undefined;
  number: number;
  fields: unknown;
}

export type EditNeedValue =
  | { kind: 'form'; values: NeedFormValues; errors: readonly NeedFormError[] }
  /** Saved (`changed`), or the form held nothing new; `need` as now stored. */
  | { kind: 'saved'; need: Need; changed: boolean }
  /** The same activity again: nothing changed; `need` as it is now. */
  | { kind: 'again'; need: Need };

export type EditNeedRefusal = 'noSuchNeed' | 'notInkommen' | 'editForbidden';

/** Why this person may not edit this need: it has moved on (their own organisation's), or it is not theirs to edit. */
export function editRefusal(actor: Actor, need: Need): 'notInkommen' | 'editForbidden' | null {
  if (can(actor.person, 'needs.edit', { organisationId: need.organisationId, needStatus: need.state.status })) return null;
  return need.state.status !== 'inkommen' && need.organisationId === actor.person.organisationId ? 'notInkommen' : 'editForbidden';
}

/** The submitting organisation corrects its need while it is inkommen (the edit form). */
export async function editNeed(deps: NeedsDeps, actor: Actor, command: EditNeedCommand, now: Date): Promise<Outcome<EditNeedValue, EditNeedRefusal>> {
  const { number } = command;
  const find = () => deps.uow.read((repos) => repos.needs.get(number));
  const current = find();
  if (!current) return refused('noSuchNeed');
  const refusal = editRefusal(actor, current);
  if (refusal) return refused(refusal);
  const form = parseNeedForm({ data: command.fields, organisationIds: [current.organisationId] });
  if (!form.ok) return done({ kind: 'form', values: form.values, errors: form.errors });
  const { organisationId: _org, ...fields } = form.value;
  const written = await deps.uow.write(command.activityId, (repos) => {
    const need = repos.needs.get(number);
    if (!need) return { ok: false as const, reason: 'noSuchNeed' as const };
    const result = editNeedRecord({ need, fields, actor: actor.person, now });
    if (result.ok && result.changed) repos.needs.put(result.need);
    return result;
  });
  const after = find();
  if (!after) return refused('noSuchNeed');
  if (written.duplicate) return done({ kind: 'again', need: after });
  const r = written.result;
  if (!r.ok) return refused(r.reason === 'noSuchNeed' ? 'noSuchNeed' : r.reason === 'notInkommen' ? 'notInkommen' : 'editForbidden');
  if (r.changed) deps.similar.changed([r.need]);
  return done({ kind: 'saved', need: after, changed: r.changed });
}
