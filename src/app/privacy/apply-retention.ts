import { stockholmDate } from '../../domain/time.js';
import type { RetentionCounts, RetentionPolicy } from '../../domain/privacy/retention.js';
import { done, type Outcome } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { organisationAttribution } from './erase-person.js';

/**
 * Storage limitation: clears what is outside its retention window (src/domain/privacy/retention.ts), at most once a
 * Stockholm day (the run is recorded under the day's id: a second run that day, or a run repeated after a crash,
 * writes nothing). Returns counts only. `force` runs again the same day (tests, the command line).
 */
export async function applyRetention(deps: { uow: UnitOfWork; policy: RetentionPolicy }, now: Date, options: { force?: boolean } = {}): Promise<Outcome<{ ran: boolean; counts: RetentionCounts | null }>> {
  const today = stockholmDate(now);
  if (!options.force && deps.uow.read((repos) => repos.privacy.lastRetentionDate()) === today) return done({ ran: false, counts: null });
  const written = await deps.uow.write(options.force ? undefined : `privacy-retention:${today}`, (repos) => repos.privacy.applyRetention(deps.policy, now, organisationAttribution(repos)));
  if (written.duplicate) return done({ ran: false, counts: null });
  return done({ ran: true, counts: written.result });
}
