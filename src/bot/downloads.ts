import { inOfficeOn } from '../domain/roster/terms.js';
import { stockholmDate } from '../domain/time.js';
import type { Person } from '../domain/people.js';
import type { Locale } from '../i18n/catalogue.js';
import { consumeLink } from '../store/sections/links.js';
import type { DownloadFile, DownloadRoute, Services } from './feature.js';
import { recordAudit } from './audit-log.js';

export type FileClaim =
  | { ok: true; file: DownloadFile; person: Person; kind: string }
  /** 404: not a valid, unexpired, unused link. 403: not (or no longer) for this person. 429: too many downloads. */
  | { ok: false; status: 404 | 403 | 429 };

/**
 * Turns a signed link token into its file, once: the signature and expiry are checked, the person must still be in
 * the roster (and, for a file consent answer, be the one answering), the download route decides whether they may have
 * the file, and the link's id is recorded as used in the same store write as the audit entry for an export of
 * personal data. A second use of the same token gets 404, like an expired one.
 */
export async function claimFile(
  services: Services,
  routes: ReadonlyMap<string, DownloadRoute>,
  { token, locale, expectedPersonId }: { token: string; locale: Locale; expectedPersonId?: string },
): Promise<FileClaim> {
  const now = services.now();
  const payload = services.links.verify(token, now);
  if (!payload) return { ok: false, status: 404 };
  const person = services.store.doc.people.find((p) => p.aadObjectId === payload.u);
  const route = routes.get(payload.k);
  // After the last day of their term a person has no rights, downloads included (issue #14 point 4).
  if (!person || !inOfficeOn({ person, date: stockholmDate(now) }) || !route || (expectedPersonId !== undefined && person.aadObjectId !== expectedPersonId)) return { ok: false, status: 403 };
  if (!services.limiter.take(person.aadObjectId, 'downloads', now.getTime()).ok) return { ok: false, status: 429 };
  const file = await route.produce({ services, person, params: payload.p, locale });
  if (!file) return { ok: false, status: 403 };
  const fresh = await services.store.update((doc) => {
    if (!consumeLink(doc.links, { id: payload.j, until: payload.e, now: now.getTime() })) return null;
    return route.audited
      ? recordAudit(doc, {
          at: now,
          actorId: person.aadObjectId,
          action: 'export.downloaded',
          subject: { kind: 'export', id: payload.k },
          changes: Object.entries(payload.p)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([field, value]) => ({ field, to: value.slice(0, 300) })),
        })
      : undefined;
  });
  if (fresh === null) return { ok: false, status: 404 };
  if (fresh) services.log.info('audit', fresh.log);
  return { ok: true, file, person, kind: payload.k };
}
