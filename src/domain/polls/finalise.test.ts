import { describe, expect, it } from 'vitest';
import { people, PR, seats } from '../../../tests/helpers/demo-bodies.js';
import { answered, makePoll, NOW, SCENARIO, type Answers } from '../../../tests/helpers/demo-polls.js';
import { findInvitee, meetingSchema } from '../meetings/meeting.js';
import { recordAnswer } from '../meetings/rsvp.js';
import { stockholmInstant } from '../time.js';
import { autoFinalise, cancelPoll, finalisePoll, meetingFromPoll, pollOutcome } from './finalise.js';
import { pollSchema, type Poll } from './poll.js';

const poll = answered(makePoll(), SCENARIO);
const decideAt = stockholmInstant('2027-04-07', '09:00');
const byAnna = { personId: PR.anna };
const roleOf = (notify: { personId: string; kind: string; role?: string }[], id: string) => notify.find((n) => n.personId === id)?.role;

describe('finalising a poll', () => {
  const r = finalisePoll({ poll, slotId: 's1', by: byAnna, seats, people, now: decideAt });
  if (!r.ok) throw new Error(r.reason);

  it('records the chosen time and who chose it', () => {
    expect(r.poll.status).toBe('finalised');
    expect(r.poll.finalised).toEqual({ slotId: 's1', at: decideAt.toISOString(), by: PR.anna });
    expect(pollSchema.parse(r.poll)).toEqual(r.poll);
  });

  it('produces the meeting: the poll’s details at the chosen time, reply-by the day before', () => {
    expect(r.draft).toEqual({
      type: 'programrad',
      title: 'Vårdialog',
      start: stockholmInstant('2027-04-13', '09:00').toISOString(),
      end: stockholmInstant('2027-04-13', '12:00').toISOString(),
      place: 'MDU, Västerås',
      agenda: '',
      rsvpBy: '2027-04-12',
    });
  });

  it('those who said yes are coming — the substitute too, as he covers Erik’s seat; Erik gets the normal invitation', () => {
    expect([...r.coming].sort()).toEqual([PR.anna, PR.johan, PR.sara, PR.maria, PR.lars, PR.anders, PR.olof].sort());
    expect(r.invite).toEqual([PR.erik]);
    expect(roleOf(r.notify, PR.lars)).toBe('coming');
    expect(roleOf(r.notify, PR.erik)).toBe('invited');
    expect(r.notify).toHaveLength(poll.inviteeIds.length);
    expect(r.notify.every((n) => n.kind === 'pollFinalised' && n.slotId === 's1')).toBe(true);
  });

  it('a substitute the chosen time does not need is told so; a holder who said only “if need be” is invited, not recorded', () => {
    const s3 = finalisePoll({ poll, slotId: 's3', by: byAnna, seats, people, now: decideAt });
    if (!s3.ok) throw new Error(s3.reason);
    expect(roleOf(s3.notify, PR.lars)).toBe('notNeeded');
    expect(s3.coming).not.toContain(PR.sara);
    expect(roleOf(s3.notify, PR.sara)).toBe('invited');
    expect([...s3.invite].sort()).toEqual([PR.sara, PR.olof].sort());
  });

  it('leadership may decide before the deadline', () => {
    expect(finalisePoll({ poll, slotId: 's2', by: byAnna, seats, people, now: stockholmInstant('2027-03-15', '10:00') }).ok).toBe(true);
  });

  it('is refused for a time not proposed, a time already begun, a poll already finalised or cancelled', () => {
    expect(finalisePoll({ poll, slotId: 's9', by: byAnna, seats, people, now: decideAt })).toEqual({ ok: false, reason: 'unknownSlot' });
    expect(finalisePoll({ poll, slotId: 's1', by: byAnna, seats, people, now: stockholmInstant('2027-04-13', '09:00') })).toEqual({ ok: false, reason: 'slotPassed' });
    expect(finalisePoll({ poll: r.poll, slotId: 's2', by: byAnna, seats, people, now: decideAt })).toEqual({ ok: false, reason: 'alreadyFinalised' });
    const cancelled = cancelPoll({ poll, by: PR.anna, now: decideAt });
    if (!cancelled.ok) throw new Error(cancelled.reason);
    expect(finalisePoll({ poll: cancelled.poll, slotId: 's1', by: byAnna, seats, people, now: decideAt })).toEqual({ ok: false, reason: 'cancelled' });
  });

  it('the outcome can be computed again from the finalised poll with the same result', () => {
    const again = pollOutcome({ poll: r.poll, seats, people });
    expect(again).toEqual({ draft: r.draft, coming: r.coming, invite: r.invite, notify: r.notify });
    expect(pollOutcome({ poll, seats, people })).toBeUndefined();
  });
});

