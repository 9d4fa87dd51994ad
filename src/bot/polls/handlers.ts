import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { answerPoll } from '../../app/polls/answer-poll.js';
import { cancelPoll } from '../../app/polls/cancel-poll.js';
import { createPoll } from '../../app/polls/create-poll.js';
import { finalisePoll } from '../../app/polls/finalise-poll.js';
import { pollCardNotice, seatsOf } from '../../app/polls/poll-notices.js';
import type { Actor } from '../../app/kernel.js';
import { plain, type AdaptiveCard } from '../../cards/adaptive-card.js';
import { pollFormCard } from '../../cards/poll-form-card.js';
import { POLL_LIMITS, type Poll, type SlotId } from '../../domain/polls/poll.js';
import { fileUnitOfWork } from '../../store/unit-of-work.js';
import type { PollCardNoticeData } from '../../app/polls/poll-notices.js';
import type { ActionResult, Turn } from '../feature.js';
import { deliverPending } from '../meetings/delivery.js';
import { formatDate } from '../meetings/views.js';
import type { pollAnswerPayloadSchema, pollCancelPayloadSchema, pollCreatePayloadSchema, pollFinalisePayloadSchema, pollFormPayloadSchema } from './payloads.js';
import { answerCardOf, inviteeListOf, leadershipListOf, openPollsOf, overviewCardOf, slotWhenOf } from './views.js';

/*
 * The date poll's handlers: the route has parsed the payload (zod) → a use case in src/app/polls decides and commits →
 * the outcome is rendered with a card and its notices are sent with `services.notify`. Thin on purpose.
 */

const actorOf = (turn: Turn): Actor => ({ person: turn.person, organisation: turn.organisation });
const uowOf = (turn: Turn) => fileUnitOfWork(turn.services.store);
const findPoll = (turn: Turn, id: string): Poll | undefined => uowOf(turn).read((repos) => repos.polls.get(id));

/** Notices go out after the commit; a failure to queue them is logged, the change stands. */
async function send(turn: Turn, notices: Parameters<Turn['services']['notify']>[0]): Promise<void> {
  try {
    await turn.services.notify(notices);
  } catch (err) {
    turn.services.log.error('polls.notifyFailed', { error: err instanceof Error ? err.name : 'unknown' });
  }
}

function newForm(turn: Turn, type?: Poll['type']): AdaptiveCard {
  return pollFormCard({ values: {}, errors: [], warnings: [], draftId: randomUUID(), type }, turn.t);
}

function overview(turn: Turn, poll: Poll, options: { confirmSlotId?: SlotId; confirmCancel?: boolean; notices?: string[] } = {}): AdaptiveCard {
  const { seats, people } = uowOf(turn).read((repos) => ({ seats: seatsOf(repos), people: repos.people.all() }));
  return overviewCardOf({ t: turn.t, poll, seats, people, now: turn.now, ...options });
}

/** The viewer's own answer card, straight from the member view (nothing of anyone else's in an anonymous poll). */
function answerCard(turn: Turn, poll: Poll, notice?: string): AdaptiveCard | undefined {
  const n = uowOf(turn).read((repos) => pollCardNotice({ key: '', poll, personId: turn.person.aadObjectId, repos, seats: seatsOf(repos), now: turn.now, why: { kind: 'invited' } }));
  return n ? answerCardOf(turn.t, n.data as PollCardNoticeData, notice) : undefined;
}

/**
 * "tidsförslag" / "date poll": leadership gets their polls (if any) and the form. Anyone else is told that leadership
 * proposes times and that their own polls are under "möten".
 */
export async function handlePollCommand(turn: Turn): Promise<void> {
  if (!turn.can('polls.manage')) return turn.reply(turn.t.polls.replies.refusals.notAllowed);
  const polls = uowOf(turn).read((repos) => repos.polls.all());
  if (polls.length > 0) await turn.reply(leadershipListOf(turn.t, polls));
  return turn.reply(newForm(turn));
}

