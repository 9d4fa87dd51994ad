import { seatCoverage, type Availability, type SeatCoverage } from '../bodies/coverage.js';
import { DEFAULT_QUORUM_POLICIES, type QuorumPolicies } from '../bodies/quorum.js';
import type { BodySeat } from '../bodies/seats.js';
import { slotStart, type Poll, type PollSlot, type SlotId } from './poll.js';

export interface SlotCounts {
  yes: number;
  ifNeedBe: number;
  no: number;
  /** Invitees without an answer for this slot. */
  noAnswer: number;
}

export interface SlotResult {
  slot: PollSlot;
  counts: SlotCounts;
  /** Programråd and Programgrupp: which seats the answers cover on the slot's date. Absent for the yearly meeting. */
  coverage?: SeatCoverage;
  /** Every seat covered (never true for the yearly meeting, which has none). */
  coversEverySeat: boolean;
}

export interface RankedSlot extends SlotResult {
  /** 1 = best. Slots that compare equal share a rank. */
  rank: number;
}

/** Each invitee's answer to one slot. */
export function availabilityFor(poll: Pick<Poll, 'responses'>, slotId: SlotId): Record<string, Availability> {
  const out: Record<string, Availability> = {};
  for (const r of poll.responses) {
    const v = r.answers[slotId];
    if (v !== undefined) out[r.personId] = v;
  }
  return out;
}

/** Per slot, in the poll's order: the counts of answers and, for a body with seats, the seat coverage (see `seatCoverage`). */
export function slotResults({ poll, seats, quorum = DEFAULT_QUORUM_POLICIES }: { poll: Poll; seats: readonly BodySeat[]; quorum?: QuorumPolicies }): SlotResult[] {
  const invited = new Set(poll.inviteeIds);
  return poll.slots.map((slot) => {
    const availability = availabilityFor(poll, slot.id);
    const counts: SlotCounts = { yes: 0, ifNeedBe: 0, no: 0, noAnswer: 0 };
    for (const id of invited) {
      const v = availability[id];
      if (v === undefined) counts.noAnswer += 1;
      else counts[v] += 1;
    }
    if (poll.type === 'arlig-traff') return { slot, counts, coversEverySeat: false };
    const coverage = seatCoverage({ seats, body: poll.type, date: slot.date, availability, policy: quorum[poll.type] });
    return { slot, counts, coverage, coversEverySeat: coverage.total > 0 && coverage.complete };
  });
}

/** The ranking key, best first: covered seats, seats covered by a yes, then everyone's yes, then "if need be". */
const key = (r: SlotResult): number[] => [r.coverage?.covered ?? 0, r.coverage?.coveredViaYes ?? 0, r.counts.yes, r.counts.ifNeedBe];

/**
 * Slots best first (issue #16: by covered seats, then yes over if-need-be): more seats covered; then more of them
 * covered by a yes rather than an "if need be"; then more yes among all invitees; then more "if need be". Slots equal
 * on all four share a rank and keep time order.
 */
export function rankSlots(results: readonly SlotResult[]): RankedSlot[] {
  const compare = (a: SlotResult, b: SlotResult): number => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if ((ka[i] ?? 0) !== (kb[i] ?? 0)) return (kb[i] ?? 0) - (ka[i] ?? 0);
    return 0;
  };
  const sorted = [...results].sort((a, b) => compare(a, b) || slotStart(a.slot).getTime() - slotStart(b.slot).getTime());
  const out: RankedSlot[] = [];
  sorted.forEach((r, i) => {
    const prev = out[i - 1];
    const rank = prev && compare(prev, r) === 0 ? prev.rank : i + 1;
    out.push({ ...r, rank });
  });
  return out;
}
