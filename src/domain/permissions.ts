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
  'polls.manage',
  'polls.answer',
  'roster.composition',
  /** Meeting records (#17): agenda, papers, notice, attendance, decisions, actions, minutes, per capsulam. */
  'records.manage',
  'records.viewDecisions',
  'records.attendanceReport',
  'records.completeAction',
  'records.approveMinutes',
  'records.answerPerCapsulam',
  'audit.view',
  /** Personal data (#14): a person's own data ("mina uppgifter"); the privacy notice; removing and erasing people. */
  'privacy.exportOwn',
  'privacy.notice',
  'roster.remove',
  'privacy.erase',
  /** The roster card, ending seats and handing them over (issue #15). */
  'roster.manage',
] as const;
export type Action = (typeof actions)[number];

/** What a resource-bound rule needs to know about the thing being acted on. */
export interface PermissionResource {
  /** The organisation that owns the resource (a need's submitting organisation). */
  organisationId?: string;
  /** A need's status: it can be edited or withdrawn only while it is "inkommen". */
  needStatus?: string;
  /** The people invited to a meeting, or asked in a date poll. */
  inviteeIds?: readonly string[];
  /** The person an action item belongs to. */
  ownerId?: string;
  /** The people who sign minutes: the chair and the adjusters (justerare). */
  signatoryIds?: readonly string[];
  /** The people who may answer a per capsulam question for a seat (its holder, or the substitutes of a vacant seat). */
  seatPersonIds?: readonly string[];
}

const anyRegistered: readonly Role[] = ['director', 'chair', 'staff', 'leadership', 'programgrupp', 'programrad'];

type ResourceAction = 'needs.edit' | 'meetings.rsvp' | 'polls.answer' | 'records.completeAction' | 'records.approveMinutes' | 'records.answerPerCapsulam';

const roleRules: Record<Exclude<Action, ResourceAction>, readonly Role[]> = {
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
  /** Propose times, see everyone's answers, finalise or cancel a date poll. */
  'polls.manage': ['leadership'],
  'roster.composition': ['leadership'],
  'records.manage': ['leadership'],
  // Decisions of the bodies concern every party; the log is open to everyone registered.
  'records.viewDecisions': anyRegistered,
  'records.attendanceReport': ['leadership'],
  'audit.view': ['leadership'],
  'privacy.exportOwn': anyRegistered,
  'privacy.notice': anyRegistered,
  'roster.remove': ['leadership'],
  'privacy.erase': ['leadership'],
  'roster.manage': ['leadership'],
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
    case 'polls.answer':
      return (resource.inviteeIds ?? []).includes(person.aadObjectId);
    // The owner marks their own action done; leadership follows up on anyone's.
    case 'records.completeAction':
      return hasAny(person, ['leadership']) || (resource.ownerId !== undefined && resource.ownerId === person.aadObjectId);
    // Only the named chair and adjusters approve minutes: not even leadership approves on their behalf.
    case 'records.approveMinutes':
      return (resource.signatoryIds ?? []).includes(person.aadObjectId);
    case 'records.answerPerCapsulam':
      return (resource.seatPersonIds ?? []).includes(person.aadObjectId);
    default:
      return hasAny(person, roleRules[action]);
  }
}
