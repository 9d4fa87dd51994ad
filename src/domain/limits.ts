import { z } from 'zod';

/**
 * Per-person limits: how many of a kind of action one person may take in a time window. The defaults are far above
 * what an honest user does (a director submits a handful of needs a year), and low enough that one account cannot
 * fill the store or the outbound queue for everyone else.
 */
export const limitKinds = ['turns', 'needs', 'comments', 'writes', 'downloads'] as const;
export type LimitKind = (typeof limitKinds)[number];

export const limitSchema = z.object({ max: z.number().int().min(1), windowMs: z.number().int().min(1_000) }).strict();
export type Limit = z.infer<typeof limitSchema>;
export type LimitsPolicy = Record<LimitKind, Limit>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The defaults and what each counts (README › Security › Limits lists the same). */
export const defaultLimits: LimitsPolicy = {
  /** Every message and card click: a person reading fast clicks perhaps 20 a minute. */
  turns: { max: 60, windowMs: MINUTE },
  /** Needs submitted (stored). */
  needs: { max: 30, windowMs: HOUR },
  /** RSVP answers that carry a comment. */
  comments: { max: 60, windowMs: HOUR },
  /** Other changes: standing behind a need, edits, reviews, meetings booked or changed, invitee changes. */
  writes: { max: 300, windowMs: HOUR },
  /** Files: spreadsheets and calendar files. */
  downloads: { max: 120, windowMs: HOUR },
};

export type RateDecision = { ok: true; times: number[] } | { ok: false; retryAfterMs: number; times: number[] };

/**
 * A sliding-window check: `times` are the instants (ms) of earlier counted actions, oldest first. Allowed when fewer
 * than `max` fall inside the window ending now; then `now` is counted. The returned `times` hold only what is still
 * inside the window, so the memory per person is bounded by `max`.
 */
export function checkRate({ times, now, limit }: { times: readonly number[]; now: number; limit: Limit }): RateDecision {
  const from = now - limit.windowMs;
  const recent = times.filter((t) => t > from);
  if (recent.length >= limit.max) {
    const oldest = recent[0] ?? now;
    return { ok: false, retryAfterMs: Math.max(1_000, oldest + limit.windowMs - now), times: recent };
  }
  return { ok: true, times: [...recent, now] };
}

/** Minutes to tell a person to wait, rounded up, at least one. */
export const waitMinutes = (retryAfterMs: number): number => Math.max(1, Math.ceil(retryAfterMs / MINUTE));
