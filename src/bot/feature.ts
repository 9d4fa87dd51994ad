import type { TurnContext } from 'botbuilder';
import type { Notice } from '../app/kernel.js';
import type { SendReport } from '../outbound/messenger.js';
import type { FileConsentMessage, FileInfoMessage, ReplyMessage } from '../outbound/message.js';
import type { z } from 'zod';
import type { AdaptiveCard, FileLink } from '../cards/adaptive-card.js';
import type { LimitKind } from '../domain/limits.js';
import type { Catalogue, Locale } from '../i18n/catalogue.js';
import type { Organisation } from '../domain/organisations.js';
import type { Person } from '../domain/people.js';
import type { Action, PermissionResource } from '../domain/permissions.js';
import type { BotConfig } from '../config.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../observability/logger.js';
import type { LinkSigner } from '../outbound/links.js';
import type { QueuedMessenger } from '../outbound/messaging.js';
import type { Limiter } from './limiter.js';
import type { TeamsTransport } from './teams-transport.js';
import type { Audience } from './edge.js';

/** What every feature can use; built once in src/server.ts. */
export interface Services {
  store: Store;
  config: BotConfig;
  log: Logger;
  now: () => Date;
  links: LinkSigner;
  /** Proactive messages to people (invitations, reminders, notifications) through the paced outbound queue. */
  messenger: QueuedMessenger;
  /** Per-person limits (src/domain/limits.ts), counted in memory. */
  limiter: Limiter;
  /** Teams' connector: for opening a personal chat with someone who wrote from a group chat or channel. */
  transport: TeamsTransport;
  /** Queues a use case's notices (src/app/kernel.ts), each rendered in its recipient's language by its feature's renderer. */
  notify(notices: readonly Notice[]): Promise<SendReport>;
}

/**
 * Where an answer may be read. `public`: by everyone in the conversation it was asked in (cost shares, help, the
 * meeting calendar without answers). `personal`: only by the person who asked; asked in a group chat or channel, it
 * is sent to their personal chat with the bot and the group is told so (decided in one place, src/bot/app.ts).
 */
export type Visibility = 'public' | 'personal';

/** Who reads this turn's answers: the asker alone (a 1:1 chat) or a group chat or channel. */
export type { Audience };

/** What a turn (or a proactive message) can send (src/outbound/message.ts, where the queue carries it). */
export type { FileConsentMessage, FileInfoMessage, ReplyMessage };

/** One turn from a registered person, with everything a handler needs. */
export interface Turn {
  context: TurnContext;
  services: Services;
  person: Person;
  organisation: Organisation;
  locale: Locale;
  t: Catalogue;
  now: Date;
  /** Personal chat, or a group chat or channel where anything personal must not be posted. */
  audience: Audience;
  /** The activity id, for recording a mutation once (`store.updateOnce`). */
  activityId: string | undefined;
  can(action: Action, resource?: PermissionResource): boolean;
  /** Sends markdown text or a card into this turn's conversation. */
  reply(message: ReplyMessage): Promise<void>;
  /**
   * A file for this person (see `downloads` below): a signed link that works once within ten minutes (local mode),
   * or in Teams a button that sends the file through the file consent card. Personal answers only.
   */
  link(kind: string, params?: Record<string, string>): FileLink;
  /** Runs a chat command as if it had been typed, under the same scope rule; false when nothing understood it. */
  command(text: string): Promise<boolean>;
}

/** What an Action.Execute handler answers: a card that replaces the clicked card, or a short message. */
export type ActionResult = { card: AdaptiveCard } | { message: string };

export interface TextRoute {
  name: string;
  /**
   * Where the answer may be read; a function decides per command (the meetings route answers "mötesplan" in public).
   * Undeclared means personal: a route that forgets is answered in personal chat, never posted to a group.
   */
  visibility?: Visibility | ((match: unknown) => Visibility);
  /** The per-person limit this command counts against (commands that store something). */
  limit?: LimitKind;
  /** Called with the trimmed text (mentions removed); returns undefined/null/false when the text is not for it. */
  match(text: string, turn: Turn): unknown;
  handle(turn: Turn, match: unknown): Promise<void>;
}

