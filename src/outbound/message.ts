import type { AdaptiveCard } from '../cards/adaptive-card.js';

/*
 * What the bot sends, as the outbound queue carries it: markdown text, an Adaptive Card, or one of Teams' file cards.
 * The queue and the delivery log treat it as an opaque payload; the Teams transport (src/bot/teams-transport.ts)
 * turns it into an activity.
 */

/** The Teams file consent card: asks the person to accept a file into their OneDrive (personal chat only). */
export interface FileConsentMessage {
  fileConsent: { name: string; description: string; sizeInBytes: number; acceptContext: Record<string, string>; declineContext: Record<string, string> };
}
/** A file the person accepted, shown as a file card. */
export interface FileInfoMessage {
  fileInfo: { name: string; contentUrl: string; uniqueId: string; fileType: string };
}
/** What a turn (or a proactive message) can send: markdown text, a card, or one of Teams' file cards. */
export type ReplyMessage = string | AdaptiveCard | FileConsentMessage | FileInfoMessage;

/** How the messenger reaches people; the Teams transport implements it (src/bot/teams-transport.ts). */
export interface Transport {
  canReach(personId: string): boolean;
  deliver(personId: string, message: ReplyMessage): Promise<{ activityId?: string }>;
  /** Replaces a message sent earlier (its activity id). */
  update(personId: string, activityId: string, message: ReplyMessage): Promise<{ activityId?: string }>;
}
