import { validatePollForm, type PollFormInput, type PollFormResult } from '../../domain/polls/poll-form.js';
import { createPoll as createPollRecord, type Poll } from '../../domain/polls/poll.js';
import { can } from '../../domain/permissions.js';
import { change } from '../../domain/audit.js';
import { done, refused, type Actor, type Notice, type Outcome } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { pollCardNotice, seatsOf } from './poll-notices.js';

export interface CreatePollCommand {
  activityId: string | undefined;
  /** The form's id: submitting the same form twice makes one poll. */
  draftId: string;
  input: PollFormInput;
}

export type CreatePollValue =
  /** The form goes back: errors to correct, or weekend/holiday warnings to confirm. */
  | { kind: 'form'; result: Exclude<PollFormResult, { ok: true }> }
  | { kind: 'created'; poll: Poll }
  /** This form was already sent (a double click, a redelivered invoke). */
  | { kind: 'exists'; poll: Poll | undefined };

export type CreatePollRefusal = 'notAllowed' | 'noInvitees';

/**
 * Leadership proposes 2–8 times (issue #16 point 1): the form is validated (holidays and weekends warned of), the
 * poll made with the body's members and substitutes as invitees, recorded in the audit record in the same commit,
 * and every invitee gets their own answer card.
 */
export async function createPoll(deps: { uow: UnitOfWork }, actor: Actor, command: CreatePollCommand, now: Date): Promise<Outcome<CreatePollValue, CreatePollRefusal>> {
  if (!can(actor.person, 'polls.manage')) return refused('notAllowed');
  const form = validatePollForm({ input: command.input, now });
  if (!form.ok) return done({ kind: 'form', result: form });
  const existing = deps.uow.read((repos) => repos.polls.get(command.draftId));
  if (existing) return done({ kind: 'exists', poll: existing });

  const written = await deps.uow.write(command.activityId, (repos) => {
    if (repos.polls.get(command.draftId)) return { ok: false as const, reason: 'exists' as const };
    const seats = seatsOf(repos);
    const made = createPollRecord({ id: command.draftId, draft: form.draft, organiserId: actor.person.aadObjectId, seats, people: repos.people.all(), now });
    if (!made.ok) return made;
    repos.polls.put(made.poll);
    repos.audit.append({
      at: now,
      actorId: actor.person.aadObjectId,
      action: 'poll.created',
      subject: { kind: 'poll', id: made.poll.id },
      changes: [change('type', undefined, made.poll.type), change('slots', undefined, made.poll.slots.length), change('invitees', undefined, made.poll.inviteeIds.length), change('answerBy', undefined, made.poll.answerBy)],
    });
    const notices = made.notify.flatMap((n): Notice[] => {
      const notice = pollCardNotice({ key: `poll:${made.poll.id}:invited:${n.personId}`, poll: made.poll, personId: n.personId, repos, seats, now, why: { kind: 'invited' } });
      return notice ? [notice] : [];
    });
    return { ok: true as const, poll: made.poll, notices };
  });
  if (written.duplicate) return done({ kind: 'exists', poll: deps.uow.read((repos) => repos.polls.get(command.draftId)) });
  const r = written.result;
  if (!r.ok) return r.reason === 'exists' ? done({ kind: 'exists', poll: deps.uow.read((repos) => repos.polls.get(command.draftId)) }) : refused(r.reason);
  return done({ kind: 'created', poll: r.poll }, r.notices);
}
