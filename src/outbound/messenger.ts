import type { ReplyMessage } from './message.js';

/** A proactive message to one person. `key` makes it idempotent: a key sent before is never sent again. */
export interface OutgoingMessage {
  key: string;
  personId: string;
  message: ReplyMessage;
  /** Replace this earlier message (its activity id, from `activityIdOf`) instead of posting a new one. */
  replaces?: string;
}

export interface SendReport {
  /** Keys durably queued for delivery (or already delivered earlier). */
  queued: string[];
  /** People the bot cannot reach now (no conversation with them yet and none can be created). */
  unreachable: string[];
}

/** Proactive sending, as features see it. The implementation paces, retries and records deliveries. */
export interface Messenger {
  send(messages: OutgoingMessage[]): Promise<SendReport>;
  /** Whether the bot has a way to reach this person (a stored conversation or a tenant/service to create one in). */
  canReach(personId: string): boolean;
  /** The Teams activity id of a delivered message, so it can be replaced later. */
  activityIdOf(key: string): string | undefined;
}
