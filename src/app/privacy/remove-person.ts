import { change } from '../../domain/audit.js';
import { can } from '../../domain/permissions.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';

export type RemoveRefusal = 'notAllowed' | 'notFound' | 'self' | 'duplicate';

/**
 * Leadership takes a person off the roster and keeps their records (a member who left: their needs and answers stay
 * under their id until retention or an erasure). They can no longer use the bot; the change is audited.
 */
export async function removePerson(deps: { uow: UnitOfWork }, actor: Actor, command: { personId: string; activityId?: string }, now: Date): Promise<Outcome<{ personId: string }, RemoveRefusal>> {
  const personId = command.personId.toLowerCase();
  if (!can(actor.person, 'roster.remove')) return refused('notAllowed');
  if (actor.person.aadObjectId === personId) return refused('self');
  const written = await deps.uow.write(command.activityId, (repos) => {
    const person = repos.people.get(personId);
    if (!person || !repos.people.remove(personId)) return false;
    repos.audit.append({
      at: now,
      actorId: actor.person.aadObjectId,
      action: 'roster.changed',
      subject: { kind: 'roster', id: personId },
      changes: [change('person', `${person.name} (${person.organisationId})`, undefined)],
    });
    return true;
  });
  if (written.duplicate) return refused('duplicate');
  if (!written.result) return refused('notFound');
  return done({ personId });
}
