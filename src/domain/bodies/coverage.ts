import { z } from 'zod';
import { CONSTITUENCIES, type Constituency, type SeatedBody } from './body-rules.js';
import { DEFAULT_QUORUM_POLICY, quorumOf, type ConstituencyCount, type QuorumPolicy, type QuorumResult } from './quorum.js';
import { holdingsOn, type BodySeat } from './seats.js';

/** Whether a person can come: yes, if need be (om det behövs), or no. No answer is simply absent. */
export const availabilitySchema = z.enum(['yes', 'ifNeedBe', 'no']);
export type Availability = z.infer<typeof availabilitySchema>;

export interface SeatCover {
  personId: string;
  /** The seat's own holder, or a substitute of the seat's constituency. */
  as: 'holder' | 'substitute';
  via: 'yes' | 'ifNeedBe';
}

export interface CoveredSeat {
  seatId: string;
  constituency: Constituency;
  /** 1-based among the body's ordinary seats of this constituency ("Västmanland 2"). */
  ordinal: number;
  /** Absent: the seat is vacant on the date. */
  holderId?: string;
  /** Absent: uncovered. */
  coveredBy?: SeatCover;
}

export interface SeatCoverage {
  body: SeatedBody;
  date: string;
  /** The body's ordinary seats on the date, in the seats' order. */
  seats: CoveredSeat[];
  total: number;
  covered: number;
  /** Covered seats whose person said yes (not only "if need be"). */
  coveredViaYes: number;
  /** Every seat covered. */
  complete: boolean;
  byConstituency: ConstituencyCount[];
  quorum: QuorumResult;
}

const canCome = (a: Availability | undefined): a is 'yes' | 'ifNeedBe' => a === 'yes' || a === 'ifNeedBe';

/**
 * Which of a body's seats are covered on a date, given each person's availability.
 *
 * A seat is covered by its holder if the holder can come; otherwise by a substitute of the same constituency who can
 * come (the memo: Västmanland's one substitute serves either of its two seats). A substitute — like anyone — covers at
 * most one seat at a time, so when substitutes are scarce this is a matching problem, solved exactly as a min-cost
 * maximum bipartite matching (seats × people). In order of priority the result:
 *   1. covers as many seats as any assignment can;
 *   2. among those, lets holders cover their own seats (a substitute stands in only for a holder who cannot come),
 *      even when the holder said "if need be" and a substitute said yes — the seat is the holder's;
 *   3. among those, uses as many "yes" and as few "if need be" as possible.
 * Ties beyond that are broken deterministically by the order of the seats.
 */
export function seatCoverage({
  seats,
  body,
  date,
  availability,
  policy = DEFAULT_QUORUM_POLICY,
}: {
  seats: readonly BodySeat[];
  body: SeatedBody;
  date: string;
  /** Person id → availability; people not listed have not answered (and cannot cover a seat). */
  availability: Readonly<Record<string, Availability | undefined>>;
  policy?: QuorumPolicy;
}): SeatCoverage {
  const holdings = holdingsOn({ seats, body, date });
  const ordinary = holdings.filter((h) => h.kind === 'ordinary');
  const substitutes = holdings.filter((h) => h.kind === 'substitute' && h.personId !== undefined);
  const availabilityOf = (id: string): Availability | undefined => (Object.hasOwn(availability, id) ? availability[id] : undefined);

  // People who could cover at least one seat, each once however many places they hold.
  const people: string[] = [];
  const personIndex = new Map<string, number>();
  const personNode = (id: string): number => {
    let i = personIndex.get(id);
    if (i === undefined) {
      i = people.length;
      people.push(id);
      personIndex.set(id, i);
    }
    return i;
  };

  // Costs encode the priorities: any substitute costs more than all "if need be"s together (n + 1 > n).
  const SUBSTITUTE = ordinary.length + 1;
  const candidates = ordinary.map((seat) => {
    const out: { person: number; cost: number; cover: SeatCover }[] = [];
    if (seat.personId !== undefined) {
      const a = availabilityOf(seat.personId);
      if (canCome(a)) out.push({ person: personNode(seat.personId), cost: a === 'yes' ? 0 : 1, cover: { personId: seat.personId, as: 'holder', via: a } });
    }
    for (const sub of substitutes) {
      if (sub.constituency !== seat.constituency || sub.personId === undefined || sub.personId === seat.personId) continue;
      const a = availabilityOf(sub.personId);
      if (canCome(a)) out.push({ person: personNode(sub.personId), cost: SUBSTITUTE + (a === 'yes' ? 0 : 1), cover: { personId: sub.personId, as: 'substitute', via: a } });
    }
    return out;
  });

  const matched = minCostMaxMatching(ordinary.length, people.length, candidates.map((cs) => cs.map((c) => ({ right: c.person, cost: c.cost }))));
  const covered: CoveredSeat[] = ordinary.map((seat, i) => {
    const pick = matched[i];
    const cover = pick === undefined ? undefined : candidates[i]?.find((c) => c.person === pick)?.cover;
    return {
      seatId: seat.seatId,
      constituency: seat.constituency,
      ordinal: seat.ordinal,
      ...(seat.personId !== undefined ? { holderId: seat.personId } : {}),
      ...(cover ? { coveredBy: cover } : {}),
    };
  });

  const byConstituency: ConstituencyCount[] = CONSTITUENCIES.map((constituency) => {
    const mine = covered.filter((s) => s.constituency === constituency);
    return { constituency, seats: mine.length, covered: mine.filter((s) => s.coveredBy).length };
  });
  const count = covered.filter((s) => s.coveredBy).length;
  return {
    body,
    date,
    seats: covered,
    total: covered.length,
    covered: count,
    coveredViaYes: covered.filter((s) => s.coveredBy?.via === 'yes').length,
    complete: count === covered.length,
    byConstituency,
    quorum: quorumOf({ policy, counts: byConstituency }),
  };
}

