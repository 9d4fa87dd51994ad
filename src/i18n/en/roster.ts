import type { Catalogue } from '../shape.js';

/** English strings of the roster (issue #15); same keys as the Swedish section. */
export const roster: Catalogue['roster'] = {
  termEnd: {
    toPerson: (p) =>
      `Reminder: your term in STARK ends on ${p.lastDay}, in ${p.daysLeft} days. After that you will no longer receive invitations from me. Please contact programme leadership if the term is to be extended.`,
    toLeadership: (p) => `Reminder: the term of ${p.name} (${p.organisation}) ends on ${p.lastDay}, in ${p.daysLeft} days.`,
    gapsIntro: 'This opens these gaps in the composition:',
    noGaps: 'The composition is not affected.',
  },
  composition: {
    upcomingIntro: 'Gaps that open when terms end:',
    gap: (p) => `${p.name} leaves on ${p.lastDay} – ${p.deviation}`,
  },
};
