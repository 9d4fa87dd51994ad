import { change } from '../../domain/audit.js';
import type { AuditRepository, OrganisationsRepository, PeopleRepository, PreferencesRepository } from '../../app/repositories.js';
import type { StoreDocument } from '../schema.js';
import { appendAudit } from '../sections/audit.js';

export function peopleRepository(doc: StoreDocument): PeopleRepository {
  const find = (id: string) => doc.people.findIndex((p) => p.aadObjectId === id.toLowerCase());
  return {
    get: (id) => doc.people[find(id)],
    all: () => doc.people,
    put(person) {
      const i = find(person.aadObjectId);
      if (i >= 0) doc.people[i] = person;
      else doc.people.push(person);
    },
    remove(id) {
      const i = find(id);
      if (i < 0) return false;
      doc.people.splice(i, 1);
      return true;
    },
  };
}

export function organisationsRepository(doc: StoreDocument): OrganisationsRepository {
  return { get: (id) => doc.organisations.find((o) => o.id === id), all: () => doc.organisations };
}

export function auditRepository(doc: StoreDocument): AuditRepository {
  return {
    append: (note) =>
      appendAudit(doc.audit, {
        at: note.at.toISOString(),
        actorId: note.actorId,
        action: note.action,
        subject: note.subject,
        changes: note.changes.map((c) => change(c.field.slice(0, 64), c.from, c.to)),
      }),
    entries: () => doc.audit.entries,
  };
}

export function preferencesRepository(doc: StoreDocument): PreferencesRepository {
  return {
    language: (personId) => doc.preferences[personId]?.language,
    setLanguage(personId, language) {
      doc.preferences[personId] = { ...doc.preferences[personId], language };
    },
  };
}
