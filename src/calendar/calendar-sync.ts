import { z } from 'zod';
import { LIMITS, meetingIdSchema } from '../domain/meetings/meeting.js';
import type { OutlookAttendeeResponse } from '../domain/meetings/outlook-responses.js';

// The backend-neutral calendar port. The meetings use cases hand it the state a meeting is in at sequence N (a
// CalendarEventTarget) together with what they stored after the last sync (CalendarSyncState), and get back a tagged
// result with the new state to store. Nothing here touches Teams or the store; the Graph backend lives in
// graph-calendar-sync.ts, and without Graph credentials `icsCalendarSync` keeps today's .ics files in charge.

const instantSchema = z.string().datetime({ offset: true });

export const calendarAttendeeSchema = z
  .object({
    /** Lower-cased, unique within a target. */
    email: z.string().email(),
    name: z.string().min(1),
    type: z.enum(['required', 'optional']),
  })
  .strict();
export type CalendarAttendee = z.infer<typeof calendarAttendeeSchema>;

/** What the calendar entry must look like for a meeting at `sequence` (see calendar-target.ts). */
export const calendarEventTargetSchema = z
  .object({
    meetingId: meetingIdSchema,
    sequence: z.number().int().min(0),
    status: z.enum(['scheduled', 'cancelled']),
    subject: z.string().min(1).max(LIMITS.title),
    start: instantSchema,
    end: instantSchema,
    location: z.string().min(1).max(LIMITS.place).optional(),
    agenda: z.string().max(LIMITS.agenda),
    /** A link leadership gave (beside the Teams meeting the event gets anyway). */
    onlineUrl: z.string().url().optional(),
    attendees: z.array(calendarAttendeeSchema),
    /** Sent to the attendees with the cancellation; catalogue text in the organiser's language. */
    cancellationComment: z.string().max(1000).optional(),
  })
  .strict();
export type CalendarEventTarget = z.infer<typeof calendarEventTargetSchema>;

/** What the last successful sync sent, to see what a later target changes. */
export const syncedEventSchema = z
  .object({
    subject: z.string(),
    start: instantSchema,
    end: instantSchema,
    location: z.string().optional(),
    attendees: z.array(calendarAttendeeSchema.pick({ email: true, type: true })),
    /** sha256 of the agenda and the link: the body itself comes back rewritten by Exchange. */
    bodyDigest: z.string(),
  })
  .strict();
export type SyncedEvent = z.infer<typeof syncedEventSchema>;

/** Stored per meeting by the caller (no personal data beyond the attendees' addresses and the event id). */
export const calendarSyncStateSchema = z
  .object({
    backend: z.literal('graph'),
    meetingId: meetingIdSchema,
    /** The Outlook event, once known. Missing while a create may or may not have reached Exchange. */
    eventId: z.string().min(1).optional(),
    /** Bumped when an event deleted in Outlook is created anew: the transactionId must then differ. */
    generation: z.number().int().min(0),
    /** The highest meeting sequence synced; -1 before the first successful sync. A lower target is a late retry. */
    syncedSequence: z.number().int().min(-1),
    synced: syncedEventSchema.optional(),
    cancelled: z.boolean(),
    /** The Teams join link Exchange made for the event. */
    joinUrl: z.string().url().optional(),
    /** Outlook resets every response when the time moves: responses older than this answered another time. */
    answersValidFrom: instantSchema,
    /** False when the agenda could not be written without losing the Teams join link (see graph-body.ts). */
    agendaInSync: z.boolean(),
  })
  .strict();
export type CalendarSyncState = z.infer<typeof calendarSyncStateSchema>;

