import type { CompositionDeviation } from '../../domain/composition.js';
import { hasRole } from '../../domain/people.js';
import { dueTermEndReminders, gapsFromTermEnds, inOfficeOn } from '../../domain/roster/terms.js';
import { stockholmDate } from '../../domain/time.js';
import type { Notice } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';

export const ROSTER_NOTICE = {
  /** To the person whose term ends. */
  termEnding: 'roster.termEnding',
  /** To programme leadership, with the gaps in the composition the end opens. */
  termEndingLeadership: 'roster.termEndingLeadership',
} as const;

export interface TermEndingNoticeData {
  personId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  lastDay: string;
  daysLeft: number;
  /** For leadership: what the composition check will report after the last day that it does not report today. */
  gaps: CompositionDeviation[];
}

export interface TermReminderConfig {
  /** Stockholm HH:mm: reminders go out once a day from this time. */
  timeOfDay: string;
  /** Stages, in days before the last day of the term. */
  daysBefore: readonly number[];
}

export const DEFAULT_TERM_REMINDERS: TermReminderConfig = { timeOfDay: '09:00', daysBefore: [60, 14] };

/**
 * The daily term-of-office job (issue #15 point 4): 60 and 14 days before a term ends, the person and everyone in
 * programme leadership (in office that day) are told; leadership also hears which gaps in the agreement's
 * composition the end will open. Each message is keyed by term, stage and recipient and recorded in the same commit,
 * so a second run — the same minute, the next day, after a restart — sends nothing again.
 */
export async function remindTermEnds(deps: { uow: UnitOfWork }, config: TermReminderConfig, now: Date): Promise<{ notices: Notice[]; reminders: number }> {
  const dueNow = deps.uow.read((repos) => dueTermEndReminders({ people: repos.people.all(), now, daysBefore: config.daysBefore, timeOfDay: config.timeOfDay, sentKeys: termKeysOf(repos.roster.sentKeys()) }));
  if (dueNow.length === 0) return { notices: [], reminders: 0 };
  const written = await deps.uow.write(undefined, (repos) => {
    const people = repos.people.all();
    const today = stockholmDate(now);
    const due = dueTermEndReminders({ people, now, daysBefore: config.daysBefore, timeOfDay: config.timeOfDay, sentKeys: termKeysOf(repos.roster.sentKeys()) });
    const gaps = gapsFromTermEnds({ people, organisations: repos.organisations.all(), today, withinDays: Math.max(...config.daysBefore, 0) + 1 });
    const leaders = people.filter((p) => hasRole(p, 'leadership') && inOfficeOn({ person: p, date: today }));
    const notices: Notice[] = [];
    for (const r of due) {
      const person = repos.people.get(r.personId);
      if (!person) continue;
      const data: TermEndingNoticeData = {
        personId: person.aadObjectId,
        name: person.name,
        organisationId: person.organisationId,
        organisationName: repos.organisations.get(person.organisationId)?.name ?? person.organisationId,
        lastDay: r.lastDay,
        daysLeft: r.daysLeft,
        gaps: gaps.find((g) => g.personId === person.aadObjectId && g.lastDay === r.lastDay)?.deviations ?? [],
      };
      const recipients: Array<[string, string]> = [[person.aadObjectId, ROSTER_NOTICE.termEnding], ...leaders.filter((l) => l.aadObjectId !== person.aadObjectId).map((l): [string, string] => [l.aadObjectId, ROSTER_NOTICE.termEndingLeadership])];
      for (const [personId, kind] of recipients) {
        const key = `${r.key}:to:${personId}`;
        if (repos.roster.wasSent(key)) continue;
        repos.roster.markSent(key);
        notices.push({ key, personId, kind, data });
      }
      // The term's stage itself is recorded too: it is what `dueTermEndReminders` skips next time.
      repos.roster.markSent(r.key);
    }
    return { notices, reminders: due.length };
  });
  return written.duplicate ? { notices: [], reminders: 0 } : written.result;
}

/** The keys of stages already reminded of (recipient keys extend them). */
const termKeysOf = (keys: ReadonlySet<string>): ReadonlySet<string> => new Set([...keys].filter((k) => k.startsWith('term-end:') && !k.includes(':to:')));