export interface ActionRoute {
  verb: string;
  /** Where the answer may be read: a personal verb pressed on a card in a group is answered in personal chat (the default). */
  visibility?: Visibility;
  /** The per-person limit a click counts against, by what it sends (an RSVP with a comment counts as a comment). */
  limit?: (data: unknown) => LimitKind | undefined;
  /** Parses the card's data (inputs arrive as strings); a failure gets a polite error and changes nothing. */
  schema: z.ZodTypeAny;
  handle(turn: Turn, data: unknown): Promise<ActionResult>;
}

export interface HelpEntry {
  /** Shown only to people who may do this. */
  action: Action;
  /** Listed on the help card of a group chat or channel too (public answers only). */
  shared?: boolean;
  entry: (t: Catalogue) => { command: string; text: string };
}

export interface DownloadFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

export interface DownloadRoute {
  kind: string;
  /** Exports of personal data (the needs with their contact people) are recorded in the audit record. */
  audited?: boolean;
  /** null when the person may not have it (answered 403) or it does not exist (404 is not distinguished). */
  produce(args: { services: Services; person: Person; params: Record<string, string>; locale: Locale }): Promise<DownloadFile | null>;
}

/** An invoke other than a card action (Teams' file consent answer), for a registered person. */
export interface InvokeRoute {
  name: string;
  schema: z.ZodTypeAny;
  /** Returns the invoke response's status (200 unless the data was refused). */
  handle(turn: Turn, data: unknown): Promise<void>;
}

export interface BackgroundJob {
  name: string;
  everyMs: number;
  run(services: Services): Promise<void>;
}

/**
 * Turns a use case's notice (src/app/kernel.ts: data, no text) into the message one person reads, in their language.
 * `kind` matches `Notice.kind`; `data` is parsed by the renderer (it was written by our own use case).
 */
export interface NoticeRenderer {
  kind: string;
  render(data: unknown, t: Catalogue, locale: Locale): ReplyMessage;
}

/** A feature plugs into the bot through this shape only; src/bot/app.ts wires it. */
export interface BotFeature {
  name: string;
  text?: TextRoute[];
  actions?: ActionRoute[];
  help?: HelpEntry[];
  downloads?: DownloadRoute[];
  invokes?: InvokeRoute[];
  jobs?: BackgroundJob[];
  /** How this feature's notices (from its use cases in src/app) are shown; sent with `sendNotices` (src/bot/notices.ts). */
  notices?: NoticeRenderer[];
  /** Runs on every turn of a registered person (keep it cheap): e.g. deliver invitations that could not be sent. */
  onTurn?(turn: Turn): Promise<void>;
}

/** Typed helpers: the match result and the parsed data keep their types inside the handler. */
export function textRoute<M>(route: {
  name: string;
  visibility?: Visibility | ((match: M) => Visibility);
  limit?: LimitKind;
  match(text: string, turn: Turn): M | null | undefined | false;
  handle(turn: Turn, match: M): Promise<void>;
}): TextRoute {
  return route as TextRoute;
}

export function actionRoute<S extends z.ZodTypeAny>(route: {
  verb: string;
  visibility?: Visibility;
  limit?: (data: z.infer<S>) => LimitKind | undefined;
  schema: S;
  handle(turn: Turn, data: z.infer<S>): Promise<ActionResult>;
}): ActionRoute {
  return route as ActionRoute;
}

export function invokeRoute<S extends z.ZodTypeAny>(route: { name: string; schema: S; handle(turn: Turn, data: z.infer<S>): Promise<void> }): InvokeRoute {
  return route as InvokeRoute;
}
