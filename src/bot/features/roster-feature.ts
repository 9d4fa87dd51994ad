import { DEFAULT_TERM_REMINDERS, remindTermEnds, ROSTER_NOTICE, type TermEndingNoticeData, type TermReminderConfig } from '../../app/roster/remind-term-ends.js';
import { fileUnitOfWork } from '../../store/unit-of-work.js';
import { rosterVerbs } from '../../cards/roster-verbs.js';
import { actionRoute, textRoute, type BotFeature, type Services } from '../feature.js';
import { handleRosterCommand, rosterChangeHandler } from '../roster/handlers.js';
import { rosterChangePayloadSchema } from '../roster/payloads.js';
import { termEndingLeadershipText, termEndingText } from '../roster/notices.js';

const ROSTER = /^(ledam[oö]ter|roster)$/i;

/** The daily term-of-office job: reminders 60 and 14 days before a term ends, to the person and to leadership. */
export async function runRosterJob(services: Services, config: TermReminderConfig = DEFAULT_TERM_REMINDERS): Promise<void> {
  const r = await remindTermEnds({ uow: fileUnitOfWork(services.store) }, config, services.now());
  if (r.notices.length > 0) await services.notify(r.notices);
  if (r.reminders > 0) services.log.info('roster.termReminders', { terms: r.reminders, messages: r.notices.length });
}

/**
 * The roster across organisations (issue #15): terms of office and their reminders; roster administration,
 * onboarding and delegation build on it.
 */
export function rosterFeature(config: Partial<TermReminderConfig> = {}): BotFeature {
  const reminders: TermReminderConfig = { ...DEFAULT_TERM_REMINDERS, ...config };
  return {
    name: 'roster',
    help: [{ action: 'roster.manage', entry: (t) => t.roster.admin.command }],
    text: [textRoute({ name: 'roster', visibility: 'personal', match: (text) => ROSTER.test(text), handle: (turn) => handleRosterCommand(turn) })],
    actions: [
      actionRoute({ verb: rosterVerbs.end, visibility: 'personal', limit: () => 'writes', schema: rosterChangePayloadSchema, handle: rosterChangeHandler('end') }),
      actionRoute({ verb: rosterVerbs.handover, visibility: 'personal', limit: () => 'writes', schema: rosterChangePayloadSchema, handle: rosterChangeHandler('handover') }),
    ],
    jobs: [{ name: 'roster.terms', everyMs: 60_000, run: (services) => runRosterJob(services, reminders) }],
    // The data was written by our own use case (src/app/roster/remind-term-ends.ts).
    notices: [
      { kind: ROSTER_NOTICE.termEnding, render: (data, t) => termEndingText(t, data as TermEndingNoticeData) },
      {
        kind: ROSTER_NOTICE.termEndingLeadership,
        render: (data, t) => termEndingLeadershipText(t, data as TermEndingNoticeData, (data as TermEndingNoticeData).organisationName),
      },
    ],
  };
}
