import { rosterRepository } from './repositories/roster.js';
import type { Repositories } from '../app/repositories.js';
import type { UnitOfWork } from '../app/unit-of-work.js';
import type { StoreDocument } from './schema.js';
import type { Store } from './store.js';
import { auditRepository, organisationsRepository, peopleRepository } from './repositories/core.js';
import { privacyRepository } from './repositories/privacy.js';
import { recordsRepository } from './repositories/records.js';
import { needsRepository } from './repositories/needs.js';
import { calendarRepository, pollsRepository } from './repositories/polls.js';
import { meetingsRepository } from './repositories/meetings.js';

/** The repositories over one document (the live one for reads, the write's draft inside `write`). One line per kind. */
export function repositoriesOver(doc: StoreDocument): Repositories {
  return {
    people: peopleRepository(doc),
    organisations: organisationsRepository(doc),
    audit: auditRepository(doc),
    privacy: privacyRepository(doc),
    records: recordsRepository(doc),
    polls: pollsRepository(doc),
    meetings: meetingsRepository(doc),
    calendar: calendarRepository(doc),
    roster: rosterRepository(doc),
    needs: needsRepository(doc),
  };
}

/** The embedded file store as a UnitOfWork: one `updateOnce` per write (one durable commit). */
export function fileUnitOfWork(store: Store): UnitOfWork {
  return {
    read: (fn) => fn(repositoriesOver(store.doc as StoreDocument)),
    write: (activityId, fn) => store.updateOnce(activityId, (doc) => fn(repositoriesOver(doc))),
    seen: (activityId) => activityId !== undefined && store.doc.processedActivities.includes(activityId),
  };
}
