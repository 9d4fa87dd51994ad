import type { Invitee, Meeting } from '../meetings/meeting.js';
import type { Need } from '../needs/need.js';
import type { NeedsRound } from '../needs/rounds.js';
import type { Person } from '../people.js';

/**
 * Erasure (GDPR Art. 17). The person's roster entry, conversation reference, language choice, pending messages and
 * comments are deleted; records that are the organisation's (a need its municipality submitted, a meeting's answers
 * as a count) stay, with the person's id replaced by a pseudonym that nothing links back to them and their name and
 * e-mail replaced by the organisation. Last, every string left in the store is scrubbed of the person's id, name,
 * e-mail and comment texts (`scrubDeep`), so a record kind added later cannot keep them by oversight.
 */
export interface ErasureSubject {
  /** The person's AAD object id (lower case). */
  personId: string;
  /** A fresh random id in the AAD id format: what the organisation's records name instead of the person. */
  pseudonym: string;
  name: string | null;
  email: string | null;
  /** Every free-text comment the person wrote, so copies of it (a card still queued to an organiser) go too. */
  comments: readonly string[];
}

/** Replaces an erased person's name or e-mail wherever text is kept. */
export const ERASED_TEXT = '[raderad/erased]';

/** The comments a person wrote in meeting answers (what scrubbing must also find). */
export function commentsBy(meetings: readonly Meeting[], personId: string): string[] {
  const out: string[] = [];
  for (const m of meetings) {
    const c = m.invitees.find((i) => i.personId === personId)?.answer?.comment;
    if (c !== undefined) out.push(c);
  }
  return out;
}

/**
 * Comments the person wrote anywhere else (poll answers, action items, minutes approvals): the `comment` of every
 * record whose own author field (`personId` or `by`) is them.
 */
export function commentsIn(records: readonly unknown[], personId: string): string[] {
  const id = personId.toLowerCase();
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object' || v instanceof Date) return;
    const r = v as Record<string, unknown>;
    const author = [r.personId, r.by].some((x) => typeof x === 'string' && x.toLowerCase() === id);
    if (author && typeof r.comment === 'string') out.push(r.comment);
    Object.values(r).forEach(walk);
  };
  walk(records);
  return out;
}

export function erasureSubject({ person, personId, pseudonym, meetings, elsewhere = [] }: { person: Person | undefined; personId: string; pseudonym: string; meetings: readonly Meeting[]; elsewhere?: readonly unknown[] }): ErasureSubject {
  const id = personId.toLowerCase();
  return { personId: id, pseudonym, name: person?.name ?? null, email: person?.email ?? null, comments: [...new Set([...commentsBy(meetings, id), ...commentsIn(elsewhere, id)])] };
}

const same = (a: string | undefined | null, b: string | undefined | null): boolean => Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());
const swap = (id: string, s: ErasureSubject): string => (id === s.personId ? s.pseudonym : id);

/** A need with the person pseudonymised: as submitter, in its history, as supporter; as its contact when it is them. */
export function eraseInNeed({ need, subject, attribution }: { need: Need; subject: ErasureSubject; attribution: string }): { need: Need; changed: boolean } {
  const contactIsThem = same(need.contact.name, subject.name) || same(need.contact.email, subject.email);
  const touches =
    contactIsThem || need.submittedBy === subject.personId || need.history.some((h) => h.by === subject.personId) || need.supports.some((s) => s.by === subject.personId);
  if (!touches) return { need, changed: false };
  return {
    need: {
      ...need,
      contact: contactIsThem ? { name: attribution } : need.contact,
      submittedBy: swap(need.submittedBy, subject),
      history: need.history.map((h) => ({ ...h, by: swap(h.by, subject) })),
      supports: need.supports.map((s) => ({ ...s, by: swap(s.by, subject) })),
    },
    changed: true,
  };
}

export function eraseInRound(round: NeedsRound, subject: ErasureSubject): NeedsRound {
  return round.openedBy === subject.personId ? { ...round, openedBy: subject.pseudonym } : round;
}

/**
 * A meeting with the person erased. A meeting still to come simply no longer has them on its list (they are leaving);
 * in a meeting held (or cancelled) their answer stays, under the pseudonym and without its comment, so the
 * attendance count stays true. As organiser, adder or remover they become the pseudonym.
 */
