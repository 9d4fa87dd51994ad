import { TurnContext, type ConversationReference, type Activity } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { AdaptiveCard } from '../cards/adaptive-card.js';
import type { Services } from './feature.js';
import { cardMessage } from './app.js';

const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** No stored conversation and no service URL to create one at: the person has to talk to the bot first. */
export class UnreachableError extends Error {
  readonly statusCode = 404;
  constructor(personId: string) {
    super(`no conversation with ${personId}`);
    this.name = 'UnreachableError';
  }
}

function toReference(stored: { serviceUrl: string; channelId: string; conversation: { id: string }; bot: { id: string }; user?: { id: string }; locale?: string }): Partial<ConversationReference> {
  return {
    serviceUrl: stored.serviceUrl,
    channelId: stored.channelId,
    conversation: stored.conversation as ConversationReference['conversation'],
    bot: stored.bot as ConversationReference['bot'],
    ...(stored.user ? { user: stored.user as ConversationReference['user'] } : {}),
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

const toActivity = (message: string | AdaptiveCard): Partial<Activity> => (typeof message === 'string' ? { type: 'message', text: message } : cardMessage(message));

/**
 * Delivers one proactive message through the Bot Framework connector: into the stored 1:1 conversation, or by
 * creating a 1:1 conversation with the person (Teams accepts the AAD object id and tenant for that).
 */
export function createTeamsTransport(adapter: TeamsAdapter, services: Pick<Services, 'store' | 'config' | 'now'>) {
  const appId = services.config.credentials?.appId ?? '';
  const audience = services.config.credentials ? BOT_FRAMEWORK_AUDIENCE : '';

  const anyServiceUrl = (): { serviceUrl: string; bot: { id: string } } | null => {
    const ref = Object.values(services.store.doc.conversationRefs)[0];
    return ref ? { serviceUrl: ref.serviceUrl, bot: { id: ref.bot.id } } : null;
  };

  return {
    canReach(personId: string): boolean {
      return Boolean(services.store.doc.conversationRefs[personId]) || anyServiceUrl() !== null;
    },

    /** Replaces a message the bot sent earlier (an invitation card after a change or a cancellation). */
    async update(personId: string, activityId: string, message: string | AdaptiveCard): Promise<{ activityId?: string }> {
      const stored = services.store.doc.conversationRefs[personId];
      if (!stored) throw new UnreachableError(personId);
      await surfaceErrors((capture) =>
        adapter.continueConversationAsync(appId, toReference(stored), (context) =>
          capture(() => context.updateActivity({ ...toActivity(message), id: activityId, conversation: context.activity.conversation })),
        ),
      );
      return { activityId };
    },

    async deliver(personId: string, message: string | AdaptiveCard): Promise<{ activityId?: string }> {
      const stored = services.store.doc.conversationRefs[personId];
      let activityId: string | undefined;
      if (stored) {
        await surfaceErrors((capture) =>
          adapter.continueConversationAsync(appId, toReference(stored), (context) =>
            capture(async () => {
              activityId = (await context.sendActivity(toActivity(message)))?.id;
            }),
          ),
        );
        return { activityId };
      }
      const service = anyServiceUrl();
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
          tenantId: services.config.tenantId,
          channelData: { tenant: { id: services.config.tenantId } },
          activity: undefined as unknown as Activity,
        },
        (context) => capture(async () => {
          activityId = (await context.sendActivity(toActivity(message)))?.id;
          const reference = TurnContext.getConversationReference(context.activity);
          if (reference.conversation?.id && reference.serviceUrl && reference.bot) {
            const entry = {
              serviceUrl: reference.serviceUrl,
              channelId: reference.channelId ?? 'msteams',
              conversation: { ...reference.conversation },
              bot: { ...reference.bot },
              user: { id: personId },
              tenantId: services.config.tenantId,
              updatedAt: services.now().toISOString(),
            };
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
