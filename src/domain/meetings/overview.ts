import type { County, Organisation } from '../organisations.js';
import type { Person, Seat } from '../people.js';
import { isAnswerOpen, type Answer, type Meeting, type RsvpValue, type UncoveredSeat } from './meeting.js';
import { uncoveredSeats } from './rsvp.js';

export interface OverviewEntry {
  personId: string;
  /** The ordinary Programråd member this person stands in for. */
  substituteFor?: string;
  answer?: Answer;
}

/**
 * Who is represented among those who said Ja. Parties are organisations; "both counties" asks whether someone
 * from a Västmanland party and someone from a Sörmland party come (MDU belongs to neither).
 */
export interface Representation {
  /** Organisation ids with at least one Ja, in the organisations file's order. */
  parties: string[];
  /** Organisations that have invitees but nobody saying Ja. */
  partiesWithoutJa: string[];
  counties: Record<County, boolean>;
  bothCounties: boolean;
  mdu: boolean;
  /** Programråd only: how many say Ja per seat (ordinary members and the substitutes standing in). */
  seats?: Record<Seat, number>;
}

export interface MeetingOverview {
  meetingId: string;
  tally: Record<RsvpValue, number> & { ejSvarat: number; invited: number };
  answered: Record<RsvpValue, OverviewEntry[]>;
  notAnswered: OverviewEntry[];
  representation: Representation;
  /** Programråd decliners nobody stands in for. */
  uncovered: UncoveredSeat[];
}

/** Leadership's view of one meeting: tallies, who answered what, who has not, and representation among the Ja. */
export function meetingOverview({
  meeting,
  people,
  organisations,
}: {
  meeting: Meeting;
  people: readonly Person[];
  organisations: readonly Organisation[];
}): MeetingOverview {
  const personById = new Map(people.map((p) => [p.aadObjectId, p]));
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const nameOf = (id: string) => personById.get(id)?.name ?? id;
  const byName = (a: OverviewEntry, b: OverviewEntry) => nameOf(a.personId).localeCompare(nameOf(b.personId), 'sv');
  const entry = (i: Meeting['invitees'][number]): OverviewEntry => ({
    personId: i.personId,
    ...(i.substituteFor ? { substituteFor: i.substituteFor } : {}),
    ...(i.answer ? { answer: i.answer } : {}),
  });

  const answered: Record<RsvpValue, OverviewEntry[]> = { ja: [], nej: [], kanske: [] };
  const notAnswered: OverviewEntry[] = [];
  for (const i of meeting.invitees) (i.answer ? answered[i.answer.value] : notAnswered).push(entry(i));
  for (const list of [answered.ja, answered.nej, answered.kanske, notAnswered]) list.sort(byName);

  const orgOf = (id: string) => orgById.get(personById.get(id)?.organisationId ?? '');
  const jaOrgs = new Set(answered.ja.flatMap((e) => orgOf(e.personId)?.id ?? []));
  const invitedOrgs = new Set(meeting.invitees.flatMap((i) => orgOf(i.personId)?.id ?? []));
  const jaCounties = new Set(answered.ja.flatMap((e) => orgOf(e.personId)?.county ?? []));
  const representation: Representation = {
    parties: organisations.filter((o) => jaOrgs.has(o.id)).map((o) => o.id),
    partiesWithoutJa: organisations.filter((o) => invitedOrgs.has(o.id) && !jaOrgs.has(o.id)).map((o) => o.id),
    counties: { vastmanland: jaCounties.has('vastmanland'), sormland: jaCounties.has('sormland') },
    bothCounties: jaCounties.has('vastmanland') && jaCounties.has('sormland'),
    mdu: answered.ja.some((e) => orgOf(e.personId)?.kind === 'university'),
  };
  if (meeting.type === 'programrad') {
    const seats: Record<Seat, number> = { vastmanland: 0, sormland: 0, mdu: 0 };
    for (const e of answered.ja) {
      const seat = personById.get(e.personId)?.programrad?.seat;
      if (seat) seats[seat] += 1;
    }
    representation.seats = seats;
  }

  return {
    meetingId: meeting.id,
    tally: {
      ja: answered.ja.length,
      nej: answered.nej.length,
      kanske: answered.kanske.length,
      ejSvarat: notAnswered.length,
      invited: meeting.invitees.length,
    },
    answered,
    notAnswered,
    representation,
    uncovered: uncoveredSeats({ meeting, people }),
  };
}

/** Meetings that have not ended yet, earliest first; cancelled ones only when asked for. */
export function upcomingMeetings({
  meetings,
  now,
  includeCancelled = false,
}: {
  meetings: readonly Meeting[];
  now: Date;
  includeCancelled?: boolean;
}): Meeting[] {
  return meetings
    .filter((m) => Date.parse(m.end) > now.getTime() && (includeCancelled || m.status === 'scheduled'))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
}

export interface MemberMeeting {
  meeting: Meeting;
  answer?: Answer;
  substituteFor?: string;
  /** Whether the person can still answer or change their answer. */
  answerOpen: boolean;
}

/**
 * A member's own upcoming meetings (not ended; cancelled ones too, so they see the cancellation) with their answer.
 */
export function memberMeetings({ meetings, personId, now }: { meetings: readonly Meeting[]; personId: string; now: Date }): MemberMeeting[] {
  const id = personId.toLowerCase();
  return upcomingMeetings({ meetings, now, includeCancelled: true }).flatMap((meeting) => {
    const invitee = meeting.invitees.find((i) => i.personId === id);
    if (!invitee) return [];
    return [
      {
        meeting,
        ...(invitee.answer ? { answer: invitee.answer } : {}),
        ...(invitee.substituteFor ? { substituteFor: invitee.substituteFor } : {}),
        answerOpen: isAnswerOpen({ meeting, now }),
      },
    ];
  });
}
