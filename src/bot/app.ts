import { ActivityTypes, MessageFactory, TurnContext, type Activity, type InvokeResponse } from 'botbuilder';
import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import { z } from 'zod';
import { catalogueFor, localeFrom, type Catalogue, type Locale } from '../i18n/catalogue.js';
import { can } from '../domain/permissions.js';
import { personFrom, type Person } from '../domain/people.js';
import { termState, type TermState } from '../domain/roster/terms.js';
import { stockholmDate } from '../domain/time.js';
import { waitMinutes, type LimitKind } from '../domain/limits.js';
import { normaliseDeep, normaliseFreeText } from '../domain/text.js';
import type { ActionResult, ActionRoute, Audience, BotFeature, InvokeRoute, ReplyMessage, Services, TextRoute, Turn, Visibility } from './feature.js';
import { rememberConversation, forgetConversation } from './conversations.js';
import { setCommand } from '../observability/request-context.js';
import { audienceOf, tenantOf } from './edge.js';
import { fileLink } from './files.js';
import { answerInPersonalChat } from './personal-chat.js';
import { replyActivity } from './reply-activity.js';

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

/** Whether an activity comes from a tenant the bot serves: the host tenant or one of STARK_ALLOWED_TENANTS. */
export function fromAllowedTenant(services: Pick<Services, 'config'>, activity: Partial<Activity>): boolean {
  const tenant = tenantOf(activity);
  return tenant !== undefined && services.config.allowedTenants.includes(tenant);
}

/** Who an activity is from, as far as the bot is concerned. */
export type Standing =
  | { kind: 'member'; person: Person }
  /** In the roster, but outside their term of office today (issue #14 point 4): a polite answer, nothing else. */
  | { kind: 'outOfOffice'; person: Person; term: Exclude<TermState, { state: 'inOffice' }> }
  /** From a tenant the bot serves, not in the roster. */
  | { kind: 'unknown' }
  /** From a tenant the bot does not serve. */
  | { kind: 'otherTenant' };

export function standingOf(services: Pick<Services, 'config' | 'store' | 'now'>, activity: Partial<Activity>): Standing {
  const tenant = tenantOf(activity);
  if (tenant === undefined || !fromAllowedTenant(services, activity)) return { kind: 'otherTenant' };
  const aad = activity.from?.aadObjectId;
  if (typeof aad !== 'string' || aad === '') return { kind: 'unknown' };
  const person = personFrom({ people: services.store.doc.people, aadObjectId: aad, tenantId: tenant, hostTenantId: services.config.tenantId });
  if (!person) return { kind: 'unknown' };
  const term = termState({ person, date: stockholmDate(services.now()) });
  return term.state === 'inOffice' ? { kind: 'member', person } : { kind: 'outOfOffice', person, term };
}

/**
 * The registered person behind an activity: the roster entry with its AAD object id whose home tenant is the
 * activity's (issue #15), the tenant being one the bot serves, within their term of office today (issue #14). An
 * activity without a tenant is nobody's (Teams always sends one; the server refuses such requests before this).
 */
export function identify(services: Pick<Services, 'config' | 'store' | 'now'>, activity: Partial<Activity>): Person | null {
  const standing = standingOf(services, activity);
  return standing.kind === 'member' ? standing.person : null;
}

/** The one sentence for someone who is not (or no longer, or not yet) a member. */
export function strangerText(services: Pick<Services, 'config'>, t: Catalogue, standing: Exclude<Standing, { kind: 'member' }>): string {
  switch (standing.kind) {
    case 'otherTenant':
      return t.core.otherTenant;
    case 'unknown':
      return t.core.unknownPerson({ contact: services.config.accessContact });
    case 'outOfOffice':
      return standing.term.state === 'ended'
        ? t.core.termEnded({ date: standing.term.end, contact: services.config.accessContact })
        : t.core.termNotStarted({ date: standing.term.start });
  }
}

