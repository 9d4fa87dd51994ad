import type { CadenceReminder } from '../../domain/meetings/cadence.js';
import type { ChangeRefusal } from '../../domain/meetings/change.js';
import { LIMITS, type Meeting, type MeetingNotice, type UncoveredSeat } from '../../domain/meetings/meeting.js';
import type { Reminder } from '../../domain/meetings/reminders.js';
import type { RsvpRefusal, RsvpResult } from '../../domain/meetings/rsvp.js';
import type { Person } from '../../domain/people.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import { plain } from '../../cards/adaptive-card.js';
import { formatRsvpBy, formatWhen } from './views.js';

/*
 * Domain outcomes → what people read. Chat text is markdown in Teams, so every name or title that people typed is
 * escaped (the cards' `plain()`) before it goes into a message.
 */
const md = plain;

const nameLookup = (t: Catalogue, people: readonly Person[]) => {
  const byId = new Map(people.map((p) => [p.aadObjectId, p]));
  return (id: string): string => md(byId.get(id)?.name ?? t.meetings.unknownPerson);
};

/** The message for a notice; `withCard` tells whether the meeting's invitation card (the person's view) goes along. */
export function noticeMessage({
  t,
  notice,
  meeting,
  people,
}: {
  t: Catalogue;
  notice: MeetingNotice;
  meeting: Meeting;
  people: readonly Person[];
}): { text: string; withCard: boolean } {
  const n = t.meetings.notices;
  const nameOf = nameLookup(t, people);
  const title = md(meeting.title);
  const when = formatWhen(t, meeting);
  switch (notice.kind) {
    case 'invited':
      return { text: n.invited({ title, when }), withCard: true };
    case 'substituteInvited':
      return { text: n.substituteInvited({ title, when, replaces: nameOf(notice.replaces) }), withCard: true };
    case 'substituteReassigned':
      return { text: n.substituteReassigned({ title, replaces: nameOf(notice.replaces), previously: nameOf(notice.previously) }), withCard: true };
    case 'substituteNotNeeded':
      return { text: n.substituteNotNeeded({ title, replaced: nameOf(notice.replaced) }), withCard: false };
    case 'removed':
      return { text: n.removed({ title }), withCard: false };
    case 'updated':
      return { text: n.updated({ title }), withCard: true };
    case 'rescheduled':
      return { text: n.rescheduled({ title, when }), withCard: true };
    case 'cancelled':
      return { text: n.cancelled({ title, when }), withCard: true };
  }
}

/** Why an answer was not taken. */
export function rsvpRefusalText({ t, reason, meeting }: { t: Catalogue; reason: RsvpRefusal; meeting: Meeting }): string {
  const r = t.meetings.rsvp.refusals;
  switch (reason) {
    case 'notInvited':
      return r.notInvited;
    case 'cancelled':
      return r.cancelled;
    case 'deadlinePassed':
      return r.deadlinePassed({ date: formatRsvpBy(t, meeting) });
    case 'timeChanged':
      return r.timeChanged;
    case 'commentTooLong':
      return r.commentTooLong({ max: LIMITS.comment });
  }
}

/** Confirmation of a taken answer (recorded, or the same one again). */
export function rsvpConfirmationText({ t, result }: { t: Catalogue; result: Extract<RsvpResult, { ok: true }> }): string {
  const answer = t.meetings.answers[result.answer.value];
  return result.outcome === 'unchanged' ? t.meetings.rsvp.unchanged({ answer }) : t.meetings.rsvp.recorded({ answer, title: md(result.meeting.title) });
}

/** For the organiser after an answer: substitutes called in, seats left without one. */
export function organiserSubstitutionTexts({
  t,
  notify,
  uncovered,
  people,
}: {
  t: Catalogue;
  notify: readonly MeetingNotice[];
  uncovered: readonly UncoveredSeat[];
  people: readonly Person[];
}): string[] {
  const o = t.meetings.organiser;
  const nameOf = nameLookup(t, people);
  const seatName = (seat: string) => (seat === 'vastmanland' || seat === 'sormland' || seat === 'mdu' ? t.core.counties[seat] : seat);
  return [
    ...notify.flatMap((n) =>
      n.kind === 'substituteInvited' || n.kind === 'substituteReassigned' ? [o.substituteCalled({ substitute: nameOf(n.personId), replaces: nameOf(n.replaces) })] : [],
    ),
    ...uncovered.map((u) => o.uncovered({ name: nameOf(u.personId), seat: seatName(u.seat) })),
  ];
}

/** Why a change or cancellation was refused. */
export function changeRefusalText({ t, reason }: { t: Catalogue; reason: ChangeRefusal | 'alreadyCancelled' | 'notFound' }): string {
  const r = t.meetings.organiser.refusals;
  switch (reason) {
    case 'cancelled':
    case 'alreadyCancelled':
      return r.cancelled;
    case 'meetingOver':
      return r.meetingOver;
    case 'typeCannotChange':
      return r.typeCannotChange;
    case 'notFound':
      return r.notFound;
  }
}

/** The text of a due reminder to an invitee. */
export function reminderText({ t, reminder, meeting }: { t: Catalogue; reminder: Reminder; meeting: Meeting }): string {
  const title = md(meeting.title);
  const when = formatWhen(t, meeting);
  return reminder.kind === 'rsvp' ? t.meetings.reminders.rsvp({ title, when, deadline: formatRsvpBy(t, meeting) }) : t.meetings.reminders.upcoming({ title, when });
}

/** The text of a due reminder to leadership about an unscheduled meeting of the agreement. */
export const cadenceReminderText = ({ t, reminder }: { t: Catalogue; reminder: CadenceReminder }): string =>
  t.meetings.cadence.reminder({ slot: t.meetings.cadence.slots[reminder.slot], year: reminder.year });
