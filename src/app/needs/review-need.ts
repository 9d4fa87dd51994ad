import { change, needStateValue, type AuditEntry } from '../../domain/audit.js';
import type { Need, NeedStatus, ProgrammePlan } from '../../domain/needs/need.js';
import { transition, type TransitionFailure } from '../../domain/needs/transitions.js';
import { can } from '../../domain/permissions.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';
import type { Repositories } from '../repositories.js';
import type { NeedsDeps } from './ports.js';

export interface MoveNeedCommand {
  activityId: string | undefined;
  number: number;
  to: NeedStatus;
  /** The answer to the submitter and supporters (the motivation of a rejection). */
  text: string;
  plan?: ProgrammePlan | undefined;
  mergeInto?: number | undefined;
}

export type MoveNeedValue =
  /** Moved: the need (and a merge's target) as stored, how many people are told, the audit entry of a review. */
  | { kind: 'moved'; need: Need; mergedInto?: Need; told: number; audit?: AuditEntry }
  /** A click already stored (the same activity again): nothing changed; the channel shows the need as it is. */
  | { kind: 'again' };

/** `notReviewer`: the person may not review needs at all (checked before anything else). */
export type MoveNeedRefusal = TransitionFailure | 'noSuchNeed' | 'noSuchTarget' | 'notReviewer';

function plan(repos: Repositories, actor: Actor, command: MoveNeedCommand, now: Date) {
  const need = repos.needs.get(command.number);
  if (!need) return { ok: false as const, reason: 'noSuchNeed' as const };
  const mergeInto = command.mergeInto !== undefined ? repos.needs.get(command.mergeInto) : undefined;
  if (command.to === 'sammanslagen' && command.mergeInto !== undefined && !mergeInto) return { ok: false as const, reason: 'noSuchTarget' as const };
  return transition({ need, to: command.to, actor: actor.person, now, text: command.text, ...(mergeInto ? { mergeInto } : {}), ...(command.plan ? { plan: command.plan } : {}) });
}

/**
 * A need moves along the review path (or is withdrawn): stored with the messages to its submitter and supporters in
 * one commit. Checked before the write, so a refused click records nothing, not even its activity id. Reviews and
 * merges are the programme group's and leadership's decisions and go into the audit record in the same commit; a
 * withdrawal is the submitting organisation's own act.
 */
async function moveNeed(deps: NeedsDeps, actor: Actor, command: MoveNeedCommand, now: Date): Promise<Outcome<MoveNeedValue, MoveNeedRefusal>> {
  if (deps.uow.seen(command.activityId)) return done({ kind: 'again' });
  const checked = deps.uow.read((repos) => plan(repos, actor, command, now));
  if (!checked.ok) return refused(checked.reason);
  const written = await deps.uow.write(command.activityId, (repos) => {
    const before = repos.needs.get(command.number);
    const r = plan(repos, actor, command, now);
    if (!r.ok) return r;
    repos.needs.put(r.need);
    if (r.mergedInto) repos.needs.put(r.mergedInto);
    const told = repos.needs.queueMessages(r.need, r.notify);
    const audit =
      command.to === 'tillbakadragen'
        ? undefined
        : repos.audit.append({
            at: now,
            actorId: actor.person.aadObjectId,
            action: command.to === 'sammanslagen' ? 'need.merged' : 'need.reviewed',
            subject: { kind: 'need', id: `#${command.number}` },
            changes: [change('status', before ? needStateValue(before.state) : undefined, needStateValue(r.need.state)), ...(command.text.trim() ? [change('answer', undefined, command.text)] : [])],
          });
    return { ok: true as const, need: r.need, mergedInto: r.mergedInto, told, audit };
  });
  if (written.duplicate) return done({ kind: 'again' });
  const r = written.result;
  if (!r.ok) return refused(r.reason);
  deps.similar.changed([r.need, r.mergedInto]);
  const stored = deps.uow.read((repos) => repos.needs.get(command.number)) ?? r.need;
  return done({ kind: 'moved', need: stored, told: r.told, ...(r.mergedInto ? { mergedInto: r.mergedInto } : {}), ...(r.audit ? { audit: r.audit } : {}) });
}

/** Programgrupp and leadership review a need: under beredning, into the programme plan, rejected or merged. */
export function reviewNeed(deps: NeedsDeps, actor: Actor, command: MoveNeedCommand, now: Date): Promise<Outcome<MoveNeedValue, MoveNeedRefusal>> {
  if (!can(actor.person, 'needs.review')) return Promise.resolve(refused('notReviewer'));
  return moveNeed(deps, actor, command, now);
}

/** The submitting organisation withdraws its need while it is inkommen. */
export function withdrawNeed(deps: NeedsDeps, actor: Actor, command: { activityId: string | undefined; number: number }, now: Date): Promise<Outcome<MoveNeedValue, MoveNeedRefusal>> {
  return moveNeed(deps, actor, { ...command, to: 'tillbakadragen', text: '' }, now);
}
