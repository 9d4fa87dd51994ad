import type { Actor } from '../kernel.js';
import { ADMIN_ACTOR } from '../../domain/audit.js';

/** Who asks for a privacy use case: a person in Teams, or whoever runs `npm run admin` on the bot's host. */
export type PrivacyCaller = { kind: 'person'; actor: Actor } | { kind: 'admin' };

export const adminCaller: PrivacyCaller = { kind: 'admin' };
export const personCaller = (actor: Actor): PrivacyCaller => ({ kind: 'person', actor });

export const callerId = (caller: PrivacyCaller): string => (caller.kind === 'admin' ? ADMIN_ACTOR : caller.actor.person.aadObjectId);
