import { readOutlookResponses, syncCalendar, type CalendarDeps } from '../../app/calendar/sync-calendar.js';
import type { CalendarSync } from '../../calendar/calendar-sync.js';
import { fileUnitOfWork } from '../../store/unit-of-work.js';
import type { BotFeature, Services } from '../feature.js';
import { deliverPending } from '../meetings/delivery.js';

const depsOf = (services: Services, calendar: CalendarSync, organiserMailbox: string): CalendarDeps => ({ uow: fileUnitOfWork(services.store), calendar, organiserMailbox });

/** One run of the calendar sync: events created, updated or cancelled to match the meetings; failures logged by reason. */
export async function runCalendarSync(services: Services, calendar: CalendarSync, organiserMailbox: string): Promise<void> {
  const r = await syncCalendar(depsOf(services, calendar, organiserMailbox), services.now());
  if (r.created.length + r.updated.length + r.cancelled.length > 0) {
    services.log.info('calendar.synced', { created: r.created.length, updated: r.updated.length, cancelled: r.cancelled.length });
  }
  // Meeting ids and Graph's status only: never an address or a title.
  for (const f of r.failed) services.log.warn('calendar.syncFailed', { meetingId: f.meetingId, reason: f.reason, retryAt: f.retryAt });
}

/** One read of Outlook's responses; substitutes called in by them get their invitations as usual. */
export async function runOutlookResponses(services: Services, calendar: CalendarSync, organiserMailbox: string): Promise<void> {
  const r = await readOutlookResponses(depsOf(services, calendar, organiserMailbox), services.now());
  if (r.applied > 0) {
    services.log.info('calendar.responsesMerged', { applied: r.applied });
    await deliverPending(services);
  }
  if (r.failed > 0) services.log.warn('calendar.readFailed', { meetings: r.failed });
}

/**
 * The Outlook calendar (issue #16): with Graph credentials, every meeting gets an Outlook event in the organiser's
 * calendar kept in step with it, and answers given in Outlook come back into the bot. Registered only then; without
 * credentials invitations carry .ics files as before and this feature is absent.
 */
export function calendarFeature(calendar: CalendarSync, organiserMailbox: string): BotFeature {
  return {
    name: 'calendar',
    jobs: [
      { name: 'calendar.sync', everyMs: 30_000, run: (services) => runCalendarSync(services, calendar, organiserMailbox) },
      { name: 'calendar.responses', everyMs: 5 * 60_000, run: (services) => runOutlookResponses(services, calendar, organiserMailbox) },
    ],
  };
}