describe('a substitute covering a seat only “if need be”', () => {
  it('is not recorded as coming but gets the invitation, on the meeting’s list', () => {
    const p = answered(makePoll(), SCENARIO.map(([id, a]): [string, Answers] => [id, id === PR.lars ? { ...a, s1: 'ifNeedBe' } : a]));
    const r = finalisePoll({ poll: p, slotId: 's1', by: byAnna, seats, people, now: decideAt });
    if (!r.ok) throw new Error(r.reason);
    expect(r.coming).not.toContain(PR.lars);
    expect(r.invite).toContain(PR.lars);
    expect(roleOf(r.notify, PR.lars)).toBe('invited');
    const made = meetingFromPoll({ id: 'm3', poll: r.poll, seats, people, now: decideAt });
    if (!made.ok) throw new Error(made.reason);
    expect(findInvitee(made.meeting, PR.lars)).toMatchObject({ via: 'added' });
    expect(findInvitee(made.meeting, PR.lars)?.answer).toBeUndefined();
  });
});

describe('the meeting made from a finalised poll', () => {
  const r = finalisePoll({ poll, slotId: 's1', by: byAnna, seats, people, now: decideAt });
  if (!r.ok) throw new Error(r.reason);
  const made = meetingFromPoll({ id: 'm-from-p1', poll: r.poll, seats, people, now: decideAt });
  if (!made.ok) throw new Error(made.reason);

  it('is a valid meeting with the Ja of everyone coming recorded; the substitute is on the list', () => {
    expect(meetingSchema.parse(made.meeting)).toEqual(made.meeting);
    for (const id of r.coming) expect(findInvitee(made.meeting, id)?.answer?.value).toBe('ja');
    expect(findInvitee(made.meeting, PR.lars)).toMatchObject({ via: 'added', answer: { value: 'ja' } });
    expect(findInvitee(made.meeting, PR.erik)?.answer).toBeUndefined();
    expect(made.coming).toEqual(r.coming);
  });

  it('invites everyone on the list (those coming see their Ja on the card); the poll remembers the meeting', () => {
    expect(made.notify).toEqual(made.meeting.invitees.map((i) => ({ kind: 'invited', personId: i.personId })));
    expect(made.notify.map((n) => n.personId).sort()).toEqual([...r.coming, ...r.invite].sort());
    expect(made.poll.meetingId).toBe('m-from-p1');
    expect(meetingFromPoll({ id: 'm2', poll: made.poll, seats, people, now: decideAt })).toEqual({ ok: false, reason: 'alreadyCreated' });
    expect(meetingFromPoll({ id: 'm2', poll, seats, people, now: decideAt })).toEqual({ ok: false, reason: 'notFinalised' });
  });

  it('when Erik then declines the invitation, the substitute already coming stands in for him', () => {
    const declined = recordAnswer({ meeting: made.meeting, personId: PR.erik, value: 'nej', people, now: stockholmInstant('2027-04-08', '10:00') });
    if (!declined.ok) throw new Error(declined.reason);
    expect(findInvitee(declined.meeting, PR.lars)?.substituteFor).toBe(PR.erik);
    expect(declined.uncovered).toEqual([]);
  });
});

