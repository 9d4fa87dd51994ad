import type { Meeting } from '../domain/meetings/meeting.js';
import type { Person } from '../domain/people.js';
import { calendarEventTargetSchema, type CalendarAttendee, type CalendarEventTarget } from './calendar-sync.js';

/**
 * The calendar entry a meeting calls for at its current sequence. Attendees are the invitees with an e-mail address in
 * the roster: required when invited for their place in the body (from the roster for the meeting type, or standing in
 * as a Programråd substitute), optional when leadership added them by hand (guests, experts). People leadership
 * removed are not invitees, so a sync takes them off the event and Exchange sends them a cancellation. The organiser
 * mailbox is never its own attendee. Invitees without an address are returned so the caller can give them an .ics
 * file instead.
 */
export function calendarTargetOf({
  meeting,
  people,
  organiserMailbox,
  cancellationComment,
}: {
  meeting: Meeting;
  people: readonly Person[];
  organiserMailbox: string;
  cancellationComment?: string | undefined;
}): { target: CalendarEventTarget; withoutEmail: string[] } {
  const byId = new Map(people.map((p) => [p.aadObjectId, p]));
  const attendees: CalendarAttendee[] = [];
  const seen = new Set([organiserMailbox.toLowerCase()]);
  const withoutEmail: string[] = [];
  for (const invitee of meeting.invitees) {
    const person = byId.get(invitee.personId);
    const email = person?.email?.toLowerCase();
    if (!person || !email) {
      withoutEmail.push(invitee.personId);
      continue;
    }
    if (seen.has(email)) continue;
    seen.add(email);
    attendees.push({ email, name: person.name, type: invitee.via === 'added' ? 'optional' : 'required' });
  }
  attendees.sort((a, b) => a.email.localeCompare(b.email));
  const target = calendarEventTargetSchema.parse({
    meetingId: meeting.id,
    sequence: meeting.sequence,
    status: meeting.status,
    subject: meeting.title,
    start: meeting.start,
    end: meeting.end,
    ...(meeting.place !== undefined ? { location: meeting.place } : {}),
    agenda: meeting.agenda,
    ...(meeting.onlineUrl !== undefined ? { onlineUrl: meeting.onlineUrl } : {}),
    attendees,
    ...(cancellationComment !== undefined ? { cancellationComment } : {}),
  });
  return { target, withoutEmail };
}
