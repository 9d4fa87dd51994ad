import { addLocalDays } from '../meetings/local-date.js';
import type { Person, Role } from '../people.js';

/*
 * Roster administration (issue #15 point 3): ending a seat on a date and handing it over to a successor. Pure: the
 * people in, the changed people out, or a reason.
 */

export type TermChangeRefusal =
  /** The last day is before today: a term is not ended in the past. */
  | 'inPast'
  /** The last day is before the term's first day. */
  | 'beforeStart'
  | 'samePerson'
  /** The successor's own term ends before they would take over. */
  | 'successorNotInOffice';

/** Ends a person's term of office on `lastDay` (inclusive). */
export function endTermOn({ person, lastDay, today }: { person: Person; lastDay: string; today: string }): { ok: true; person: Person } | { ok: false; reason: TermChangeRefusal } {
  if (lastDay < today) return { ok: false, reason: 'inPast' };
  if (person.term?.start !== undefined && lastDay < person.term.start) return { ok: false, reason: 'beforeStart' };
  return { ok: true, person: { ...person, term: { ...person.term, end: lastDay } } };
}

/** The roles that go with a seat (the body memberships), as opposed to what the person is (director, chair, staff). */
const SEAT_ROLES: readonly Role[] = ['programrad', 'programgrupp', 'leadership'];

/**
 * Hands a person's seat over: their term ends on `lastDay`; the successor takes their seat — the Programråd seat and
 * membership, the Programgrupp and leadership roles — from the next day. The successor keeps their own roles; their
 * term, if it ends, must reach the handover day.
 */
export function handOver({ from, to, lastDay, today }: { from: Person; to: Person; lastDay: string; today: string }):
  | { ok: true; from: Person; to: Person; firstDay: string }
  | { ok: false; reason: TermChangeRefusal } {
  if (from.aadObjectId === to.aadObjectId) return { ok: false, reason: 'samePerson' };
  const ended = endTermOn({ person: from, lastDay, today });
  if (!ended.ok) return ended;
  const firstDay = addLocalDays(lastDay, 1);
  if (to.term?.end !== undefined && to.term.end < firstDay) return { ok: false, reason: 'successorNotInOffice' };
  const seatRoles = from.roles.filter((r) => SEAT_ROLES.includes(r));
  const roles = [...new Set([...to.roles, ...seatRoles])];
  const successor: Person = { ...to, roles, ...(from.programrad ? { programrad: { ...from.programrad } } : {}) };
  return { ok: true, from: ended.person, to: successor, firstDay };
}