/** Under "möten": the open polls this person is asked to answer (nothing when there are none). */
export async function replyOpenPolls(turn: Turn): Promise<void> {
  const mine = openPollsOf(uowOf(turn).read((repos) => repos.polls.all()), turn.person.aadObjectId);
  if (mine.length > 0) await turn.reply(inviteeListOf(turn.t, mine, turn.person.aadObjectId));
}

export async function handlePollForm(turn: Turn, data: z.infer<typeof pollFormPayloadSchema>): Promise<ActionResult> {
  if (!turn.can('polls.manage')) return { message: turn.t.polls.replies.refusals.notAllowed };
  return { card: newForm(turn, data.type) };
}

export async function handlePollCreate(turn: Turn, data: z.infer<typeof pollCreatePayloadSchema>): Promise<ActionResult> {
  const t = turn.t;
  const { draftId, ...input } = data;
  const r = await createPoll({ uow: uowOf(turn) }, actorOf(turn), { activityId: turn.activityId, draftId, input }, turn.now);
  if (!r.ok) return { message: r.reason === 'notAllowed' ? t.polls.replies.refusals.notAllowed : t.polls.replies.refusals.noInvitees };
  const v = r.value;
  if (v.kind === 'form') return { card: pollFormCard({ values: v.result.values, errors: v.result.errors, warnings: v.result.warnings, draftId }, t) };
  if (v.kind === 'exists') return v.poll ? { card: overview(turn, v.poll, { notices: [t.polls.replies.alreadySent] }) } : { message: t.polls.replies.alreadySent };
  await send(turn, r.notices);
  turn.services.log.info('polls.created', { pollId: v.poll.id, type: v.poll.type, slots: v.poll.slots.length, invitees: v.poll.inviteeIds.length });
  return { card: overview(turn, v.poll, { notices: [t.polls.replies.created({ title: plain(v.poll.title), count: v.poll.inviteeIds.length })] }) };
}

export async function handlePollAnswer(turn: Turn, data: z.infer<typeof pollAnswerPayloadSchema>): Promise<ActionResult> {
  const t = turn.t;
  const refusals = t.polls.replies.refusals;
  const r = await answerPoll({ uow: uowOf(turn) }, actorOf(turn), { activityId: turn.activityId, ...data }, turn.now);
  if (!r.ok) {
    const poll = findPoll(turn, data.pollId);
    switch (r.reason) {
      case 'notFound':
        return { message: refusals.notFound };
      case 'notInvited':
        return { message: refusals.notInvited };
      case 'deadlinePassed':
        return { message: refusals.deadlinePassed({ date: poll ? formatDate(t, poll.answerBy) : '' }) };
      case 'finalised':
        return { message: refusals.finalised };
      case 'cancelled':
        return { message: refusals.cancelled };
      case 'noAnswer': {
        const card = poll ? answerCard(turn, poll, refusals.noAnswer) : undefined;
        return card ? { card } : { message: refusals.noAnswer };
      }
      case 'commentTooLong':
        return { message: refusals.commentTooLong({ max: POLL_LIMITS.comment }) };
      case 'unknownSlot': {
        const card = poll ? answerCard(turn, poll, refusals.unknownSlot) : undefined;
        return card ? { card } : { message: refusals.unknownSlot };
      }
    }
  }
  await send(turn, r.notices);
  if (r.value.outcome === 'recorded') turn.services.log.info('polls.answered', { pollId: r.value.poll.id });
  const notice = r.value.outcome === 'recorded' ? t.polls.replies.recorded({ title: plain(r.value.poll.title) }) : t.polls.replies.unchanged;
  const card = answerCard(turn, r.value.poll, notice);
  return card ? { card } : { message: notice };
}

