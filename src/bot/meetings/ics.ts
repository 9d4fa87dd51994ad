import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalAttendeeStatus, ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Meeting, RsvpValue } from '../../domain/meetings/meeting.js';
import { STOCKHOLM } from '../../domain/time.js';

export interface MeetingCalendarInput {
  meeting: Meeting;
  /** Right-hand side of the UID (`<meeting id>@<uidDomain>`). Keep it fixed for the deployment's life: calendars
   *  match updates and cancellations to the entry by UID. */
  uidDomain: string;
  /** RFC 5546 requires an ORGANIZER with an address for REQUEST and CANCEL; use the organiser's roster e-mail or
   *  the programme's mailbox. */
  organiser: { name: string; email: string };
  /** The person the file is served to; added as ATTENDEE (with their answer) when their e-mail is known. */
  attendee?: { name: string; email: string; answer?: RsvpValue | undefined } | undefined;
}

const PARTSTAT: Record<RsvpValue, ICalAttendeeStatus> = {
  ja: ICalAttendeeStatus.ACCEPTED,
  nej: ICalAttendeeStatus.DECLINED,
  kanske: ICalAttendeeStatus.TENTATIVE,
};

/** The UID a meeting keeps through every change and its cancellation. */
export const meetingUid = (meetingId: string, uidDomain: string): string => `${meetingId}@${uidDomain}`;

/**
 * An RFC 5545 calendar with one event for a meeting: times in TZID Europe/Stockholm with its VTIMEZONE, a stable UID,
 * SEQUENCE from the meeting, METHOD:REQUEST while scheduled and METHOD:CANCEL with STATUS:CANCELLED once cancelled.
 * DTSTAMP is the meeting's last change, so the same meeting state always gives the same file.
 */
export function meetingCalendar({ meeting, uidDomain, organiser, attendee }: MeetingCalendarInput): string {
  const cancelled = meeting.status === 'cancelled';
  const calendar = new ICalCalendar({
    prodId: { company: 'STARK', product: 'stark-teams-bot', language: 'SV' },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  // The VTIMEZONE comes from the event's TZID. No calendar-wide zone: with one, ical-generator writes DTSTAMP,
  // CREATED and LAST-MODIFIED as floating local times, where RFC 5545 wants UTC.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  // ical-generator writes a zoned time from the date's own wall clock: a TZDate in Stockholm gives Stockholm
  // local time whatever zone the server runs in (a plain Date would use the server's zone).
  const inStockholm = (iso: string) => new TZDate(Date.parse(iso), STOCKHOLM);
  const description = [meeting.agenda, meeting.onlineUrl].filter((s): s is string => Boolean(s)).join('\n\n');
  calendar.createEvent({
    id: meetingUid(meeting.id, uidDomain),
    sequence: meeting.sequence,
    stamp: new Date(meeting.updatedAt),
    created: new Date(meeting.createdAt),
    lastModified: new Date(meeting.updatedAt),
    start: inStockholm(meeting.start),
    end: inStockholm(meeting.end),
    timezone: STOCKHOLM,
    summary: meeting.title,
    ...(description ? { description } : {}),
    location: meeting.place ?? meeting.onlineUrl ?? null,
    url: meeting.onlineUrl ?? null,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: organiser.name, email: organiser.email },
    attendees: attendee
      ? [{ name: attendee.name, email: attendee.email, status: attendee.answer ? PARTSTAT[attendee.answer] : ICalAttendeeStatus.NEEDSACTION, rsvp: false }]
      : [],
  });
  return calendar.toString();
}

/** File name for the download, from the meeting id (already URL-safe). */
export const meetingCalendarFileName = (meetingId: string): string => `stark-${meetingId}.ics`;
