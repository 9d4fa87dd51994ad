import type { Person, Role } from './people.js';

/**
 * Every permission rule of the bot, in one place. Features ask `can(person, action, resource)`;
 * nothing else decides who may do what.
 */
export const actions = [
  'help.view',
  'cost.view',
  'cost.export',
  'needs.submit',
  'needs.support',
  'needs.viewOwn',
  'needs.viewAll',
  'needs.review',
  'needs.manageRounds',
  'needs.export',
  'needs.edit',
  'meetings.schedule',
  'meetings.viewAll',
  'meetings.viewOwn',
  'meetings.rsvp',
  'roster.composition',
  'audit.view',
] as const;
export type Action = (typeof actions)[number];

/** What a resource-bound rule needs to know about the thing being acted on. */
export interface PermissionResource {
  /** The organisation that owns the resource (a need's submitting organisation). */
  organisationId?: string;
  /** A need's status: it can be edited or withdrawn only while it is "inkommen". */
  needStatus?: string;
  /** The people invited to a meeting. */
  inviteeIds?: readonly string[];
}

const anyRegistered: readonly Role[] = ['director', 'chair', 'staff', 'leadership', 'programgrupp', 'programrad'];

const roleRules: Record<Exclude<Action, 'needs.edit' | 'meetings.rsvp'>, readonly Role[]> = {
  'help.view': anyRegistered,
  'cost.view': anyRegistered,
  'cost.export': anyRegistered,
  'needs.submit': ['director', 'leadership'],
  'needs.support': ['director', 'leadership'],
  'needs.viewOwn': anyRegistered,
  'needs.viewAll': ['programgrupp', 'leadership'],
  'needs.review': ['programgrupp', 'leadership'],
  'needs.manageRounds': ['leadership'],
  'needs.export': ['programgrupp', 'leadership'],
  'meetings.schedule': ['leadership'],
  'meetings.viewAll': ['leadership'],
  'meetings.viewOwn': anyRegistered,
  'roster.composition': ['leadership'],
  'audit.view': ['leadership'],
};

const hasAny = (person: Pick<Person, 'roles'>, roles: readonly Role[]): boolean => person.roles.some((r) => roles.includes(r));

export function can(person: Pick<Person, 'roles' | 'organisationId' | 'aadObjectId'>, action: Action, resource: PermissionResource = {}): boolean {
  switch (action) {
    case 'needs.edit':
      return (
        hasAny(person, ['director', 'leadership']) &&
        resource.organisationId === person.organisationId &&
        resource.needStatus === 'inkommen'
      );
    case 'meetings.rsvp':
      return (resource.inviteeIds ?? []).includes(person.aadObjectId);
    default:
      return hasAny(person, roleRules[action]);
  }
}
