import { change, type AuditChange } from '../../domain/audit.js';
import { erasureSubject, type ErasureCounts } from '../../domain/privacy/erasure.js';
import { mentions } from '../../domain/privacy/export.js';
import { can } from '../../domain/permissions.js';
import { done, refused, type Outcome } from '../kernel.js';
import type { Repositories } from '../repositories.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { callerId, type PrivacyCaller } from './caller.js';
import type { BackupEraser, OutboundCanceller } from './ports.js';

export type EraseRefusal = 'notAllowed' | 'notFound' | 'self' | 'duplicate';

export interface Erased {
  /** The id the organisation's records now carry instead of the person's. */
  pseudonym: string;
  counts: ErasureCounts;
  /** Backup files rewritten without the person. */
  backups: number;
  /** Messages to the person dropped from the queue in memory (those in the store are counted in `counts.outbox`). */
  dropped: number;
}

export interface EraseDeps {
  uow: UnitOfWork;
  backups?: BackupEraser;
  outbound?: OutboundCanceller;
  /** A fresh random pseudonym in the AAD id format (crypto.randomUUID; tests pass a fixed one). */
  newId: () => string;
}

/** The organisation a record is attributed to once the person is gone: its name, else its id. */
export const organisationAttribution = (repos: Repositories) => (organisationId: string): string => repos.organisations.get(organisationId)?.name ?? organisationId;

/** Anything at all stored about the id: the roster, or any record that names it. */
const anythingStored = (repos: Repositories, personId: string): boolean => Boolean(repos.people.get(personId)) || mentions(repos.privacy.records(), personId);

/**
 * Erasure (GDPR Art. 17): leadership in Teams (after a confirmation card) or `npm run admin -- person erase`. In one
 * commit: the person leaves the roster and is erased everywhere (src/domain/privacy/erasure.ts), and the audit
 * record gets an entry naming the pseudonym and counts only. Then the backups kept are rewritten without them and
 * messages still queued to them in memory are dropped. Erasing again finds nothing (`notFound`); erasing oneself is
 * refused (leadership would lock itself out by a slip: another leader or the command line does it).
 */
export async function erasePerson(deps: EraseDeps, caller: PrivacyCaller, command: { personId: string; activityId?: string }, now: Date): Promise<Outcome<Erased, EraseRefusal>> {
  const personId = command.personId.toLowerCase();
  if (caller.kind === 'person') {
    if (!can(caller.actor.person, 'privacy.erase')) return refused('notAllowed');
    if (caller.actor.person.aadObjectId === personId) return refused('self');
  }
  const pseudonym = deps.newId().toLowerCase();
  const written = await deps.uow.write(command.activityId, (repos) => {
    if (!anythingStored(repos, personId)) return null;
    const person = repos.people.get(personId);
    const records = repos.privacy.records();
    const subject = erasureSubject({ person, personId, pseudonym, meetings: records.meetings, elsewhere: [records.polls, records.meetingRecords, records.actions] });
    const counts = repos.privacy.erase(
      subject,
      { pseudonym, organisationId: person?.organisationId ?? 'unknown', roles: person?.roles ?? [], erasedAt: now.toISOString() },
      organisationAttribution(repos),
      now,
    );
    const changes: AuditChange[] = (Object.entries(counts) as Array<[keyof ErasureCounts, number]>).filter(([, n]) => n > 0).map(([field, n]) => change(field, undefined, n));
    repos.audit.append({ at: now, actorId: callerId(caller), action: 'person.erased', subject: { kind: 'roster', id: pseudonym }, changes });
    return { subject, counts };
  });
  if (written.duplicate) return refused('duplicate');
  if (!written.result) return refused('notFound');
  const { subject, counts } = written.result;
  const dropped = (await deps.outbound?.forget(personId)) ?? 0;
  const backups = deps.backups ? (await deps.backups.erase(subject)).files : 0;
  return done({ pseudonym, counts, backups, dropped });
}
