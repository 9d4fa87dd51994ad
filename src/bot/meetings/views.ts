import type { CadenceCardModel, CadenceState } from '../../cards/meeting-cadence-card.js';
import type { InvitationCardModel } from '../../cards/meeting-invitation-card.js';
import type { OverviewCardItem, OverviewCardModel, OverviewPerson } from '../../cards/meeting-overview-card.js';
import type { MeetingHeading, MemberCardModel } from '../../cards/meeting-member-card.js';
import type { ScheduleCardModel } from '../../cards/meeting-schedule-card.js';
import { cadence, missingMeetings } from '../../domain/meetings/cadence.js';
import { isoWeekday } from '../../domain/meetings/local-date.js';
import { draftOf, findInvitee, isAnswerOpen, type Meeting } from '../../domain/meetings/meeting.js';
import { meetingOverview, memberMeetings, upcomingMeetings } from '../../domain/meetings/overview.js';
import { formValuesOf, type ScheduleFormResult } from '../../domain/meetings/schedule-form.js';
import type { Organisation } from '../../domain/organisations.js';
import type { Person } from '../../domain/people.js';
import { formatStockholm } from '../../domain/time.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import type { FileLink } from '../../cards/adaptive-card.js';

/*
 * Domain state → card view models, in the viewer's language and Stockholm time. Pure: the handlers pass in what
 * they loaded (meetings, roster, organisations, now) and the URLs they signed.
 */

/** "måndag 29 mars 2027" for a Stockholm calendar date (yyyy-MM-dd). */
export function formatDate(t: Catalogue, date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return t.meetings.date({
    weekday: t.meetings.weekdays[isoWeekday(date) - 1] ?? '',
    day: d ?? 0,
    month: t.meetings.months[(m ?? 1) - 1] ?? '',
    year: y ?? 0,
  });
}

const clock = (t: Catalogue, instant: Date) => t.meetings.time({ hour: formatStockholm(instant, 'HH'), minute: formatStockholm(instant, 'mm') });

/** "måndag 29 mars 2027 kl. 09.00–12.00", Stockholm time. */
export function formatWhen(t: Catalogue, meeting: Pick<Meeting, 'start' | 'end'>): string {
  const start = new Date(meeting.start);
  return t.meetings.when({ date: formatDate(t, formatStockholm(start, 'yyyy-MM-dd')), start: clock(t, start), end: clock(t, new Date(meeting.end)) });
}

export const formatRsvpBy = (t: Catalogue, meeting: Pick<Meeting, 'rsvpBy'>): string => formatDate(t, meeting.rsvpBy);

const namer = (t: Catalogue, people: readonly Person[]) => {
  const byId = new Map(people.map((p) => [p.aadObjectId, p]));
  return (id: string): string => byId.get(id)?.name ?? t.meetings.unknownPerson;
};

/** The invitation as `viewerId` sees it (their answer, whom they replace); without a viewer, the shared version. */
export function invitationCardModel({
  meeting,
  viewerId,
  people,
  now,
  t,
  icsUrl,
}: {
  meeting: Meeting;
  viewerId?: string | undefined;
  people: readonly Person[];
  now: Date;
  t: Catalogue;
  icsUrl?: FileLink | undefined;
}): InvitationCardModel {
  const nameOf = namer(t, people);
  const invitee = viewerId ? findInvitee(meeting, viewerId) : undefined;
  return {
    meetingId: meeting.id,
    type: meeting.type,
    title: meeting.title,
    start: meeting.start,
    when: formatWhen(t, meeting),
    place: meeting.place,
    onlineUrl: meeting.onlineUrl,
    agenda: meeting.agenda,
    rsvpBy: formatRsvpBy(t, meeting),
    organiserName: nameOf(meeting.organiserId),
    status: meeting.status,
    answerOpen: isAnswerOpen({ meeting, now }),
    viewer: invitee
      ? {
          answer: invitee.answer ? { value: invitee.answer.value, comment: invitee.answer.comment } : undefined,
          replacesName: invitee.substituteFor ? nameOf(invitee.substituteFor) : undefined,
        }
      : undefined,
    icsUrl,
    refreshUserIds: invitee ? [invitee.personId] : [],
  };
}

/** Leadership's overview of the upcoming meetings (the earliest `limit`), one of them expanded if asked. */

/** The lines every meeting list shows of a meeting. */
const headingOf = (t: Catalogue, meeting: Meeting): MeetingHeading => ({
  meetingId: meeting.id,
  type: meeting.type,
  title: meeting.title,
  when: formatWhen(t, meeting),
  rsvpBy: formatRsvpBy(t, meeting),
  status: meeting.status,
});

