import { describe, expect, it } from 'vitest';
import { id, PR, seats } from '../../../tests/helpers/demo-bodies.js';
import { answered, makePoll, NOW, SCENARIO } from '../../../tests/helpers/demo-polls.js';
import { decideQuorumPolicy, DEFAULT_QUORUM_POLICIES } from '../bodies/quorum.js';
import { stockholmInstant } from '../time.js';
import { finalisePoll } from './finalise.js';
import { leadershipPollView, memberPollView } from './views.js';

const anonymous = answered(makePoll(), SCENARIO);
const open = answered(makePoll({ visibility: 'open' }), SCENARIO);
const now = stockholmInstant('2027-03-10', '10:00');

describe('what a member sees', () => {
  it('their own answers and comment, and per time how many seats are covered', () => {
    const r = memberPollView({ poll: anonymous, personId: PR.erik, seats, now });
    if (!r.ok) throw new Error(r.reason);
    expect(r.view.slots).toEqual([
      { slotId: 's1', date: '2027-04-13', start: '09:00', end: '12:00', own: 'no', coveredSeats: 7, totalSeats: 7 },
      { slotId: 's2', date: '2027-04-14', start: '13:00', end: '16:00', own: 'yes', coveredSeats: 6, totalSeats: 7 },
      { slotId: 's3', date: '2027-04-20', start: '09:00', end: '12:00', own: 'yes', coveredSeats: 6, totalSeats: 7 },
    ]);
    expect(r.view.ownComment).toBe('Jag är på resa den 13:e.');
    expect(r.view).toMatchObject({ pollId: 'p1', title: 'Vårdialog', answerOpen: true, status: 'open', visibility: 'anonymous' });
  });

  it('in an anonymous poll, nobody else’s id, answer or comment is anywhere in the view', () => {
    const r = memberPollView({ poll: anonymous, personId: PR.erik, seats, now });
    if (!r.ok) throw new Error(r.reason);
    expect(r.view.others).toBeUndefined();
    const text = JSON.stringify(r.view);
    for (const [other, , comment] of SCENARIO) {
      if (other === PR.erik) continue;
      expect(text).not.toContain(other);
      if (comment) expect(text).not.toContain(comment);
    }
  });

  it('in an open poll, everyone else’s answers and comments, but not twice their own', () => {
    const r = memberPollView({ poll: open, personId: PR.erik, seats, now });
    if (!r.ok) throw new Error(r.reason);
    expect(r.view.others?.map((o) => o.personId)).toEqual(SCENARIO.map(([who]) => who).filter((who) => who !== PR.erik));
    expect(r.view.others?.find((o) => o.personId === PR.olof)).toEqual({ personId: PR.olof, answers: { s1: 'yes', s2: 'yes', s3: 'no' }, comment: 'Budgetberedning den 20:e.' });
  });

  it('someone not asked sees nothing', () => {
    expect(memberPollView({ poll: open, personId: id(24), seats, now })).toEqual({ ok: false, reason: 'notInvited' });
  });

  it('after the deadline answers are closed; once finalised the chosen time is shown', () => {
    const closed = memberPollView({ poll: anonymous, personId: PR.erik, seats, now: stockholmInstant('2027-04-07', '00:00') });
    expect(closed.ok && closed.view.answerOpen).toBe(false);
    const f = finalisePoll({ poll: anonymous, slotId: 's1', by: { personId: PR.anna }, seats, people: [], now });
    if (!f.ok) throw new Error(f.reason);
    const r = memberPollView({ poll: f.poll, personId: PR.erik, seats, now });
    expect(r.ok && [r.view.status, r.view.finalSlotId, r.view.answerOpen]).toEqual(['finalised', 's1', false]);
  });

  it('for the yearly meeting, with no seats, how many said yes instead of seat counts', () => {
    const yearly = makePoll({ type: 'arlig-traff' });
    const [a, b] = yearly.inviteeIds;
    if (!a || !b) throw new Error('too few invitees');
    const p = answered(yearly, [[a, { s1: 'yes', s2: 'no', s3: 'yes' }], [b, { s1: 'yes' }]]);
    const r = memberPollView({ poll: p, personId: b, seats, now: NOW });
    if (!r.ok) throw new Error(r.reason);
    expect(r.view.slots.map((s) => [s.own ?? null, s.yes, s.totalSeats])).toEqual([
      ['yes', 2, 0],
      [null, 0, 0],
      [null, 1, 0],
    ]);
  });
});

describe('what leadership sees', () => {
  const v = leadershipPollView({ poll: anonymous, seats, now });

  it('the times ranked with coverage per seat, who covers each and how, and quorum', () => {
    expect(v.ranked.map((r) => r.slot.id)).toEqual(['s1', 's2', 's3']);
    const best = v.ranked[0]?.coverage;
    expect(best?.seats.map((s) => [s.seatId, s.coveredBy?.personId, s.coveredBy?.as])).toEqual([
      ['programrad-mdu-1', PR.anna, 'holder'],
      ['programrad-mdu-2', PR.johan, 'holder'],
      ['programrad-mdu-3', PR.sara, 'holder'],
      ['programrad-vastmanland-1', PR.lars, 'substitute'],
      ['programrad-vastmanland-2', PR.maria, 'holder'],
      ['programrad-sormland-1', PR.anders, 'holder'],
      ['programrad-sormland-2', PR.olof, 'holder'],
    ]);
    expect(v.coveringEverySeat).toEqual(['s1']);
  });

  it('offers only times that have not begun, and none once the poll is decided', () => {
    expect(v.choosable).toEqual(['s1', 's2', 's3']);
    expect(leadershipPollView({ poll: anonymous, seats, now: stockholmInstant('2027-04-14', '13:00') }).choosable).toEqual(['s3']);
    const f = finalisePoll({ poll: anonymous, slotId: 's1', by: { personId: PR.anna }, seats, people: [], now });
    if (!f.ok) throw new Error(f.reason);
    expect(leadershipPollView({ poll: f.poll, seats, now }).choosable).toEqual([]);
  });

  it('everyone’s answers even in an anonymous poll — leadership chooses the time and calls in substitutes', () => {
    expect(v.responses).toHaveLength(SCENARIO.length);
    expect(v.everyoneAnswered).toBe(true);
    expect(v.notAnswered).toEqual([]);
    expect(v.invited).toBe(8);
  });

  it('marks what rests on assumptions: Sörmland’s seats, substitutes, and the default quorum', () => {
    expect(v.assumptions.sort()).toEqual(['programradSubstitutesElsewhere', 'quorumDefault', 'sormlandProgramradSeats']);
    const decided = decideQuorumPolicy({ policies: DEFAULT_QUORUM_POLICIES, body: 'programrad', rule: { kind: 'moreThanHalf' }, everyConstituency: false, by: PR.anna, now });
    expect(leadershipPollView({ poll: anonymous, seats, now, quorum: decided }).assumptions).not.toContain('quorumDefault');
  });

  it('lists who has not answered every time', () => {
    const partly = answered(makePoll(), SCENARIO.slice(0, 3));
    const first = new Set<string>([PR.anna, PR.johan, PR.sara]);
    expect(leadershipPollView({ poll: partly, seats, now }).notAnswered).toEqual(partly.inviteeIds.filter((p) => !first.has(p)));
  });
});
