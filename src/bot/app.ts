import { ActivityTypes, CardFactory, MessageFactory, TurnContext, type Activity, type InvokeResponse } from 'botbuilder';
import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { AdaptiveCard } from '../cards/adaptive-card.js';
import { catalogueFor, localeFrom, type Locale } from '../i18n/catalogue.js';
import { can } from '../domain/permissions.js';
import type { Person } from '../domain/people.js';
import type { ActionRoute, BotFeature, Services, TextRoute, Turn } from './feature.js';
import { rememberConversation, forgetConversation } from './conversations.js';
import { accessContact } from './roster.js';
import { setCommand } from '../observability/request-context.js';

const TURN_KEY = Symbol('stark.turn');
const ACTION_INVOKE = 'adaptiveCard/action';

/** The least an activity must carry before anything looks at it; anything else is answered 400 by the server. */
export const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(256).optional(),
    channelId: z.string().min(1).max(64),
    // Replies go to serviceUrl: only http(s), never javascript:, file: or the like.
    serviceUrl: z.string().url().max(2_048).regex(/^https?:\/\//i, 'must be an http(s) URL'),
    from: z.object({ id: z.string().min(1).max(256), aadObjectId: z.string().max(64).optional(), name: z.string().max(512).optional() }).passthrough(),
    conversation: z.object({ id: z.string().min(1).max(1_024), tenantId: z.string().max(64).optional(), conversationType: z.string().max(32).optional() }).passthrough(),
    recipient: z.object({ id: z.string().min(1).max(256) }).passthrough(),
    locale: z.string().max(32).optional(),
    text: z.string().max(28_000).optional(),
    entities: z.array(z.object({ type: z.string().max(64) }).passthrough()).max(100).optional(),
    membersAdded: z.array(z.object({ id: z.string().max(256) }).passthrough()).max(1_000).optional(),
    membersRemoved: z.array(z.object({ id: z.string().max(256) }).passthrough()).max(1_000).optional(),
    action: z.string().max(64).optional(),
  })
  .passthrough();

const actionEnvelopeSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()).optional().default({}),
  }),
});

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const id = activity.conversation?.tenantId ?? (typeof channelTenant === 'string' ? channelTenant : undefined);
  return id?.toLowerCase();
}

/** The registered person behind an activity: the roster entry with its AAD object id, in the roster's tenant. */
export function identify(services: Services, activity: Partial<Activity>): Person | null {
  const aad = activity.from?.aadObjectId?.toLowerCase();
  if (!aad) return null;
  const tenant = tenantOf(activity);
  if (tenant !== undefined && tenant !== services.config.tenantId) return null;
  return services.store.doc.people.find((p) => p.aadObjectId === aad) ?? null;
}

/**
 * Swedish by default, English when the Teams locale starts with "en" — unless the person chose a language in chat
 * ("english" / "svenska"), which wins: some use Teams in English but want the bot in Swedish, and the reverse.
 */
export function localeOf(services: Services, person: Person | null, activity: Partial<Activity>): Locale {
  const chosen = person ? services.store.doc.preferences[person.aadObjectId]?.language : undefined;
  return chosen ?? localeFrom(activity.locale);
}

export const cardMessage = (card: AdaptiveCard): Partial<Activity> => MessageFactory.attachment(CardFactory.adaptiveCard(card));

function toActivity(message: string | AdaptiveCard): Partial<Activity> {
  return typeof message === 'string' ? MessageFactory.text(message) : cardMessage(message);
}

async function sendInvokeResponse(context: TurnContext, body: unknown): Promise<void> {
  const value: InvokeResponse = { status: 200, body };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value });
}

/** An Action.Execute answer that shows a short message and leaves the card as it is. */
export const invokeMessage = (text: string) => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text });

export function buildTurn(context: TurnContext, services: Services, person: Person, locale: Locale): Turn {
  const organisation = services.store.doc.organisations.find((o) => o.id === person.organisationId);
  if (!organisation) throw new Error(`person ${person.aadObjectId} has an unknown organisation`);
  const now = services.now();
  return {
    context,
    services,
    person,
    organisation,
    locale,
    t: catalogueFor(locale),
    now,
    activityId: context.activity.id,
    can: (action, resource) => can(person, action, resource),
    reply: async (message) => {
      await context.sendActivity(toActivity(message));
    },
    link: (kind, params = {}, ttlMs = 24 * 60 * 60 * 1000) =>
      `${services.config.publicUrl}/downloads/${services.links.sign({ k: kind, p: params, u: person.aadObjectId, e: now.getTime() + ttlMs })}`,
  };
}

/** Lower-cased, diacritics folded, mentions and extra spaces removed: what text routes match against. */
export function normaliseText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface BotOptions {
  adapter: TeamsAdapter;
  services: Services;
  features: BotFeature[];
}

