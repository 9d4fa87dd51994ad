import { assembleExport, type PersonalDataExport } from '../../domain/privacy/export.js';
import { can } from '../../domain/permissions.js';
import { done, refused, type Outcome } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { PrivacyCaller } from './caller.js';

export type ExportRefusal = 'notAllowed' | 'nothingStored';

/**
 * Everything stored about one person (GDPR Art. 15). A person gets their own ("mina uppgifter"); the command line gets
 * anyone's (`npm run admin -- person export`). Reads only: nothing is written, so it is safe beside the running bot.
 */
export function exportPersonData(deps: { uow: UnitOfWork }, caller: PrivacyCaller, command: { personId: string }, now: Date): Outcome<PersonalDataExport, ExportRefusal> {
  const personId = command.personId.toLowerCase();
  if (caller.kind === 'person' && (caller.actor.person.aadObjectId !== personId || !can(caller.actor.person, 'privacy.exportOwn'))) return refused('notAllowed');
  const data = deps.uow.read((repos) => assembleExport({ personId, records: repos.privacy.records(), now }));
  if (Object.values(data.sections).every((s) => s.length === 0)) return refused('nothingStored');
  return done(data);
}
