/** Swedish strings of the roster (issue #15): terms of office, roster administration, onboarding. */
export const roster = {
  termEnd: {
    toPerson: (p: { lastDay: string; daysLeft: number }) =>
      `Påminnelse: ditt uppdrag i STARK upphör ${p.lastDay}, om ${p.daysLeft} dagar. Efter det får du inte längre kallelser från mig. Hör av dig till programledningen om uppdraget ska förlängas.`,
    toLeadership: (p: { name: string; organisation: string; lastDay: string; daysLeft: number }) =>
      `Påminnelse: uppdraget för ${p.name} (${p.organisation}) upphör ${p.lastDay}, om ${p.daysLeft} dagar.`,
    gapsIntro: 'Då uppstår dessa luckor i sammansättningen:',
    noGaps: 'Sammansättningen påverkas inte.',
  },
  composition: {
    upcomingIntro: 'Luckor som uppstår när mandat går ut:',
    gap: (p: { name: string; lastDay: string; deviation: string }) => `${p.name} slutar ${p.lastDay} – ${p.deviation}`,
  },
};
