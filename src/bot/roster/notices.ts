import type { TermEndingNoticeData } from '../../app/roster/remind-term-ends.js';
import { plain } from '../../cards/adaptive-card.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import { describeDeviation } from '../features/core-feature.js';

/** The term-end reminder as the person reads it. */
export const termEndingText = (t: Catalogue, d: TermEndingNoticeData): string => t.roster.termEnd.toPerson({ lastDay: d.lastDay, daysLeft: d.daysLeft });

/** The term-end reminder as leadership reads it: who, when, and the gaps it opens. */
export function termEndingLeadershipText(t: Catalogue, d: TermEndingNoticeData, organisationName: string): string {
  const head = t.roster.termEnd.toLeadership({ name: plain(d.name), organisation: plain(organisationName), lastDay: d.lastDay, daysLeft: d.daysLeft });
  if (d.gaps.length === 0) return `${head} ${t.roster.termEnd.noGaps}`;
  return [head, t.roster.termEnd.gapsIntro, ...d.gaps.map((g) => `- ${describeDeviation(t, g)}`)].join('\n\n');
}
