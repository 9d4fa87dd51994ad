import { runPollJobs, type PollJobConfig } from '../../app/polls/run-poll-jobs.js';
import { POLL_NOTICE, type PollCardNoticeData, type PollLeadershipNoticeData, type PollOutcomeNoticeData } from '../../app/polls/poll-notices.js';
import { plain } from '../../cards/adaptive-card.js';
import { pollVerbs } from '../../cards/poll-verbs.js';
import { fileUnitOfWork } from '../../store/unit-of-work.js';
import { actionRoute, textRoute, type BotFeature, type Services } from '../feature.js';
import { deliverPending } from '../meetings/delivery.js';
import { matchPollCommand } from '../polls/commands.js';
import { handlePollAnswer, handlePollCancel, handlePollCommand, handlePollCreate, handlePollFinalise, handlePollForm, handlePollOverview, handlePollView } from '../polls/handlers.js';
import { pollAnswerPayloadSchema, pollCancelPayloadSchema, pollCreatePayloadSchema, pollFinalisePayloadSchema, pollFormPayloadSchema, pollRefPayloadSchema } from '../polls/payloads.js';
import { answerCardOf, outcomeCardOf } from '../polls/views.js';

export const DEFAULT_POLL_JOB_CONFIG: PollJobConfig = { timeOfDay: '09:00', maxReminders: 3 };

/** The polls job: reminders, automatic finalising at the deadline; then the notices and any meeting invitations go out. */
export async function runPollsJob(services: Services, config: PollJobConfig = DEFAULT_POLL_JOB_CONFIG): Promise<void> {
  const r = await runPollJobs({ uow: fileUnitOfWork(services.store) }, config, services.now());
  if (r.notices.length > 0) await services.notify(r.notices);
  if (r.finalised.length > 0) await deliverPending(services);
  if (r.reminders > 0 || r.finalised.length > 0) services.log.info('polls.job', { reminders: r.reminders, finalised: r.finalised.length });
}

/**
 * Date polls ("tidsförslag", issue #16): leadership proposes times for a body's meeting; members and substitutes
 * answer per time; seat coverage ranks the times; reminders go to uncovered seats; the chosen time becomes a meeting
 * through the meetings' own booking path. Every answer is personal (a group gets a pointer to the personal chat).
 */
export function pollsFeature(config: PollJobConfig = DEFAULT_POLL_JOB_CONFIG): BotFeature {
  return {
    name: 'polls',
    help: [{ action: 'polls.manage', entry: (t) => t.polls.commands.poll }],
    text: [textRoute({ name: 'polls', visibility: 'personal', match: (text) => matchPollCommand(text), handle: (turn) => handlePollCommand(turn) })],
    actions: [
      actionRoute({ verb: pollVerbs.form, visibility: 'personal', schema: pollFormPayloadSchema, handle: handlePollForm }),
      actionRoute({ verb: pollVerbs.create, visibility: 'personal', limit: () => 'writes', schema: pollCreatePayloadSchema, handle: handlePollCreate }),
      actionRoute({ verb: pollVerbs.answer, visibility: 'personal', limit: (d) => (d.comment?.trim() ? 'comments' : 'writes'), schema: pollAnswerPayloadSchema, handle: handlePollAnswer }),
      actionRoute({ verb: pollVerbs.refresh, visibility: 'personal', schema: pollRefPayloadSchema, handle: (turn, data) => handlePollView(turn, data.pollId, false) }),
      actionRoute({ verb: pollVerbs.open, visibility: 'personal', schema: pollRefPayloadSchema, handle: (turn, data) => handlePollView(turn, data.pollId, true) }),
      actionRoute({ verb: pollVerbs.overview, visibility: 'personal', schema: pollRefPayloadSchema, handle: (turn, data) => handlePollOverview(turn, data.pollId) }),
      actionRoute({ verb: pollVerbs.finalise, visibility: 'personal', limit: () => 'writes', schema: pollFinalisePayloadSchema, handle: handlePollFinalise }),
      actionRoute({ verb: pollVerbs.cancel, visibility: 'personal', limit: () => 'writes', schema: pollCancelPayloadSchema, handle: handlePollCancel }),
    ],
    jobs: [{ name: 'polls', everyMs: 60_000, run: (services) => runPollsJob(services, config) }],
    // The data was written by our own use cases (src/app/polls/poll-notices.ts).
    notices: [
      { kind: POLL_NOTICE.card, render: (data, t) => answerCardOf(t, data as PollCardNoticeData) },
      { kind: POLL_NOTICE.outcome, render: (data, t) => outcomeCardOf(t, data as PollOutcomeNoticeData) },
      { kind: POLL_NOTICE.everyoneAnswered, render: (data, t) => t.polls.replies.everyoneAnswered({ title: plain((data as PollLeadershipNoticeData).title) }) },
      {
        kind: POLL_NOTICE.undecided,
        render: (data, t) => {
          const d = data as PollLeadershipNoticeData;
          return t.polls.replies.askLeadership[d.reason ?? 'autoOff']({ title: plain(d.title) });
        },
      },
    ],
  };
}