/**
 * Swedish by default, English when the Teams locale starts with "en" — unless the person chose a language in chat
 * ("english" / "svenska"), which wins: some use Teams in English but want the bot in Swedish, and the reverse.
 */
export function localeOf(services: Services, person: Person | null, activity: Partial<Activity>): Locale {
  const chosen = person ? services.store.doc.preferences[person.aadObjectId]?.language : undefined;
  return chosen ?? localeFrom(typeof activity.locale === 'string' ? activity.locale : undefined);
}

async function sendInvokeResponse(context: TurnContext, body: unknown): Promise<void> {
  const value: InvokeResponse = { status: 200, body };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value });
}

/** An Action.Execute answer that shows a short message and leaves the card as it is. */
export const invokeMessage = (text: string) => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text });

const toActivity = (message: ReplyMessage): Partial<Activity> => (typeof message === 'string' ? MessageFactory.text(message) : replyActivity(message));

export function buildTurn(context: TurnContext, services: Services, person: Person, locale: Locale, audience: Audience = audienceOf(context.activity), command: (turn: Turn, text: string) => Promise<boolean> = async () => false): Turn {
  const organisation = services.store.doc.organisations.find((o) => o.id === person.organisationId);
  if (!organisation) throw new Error(`person ${person.aadObjectId} has an unknown organisation`);
  const now = services.now();
  const turn: Turn = {
    context,
    services,
    person,
    organisation,
    locale,
    t: catalogueFor(locale),
    now,
    audience,
    activityId: context.activity.id,
    can: (action, resource) => can(person, action, resource),
    reply: async (message) => {
      await context.sendActivity(toActivity(message));
    },
    link: (kind, params = {}) => {
      // A file is always personal: a route that offers one in a group chat is a bug, not a leak.
      if (turn.audience !== 'personal') throw new Error(`a ${kind} link was asked for in a shared conversation`);
      return fileLink(services, { kind, params, personId: person.aadObjectId, now });
    },
    command: (text) => command(turn, text),
  };
  return turn;
}

