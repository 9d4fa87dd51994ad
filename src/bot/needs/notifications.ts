import { needNotificationCard } from '../../cards/need-notification-card.js';
import type { Need, NeedState, NeedStatus } from '../../domain/needs/need.js';
import type { NeedNotification } from '../../domain/needs/transitions.js';
import { catalogueFor, localeFrom, type Locale } from '../../i18n/catalogue.js';
import type { StoreDocument } from '../../store/schema.js';
import type { PendingNeedMessage } from '../../store/sections/needs.js';
import type { OutgoingMessage } from '../../outbound/messenger.js';
import type { Services } from '../feature.js';

/** One message per need, change (its history entry) and person: the messenger sends a key once only. */
export const needMessageKey = (number: number, historyIndex: number, personId: string): string => `need:${number}:${historyIndex}:${personId}`;

/** The messages a change causes, to be stored in the same write as the change (`doc.needs.pending`). */
export function pendingMessages({ need, notify }: { need: Need; notify: NeedNotification }): PendingNeedMessage[] {
  const historyIndex = need.history.length - 1;
  return notify.people.map((personId) => ({ key: needMessageKey(need.number, historyIndex, personId), personId, number: need.number, historyIndex }));
}

/** The state a history entry moved the need to (statuses after which nothing changes carry the need's own state). */
function stateAfter(need: Need, to: NeedStatus): NeedState {
  if (need.state.status === to) return need.state;
  if (to === 'inkommen' || to === 'under-beredning' || to === 'tillbakadragen') return { status: to };
  return need.state;
}

/** The recipient's language: their choice in chat, else the locale of their Teams conversation. */
function localeOf(doc: Readonly<StoreDocument>, personId: string): Locale {
  return doc.preferences[personId]?.language ?? localeFrom(doc.conversationRefs[personId]?.locale);
}

function render(doc: Readonly<StoreDocument>, p: PendingNeedMessage): OutgoingMessage | null {
  const need = doc.needs.needs.find((n) => n.number === p.number);
  const entry = need?.history[p.historyIndex];
  if (!need || !entry) return null;
  const model = {
    number: need.number,
    title: need.title,
    from: entry.from ?? 'inkommen',
    to: stateAfter(need, entry.to),
    text: entry.text,
    asSupporter: p.personId !== need.submittedBy,
  };
  return { key: p.key, personId: p.personId, message: needNotificationCard(model, catalogueFor(localeOf(doc, p.personId))) };
}

/**
 * Hands pending need messages to the messenger (durably queued, paced, once per key) and forgets them once queued.
 * People the bot cannot reach yet are marked waiting and tried again when they next talk to the bot (`personId`).
 */
export async function deliverNeedMessages(services: Services, options: { personId?: string } = {}): Promise<{ queued: number; unreachable: string[] }> {
  const { store, messenger } = services;
  const todo = store.doc.needs.pending.filter((p) => (options.personId ? p.personId === options.personId : !p.waiting));
  if (todo.length === 0) return { queued: 0, unreachable: [] };
  const messages: OutgoingMessage[] = [];
  const done = new Set<string>();
  for (const p of todo) {
    const message = render(store.doc, p);
    // A need that is gone (never happens: needs are not deleted) has nothing to tell; the entry is dropped.
    if (message) messages.push(message);
    else done.add(p.key);
  }
  const report = messages.length > 0 ? await messenger.send(messages) : { queued: [], unreachable: [] };
  for (const key of report.queued) done.add(key);
  const unreachable = new Set(report.unreachable);
  if (done.size > 0 || todo.some((p) => unreachable.has(p.personId) && !p.waiting)) {
    await store.update((doc) => {
      doc.needs.pending = doc.needs.pending
        .filter((p) => !done.has(p.key))
        .map((p) => (unreachable.has(p.personId) && !p.waiting ? { ...p, waiting: true } : p));
    });
  }
  if (unreachable.size > 0) services.log.info('needs.notifyUnreachable', { people: unreachable.size });
  return { queued: report.queued.length, unreachable: [...unreachable] };
}