describe('at the deadline', () => {
  const auto = (p: Poll, now: Date = decideAt) => autoFinalise({ poll: p, seats, people, now });

  it('nothing happens while answers are open', () => {
    expect(auto({ ...poll, autoFinalise: 'whenExactlyOneCoversAll' }, stockholmInstant('2027-04-06', '23:59'))).toEqual({ action: 'none' });
  });

  it('a poll that leadership decides: leadership is asked, once (a stable key)', () => {
    expect(auto(poll)).toEqual({ action: 'askLeadership', reason: 'autoOff', key: 'poll:p1:undecided' });
  });

  it('finalises itself when exactly one time covers every seat', () => {
    const r = auto({ ...poll, autoFinalise: 'whenExactlyOneCoversAll' });
    if (r.action !== 'finalised') throw new Error(r.action);
    expect(r.poll.finalised).toEqual({ slotId: 's1', at: decideAt.toISOString(), auto: true });
    expect(r.coming).toContain(PR.lars);
  });

  it('with two times covering every seat: “exactly one” asks leadership, “at least one” takes the better ranked', () => {
    const both = answered(makePoll(), SCENARIO.map(([id, a]): [string, Answers] => [id, id === PR.olof ? { ...a, s3: 'yes' } : a]));
    expect(auto({ ...both, autoFinalise: 'whenExactlyOneCoversAll' })).toMatchObject({ action: 'askLeadership', reason: 'severalSlotsCoverEverySeat' });
    // s1 covers Västmanland through the substitute; s3 covers every seat, Sara's only "if need be": s1 ranks first.
    const r = auto({ ...both, autoFinalise: 'whenAnyCoversAll' });
    expect(r.action === 'finalised' && r.poll.finalised?.slotId).toBe('s1');
  });

  it('asks leadership when no time covers every seat, or every time has begun', () => {
    const none = answered(makePoll(), SCENARIO.map(([id, a]): [string, Answers] => [id, id === PR.lars ? { ...a, s1: 'no' } : a]));
    expect(auto({ ...none, autoFinalise: 'whenAnyCoversAll' })).toMatchObject({ action: 'askLeadership', reason: 'noSlotCoversEverySeat' });
    expect(auto({ ...poll, autoFinalise: 'whenAnyCoversAll' }, stockholmInstant('2027-04-21', '09:00'))).toMatchObject({ action: 'askLeadership', reason: 'slotsPassed' });
  });

  it('a finalised or cancelled poll is left alone', () => {
    const r = finalisePoll({ poll, slotId: 's2', by: byAnna, seats, people, now: NOW });
    if (!r.ok) throw new Error(r.reason);
    expect(auto({ ...r.poll, autoFinalise: 'whenAnyCoversAll' })).toEqual({ action: 'none' });
  });
});

describe('cancelling a poll', () => {
  it('tells everyone asked; a finalised or cancelled poll cannot be cancelled', () => {
    const r = cancelPoll({ poll, by: PR.anna.toUpperCase(), now: decideAt });
    if (!r.ok) throw new Error(r.reason);
    expect(r.poll).toMatchObject({ status: 'cancelled', cancelled: { at: decideAt.toISOString(), by: PR.anna } });
    expect(r.notify).toEqual(poll.inviteeIds.map((personId) => ({ kind: 'pollCancelled', personId })));
    expect(cancelPoll({ poll: r.poll, by: PR.anna, now: decideAt })).toEqual({ ok: false, reason: 'alreadyCancelled' });
    const f = finalisePoll({ poll, slotId: 's1', by: byAnna, seats, people, now: decideAt });
    if (!f.ok) throw new Error(f.reason);
    expect(cancelPoll({ poll: f.poll, by: PR.anna, now: decideAt })).toEqual({ ok: false, reason: 'alreadyFinalised' });
  });
});
