import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Person } from '../domain/people.js';
import { tenantOf } from './edge.js';
import type { ActionResult, ReplyMessage, Services, Turn } from './feature.js';

/**
 * Answers that belong to one person, asked for in a group chat or channel, go to that person's 1:1 chat with the bot
 * instead: proactively, through the paced outbound queue like every other proactive message. Without a 1:1 chat
 * yet, one is opened (Teams accepts the person's Teams user id and the tenant); when even that fails (the app is not
 * installed for them), the group is asked to let them open one themselves.
 */
export async function sendToPersonalChat(services: Services, person: Person, activity: Partial<Activity>, messages: readonly ReplyMessage[]): Promise<boolean> {
  if (messages.length === 0) return true;
  const personId = person.aadObjectId;
  if (!services.store.doc.conversationRefs[personId]) {
    const opened = await services.transport.openPersonal({
      personId,
      userId: String(activity.from?.id ?? ''),
      serviceUrl: String(activity.serviceUrl ?? ''),
      botId: String(activity.recipient?.id ?? ''),
      // The person's own tenant (issue #15): a director of another organisation is reached in theirs.
      tenantId: tenantOf(activity) ?? services.config.tenantId,
    });
    if (!opened) return false;
  }
  // The activity id makes the messages idempotent: a redelivered group message is not answered twice in private.
  const base = `personal:${(activity.id ?? randomUUID()).replace(/[^\w.:-]/g, '').slice(0, 200)}`;
  const report = await services.messenger.send(messages.map((message, i) => ({ key: `${base}:${i}`, personId, message })));
  return report.unreachable.length === 0;
}

/**
 * Runs a personal route for a turn in a group chat or channel: the handler gets a personal turn whose replies (and
 * whose action result) are collected and sent to the asker's personal chat. Returns whether they got there.
 */
export async function answerInPersonalChat(turn: Turn, personal: (collect: (m: ReplyMessage) => void) => Turn, work: (t: Turn) => Promise<ActionResult | void>): Promise<boolean> {
  const collected: ReplyMessage[] = [];
  const result = await work(
    personal((m) => {
      collected.push(m);
    }),
  );
  // Text routes resolve to nothing; card actions to their answer, which becomes one more message.
  if (result && typeof result === 'object') collected.push('card' in result ? result.card : result.message);
  return sendToPersonalChat(turn.services, turn.person, turn.context.activity, collected);
}
