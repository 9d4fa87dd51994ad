import type { Notice } from '../app/kernel.js';
import { catalogueFor } from '../i18n/catalogue.js';
import type { NoticeRenderer, Services } from './feature.js';
import type { SendReport } from '../outbound/messenger.js';
import { localeOfPerson } from './meetings/delivery.js';

/**
 * Queues a use case's notices through the paced outbound queue, each rendered in its recipient's language by the
 * renderer its feature registered. A notice of a kind no feature renders is a bug: it throws before anything is queued.
 */
export async function sendNotices(services: Pick<Services, 'store' | 'messenger'>, renderers: readonly NoticeRenderer[], notices: readonly Notice[]): Promise<SendReport> {
  if (notices.length === 0) return { queued: [], unreachable: [] };
  const byKind = new Map(renderers.map((r) => [r.kind, r]));
  const messages = notices.map((n) => {
    const renderer = byKind.get(n.kind);
    if (!renderer) throw new Error(`no renderer for notice kind "${n.kind}"`);
    const locale = localeOfPerson(services.store.doc, n.personId);
    return { key: n.key, personId: n.personId, message: renderer.render(n.data, catalogueFor(locale), locale), ...(n.replaces ? { replaces: n.replaces } : {}) };
  });
  return services.messenger.send(messages);
}
