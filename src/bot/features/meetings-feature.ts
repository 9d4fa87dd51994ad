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
      { action: 'meetings.viewAll', entry: (t) => t.meetings.commands.cadence, shared: true },
    ],
    text: [
      textRoute({
        name: 'meetings',
        // "mötesplan" is the calendar without anyone's answers: it may be answered in a group. "möten" shows answers
        // and comments, "boka möte" a form: those go to the asker's personal chat.
        visibility: (command) => (command.kind === 'cadence' ? 'public' : 'personal'),
        match: (text) => matchMeetingCommand(text),
        handle: handleCommand,
      }),
    ],
    actions: [
      actionRoute({ verb: meetingVerbs.form, visibility: 'personal', schema: formPayloadSchema, handle: handleForm }),
      actionRoute({ verb: meetingVerbs.schedule, visibility: 'personal', limit: () => 'writes', schema: schedulePayloadSchema, handle: handleSchedule }),
      actionRoute({ verb: meetingVerbs.rsvp, visibility: 'personal', limit: (d) => (d.comment?.trim() ? 'comments' : 'writes'), schema: rsvpPayloadSchema, handle: handleRsvp }),
      actionRoute({ verb: meetingVerbs.refresh, visibility: 'personal', schema: meetingRefPayloadSchema, handle: (turn, data) => handleRefresh(turn, data.meetingId) }),
      actionRoute({ verb: meetingVerbs.open, visibility: 'personal', schema: meetingRefPayloadSchema, handle: (turn, data) => handleOpen(turn, data.meetingId) }),
      actionRoute({ verb: meetingVerbs.overview, visibility: 'personal', schema: overviewPayloadSchema, handle: (turn, data) => handleOverview(turn, data.meetingId, data.manage === 'yes') }),
      actionRoute({ verb: meetingVerbs.cancel, visibility: 'personal', limit: () => 'writes', schema: cancelPayloadSchema, handle: handleCancel }),
      actionRoute({ verb: meetingVerbs.invitees, visibility: 'personal', limit: () => 'writes', schema: inviteesPayloadSchema, handle: handleInvitees }),
    ],
    downloads: [
      {
        kind: ICS_KIND,
        // The calendar file for an invitee (with their answer as PARTSTAT) or for leadership. It holds the meeting and
        // the person's own answer, nothing about anyone else: a forwarded file names no organiser and no other invitee.
        async produce({ services, person, params }) {
          const meeting = services.store.doc.meetings.meetings.find((m) => m.id === params.meetingId);
          if (!meeting) return null;
          const invitee = findInvitee(meeting, person.aadObjectId);
          if (!invitee && !can(person, 'meetings.viewAll')) return null;
          const body = meetingCalendar({
            meeting,
            uidDomain: UID_DOMAIN,
            // RFC 5546 wants an ORGANIZER address for REQUEST and CANCEL: the bot's own no-reply address, not a person's.
            organiser: { name: 'STARK', email: `noreply@${UID_DOMAIN}` },
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
