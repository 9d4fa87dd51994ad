import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import type { AdaptiveCard } from '../cards/adaptive-card.js';
import type { Catalogue, Locale } from '../i18n/catalogue.js';
import type { Organisation } from '../domain/organisations.js';
import type { Person } from '../domain/people.js';
import type { Action, PermissionResource } from '../domain/permissions.js';
import type { BotConfig } from '../config.js';
import type { Store } from '../store/store.js';
import type { Logger } from './logger.js';
import type { LinkSigner } from './links.js';
import type { QueuedMessenger } from './messaging.js';

/** What every feature can use; built once in src/server.ts. */
export interface Services {
  store: Store;
  config: BotConfig;
  log: Logger;
  now: () => Date;
  links: LinkSigner;
  /** Proactive messages to people (invitations, reminders, notifications) through the paced outbound queue. */
  messenger: QueuedMessenger;
}

/** One turn from a registered person, with everything a handler needs. */
export interface Turn {
  context: TurnContext;
  services: Services;
  person: Person;
  organisation: Organisation;
  locale: Locale;
  t: Catalogue;
  now: Date;
  /** The activity id, for recording a mutation once (`store.updateOnce`). */
  activityId: string | undefined;
  can(action: Action, resource?: PermissionResource): boolean;
  /** Sends markdown text or a card into this turn's conversation. */
  reply(message: string | AdaptiveCard): Promise<void>;
  /** A signed, expiring download URL for this person (see links.ts and `downloads` below). */
  link(kind: string, params?: Record<string, string>, ttlMs?: number): string;
}

/** What an Action.Execute handler answers: a card that replaces the clicked card, or a short message. */
export type ActionResult = { card: AdaptiveCard } | { message: string };

export interface TextRoute {
  name: string;
  /** Called with the trimmed text (mentions removed); returns undefined/null/false when the text is not for it. */
  match(text: string, turn: Turn): unknown;
  handle(turn: Turn, match: unknown): Promise<void>;
}

export interface ActionRoute {
  verb: string;
  /** Parses the card's data (inputs arrive as strings); a failure gets a polite error and changes nothing. */
  schema: z.ZodTypeAny;
  handle(turn: Turn, data: unknown): Promise<ActionResult>;
}

export interface HelpEntry {
  /** Shown only to people who may do this. */
  action: Action;
  entry: (t: Catalogue) => { command: string; text: string };
}

export interface DownloadFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

export interface DownloadRoute {
  kind: string;
  /** null when the person may not have it (answered 403) or it does not exist (404 is not distinguished). */
  produce(args: { services: Services; person: Person; params: Record<string, string>; locale: Locale }): Promise<DownloadFile | null>;
}

export interface BackgroundJob {
  name: string;
  everyMs: number;
  run(services: Services): Promise<void>;
}

/** A feature plugs into the bot through this shape only; src/bot/app.ts wires it. */
export interface BotFeature {
  name: string;
  text?: TextRoute[];
  actions?: ActionRoute[];
  help?: HelpEntry[];
  downloads?: DownloadRoute[];
  jobs?: BackgroundJob[];
  /** Runs on every turn of a registered person (keep it cheap): e.g. deliver invitations that could not be sent. */
  onTurn?(turn: Turn): Promise<void>;
}

/** Typed helpers: the match result and the parsed data keep their types inside the handler. */
export function textRoute<M>(route: { name: string; match(text: string, turn: Turn): M | null | undefined | false; handle(turn: Turn, match: M): Promise<void> }): TextRoute {
  return route as TextRoute;
}

export function actionRoute<S extends z.ZodTypeAny>(route: { verb: string; schema: S; handle(turn: Turn, data: z.infer<S>): Promise<ActionResult> }): ActionRoute {
  return route as ActionRoute;
}
