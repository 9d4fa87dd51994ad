import type { Activity, ConversationReference } from 'botbuilder';
import { normaliseFreeText } from '../domain/text.js';
import { conversationRefSchema, STORED_NAME_MAX, type StoredConversationRef } from '../store/schema.js';

/**
 * Conversation references make proactive messages possible (invitations, reminders). Only personal (1:1)
 * conversations are kept: an invitation must not land in a group chat. The store is written only when the
 * reference changed, so an ordinary turn costs no disk write.
 *
 * What is stored is parsed down to the fields a proactive message needs — ids, names (at most 200 characters),
 * serviceUrl, tenant, conversation id and type — never the activity's objects themselves: an activity is the
 * sender's to shape, and one whose `from` nests thousands of levels deep must not end up in the store.
 */
const cut = (s: unknown): string | undefined => (typeof s === 'string' ? Array.from(normaliseFreeText(s)).slice(0, STORED_NAME_MAX).join('') : undefined);

/** The stored form of a reference, or null when the reference lacks what a proactive message needs. */
export function storedReference(reference: Partial<ConversationReference>, extra: { tenantId?: string | undefined; now: Date }): StoredConversationRef | null {
  const user = reference.user;
  const parsed = conversationRefSchema.safeParse({
    serviceUrl: reference.serviceUrl,
    channelId: reference.channelId,
    conversation: {
      id: reference.conversation?.id,
      conversationType: typeof reference.conversation?.conversationType === 'string' ? reference.conversation.conversationType : undefined,
      tenantId: typeof reference.conversation?.tenantId === 'string' ? reference.conversation.tenantId : undefined,
    },
    bot: { id: reference.bot?.id, name: cut(reference.bot?.name) },
    ...(user?.id ? { user: { id: user.id, name: cut(user.name), aadObjectId: typeof user.aadObjectId === 'string' ? user.aadObjectId : undefined } } : {}),
    ...(typeof reference.locale === 'string' ? { locale: reference.locale } : {}),
    ...(extra.tenantId ? { tenantId: extra.tenantId } : {}),
    updatedAt: extra.now.toISOString(),
  });
  return parsed.success ? parsed.data : null;
}

/** A personal chat is the only place where answers for one person may be posted. */
export const isPersonalConversation = (activity: Partial<Activity>): boolean => activity.conversation?.conversationType === 'personal';