export type CalendarFailureReason =
  /** Graph said 429 and kept saying it through the bounded retries, or asked for a longer wait than we do inline. */
  | 'throttled'
  /** 5xx, no answer, connection refused, timed out, or the token endpoint is down. */
  | 'unavailable'
  /** 401/403 or the credentials were refused: a configuration matter (permission, access policy, secret). */
  | 'forbidden'
  /** The Outlook event is gone (deleted or cancelled in Outlook by hand). */
  | 'notFound'
  /** Graph refused the request as malformed (400, 409, 422): a bug to look at, not worth retrying. */
  | 'rejected';

export interface CalendarFailure {
  ok: false;
  reason: CalendarFailureReason;
  /** Worth running again later (throttled and unavailable are; the others need a person). */
  retryable: boolean;
  /** From Retry-After when Graph gave one. */
  retryAfterMs?: number;
  /** HTTP status and Graph error code, for the log; never personal data. */
  detail: string;
}

export type ReconcileAction =
  | 'created'
  | 'updated'
  | 'cancelled'
  /** The Outlook event already matched (or there was nothing to cancel). */
  | 'unchanged'
  /** The target comes from an older sequence than one synced already (a late retry): nothing done. */
  | 'stale'
  /** No calendar backend: invitations keep their .ics files. */
  | 'skipped';

export type ReconcileResult =
  | { ok: true; action: ReconcileAction; state: CalendarSyncState | null }
  /** `state` carries what was learnt before the failure (e.g. the event id): store it, then retry later. */
  | (CalendarFailure & { state: CalendarSyncState | null });

export type ReadResponsesResult = { ok: true; responses: OutlookAttendeeResponse[]; cancelledInOutlook: boolean } | CalendarFailure;

export interface CalendarSync {
  readonly backend: 'graph' | 'ics';
  /**
   * True when attendees get their invitation, updates and cancellation from Outlook. Then do not also hand them
   * .ics files for the meeting (a second, unrelated calendar entry); people without an e-mail address still need one.
   */
  readonly sendsInvitations: boolean;
  /**
   * Makes the calendar entry match `target` (idempotent: run it again after any failure, with the state it returned).
   * Never throws for an expected outcome; the bot's meeting is not touched whatever happens here.
   */
  reconcile(input: { target: CalendarEventTarget; state: CalendarSyncState | null; force?: boolean }): Promise<ReconcileResult>;
  /** The attendees' responses as Outlook has them now (a periodic read; merge with `mergeOutlookResponses`). */
  readResponses(input: { state: CalendarSyncState }): Promise<ReadResponsesResult>;
}

/**
 * After 'notFound' (the event was deleted or cancelled in Outlook by hand), when leadership wants the meeting back in
 * the calendar: the next reconcile creates a new event, under a new transactionId so Graph does not hand back the old.
 */
export const forgetEvent = (state: CalendarSyncState): CalendarSyncState => {
  const { eventId: _e, synced: _s, joinUrl: _j, ...rest } = state;
  return { ...rest, generation: state.generation + 1, agendaInSync: true };
};

/** Without Graph credentials: nothing to sync, and the .ics files stay as they are today. */
export const icsCalendarSync: CalendarSync = {
  backend: 'ics',
  sendsInvitations: false,
  reconcile: async ({ state }) => ({ ok: true, action: 'skipped', state }),
  readResponses: async () => ({ ok: true, responses: [], cancelledInOutlook: false }),
};

/**
 * When a job should try a failed sync again: not before Retry-After, otherwise exponential from one minute, doubled per
 * attempt up to six hours, with full jitter so that many meetings throttled together do not come back together.
 * `attempt` counts the failures so far (1 after the first). Failures that need a person give null.
 */
export function nextSyncAttemptAt({ failure, attempt, now, random }: { failure: CalendarFailure; attempt: number; now: Date; random: () => number }): Date | null {
  if (!failure.retryable) return null;
  const base = 60_000;
  const cap = 6 * 60 * 60_000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(base / 2 + random() * (ceiling - base / 2));
  return new Date(now.getTime() + Math.max(jittered, failure.retryAfterMs ?? 0));
}
