import type { Organisation } from '../domain/organisations.js';
import type { Person } from '../domain/people.js';

/** Whom a person who is not registered should contact: programme leadership, by name and e-mail. */
export function accessContact(people: readonly Person[]): string {
  const leaders = people.filter((p) => p.roles.includes('leadership'));
  if (leaders.length === 0) return 'STARK';
  return leaders.map((p) => (p.email ? `${p.name}, ${p.email}` : p.name)).join('; ');
}

export function organisationName(orgs: readonly Organisation[], id: string): string {
  return orgs.find((o) => o.id === id)?.name ?? id;
}