export function eraseInMeeting({ meeting, subject, now }: { meeting: Meeting; subject: ErasureSubject; now: Date }): { meeting: Meeting; changed: boolean } {
  const p = subject.personId;
  const touches =
    meeting.organiserId === p || meeting.invitees.some((i) => i.personId === p || i.addedBy === p || i.substituteFor === p) || meeting.removed.some((r) => r.personId === p || r.removedBy === p);
  if (!touches) return { meeting, changed: false };
  const upcoming = meeting.status === 'scheduled' && Date.parse(meeting.start) > now.getTime();
  const invitee = (i: Invitee): Invitee => {
    const answer = i.answer ? (({ comment: _c, ...a }) => a)(i.answer) : undefined;
    const out: Invitee = { ...i, personId: swap(i.personId, subject) };
    if (i.addedBy !== undefined) out.addedBy = swap(i.addedBy, subject);
    if (i.substituteFor !== undefined) out.substituteFor = swap(i.substituteFor, subject);
    if (i.personId === p) {
      if (answer) out.answer = answer;
      else delete out.answer;
    }
    return out;
  };
  return {
    meeting: {
      ...meeting,
      organiserId: swap(meeting.organiserId, subject),
      invitees: meeting.invitees.filter((i) => !(upcoming && i.personId === p)).map(invitee),
      removed: meeting.removed.filter((r) => !(upcoming && r.personId === p)).map((r) => ({ ...r, personId: swap(r.personId, subject), removedBy: swap(r.removedBy, subject) })),
    },
    changed: true,
  };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Free text shorter than this is only replaced where it is a whole value ("Ja", "ok" would match everywhere). */
const MIN_SUBSTRING = 8;

/** The replacements scrubbing makes, strongest first: the id everywhere; e-mail and name as words; comment texts. */
function replacements(s: ErasureSubject): Array<{ pattern: RegExp; by: string }> {
  const out: Array<{ pattern: RegExp; by: string }> = [{ pattern: new RegExp(escape(s.personId), 'gi'), by: s.pseudonym }];
  if (s.email) out.push({ pattern: new RegExp(escape(s.email), 'gi'), by: ERASED_TEXT });
  if (s.name && s.name.trim().length >= 3) out.push({ pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escape(s.name.trim())}(?![\\p{L}\\p{N}])`, 'giu'), by: ERASED_TEXT });
  for (const c of s.comments) if (c.trim().length >= MIN_SUBSTRING) out.push({ pattern: new RegExp(escape(c), 'g'), by: ERASED_TEXT });
  return out;
}

/**
 * Every string in `value` (keys included) with the subject's id, e-mail, name and comment texts replaced. Returns the
 * same object when nothing matched (no needless write), else a copy, and how many strings changed.
 */
export function scrubDeep<T>(value: T, subject: ErasureSubject): { value: T; changed: number } {
  const rules = replacements(subject);
  const shortComments = new Set(subject.comments.filter((c) => c.trim().length < MIN_SUBSTRING));
  let changed = 0;
  const text = (s: string): string => {
    if (shortComments.has(s)) {
      changed++;
      return ERASED_TEXT;
    }
    let out = s;
    for (const r of rules) out = out.replace(r.pattern, r.by);
    if (out !== s) changed++;
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) {
      let copy: unknown[] | null = null;
      v.forEach((item, i) => {
        const next = walk(item);
        if (next !== item) (copy ??= [...v])[i] = next;
      });
      return copy ?? v;
    }
    if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      let dirty = false;
      const entries = Object.entries(v).map(([k, item]) => {
        const key = text(k);
        const next = walk(item);
        if (key !== k || next !== item) dirty = true;
        return [key, next] as const;
      });
      if (!dirty) return v;
      const copy: Record<string, unknown> = {};
      for (const [k, item] of entries) Object.defineProperty(copy, k, { value: item, enumerable: true, writable: true, configurable: true });
      return copy;
    }
    return v;
  };
  const out = walk(value) as T;
  return { value: out, changed };
}

/** What an erasure removed or changed, by kind: counts only (they go into the log and the audit entry). */
export interface ErasureCounts {
  roster: number;
  conversationReference: number;
  preferences: number;
  needs: number;
  meetings: number;
  pendingMessages: number;
  outbox: number;
  scrubbedStrings: number;
}
