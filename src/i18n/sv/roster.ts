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
  admin: {
    command: { command: 'ledamöter', text: 'Förteckningen över ledamöter per organ och organisation; avsluta eller lämna över ett uppdrag.' },
    title: 'Ledamöter i STARK',
    groups: { programrad: 'Programrådet', programgrupp: 'Programgruppen', leadership: 'Programledningen', others: 'Övriga i förteckningen' },
    ordinary: 'ordinarie',
    substitute: 'ersättare',
    until: (p: { date: string }) => `t.o.m. ${p.date}`,
    formIntro: 'Ändra ett uppdrag',
    person: 'Person',
    lastDay: 'Sista dag i uppdraget',
    successor: 'Efterträdare (vid överlämning)',
    successorNone: 'Ingen',
    end: 'Avsluta uppdrag',
    handover: 'Lämna över',
    confirmEndTitle: 'Avsluta uppdraget?',
    confirmEndIntro: 'Efter sista dagen får personen inga kallelser och inga rättigheter i botten, och får ett vänligt besked om hen skriver.',
    confirmHandoverTitle: 'Lämna över uppdraget?',
    confirmHandoverIntro: 'Efterträdaren tar över platsen dagen efter, och kallelser till möten från den dagen går över till efterträdaren.',
    factPerson: 'Person',
    factLastDay: 'Sista dag',
    factSuccessor: 'Efterträdare',
    confirm: 'Ja, genomför',
    cancel: 'Avbryt',
    cancelled: 'Inget ändrades.',
    ended: (p: { name: string; date: string }) => `Uppdraget för ${p.name} upphör ${p.date}. Ändringen är loggad.`,
    handedOver: (p: { name: string; successor: string; date: string; meetings: number }) =>
      `${p.successor} tar över efter ${p.name} från ${p.date}. ${p.meetings === 0 ? 'Inga kallelser behövde flyttas.' : `${p.meetings} kallelse(r) har flyttats.`} Ändringen är loggad.`,
    needSuccessor: 'Välj en efterträdare för att lämna över.',
    refused: {
      notAllowed: 'Det är bara programledningen som ändrar förteckningen.',
      unknownPerson: 'Den personen finns inte i förteckningen.',
      duplicate: 'Det var redan gjort.',
      inPast: 'Sista dagen kan inte ligga före i dag.',
      beforeStart: 'Sista dagen ligger före uppdragets första dag.',
      samePerson: 'Efterträdaren måste vara en annan person.',
      successorNotInOffice: 'Efterträdarens eget uppdrag har upphört före överlämningen.',
    },
  },
};