export function overviewCardModel({
  meetings,
  people,
  organisations,
  now,
  t,
  expandedId,
  confirmCancelId,
  manageId,
  limit = 5,
}: {
  meetings: readonly Meeting[];
  people: readonly Person[];
  organisations: readonly Organisation[];
  now: Date;
  t: Catalogue;
  expandedId?: string | undefined;
  confirmCancelId?: string | undefined;
  /** The meeting whose invitee list leadership is changing (shown like an expanded one). */
  manageId?: string | undefined;
  limit?: number;
}): OverviewCardModel {
  const upcoming = upcomingMeetings({ meetings, now });
  // An expanded meeting beyond the limit is still shown, in place of the last one.
  let shown = upcoming.slice(0, limit);
  const expanded = upcoming.find((m) => m.id === (manageId ?? expandedId));
  if (expanded && !shown.includes(expanded)) shown = [...shown.slice(0, Math.max(0, limit - 1)), expanded];
  const nameOf = namer(t, people);
  const personById = new Map(people.map((p) => [p.aadObjectId, p]));
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const orgName = (id: string) => orgById.get(id)?.shortName ?? id;
  const personOf = (e: { personId: string; substituteFor?: string; answer?: { comment?: string } }): OverviewPerson => ({
    name: nameOf(e.personId),
    organisation: orgName(personById.get(e.personId)?.organisationId ?? ''),
    comment: e.answer?.comment,
    substituteForName: e.substituteFor ? nameOf(e.substituteFor) : undefined,
  });
  const items: OverviewCardItem[] = shown.map((meeting) => {
    const o = meetingOverview({ meeting, people, organisations });
    return {
      ...headingOf(t, meeting),
      tally: { ja: o.tally.ja, nej: o.tally.nej, kanske: o.tally.kanske, ejSvarat: o.tally.ejSvarat },
      answered: { ja: o.answered.ja.map(personOf), nej: o.answered.nej.map(personOf), kanske: o.answered.kanske.map(personOf) },
      notAnswered: o.notAnswered.map(personOf),
      representation: {
        parties: o.representation.parties.map(orgName),
        partiesWithoutJa: o.representation.partiesWithoutJa.map(orgName),
        counties: o.representation.counties,
        mdu: o.representation.mdu,
        seats: o.representation.seats,
      },
      uncovered: o.uncovered.map((u) => ({ name: nameOf(u.personId), seat: personById.get(u.personId)?.programrad?.seat ?? 'mdu' })),
      ...(meeting.id === manageId ? { manage: manageChoices({ meeting, people, orgName }) } : {}),
    };
  });
  return { meetings: items, more: upcoming.length - shown.length, expandedId, confirmCancelId, manageId };
}

/** Who leadership can add to a meeting (everyone in the roster not invited) and remove (the invitees), by name. */
function manageChoices({ meeting, people, orgName }: { meeting: Meeting; people: readonly Person[]; orgName: (id: string) => string }): NonNullable<OverviewCardItem['manage']> {
  const invited = new Set(meeting.invitees.map((i) => i.personId));
  const choice = (p: Person) => ({ id: p.aadObjectId, label: `${p.name}, ${orgName(p.organisationId)}` });
  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, 'sv');
  return {
    invitable: people.filter((p) => !invited.has(p.aadObjectId)).map(choice).sort(byName),
    invited: people.filter((p) => invited.has(p.aadObjectId)).map(choice).sort(byName),
  };
}

/** A member's own upcoming meetings. */
export function memberCardModel({
  meetings,
  personId,
  people,
  now,
  t,
  icsUrlFor,
}: {
  meetings: readonly Meeting[];
  personId: string;
  people: readonly Person[];
  now: Date;
  t: Catalogue;
  icsUrlFor?: ((meetingId: string) => FileLink | undefined) | undefined;
}): MemberCardModel {
  const nameOf = namer(t, people);
  return {
    meetings: memberMeetings({ meetings, personId, now }).map(({ meeting, answer, substituteFor, answerOpen }) => ({
      ...headingOf(t, meeting),
      answer: answer ? { value: answer.value, comment: answer.comment } : undefined,
      substituteForName: substituteFor ? nameOf(substituteFor) : undefined,
      answerOpen,
      icsUrl: icsUrlFor?.(meeting.id),
    })),
  };
}

/** "Mötesplan <year>": scheduled meetings count as held once they have ended. */
export function cadenceCardModel({
  year,
  meetings,
  now,
  t,
  canSchedule,
}: {
  year: number;
  meetings: readonly Meeting[];
  now: Date;
  t: Catalogue;
  canSchedule: boolean;
}): CadenceCardModel {
  const c = cadence({ year, meetings });
  const missing = new Map(missingMeetings({ year, meetings, now }).map((m) => [m.slot, m.state]));
  const byId = new Map(meetings.map((m) => [m.id, m]));
  return {
    year,
    complete: c.complete,
    canSchedule,
    entries: c.entries.map((e) => {
      const ms = e.meetingIds.flatMap((id) => byId.get(id) ?? []);
      const state: CadenceState = e.scheduled
        ? ms.some((m) => Date.parse(m.end) <= now.getTime())
          ? 'held'
          : 'scheduled'
        : (missing.get(e.slot) ?? 'toSchedule');
      return { slot: e.slot, state, meetings: ms.map((m) => ({ title: m.title, when: formatWhen(t, m) })) };
    }),
  };
}

/** The scheduling form: empty (optionally with a type chosen), for a change, or returned after validation. */
export function scheduleCardModel(
  input:
    | { kind: 'new'; type?: Meeting['type'] | undefined; draftId?: string | undefined }
    | { kind: 'change'; meeting: Meeting }
    | { kind: 'returned'; result: Exclude<ScheduleFormResult, { ok: true }>; change?: Meeting | undefined; draftId?: string | undefined },
): ScheduleCardModel {
  switch (input.kind) {
    case 'new':
      return { values: input.type ? { type: input.type } : {}, errors: [], warnings: [], ...(input.draftId ? { draftId: input.draftId } : {}) };
    case 'change':
      return { change: { meetingId: input.meeting.id, type: input.meeting.type }, values: formValuesOf(draftOf(input.meeting)), errors: [], warnings: [] };
    case 'returned':
      return {
        ...(input.change ? { change: { meetingId: input.change.id, type: input.change.type } } : {}),
        values: input.result.values,
        errors: input.result.errors,
        warnings: input.result.warnings,
        ...(input.draftId && !input.change ? { draftId: input.draftId } : {}),
      };
  }
}