/** poll.refresh and poll.open: the viewer's own answer card; leadership who were not asked get the overview. */
export async function handlePollView(turn: Turn, pollId: string, open: boolean): Promise<ActionResult> {
  const poll = findPoll(turn, pollId);
  if (!poll) return { message: turn.t.polls.replies.refusals.notFound };
  const card = answerCard(turn, poll);
  if (!card) return turn.can('polls.manage') ? { card: overview(turn, poll) } : { message: turn.t.polls.replies.refusals.notInvited };
  if (!open) return { card };
  await turn.reply(card);
  const mine = openPollsOf(uowOf(turn).read((repos) => repos.polls.all()), turn.person.aadObjectId);
  return { card: inviteeListOf(turn.t, mine, turn.person.aadObjectId) };
}

export async function handlePollOverview(turn: Turn, pollId: string): Promise<ActionResult> {
  if (!turn.can('polls.manage')) return { message: turn.t.polls.replies.refusals.notAllowed };
  const poll = findPoll(turn, pollId);
  if (!poll) return { message: turn.t.polls.replies.refusals.notFound };
  return { card: overview(turn, poll) };
}

export async function handlePollFinalise(turn: Turn, data: z.infer<typeof pollFinalisePayloadSchema>): Promise<ActionResult> {
  const t = turn.t;
  const refusals = t.polls.replies.refusals;
  if (!turn.can('polls.manage')) return { message: refusals.notAllowed };
  const poll = findPoll(turn, data.pollId);
  if (!poll) return { message: refusals.notFound };
  if (data.confirm !== 'yes') {
    if (!poll.slots.some((s) => s.id === data.slotId)) return { card: overview(turn, poll) };
    return { card: overview(turn, poll, { confirmSlotId: data.slotId }) };
  }
  const r = await finalisePoll({ uow: uowOf(turn) }, actorOf(turn), { activityId: turn.activityId, pollId: data.pollId, slotId: data.slotId }, turn.now);
  if (!r.ok) {
    const text = r.reason === 'notAllowed' ? refusals.notAllowed : r.reason === 'notFound' ? refusals.notFound : r.reason === 'cancelled' ? refusals.alreadyCancelled : r.reason === 'alreadyFinalised' ? refusals.alreadyFinalised : r.reason === 'slotPassed' ? refusals.slotPassed : refusals.unknownSlot;
    return { card: overview(turn, findPoll(turn, data.pollId) ?? poll, { notices: [text] }) };
  }
  await send(turn, r.notices);
  // The meeting's invitations were queued as the meetings' pending messages in the same commit: send them now.
  await deliverPending(turn.services);
  const chosen = r.value.poll.slots.find((s) => s.id === r.value.poll.finalised?.slotId);
  turn.services.log.info('polls.finalised', { pollId: r.value.poll.id, meetingId: r.value.meeting?.id ?? null });
  return { card: overview(turn, r.value.poll, { notices: [t.polls.replies.finalised({ title: plain(r.value.poll.title), when: chosen ? slotWhenOf(t, chosen) : '' })] }) };
}

export async function handlePollCancel(turn: Turn, data: z.infer<typeof pollCancelPayloadSchema>): Promise<ActionResult> {
  const refusals = turn.t.polls.replies.refusals;
  if (!turn.can('polls.manage')) return { message: refusals.notAllowed };
  const poll = findPoll(turn, data.pollId);
  if (!poll) return { message: refusals.notFound };
  if (data.confirm !== 'yes') return { card: overview(turn, poll, { confirmCancel: true }) };
  const r = await cancelPoll({ uow: uowOf(turn) }, actorOf(turn), { activityId: turn.activityId, pollId: data.pollId }, turn.now);
  if (!r.ok) {
    const text = r.reason === 'alreadyFinalised' ? refusals.alreadyFinalised : r.reason === 'alreadyCancelled' ? refusals.alreadyCancelled : r.reason === 'notFound' ? refusals.notFound : refusals.notAllowed;
    return { card: overview(turn, poll, { notices: [text] }) };
  }
  await send(turn, r.notices);
  turn.services.log.info('polls.cancelled', { pollId: r.value.poll.id });
  return { card: overview(turn, r.value.poll, { notices: [turn.t.polls.replies.cancelled({ title: plain(r.value.poll.title) })] }) };
}
