import { z } from 'zod';
import type { Meeting } from '../meetings/meeting.js';
import type { Poll } from '../polls/poll.js';
import { stockholmInstant } from '../time.js';
import { isClosedStatus, type Need } from '../needs/need.js';
import type { RetentionKind } from './inventory.js';

/**
 * Storage limitation (GDPR Art. 5(1)(e)): how many days after its event each kind of personal data is kept. A record
 * is inside its window while its age is at most the window, and outside it from the next millisecond on; the daily
 * job clears what is outside and nothing else, and clearing twice changes nothing.
 */
export type RetentionPolicy = Record<RetentionKind, number>;

const days = z.number().int().min(0).max(36_500);
export const retentionPolicySchema = z
  .object({ rsvpComments: days, deliveryLog: days, closedNeedContacts: days, formerMembers: days })
  .strict();

/** The defaults (README › Personal data): each overridable with STARK_RETENTION_<KIND>_DAYS. */
export const defaultRetention: RetentionPolicy = {
  /** Free-text RSVP comments (often reasons such as illness): 90 days after the meeting ended. */
  rsvpComments: 90,
  /** The outbound queue's record of messages sent or failed: 30 days after the outcome. */
  deliveryLog: 30,
  /** Contact person (name, e-mail) of a closed need: two years after it closed; the need stays, with its organisation. */
  closedNeedContacts: 730,
  /** Conversation reference and language choice of someone no longer in the roster: 30 days after they last wrote. */
  formerMembers: 30,
};

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Outside the window: strictly older than `days` days at `now`. */
export const isOutsideWindow = ({ at, days: windowDays, now }: { at: Date; days: number; now: Date }): boolean => now.getTime() - at.getTime() > windowDays * DAY_MS;

/** A meeting with the comments of its answers cleared once it ended more than the window ago; the answers stay. */
export function retainMeetingComments({ meeting, policy, now }: { meeting: Meeting; policy: RetentionPolicy; now: Date }): { meeting: Meeting; cleared: number } {
  if (!isOutsideWindow({ at: new Date(meeting.end), days: policy.rsvpComments, now })) return { meeting, cleared: 0 };
  let cleared = 0;
  const invitees = meeting.invitees.map((i) => {
    if (i.answer?.comment === undefined) return i;
    cleared++;
    const { comment: _comment, ...answer } = i.answer;
    return { ...i, answer };
  });
  return cleared === 0 ? { meeting, cleared } : { meeting: { ...meeting, invitees }, cleared };
}

/** When a poll's last proposed time ends (Stockholm): its comments are kept as long as a meeting's would be. */
export function pollEnd(poll: Pick<Poll, 'slots'>): Date {
  return new Date(Math.max(...poll.slots.map((s) => stockholmInstant(s.date, s.end).getTime())));
}

/** A poll with the comments of its answers cleared once its last proposed time ended more than the window ago. */
export function retainPollComments({ poll, policy, now }: { poll: Poll; policy: RetentionPolicy; now: Date }): { poll: Poll; cleared: number } {
  if (!isOutsideWindow({ at: pollEnd(poll), days: policy.rsvpComments, now })) return { poll, cleared: 0 };
  let cleared = 0;
  const responses = poll.responses.map((r) => {
    if (r.comment === undefined) return r;
    cleared++;
    const { comment: _comment, ...rest } = r;
    return rest;
  });
  return cleared === 0 ? { poll, cleared } : { poll: { ...poll, responses }, cleared };
}

/** When a closed need closed: its last status change into a closed status (its submission for a need born closed). */
export function closedAt(need: Need): Date | null {
  if (!isClosedStatus(need.state.status)) return null;
  for (let i = need.history.length - 1; i >= 0; i--) {
    const h = need.history[i]!;
    if (h.to === need.state.status && h.from !== h.to) return h.at;
  }
  return need.submittedAt;
}

/**
 * A closed need whose window has passed keeps everything but its contact person: the name and e-mail are replaced by
 * `attribution` (the submitting organisation), so the need stays a public record of the organisation.
 */
export function retainNeedContact({ need, policy, now, attribution }: { need: Need; policy: RetentionPolicy; now: Date; attribution: string }): { need: Need; cleared: boolean } {
  const closed = closedAt(need);
  if (!closed || !isOutsideWindow({ at: closed, days: policy.closedNeedContacts, now })) return { need, cleared: false };
  if (need.contact.name === attribution && need.contact.email === undefined) return { need, cleared: false };
  return { need: { ...need, contact: { name: attribution } }, cleared: true };
}

/** A delivery-log entry is dropped once its outcome (sent or failed) is older than the window; pending ones stay. */
export function deliveryEntryExpired({ entry, policy, now }: { entry: { state: string; doneAt?: number | undefined; enqueuedAt: number }; policy: RetentionPolicy; now: Date }): boolean {
  if (entry.state === 'pending') return false;
  return isOutsideWindow({ at: new Date(entry.doneAt ?? entry.enqueuedAt), days: policy.deliveryLog, now });
}

/**
 * A conversation reference (and the language choice kept with it) of someone no longer in the roster is dropped once
 * they last wrote longer ago than the window; a language choice with no reference at all has no date and goes at once.
 */
export function formerMemberExpired({ inRoster, lastSeen, policy, now }: { inRoster: boolean; lastSeen: Date | null; policy: RetentionPolicy; now: Date }): boolean {
  if (inRoster) return false;
  if (lastSeen === null || Number.isNaN(lastSeen.getTime())) return true;
  return isOutsideWindow({ at: lastSeen, days: policy.formerMembers, now });
}

/** What one run cleared, by kind: counts only, never who (the log gets this). */
export interface RetentionCounts {
  rsvpComments: number;
  deliveryLog: number;
  closedNeedContacts: number;
  formerMembers: number;
}
export const noRetentionCounts = (): RetentionCounts => ({ rsvpComments: 0, deliveryLog: 0, closedNeedContacts: 0, formerMembers: 0 });
