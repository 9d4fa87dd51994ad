import { TurnContext, type Activity } from 'botbuilder';
import type { Person } from '../domain/people.js';
import type { Services } from './feature.js';
import { tenantOf } from './edge.js';
import { isPersonalConversation, storedReference } from './conversation-reference.js';

/** Keeps the reference of a person's 1:1 chat with the bot, written only when it changed (see conversation-reference.ts). */
export async function rememberConversation(services: Services, person: Person, activity: Partial<Activity>): Promise<void> {
  if (!isPersonalConversation(activity)) return;
  const reference = TurnContext.getConversationReference(activity);
  const stored = services.store.doc.conversationRefs[person.aadObjectId];
  if (
    stored &&
    stored.conversation.id === reference.conversation?.id &&
    stored.serviceUrl === reference.serviceUrl &&
    stored.locale === (reference.locale ?? undefined)
  ) {
    return;
  }
  const entry = storedReference(reference, { tenantId: tenantOf(activity), now: services.now() });
  if (!entry) return;
  await services.store.update((doc) => {
    doc.conversationRefs[person.aadObjectId] = entry;
  });
}

/** On uninstall (or the bot removed from the 1:1 chat), the reference is dropped. */
export async function forgetConversation(services: Services, activity: Partial<Activity>): Promise<void> {
  const aad = activity.from?.aadObjectId?.toLowerCase();
  const conversationId = activity.conversation?.id;
  const doc = services.store.doc;
  const tenant = tenantOf(activity);
  // Only the person's own tenant can drop their reference: the same object id or conversation id from another tenant is not them.
  const sameTenant = (k: string) => (doc.conversationRefs[k]?.tenantId ?? services.config.tenantId).toLowerCase() === tenant;
  const key = Object.keys(doc.conversationRefs).find((k) => (k === aad || doc.conversationRefs[k]?.conversation.id === conversationId) && sameTenant(k));
  if (!key) return;
  await services.store.update((d) => {
    delete d.conversationRefs[key];
  });
  services.log.info('conversation.forgotten', { aadObjectId: key });
}