/** Lower-cased, diacritics folded, mentions and extra spaces removed: what text routes match against. */
export function normaliseText(text: string): string {
  return normaliseFreeText(text)
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

const visibilityOf = (route: TextRoute, match: unknown): Visibility => (typeof route.visibility === 'function' ? route.visibility(match) : (route.visibility ?? 'personal'));
const matched = (m: unknown) => m !== undefined && m !== null && m !== false;

/**
 * The teams-ai Application with the features' routes. Every message and card action from a registered person
 * becomes a `Turn`; people who are not in the roster get one polite answer and nothing else.
 *
 * The scope rule lives here, once, for every route: a route declares whether its answer is public or personal;
 * a personal answer asked for in a group chat or channel (typed, or a card button pressed there) is sent to the
 * asker's personal chat, and the group is told so in the asker's language. Per-person limits are counted here too.
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
  const invokeRoutes = new Map<string, InvokeRoute>(features.flatMap((f) => f.invokes ?? []).map((r) => [r.name, r]));
  const turnHooks = features.flatMap((f) => (f.onTurn ? [f.onTurn.bind(f)] : []));

  /** The same turn as seen by a personal route asked for in a group: its answers are collected, not posted. */
  const personalTurn = (turn: Turn, collect: (m: ReplyMessage) => void): Turn => {
    const personal: Turn = {
      ...turn,
      audience: 'personal',
      reply: async (m) => {
        collect(m);
      },
      link: (kind, params = {}) => fileLink(services, { kind, params, personId: turn.person.aadObjectId, now: turn.now }),
      command: (text) => dispatch(personal, text),
    };
    return personal;
  };

  /** What the group reads instead of a personal answer. */
  const redirectedText = (t: Catalogue, delivered: boolean) => (delivered ? t.core.scope.answeredInPersonalChat : t.core.scope.openPersonalChat);

  /** A limit was reached: the polite answer, or null when the person may go on. */
  const overLimit = (turn: Turn, kind: LimitKind): string | null => {
    const outcome = services.limiter.take(turn.person.aadObjectId, kind, turn.now.getTime());
    if (outcome.ok) return null;
    services.log.info('limit.reached', { aadObjectId: turn.person.aadObjectId, kind });
    return turn.t.core.limits.tooMany({ minutes: waitMinutes(outcome.retryAfterMs) });
  };

  async function dispatch(turn: Turn, text: string): Promise<boolean> {
    for (const route of textRoutes) {
      const match = route.match(text, turn);
      if (!matched(match)) continue;
      services.log.debug('turn.text', { route: route.name });
      setCommand(route.name);
      const refusal = route.limit ? overLimit(turn, route.limit) : null;
      if (refusal) {
        await turn.reply(refusal);
        return true;
      }
      if (visibilityOf(route, match) === 'personal' && turn.audience === 'shared') {
        const delivered = await answerInPersonalChat(turn, (collect) => personalTurn(turn, collect), (t) => route.handle(t, match));
        services.log.info('scope.redirected', { route: route.name, delivered });
        await turn.reply(redirectedText(turn.t, delivered));
      } else {
        await route.handle(turn, match);
      }
      return true;
    }
    return false;
  }

  app.turn('beforeTurn', async (context) => {
    const activity = context.activity;
    const isAction = activity.type === ActivityTypes.Invoke && activity.name === ACTION_INVOKE;
    const isInvokeRoute = activity.type === ActivityTypes.Invoke && typeof activity.name === 'string' && invokeRoutes.has(activity.name);
    if (activity.type !== ActivityTypes.Message && !isAction && !isInvokeRoute) return true;
    const isInvoke = isAction || isInvokeRoute;
    const standing = standingOf(services, activity);
    const person = standing.kind === 'member' ? standing.person : null;
    const locale = localeOf(services, standing.kind === 'member' || standing.kind === 'outOfOffice' ? standing.person : null, activity);
    const t = catalogueFor(locale);
    // Every turn counts, registered or not: a flood from one sender is refused before any work is done for it.
    // Except Teams' own card refreshes (Universal Actions, trigger "automatic"): Teams sends one for every invitation
    // card a person scrolls past, and a refusal would replace their card with a warning. They only read.
    const sender = person?.aadObjectId ?? `from:${String(activity.from?.id ?? '')}`;
    const value = activity.value as { trigger?: unknown; action?: { verb?: unknown } } | undefined;
    const automaticRefresh = isAction && value?.trigger === 'automatic' && value.action?.verb === 'meeting.refresh';
    const turns = automaticRefresh ? ({ ok: true } as const) : services.limiter.take(sender, 'turns', services.now().getTime());
    if (!turns.ok) {
      services.log.info('limit.reached', { aadObjectId: person?.aadObjectId ?? null, kind: 'turns' });
      // Told once per window: answering every refused message would let a flood drive the bot's own sends.
      if (isInvoke) await sendInvokeResponse(context, invokeMessage(t.core.limits.slowDown));
      else if (turns.firstRefusal) await context.sendActivity(t.core.limits.slowDown);
      return false;
    }
    if (standing.kind !== 'member' || !person) {
      // A tenant the bot does not serve learns nothing: not whom to ask, not whether anyone there is registered.
      const text = strangerText(services, t, standing as Exclude<Standing, { kind: 'member' }>);
      const known = standing.kind !== 'otherTenant';
      services.log.info(standing.kind === 'unknown' ? 'turn.unknownPerson' : `turn.${standing.kind}`, { activityType: activity.type, aadObjectId: known && typeof activity.from?.aadObjectId === 'string' ? activity.from.aadObjectId.slice(0, 64) : null });
      if (isInvoke) await sendInvokeResponse(context, invokeMessage(text));
      else await context.sendActivity(text);
      return false;
    }
    if (isAction && !actionEnvelopeSchema.safeParse(activity.value).success) {
      // teams-ai's Action.Execute route throws on anything else; answer it here, politely, and change nothing.
      services.log.info('action.malformed', { aadObjectId: person.aadObjectId });
      await sendInvokeResponse(context, invokeMessage(t.core.invalidInput));
      return false;
    }
    await rememberConversation(services, person, activity);
    const turn = buildTurn(context, services, person, locale, audienceOf(activity), dispatch);
    context.turnState.set(TURN_KEY, turn);
    for (const hook of turnHooks) await hook(turn);
    return true;
  });

  app.activity(ActivityTypes.Message, async (context) => {
    const turn = context.turnState.get(TURN_KEY) as Turn;
    const text = normaliseText(typeof context.activity.text === 'string' ? context.activity.text : '');
    if (!(await dispatch(turn, text))) await turn.reply(turn.t.core.notUnderstood);
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
      // Free text is normalised before anything reads it (src/domain/text.ts).
      const data = route.schema.safeParse(normaliseDeep(envelope.data.action.data));
      if (!data.success) {
        services.log.info('action.invalidData', { verb: route.verb, issues: data.error.issues.slice(0, 5).map((i) => i.path.join('.')) });
        return turn.t.core.invalidInput;
      }
      const kind = route.limit?.(data.data);
      const refusal = kind ? overLimit(turn, kind) : null;
      if (refusal) return refusal;
      let result: ActionResult;
      if ((route.visibility ?? 'personal') === 'personal' && turn.audience === 'shared') {
        const delivered = await answerInPersonalChat(turn, (collect) => personalTurn(turn, collect), (t) => route.handle(t, data.data));
        services.log.info('scope.redirected', { verb: route.verb, delivered });
        result = { message: redirectedText(turn.t, delivered) };
      } else {
        result = await route.handle(turn, data.data);
      }
      return 'card' in result ? (result.card as never) : result.message;
    },
  );

  // Invokes other than card actions (Teams' file consent answers): parsed, handled, answered 200 with no body.
  app.activity(
    async (context) => context.activity.type === ActivityTypes.Invoke && typeof context.activity.name === 'string' && invokeRoutes.has(context.activity.name),
    async (context) => {
      const turn = context.turnState.get(TURN_KEY) as Turn;
      const route = invokeRoutes.get(String(context.activity.name))!;
      const data = route.schema.safeParse(context.activity.value);
      if (data.success) await route.handle(turn, data.data);
      else services.log.info('invoke.invalidData', { name: route.name });
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: data.success ? 200 : 400 } });
    },
  );

  // Welcome: when the bot is added (personal install, group chat, team), the person who added it gets the help
  // card — in a group chat or channel the shared one, which names no one.
  app.conversationUpdate('membersAdded', async (context) => {
    const added = context.activity.membersAdded ?? [];
    if (!added.some((m) => m?.id === context.activity.recipient.id)) return;
    const standing = standingOf(services, context.activity);
    const person = standing.kind === 'member' ? standing.person : null;
    const locale = localeOf(services, person, context.activity);
    if (standing.kind !== 'member' || !person) {
      await context.sendActivity(strangerText(services, catalogueFor(locale), standing as Exclude<Standing, { kind: 'member' }>));
      return;
    }
    await rememberConversation(services, person, context.activity);
    const welcome = textRoutes.find((r) => r.name === 'help');
    if (welcome) await welcome.handle(buildTurn(context, services, person, locale, audienceOf(context.activity), dispatch), true);
  });

  app.conversationUpdate('membersRemoved', async (context) => {
    const removed = context.activity.membersRemoved ?? [];
    if (!removed.some((m) => m?.id === context.activity.recipient.id)) return;
    await forgetConversation(services, context.activity);
  });

  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = (context.activity as { action?: unknown }).action;
    if (typeof action === 'string' && action.startsWith('remove')) {
      await forgetConversation(services, context.activity);
      return;
    }
    const person = identify(services, context.activity);
    if (person) await rememberConversation(services, person, context.activity);
  });

  return app;
}
