import type { Need } from '../../domain/needs/need.js';
import { supportNeed as supportNeedRecord } from '../../domain/needs/transitions.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';
import type { Repositories } from '../repositories.js';
import type { NeedsDeps } from './ports.js';

export interface SupportNeedCommand {
  activityId: string | undefined;
  number: number;
}

export type SupportNeedValue =
  | { kind: 'supported'; need: Need }
  /** A click already stored (the same activity again): nothing changed; the channel shows the need as it is. */
  | { kind: 'again' };

export type SupportNeedRefusal = 'noSuchNeed' | 'forbidden' | 'ownOrganisation' | 'alreadySupported' | 'closed' | 'merged';

const plan = (repos: Repositories, actor: Actor, number: number, now: Date) => {
  const need = repos.needs.get(number);
  return need ? supportNeedRecord({ need, actor: actor.person, now }) : { ok: false as const, reason: 'noSuchNeed' as const };
};

/**
 * An organisation stands behind another organisation's need ("ställ er bakom"). Checked before the write, so a
 * refused click records nothing, not even its activity id (a redelivered refused click is refused again). A merged
 * need is refused with the need it was merged into (`Need.state.mergedInto`).
 */
export async function supportNeed(deps: NeedsDeps, actor: Actor, command: SupportNeedCommand, now: Date): Promise<Outcome<SupportNeedValue, SupportNeedRefusal>> {
  if (deps.uow.seen(command.activityId)) return done({ kind: 'again' });
  const checked = deps.uow.read((repos) => plan(repos, actor, command.number, now));
  if (!checked.ok) return refused(checked.reason);
  const written = await deps.uow.write(command.activityId, (repos) => {
    const r = plan(repos, actor, command.number, now);
    if (r.ok) repos.needs.put(r.need);
    return r;
  });
  if (written.duplicate) return done({ kind: 'again' });
  const r = written.result;
  if (!r.ok) return refused(r.reason);
  return done({ kind: 'supported', need: r.need });
}