/**
 * Minimum-cost maximum matching in a bipartite graph (left: seats, right: people), by successive shortest
 * augmenting paths with Bellman–Ford on the residual graph (costs are small non-negative integers; the graphs have a
 * handful of nodes). Returns, per left node, the matched right node or undefined. Successive shortest paths reach
 * the maximum flow with the minimum cost among maximum flows.
 */
export function minCostMaxMatching(left: number, right: number, edges: ReadonlyArray<ReadonlyArray<{ right: number; cost: number }>>): (number | undefined)[] {
  const source = 0;
  const sink = left + right + 1;
  type Arc = { to: number; rev: number; cap: number; cost: number };
  const graph: Arc[][] = Array.from({ length: sink + 1 }, () => []);
  const arc = (from: number, to: number, cost: number) => {
    const a = graph[from];
    const b = graph[to];
    if (!a || !b) throw new Error('node out of range');
    a.push({ to, rev: b.length, cap: 1, cost });
    b.push({ to: from, rev: a.length - 1, cap: 0, cost: -cost });
  };
  for (let l = 0; l < left; l++) {
    arc(source, 1 + l, 0);
    for (const e of edges[l] ?? []) arc(1 + l, 1 + left + e.right, e.cost);
  }
  for (let r = 0; r < right; r++) arc(1 + left + r, sink, 0);

  for (;;) {
    const dist = new Array<number>(sink + 1).fill(Infinity);
    const via = new Array<{ node: number; arc: number } | undefined>(sink + 1).fill(undefined);
    dist[source] = 0;
    // Bellman–Ford: at most |V| - 1 rounds; stops early when nothing changes.
    for (let round = 0; round < sink; round++) {
      let changed = false;
      for (let u = 0; u <= sink; u++) {
        const du = dist[u] ?? Infinity;
        if (du === Infinity) continue;
        (graph[u] ?? []).forEach((a, i) => {
          if (a.cap > 0 && du + a.cost < (dist[a.to] ?? Infinity)) {
            dist[a.to] = du + a.cost;
            via[a.to] = { node: u, arc: i };
            changed = true;
          }
        });
      }
      if (!changed) break;
    }
    if (dist[sink] === Infinity) break;
    for (let v = sink; v !== source; ) {
      const step = via[v];
      if (!step) throw new Error('broken augmenting path');
      const a = graph[step.node]?.[step.arc];
      if (!a) throw new Error('broken augmenting path');
      a.cap -= 1;
      const back = graph[a.to]?.[a.rev];
      if (back) back.cap += 1;
      v = step.node;
    }
  }

  const out: (number | undefined)[] = [];
  for (let l = 0; l < left; l++) {
    const used = (graph[1 + l] ?? []).find((a) => a.to > left && a.to < sink && a.cap === 0 && a.cost >= 0);
    out.push(used ? used.to - 1 - left : undefined);
  }
  return out;
}
