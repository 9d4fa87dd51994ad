import { TurnContext, type ConversationReference, type Activity } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotConfig } from '../config.js';
import type { ReplyMessage } from '../outbound/message.js';
import type { Store } from '../store/store.js';
import { replyActivity } from './reply-activity.js';
import { storedReference } from './conversation-reference.js';
import { serviceUrlAllowed } from './edge.js';
import type { StoredConversationRef } from '../store/schema.js';
import { homeTenantOf } from '../domain/people.js';

const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** A serviceUrl outside the allowed Bot Framework hosts (with credentials): nothing is sent there. */
export class ServiceUrlRefused extends Error {
  readonly statusCode = 403;
  constructor() {
    super('the serviceUrl is not an allowed Bot Framework host');
    this.name = 'ServiceUrlRefused';
  }
}

/** No stored conversation and no service URL to create one at: the person has to talk to the bot first. */
export class UnreachableError extends Error {
  readonly statusCode = 404;
  constructor(personId: string) {
    super(`no conversation with ${personId}`);
    this.name = 'UnreachableError';
  }
}

function toReference(stored: StoredConversationRef): Partial<ConversationReference> {
  return {
    serviceUrl: stored.serviceUrl,
    channelId: stored.channelId,
    conversation: { ...stored.conversation } as ConversationReference['conversation'],
    bot: { ...stored.bot } as ConversationReference['bot'],
    ...(stored.user ? { user: { ...stored.user } as ConversationReference['user'] } : {}),
    ...(stored.locale ? { locale: stored.locale } : {}),
  };
}

/**
 * botbuilder hands an error thrown inside a proactive turn to the adapter's onTurnError, which would tell the person
 * "something went wrong" and swallow it: the outbound queue would then record a failed send as sent. Errors are
 * caught inside the turn and thrown again after it, so the queue sees them and retries.
 */
