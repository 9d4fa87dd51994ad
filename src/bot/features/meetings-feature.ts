import { findInvitee } from '../../domain/meetings/meeting.js';
import { can } from '../../domain/permissions.js';
import { meetingVerbs } from '../../cards/meeting-verbs.js';
import { actionRoute, textRoute, type BotFeature } from '../feature.js';
import { matchMeetingCommand } from '../meetings/commands.js';
import { deliverPending, ICS_KIND, UID_DOMAIN } from '../meetings/delivery.js';
import { handleCancel, handleCommand, handleForm, handleInvitees, handleOpen, handleOverview, handleRefresh, handleRsvp, handleSchedule } from '../meetings/handlers.js';
import { meetingCalendar, meetingCalendarFileName } from '../meetings/ics.js';
import { runMeetingJob, type MeetingJobOptions } from '../meetings/jobs.js';
import { cancelPayloadSchema, formPayloadSchema, inviteesPayloadSchema, meetingRefPayloadSchema, overviewPayloadSchema, rsvpPayloadSchema, schedulePayloadSchema } from '../meetings/payloads.js';

/**
 * Meetings: scheduling (leadership), invitations with RSVP and substitutes, the overview, the mötesplan, calendar
 * files, reminders. Options set the reminder times (defaults: 3 days before the deadline, 1 day before the meeting,
 * 09:00 Stockholm).
 */
export function meetingsFeature(options: MeetingJobOptions = {}): BotFeature {
  return {
    name: 'meetings',
    help: [
      { action: 'meetings.schedule', entry: (t) => t.meetings.commands.schedule },
      { action: 'meetings.viewOwn', entry: (t) => t.meetings.commands.overview },
      { action: 'meetings.viewAll', entry: (t) => t.meetings.commands.cadence },
    ],
    text: [textRoute({ name: 'meetings', match: (text) => matchMeetingCommand(text), handle: handleCommand })],
    actions: [
      actionRoute({ verb: meetingVerbs.form, schema: formPayloadSchema, handle: handleForm }),
      actionRoute({ verb: meetingVerbs.schedule, schema: schedulePayloadSchema, handle: handleSchedule }),
      actionRoute({ verb: meetingVerbs.rsvp, schema: rsvpPayloadSchema, handle: handleRsvp }),
      actionRoute({ verb: meetingVerbs.refresh, schema: meetingRefPayloadSchema, handle: (turn, data) => handleRefresh(turn, data.meetingId) }),
      actionRoute({ verb: meetingVerbs.open, schema: meetingRefPayloadSchema, handle: (turn, data) => handleOpen(turn, data.meetingId) }),
      actionRoute({ verb: meetingVerbs.overview, schema: overviewPayloadSchema, handle: (turn, data) => handleOverview(turn, data.meetingId, data.manage === 'yes') }),
      actionRoute({ verb: meetingVerbs.cancel, schema: cancelPayloadSchema, handle: handleCancel }),
      actionRoute({ verb: meetingVerbs.invitees, schema: inviteesPayloadSchema, handle: handleInvitees }),
    ],
    downloads: [
      {
        kind: ICS_KIND,
        // The calendar file for an invitee (with their answer as PARTSTAT) or for leadership.
        async produce({ services, person, params }) {
          const meeting = services.store.doc.meetings.meetings.find((m) => m.id === params.meetingId);
          if (!meeting) return null;
          const invitee = findInvitee(meeting, person.aadObjectId);
          if (!invitee && !can(person, 'meetings.viewAll')) return null;
          const organiser = services.store.doc.people.find((p) => p.aadObjectId === meeting.organiserId);
          const body = meetingCalendar({
            meeting,
            uidDomain: UID_DOMAIN,
            // RFC 5546 wants an ORGANIZER address; an organiser without one in the roster gets a no-reply address.
            organiser: { name: organiser?.name ?? 'STARK', email: organiser?.email ?? `noreply@${UID_DOMAIN}` },
            attendee: invitee && person.email ? { name: person.name, email: person.email, answer: invitee.answer?.value } : undefined,
          });
          return { filename: meetingCalendarFileName(meeting.id), contentType: 'text/calendar; charset=utf-8', body };
        },
      },
    ],
    jobs: [{ name: 'meetings.reminders', everyMs: 60_000, run: (services) => runMeetingJob(services, options) }],
    // Invitations for someone the bot could not reach go out the moment they talk to it. Cheap when there are none.
    async onTurn(turn) {
      const id = turn.person.aadObjectId;
      if (!turn.services.store.doc.meetings.pending.some((p) => p.personId === id && p.waiting)) return;
      await deliverPending(turn.services, { personId: id, includeWaiting: true });
    },
  };
}
