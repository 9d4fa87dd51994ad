import { TurnContext, type Activity } from 'botbuilder';
import type { Person } from '../domain/people.js';
import type { Services } from './feature.js';
import { tenantOf } from './app.js';

/**
 * Conversation references make proactive messages possible (invitations, reminders). Only personal (1:1)
 * conversations are kept: an invitation must not land in a group chat. The store is written only when the
 * reference changed, so an ordinary turn costs no disk write.
 */
export async function rememberConversation(services: Services, person: Person, activity: Partial<Activity>): Promise<void> {
  const type = activity.conversation?.conversationType;
  if (type !== undefined && type !== 'personal') return;
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
  if (!reference.serviceUrl || !reference.conversation?.id || !reference.channelId || !reference.bot) return;
  const entry = {
    serviceUrl: reference.serviceUrl,
    channelId: reference.channelId,
    conversation: { ...reference.conversation },
    bot: { ...reference.bot },
    ...(reference.user ? { user: { ...reference.user } } : {}),
    ...(reference.locale ? { locale: reference.locale } : {}),
    ...(tenantOf(activity) ? { tenantId: tenantOf(activity) } : {}),
    updatedAt: services.now().toISOString(),
  };
  await services.store.update((doc) => {
    doc.conversationRefs[person.aadObjectId] = entry;
  });
}

/** On uninstall (or the bot removed from the 1:1 chat), the reference is dropped. */
export async function forgetConversation(services: Services, activity: Partial<Activity>): Promise<void> {
  const aad = activity.from?.aadObjectId?.toLowerCase();
  const conversationId = activity.conversation?.id;
  const doc = services.store.doc;
  const key = Object.keys(doc.conversationRefs).find((k) => k === aad || doc.conversationRefs[k]?.conversation.id === conversationId);
  if (!key) return;
  await services.store.update((d) => {
    delete d.conversationRefs[key];
  });
  services.log.info('conversation.forgotten', { aadObjectId: key });
}
