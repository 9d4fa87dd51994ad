import { nextSyncAttemptAt, type CalendarSync } from '../../calendar/calendar-sync.js';
import { calendarTargetOf } from '../../calendar/calendar-target.js';
import { mergeOutlookResponses } from '../../domain/meetings/outlook-responses.js';
import { rsvpClosesAt } from '../../domain/meetings/meeting.js';
import type { CalendarEntryRecord } from '../repositories.js';
import type { UnitOfWork } from '../unit-of-work.js';

/*
 * The Outlook calendar (issue #16 points 6–7), as two jobs over the meetings: keep each meeting's Outlook event in
 * step with the meeting (created, updated, cancelled), and read the attendees' responses back. The meeting in the bot
 * is the truth and is never held up: a throttled or unreachable Graph leaves it as it is, and the sync is tried again
 * after Retry-After or an exponential backoff. Failures that need a person (permission, a malformed request, an event
 * deleted by hand) are not retried on their own; they are kept with their reason.
 */

export interface CalendarDeps {
  uow: UnitOfWork;
  calendar: CalendarSync;
  organiserMailbox: string;
  /** Jitter for the backoff; Math.random unless a test fixes it. */
  random?: () => number;
}

export interface SyncReport {
  created: string[];
  updated: string[];
  cancelled: string[];
  failed: Array<{ meetingId: string; reason: string; retryAt: string | null }>;
}

/** Brings every meeting that has not ended into step with its Outlook event. Events already in step cost no request. */
export async function syncCalendar(deps: CalendarDeps, now: Date): Promise<SyncReport> {
  const report: SyncReport = { created: [], updated: [], cancelled: [], failed: [] };
  const work = deps.uow.read((repos) =>
    repos.meetings.all().flatMap((meeting) => {
      if (Date.parse(meeting.end) <= now.getTime()) return [];
      const entry = repos.calendar.get(meeting.id);
      // A meeting cancelled before its event was ever made has nothing to cancel.
      if (meeting.status === 'cancelled' && !entry) return [];
      if (entry?.stuck || entry?.state?.cancelled) return [];
      if (entry?.nextAttemptAt && Date.parse(entry.nextAttemptAt) > now.getTime()) return [];
      const { target } = calendarTargetOf({ meeting, people: repos.people.all(), organiserMailbox: deps.organiserMailbox });
      return [{ meetingId: meeting.id, target, entry }];
    }),
  );
  for (const { meetingId, target, entry } of work) {
    const result = await deps.calendar.reconcile({ target, state: entry?.state ?? null });
    let next: CalendarEntryRecord;
    if (result.ok) {
      if (result.action === 'unchanged' && entry && entry.attempt === 0 && JSON.stringify(entry.state) === JSON.stringify(result.state)) continue;
      if (result.action === 'created') report.created.push(meetingId);
      if (result.action === 'updated') report.updated.push(meetingId);
      if (result.action === 'cancelled') report.cancelled.push(meetingId);
      next = { meetingId, state: result.state, attempt: 0, ...(entry?.readAt ? { readAt: entry.readAt } : {}) };
    } else {
      const attempt = (entry?.attempt ?? 0) + 1;
      const retryAt = nextSyncAttemptAt({ failure: result, attempt, now, random: deps.random ?? Math.random });
      report.failed.push({ meetingId, reason: result.reason, retryAt: retryAt?.toISOString() ?? null });
      next = {
        meetingId,
        state: result.state ?? entry?.state ?? null,
        attempt,
        lastFailure: result.reason,
        ...(retryAt ? { nextAttemptAt: retryAt.toISOString() } : { stuck: true }),
        ...(entry?.readAt ? { readAt: entry.readAt } : {}),
      };
    }
    await deps.uow.write(undefined, (repos) => repos.calendar.put(next));
  }
  return report;
}

/**
 * Reads the attendees' responses of every synced meeting still taking answers and records those given in Outlook
 * beside the bot's (mergeOutlookResponses: never over a later answer in the bot, never one from before the event last
 * moved). Substitutes the merged answers call in get their invitations as for an answer in the bot. A failed read
 * changes nothing and is tried on the next run.
 */
export async function readOutlookResponses(deps: CalendarDeps, now: Date): Promise<{ applied: number; failed: number }> {
  const work = deps.uow.read((repos) =>
    repos.calendar.all().flatMap((entry) => {
      const meeting = repos.meetings.get(entry.meetingId);
      if (!meeting || meeting.status !== 'scheduled' || !entry.state?.eventId || entry.state.cancelled) return [];
      if (now.getTime() >= rsvpClosesAt(meeting).getTime()) return [];
      return [{ meetingId: entry.meetingId, state: entry.state }];
    }),
  );
  let applied = 0;
  let failed = 0;
  for (const { meetingId, state } of work) {
    const read = await deps.calendar.readResponses({ state });
    if (!read.ok) {
      failed += 1;
      continue;
    }
    await deps.uow.write(undefined, (repos) => {
      const meeting = repos.meetings.get(meetingId);
      const entry = repos.calendar.get(meetingId);
      if (!meeting || !entry) return;
      const merged = mergeOutlookResponses({ meeting, responses: read.responses, people: repos.people.all(), validFrom: state.answersValidFrom });
      if (merged.applied.length > 0) {
        repos.meetings.put(merged.meeting);
        repos.meetings.queueNotices({ meeting: merged.meeting, notify: merged.notify, eventId: `outlook-${now.getTime()}`, now });
        applied += merged.applied.length;
      }
      repos.calendar.put({ ...entry, readAt: now.toISOString() });
    });
  }
  return { applied, failed };
}