/**
 * The teams-ai Application with the features' routes. Every message and card action from a registered person
 * becomes a `Turn`; people who are not in the roster get one polite answer and nothing else.
 */
export function createBot({ adapter, services, features }: BotOptions): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId: services.config.credentials?.appId ?? '',
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState(),
  });

  const textRoutes: TextRoute[] = features.flatMap((f) => f.text ?? []);
  const actionRoutes = new Map<string, ActionRoute>();
  for (const route of features.flatMap((f) => f.actions ?? [])) {
    if (actionRoutes.has(route.verb)) throw new Error(`two features handle the verb ${route.verb}`);
    actionRoutes.set(route.verb, route);
  }
  const turnHooks = features.flatMap((f) => (f.onTurn ? [f.onTurn.bind(f)] : []));

  app.turn('beforeTurn', async (context) => {
    const activity = context.activity;
    const isAction = activity.type === ActivityTypes.Invoke && activity.name === ACTION_INVOKE;
    if (activity.type !== ActivityTypes.Message && !isAction) return true;
    const person = identify(services, activity);
    const locale = localeOf(services, person, activity);
    if (!person) {
      const text = catalogueFor(locale).core.unknownPerson({ contact: accessContact(services.store.doc.people) });
      services.log.info('turn.unknownPerson', { activityType: activity.type, aadObjectId: activity.from?.aadObjectId ?? null });
      if (isAction) await sendInvokeResponse(context, invokeMessage(text));
      else await context.sendActivity(text);
      return false;
    }
    if (isAction && !actionEnvelopeSchema.safeParse(activity.value).success) {
      // teams-ai's Action.Execute route throws on anything else; answer it here, politely, and change nothing.
      services.log.info('action.malformed', { aadObjectId: person.aadObjectId });
      await sendInvokeResponse(context, invokeMessage(catalogueFor(locale).core.invalidInput));
      return false;
    }
    await rememberConversation(services, person, activity);
    const turn = buildTurn(context, services, person, locale);
    context.turnState.set(TURN_KEY, turn);
    for (const hook of turnHooks) await hook(turn);
    return true;
  });

  app.activity(ActivityTypes.Message, async (context) => {
    const turn = context.turnState.get(TURN_KEY) as Turn;
    const text = normaliseText(context.activity.text ?? '');
    for (const route of textRoutes) {
      const match = route.match(text, turn);
      if (match !== undefined && match !== null && match !== false) {
        services.log.debug('turn.text', { route: route.name });
        setCommand(route.name);
        await route.handle(turn, match);
        return;
      }
    }
    await turn.reply(turn.t.core.notUnderstood);
  });

  app.adaptiveCards.actionExecute<Record<string, unknown>>(
    async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === ACTION_INVOKE,
    async (context) => {
      const turn = context.turnState.get(TURN_KEY) as Turn;
      const envelope = actionEnvelopeSchema.safeParse(context.activity.value);
      const route = envelope.success ? actionRoutes.get(envelope.data.action.verb) : undefined;
      if (!envelope.success || !route) {
        services.log.info('action.unknown', { verb: envelope.success ? envelope.data.action.verb.slice(0, 100) : null });
        return turn.t.core.invalidInput;
      }
      setCommand(route.verb);
      const data = route.schema.safeParse(envelope.data.action.data);
      if (!data.success) {
        services.log.info('action.invalidData', { verb: route.verb, issues: data.error.issues.slice(0, 5).map((i) => i.path.join('.')) });
        return turn.t.core.invalidInput;
      }
      const result = await route.handle(turn, data.data);
      return 'card' in result ? (result.card as never) : result.message;
    },
  );

  // Welcome: when the bot is added (personal install, group chat, team), the person who added it gets the help card.
  app.conversationUpdate('membersAdded', async (context) => {
    const added = context.activity.membersAdded ?? [];
    if (!added.some((m) => m.id === context.activity.recipient.id)) return;
    const person = identify(services, context.activity);
    const locale = localeOf(services, person, context.activity);
    if (!person) {
      await context.sendActivity(catalogueFor(locale).core.unknownPerson({ contact: accessContact(services.store.doc.people) }));
      return;
    }
    await rememberConversation(services, person, context.activity);
    const welcome = textRoutes.find((r) => r.name === 'help');
    if (welcome) await welcome.handle(buildTurn(context, services, person, locale), true);
  });

  app.conversationUpdate('membersRemoved', async (context) => {
    const removed = context.activity.membersRemoved ?? [];
    if (!removed.some((m) => m.id === context.activity.recipient.id)) return;
    await forgetConversation(services, context.activity);
  });

  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = (context.activity as { action?: string }).action ?? '';
    if (action.startsWith('remove')) {
      await forgetConversation(services, context.activity);
      return;
    }
    const person = identify(services, context.activity);
    if (person) await rememberConversation(services, person, context.activity);
  });

  return app;
}
