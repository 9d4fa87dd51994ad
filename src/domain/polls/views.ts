import { seatAssumptions, type Assumption } from '../bodies/body-rules.js';
import type { Availability } from '../bodies/coverage.js';
import { DEFAULT_QUORUM_POLICIES, type QuorumPolicies } from '../bodies/quorum.js';
import type { BodySeat } from '../bodies/seats.js';
import type { MeetingType } from '../meetings/meeting.js';
import { hasAnsweredAll, isPollAnswerOpen, responseOf, slotStart, type Poll, type PollVisibility, type SlotId } from './poll.js';
import { rankSlots, slotResults, type RankedSlot } from './results.js';

/** What every view of a poll shows of the poll itself. */
export interface PollHeading {
  pollId: string;
  type: MeetingType;
  title: string;
  place?: string;
  onlineUrl?: string;
  agenda: string;
  answerBy: string;
  visibility: PollVisibility;
  status: Poll['status'];
  answerOpen: boolean;
  /** The chosen slot once finalised. */
  finalSlotId?: SlotId;
  meetingId?: string;
}

/** Another invitee's answers, in an open poll only. */
export interface OthersAnswers {
  personId: string;
  answers: Partial<Record<SlotId, Availability>>;
  comment?: string;
}

export interface MemberSlotView {
  slotId: SlotId;
  date: string;
  start: string;
  end: string;
  /** The viewer's own answer. */
  own?: Availability;
  /** Seats covered by the answers so far, of `totalSeats` (both 0 for the yearly meeting). */
  coveredSeats: number;
  totalSeats: number;
  /** The yearly meeting has no seats: how many said yes instead. */
  yes?: number;
}

export interface MemberPollView extends PollHeading {
  slots: MemberSlotView[];
  ownComment?: string;
  /** Present only when leadership made the poll open; never for an anonymous poll. */
  others?: OthersAnswers[];
}

const headingOf = (poll: Poll, now: Date): PollHeading => ({
  pollId: poll.id,
  type: poll.type,
  title: poll.title,
  ...(poll.place !== undefined ? { place: poll.place } : {}),
  ...(poll.onlineUrl !== undefined ? { onlineUrl: poll.onlineUrl } : {}),
  agenda: poll.agenda,
  answerBy: poll.answerBy,
  visibility: poll.visibility,
  status: poll.status,
  answerOpen: isPollAnswerOpen({ poll, now }),
  ...(poll.finalised ? { finalSlotId: poll.finalised.slotId } : {}),
  ...(poll.meetingId !== undefined ? { meetingId: poll.meetingId } : {}),
});

/**
 * What an invitee may see of a poll (issue #16 point 2): their own answers and comment and, per slot, how many seats
 * are covered — not who answered what, unless leadership made the poll open. This is the only way the member's card
 * gets its data, so an anonymous poll's card cannot show anyone else's name, answer or comment: they are not in the
 * view. Someone not asked gets nothing.
 */
export function memberPollView({
  poll,
  personId,
  seats,
  now,
}: {
  poll: Poll;
  personId: string;
  seats: readonly BodySeat[];
  now: Date;
}): { ok: true; view: MemberPollView } | { ok: false; reason: 'notInvited' } {
  const viewer = personId.toLowerCase();
  if (!poll.inviteeIds.includes(viewer)) return { ok: false, reason: 'notInvited' };
  const own = responseOf(poll, viewer);
  const slots = slotResults({ poll, seats }).map((r): MemberSlotView => {
    const mine = own?.answers[r.slot.id];
    return {
      slotId: r.slot.id,
      date: r.slot.date,
      start: r.slot.start,
      end: r.slot.end,
      ...(mine !== undefined ? { own: mine } : {}),
      coveredSeats: r.coverage?.covered ?? 0,
      totalSeats: r.coverage?.total ?? 0,
      ...(r.coverage ? {} : { yes: r.counts.yes }),
    };
  });
  const others =
    poll.visibility === 'open'
      ? poll.responses
          .filter((r) => r.personId !== viewer)
          .map((r): OthersAnswers => ({ personId: r.personId, answers: { ...r.answers }, ...(r.comment !== undefined ? { comment: r.comment } : {}) }))
      : undefined;
  return {
    ok: true,
    view: {
      ...headingOf(poll, now),
      slots,
      ...(own?.comment !== undefined ? { ownComment: own.comment } : {}),
      ...(others ? { others } : {}),
    },
  };
}

export interface LeadershipPollView extends PollHeading {
  /** Best first; each with its counts and seat coverage (holders and substitutes per seat, quorum). */
  ranked: RankedSlot[];
  /** Everyone's answers: leadership sees them whether or not the poll is open. */
  responses: OthersAnswers[];
  /** Invitees who have not answered every slot. */
  notAnswered: string[];
  invited: number;
  everyoneAnswered: boolean;
  /** Slots that cover every seat, best first: the candidates for finalising. */
  coveringEverySeat: SlotId[];
  /** Slots leadership can still choose: the poll is open and the slot has not begun. */
  choosable: SlotId[];
  autoFinalise: Poll['autoFinalise'];
  /** What the view rests on that the memo does not state: shown with a mark. */
  assumptions: Assumption[];
}

/**
 * Leadership's overview of a poll: the slots ranked (see `rankSlots`), per slot the coverage of every seat (by its
 * holder or a substitute, via yes or if need be) with the composition per constituency and quorum, everyone's
 * answers, and who has not answered. Anonymity is towards members: leadership, who must choose a time and call in
 * substitutes, sees who answered what.
 */
export function leadershipPollView({
  poll,
  seats,
  now,
  quorum = DEFAULT_QUORUM_POLICIES,
}: {
  poll: Poll;
  seats: readonly BodySeat[];
  now: Date;
  quorum?: QuorumPolicies;
}): LeadershipPollView {
  const ranked = rankSlots(slotResults({ poll, seats, quorum }));
  const assumptions = new Set<Assumption>();
  if (poll.type !== 'arlig-traff') {
    for (const a of seatAssumptions(poll.type)) assumptions.add(a);
    if (ranked.some((r) => r.coverage?.quorum.assumption)) assumptions.add('quorumDefault');
  }
  return {
    ...headingOf(poll, now),
    ranked,
    responses: poll.responses.map((r) => ({ personId: r.personId, answers: { ...r.answers }, ...(r.comment !== undefined ? { comment: r.comment } : {}) })),
    notAnswered: poll.inviteeIds.filter((id) => !hasAnsweredAll(poll, id)),
    invited: poll.inviteeIds.length,
    everyoneAnswered: poll.inviteeIds.every((id) => hasAnsweredAll(poll, id)),
    coveringEverySeat: ranked.filter((r) => r.coversEverySeat).map((r) => r.slot.id),
    choosable: poll.status === 'open' ? poll.slots.filter((s) => slotStart(s).getTime() > now.getTime()).map((s) => s.id) : [],
    autoFinalise: poll.autoFinalise,
    assumptions: [...assumptions],
  };
}