async function surfaceErrors(run: (capture: (work: () => Promise<unknown>) => Promise<void>) => Promise<void>): Promise<void> {
  let failure: { error: unknown } | undefined;
  await run(async (work) => {
    try {
      await work();
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}

const toActivity = replyActivity;

/**
 * Delivers one proactive message through the Bot Framework connector: into the stored 1:1 conversation, or by
 * creating a 1:1 conversation with the person (Teams accepts the AAD object id and tenant for that).
 */
export function createTeamsTransport(adapter: TeamsAdapter, services: { store: Store; now: () => Date } & { config: Pick<BotConfig, 'credentials' | 'tenantId' | 'allowedServiceUrls'> }) {
  const appId = services.config.credentials?.appId ?? '';
  const audience = services.config.credentials ? BOT_FRAMEWORK_AUDIENCE : '';
  const allowed = (serviceUrl: string) => serviceUrlAllowed(serviceUrl, services.config.allowedServiceUrls);
  // A reference stored before the allow-list (or with another one) is never used to send.
  const checked = <T extends { serviceUrl: string }>(ref: T): T => {
    if (!allowed(ref.serviceUrl)) throw new ServiceUrlRefused();
    return ref;
  };

  /** The tenant a person is reached in (issue #15): their own, else the host tenant. */
  const tenantOfPerson = (personId: string): string => {
    const person = services.store.doc.people.find((p) => p.aadObjectId === personId);
    return person ? homeTenantOf(person, services.config.tenantId) : services.config.tenantId;
  };

  /**
   * Where to create a conversation with someone the bot has not talked to: the Bot Framework service that serves
   * their tenant — one a conversation in the same tenant was reached through. Another tenant's service is used only
   * when none is known for theirs (Teams' public-cloud service answers for every tenant of the cloud).
   */
  const serviceFor = (tenantId: string): { serviceUrl: string; bot: { id: string } } | null => {
    const refs = Object.values(services.store.doc.conversationRefs).filter((r) => allowed(r.serviceUrl));
    const ref = refs.find((r) => (r.tenantId ?? r.conversation.tenantId ?? services.config.tenantId).toLowerCase() === tenantId) ?? refs[0];
    return ref ? { serviceUrl: ref.serviceUrl, bot: { id: ref.bot.id } } : null;
  };

  return {
    /**
     * Opens a 1:1 chat with someone who wrote from a group chat or channel (Teams accepts their Teams user id and the
     * tenant) and stores its reference; false when Teams would not (the bot is not installed for them, say).
     */
    async openPersonal({ personId, userId, serviceUrl, botId, tenantId }: { personId: string; userId: string; serviceUrl: string; botId: string; tenantId: string }): Promise<boolean> {
      if (services.store.doc.conversationRefs[personId]) return true;
      if (!allowed(serviceUrl)) return false;
      let entry: ReturnType<typeof storedReference> = null;
      try {
        await surfaceErrors((capture) =>
          adapter.createConversationAsync(
            appId,
            'msteams',
            serviceUrl,
            audience,
            {
              isGroup: false,
              bot: { id: botId, name: 'STARK' },
              members: [{ id: userId, name: '' }],
              tenantId,
              channelData: { tenant: { id: tenantId } },
              activity: undefined as unknown as Activity,
            },
            (context) =>
              capture(async () => {
                const reference = TurnContext.getConversationReference(context.activity);
                entry = storedReference({ ...reference, conversation: { ...reference.conversation, conversationType: 'personal' } as ConversationReference['conversation'], user: { id: userId, name: '' } }, { tenantId, now: services.now() });
              }),
          ),
        );
      } catch {
        return false;
      }
      const created = entry;
      if (!created) return false;
      await services.store.update((doc) => {
        doc.conversationRefs[personId] ??= created;
      });
      return true;
    },

    canReach(personId: string): boolean {
      return Boolean(services.store.doc.conversationRefs[personId]) || serviceFor(tenantOfPerson(personId)) !== null;
    },

    /** Replaces a message the bot sent earlier (an invitation card after a change or a cancellation). */
    async update(personId: string, activityId: string, message: ReplyMessage): Promise<{ activityId?: string }> {
      const stored = services.store.doc.conversationRefs[personId];
      if (!stored) throw new UnreachableError(personId);
      await surfaceErrors((capture) =>
        adapter.continueConversationAsync(appId, toReference(checked(stored)), (context) =>
          capture(() => context.updateActivity({ ...toActivity(message), id: activityId, conversation: context.activity.conversation })),
        ),
      );
      return { activityId };
    },

    async deliver(personId: string, message: ReplyMessage): Promise<{ activityId?: string }> {
      const stored = services.store.doc.conversationRefs[personId];
      let activityId: string | undefined;
      if (stored) {
        await surfaceErrors((capture) =>
          adapter.continueConversationAsync(appId, toReference(checked(stored)), (context) =>
            capture(async () => {
              activityId = (await context.sendActivity(toActivity(message)))?.id;
            }),
          ),
        );
        return { activityId };
      }
      const tenantId = tenantOfPerson(personId);
      const service = serviceFor(tenantId);
      if (!service) throw new UnreachableError(personId);
      await surfaceErrors((capture) => adapter.createConversationAsync(
        appId,
        'msteams',
        service.serviceUrl,
        audience,
        {
          isGroup: false,
          bot: { id: service.bot.id, name: 'STARK' },
          members: [{ id: personId, name: '' }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
          activity: undefined as unknown as Activity,
        },
        (context) => capture(async () => {
          activityId = (await context.sendActivity(toActivity(message)))?.id;
          const reference = TurnContext.getConversationReference(context.activity);
          const entry = storedReference({ ...reference, channelId: reference.channelId ?? 'msteams', user: { id: personId, name: '' } }, { tenantId, now: services.now() });
          if (entry) {
            await services.store.update((doc) => {
              doc.conversationRefs[personId] ??= entry;
            });
          }
        }),
      ));
      return { activityId };
    },
  };
}
export type TeamsTransport = ReturnType<typeof createTeamsTransport>;
