import type { AuditEntry } from '../domain/audit.js';
import type { Organisation } from '../domain/organisations.js';
import type { Person } from '../domain/people.js';
import type { AuditNote } from './kernel.js';

/**
 * The record kinds use cases read and change, one repository per kind. The file backend implements them over the
 * store document (src/store/repositories/); a feature adds its repository here and its implementation there.
 */
export interface PeopleRepository {
  get(aadObjectId: string): Person | undefined;
  all(): readonly Person[];
  /** Adds or replaces the person with this aadObjectId. */
  put(person: Person): void;
  remove(aadObjectId: string): boolean;
}

export interface OrganisationsRepository {
  get(id: string): Organisation | undefined;
  all(): readonly Organisation[];
}

export interface AuditRepository {
  append(note: AuditNote): AuditEntry;
  entries(): readonly AuditEntry[];
}

export interface Repositories {
  people: PeopleRepository;
  organisations: OrganisationsRepository;
  audit: AuditRepository;
}
