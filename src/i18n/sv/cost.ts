/** Swedish strings for the cost feature. Amounts are whole kronor; `kr` formats them the Swedish way. */

// Swedish groups thousands with a (non-breaking) space: 1 050 000 kr.
const group = (n: number) => Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
const kr = (n: number) => `${n < 0 ? '−' : ''}${group(Math.abs(n))}\u00a0kr`;
const decimal = (n: number) => {
  const [whole, frac] = Math.abs(n).toFixed(2).split('.');
  return `${group(Number(whole))},${frac}`;
};
// Swedish genitive: "Sörmlands", but "Västerås" stays "Västerås".
const gen = (name: string) => (/[sxz]$/i.test(name) ? name : `${name}s`);
const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} och ${items.at(-1)}`);
// "Menade du Köpings kommun eller Nyköpings kommun?": alternatives, not a sum.
const listOr = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} eller ${items.at(-1)}`);

export const cost = {
  language: 'sv' as 'sv' | 'en',
  kr,
  number: (n: number) => group(n),
  list,
  /** Several things together ("Västerås stad och Köpings kommun"). */
  listAll: list,
  years: (p: { firstYear: number; lastYear: number }) => `${p.firstYear}–${p.lastYear}`,

  help: { command: 'kostnad', text: 'Vad kostar STARK för din organisation? Fråga t.ex. ”Vad betalar Köping 2027?”' },
  helpOverview: { command: 'kostnadsöversikt', text: 'Hela kostnadsfördelningen i en tabell, att ladda ner som Excel eller CSV.' },

  counties: { vastmanland: 'Västmanland', sormland: 'Sörmland' },
  subjects: {
    programme: 'STARK totalt',
    otherParties: 'Övriga parter gemensamt',
    county: { vastmanland: 'Västmanlands län', sormland: 'Södermanlands län' },
    countyMunicipalities: { vastmanland: 'Kommunerna i Västmanland', sormland: 'Kommunerna i Sörmland' },
    selection: 'Tillsammans',
  },

  /** One line per derivation step. Subject names arrive resolved; amounts as numbers. */
  steps: {
    stated: (p: { subject: string; yearly: number }) => `${p.subject}: ${kr(p.yearly)} per år.`,
    sum: (p: { subject: string; yearly: number; parts: { name: string; yearly: number }[] }) =>
      `${p.subject}: ${p.parts.map((x) => `${kr(x.yearly)} (${x.name})`).join(' + ')} = ${kr(p.yearly)} per år.`,
    remainder: (p: { subject: string; yearly: number; of: string; ofYearly: number; minus: { name: string; yearly: number }[] }) =>
      `${p.subject} betalar resten av ${p.of}: ${kr(p.ofYearly)}${p.minus.map((m) => ` − ${kr(m.yearly)} (${m.name})`).join('')} = ${kr(p.yearly)} per år.`,
    fraction: (p: { subject: string; yearly: number; of: string; ofYearly: number; numerator: number; denominator: number; quota: number }) =>
      `${p.subject}: ${p.numerator}/${p.denominator} av ${p.of} ${kr(p.ofYearly)} = ${decimal(p.quota)} → ${kr(p.yearly)} per år.`,
    populationShare: (p: { subject: string; yearly: number; of: string; ofYearly: number; population: number; poolPopulation: number; referenceDate: string; quota: number }) =>
      `${p.subject}: ${kr(p.ofYearly)} × ${group(p.population)} / ${group(p.poolPopulation)} invånare (SCB ${p.referenceDate}) = ${decimal(p.quota)} → ${kr(p.yearly)} per år.`,
    roundingNote: 'Avrundat till hela kronor med största-restmetoden, så att delarna summerar exakt.',
    notParticipating: (p: { subject: string; cause: 'participation' | 'scenario' }) =>
      p.cause === 'scenario' ? `${p.subject} deltar inte i det här scenariot och betalar 0 kr.` : `${p.subject} deltar inte och betalar 0 kr.`,
    notDecided: (p: { subject: string; county: string; countyYearly: number }) =>
      `Hur ${gen(p.county)} ${kr(p.countyYearly)} fördelas är inte beslutat, så ${gen(p.subject)} del är inte bestämd än.`,
    period: (p: { yearly: number; years: number; firstYear: number; lastYear: number; total: number }) =>
      `${p.firstYear}–${p.lastYear}: ${p.years} × ${kr(p.yearly)} = ${kr(p.total)}.`,
  },
  basis: {
    agreement: (p: { quote: string }) => `Avtalet: ”${p.quote}”`,
    assumption: 'Antagande',
  },

  question: {
    title: 'Vad kostar STARK?',
    intro: 'Välj part och år. Beloppen följer avtalet för 2026–2028.',
    partyLabel: 'Part',
    partyPlaceholder: 'Skriv för att söka, t.ex. Köping',
    partyRequired: 'Välj en part.',
    yearLabel: 'År',
    wholePeriod: (p: { firstYear: number; lastYear: number }) => `Hela perioden ${p.firstYear}–${p.lastYear}`,
    ask: 'Visa kostnaden',
  },

  answer: {
    title: (p: { name: string }) => `Kostnad för ${p.name}`,
    perYear: 'Per år',
    period: (p: { firstYear: number; lastYear: number }) => `Totalt ${p.firstYear}–${p.lastYear}`,
    year: (p: { year: number }) => `År ${p.year}`,
    notDecided: 'Inte beslutat',
    notParticipating: 'Deltar inte (0 kr)',
    outsidePeriod: (p: { year: number; firstYear: number; lastYear: number }) =>
      `${p.year}: 0 kr – avtalet gäller ${p.firstYear}–${p.lastYear}.`,
    countyDecided: (p: { county: string; yearly: number }) => `${gen(p.county)} andel är beslutad: ${kr(p.yearly)} per år.`,
    derivationTitle: 'Så räknas det fram',
    assumptionsTitle: 'Antaganden',
    noAssumptions: 'Beloppet står i avtalet; inga antaganden.',
    illustrationTitle: 'Illustration – inte beslutat',
    illustrationAmounts: (p: { yearly: number; periodTotal: number; firstYear: number; lastYear: number }) =>
      `Med Västmanlands modell skulle det bli ${kr(p.yearly)} per år (${kr(p.periodTotal)} för ${p.firstYear}–${p.lastYear}).`,
    scenario: (p: { excluded: string }) => `Scenario: om ${p.excluded} inte deltar. Inget sparas – avtalet är oförändrat.`,
    unallocated: (p: { yearly: number }) => `I scenariot betalar ingen ${kr(p.yearly)} per år; avtalet säger inte vem som tar över den delen.`,
    showOverview: 'Visa hela fördelningen',
    askAnother: 'Fråga om en annan part',
  },

  /** The answer to a group or several parties: the parts and their sum. */
  group: {
    together: (p: { names: string[] }) => `${list(p.names)} tillsammans`,
    allParties: 'Alla parter',
    except: (p: { group: string; except: string[] }) => `${p.group} utom ${list(p.except)}`,
    sumPerYear: 'Summa per år',
    partsTitle: 'Delarna, per år',
    sum: 'Summa',
    partNotDecided: 'Inte beslutat',
    partIllustration: (p: { yearly: number }) => `Inte beslutat (ill. ${kr(p.yearly)})`,
    partAssumption: (p: { yearly: number }) => `${kr(p.yearly)} (antagande)`,
    sumNotDecided: (p: { names: string[] }) => `Summan är inte beslutad: ${list(p.names)} har ingen beslutad andel ännu.`,
    statedWhole: (p: { name: string }) => `Summan är beslutad (${p.name}), men inte hur den fördelas mellan delarna.`,
    illustrationSum: (p: { yearly: number; periodTotal: number; firstYear: number; lastYear: number }) =>
      `Med Västmanlands modell för de delar som inte är beslutade skulle summan bli ${kr(p.yearly)} per år (${kr(p.periodTotal)} för ${p.firstYear}–${p.lastYear}).`,
    overlapping: (p: { names: string[] }) => `${list(p.names)} ingår redan i det du frågade om och räknas bara en gång.`,
  },

  /** When a cost question is only half understood: what was understood, and where to find what can be asked. */
  unclear: {
    text: (p: { mention: string; year: number | null; span: 'year' | 'period' | null; firstYear: number; lastYear: number }) =>
      `Jag är inte säker på vad du menar. Jag förstod att du frågar om en kostnad${p.year !== null ? ` för ${p.year}` : p.span === 'period' ? ` för hela perioden ${p.firstYear}–${p.lastYear}` : p.span === 'year' ? ' per år' : ''}, men ”${p.mention}” är inte en part i STARK och inget jag kan räkna fram.`,
    examples: 'Du kan till exempel fråga ”Vad kostar programmet per år?”, ”Vad betalar Västerås och Köping tillsammans?” eller ”Vad betalar alla utom MDU?”.',
    helpButton: 'Visa vad jag kan göra',
    formButton: 'Välj part och år',
  },

  overview: {
    title: 'Kostnadsfördelning STARK',
    intro: (p: { firstYear: number; lastYear: number }) => `Belopp per år och för hela perioden ${p.firstYear}–${p.lastYear}. Varje nivå summerar till raden ovanför.`,
    columns: { party: 'Part', perYear: 'Per år (kr)', period: (p: { firstYear: number; lastYear: number }) => `${p.firstYear}–${p.lastYear} (kr)`, basis: 'Grund' },
    basisAgreement: 'Avtal',
    basisAssumption: 'Antagande',
    basisNotDecided: 'Ej beslutat',
    notDecided: 'Ej beslutat',
    illustration: (p: { yearly: number }) => `ill. ${group(p.yearly)}`,
    unallocated: 'Ingen betalar',
    total: 'Summa',
    illustrationNote: 'ill. = illustration med Västmanlands modell, inget beslut.',
    populationNote: (p: { referenceDate: string }) => `Befolkning: SCB ${p.referenceDate}.`,
    downloadXlsx: 'Ladda ner (Excel)',
    downloadCsv: 'Ladda ner (CSV)',
  },

  sheet: {
    name: 'Kostnadsfördelning',
    notesName: 'Noter',
    filename: 'stark-kostnadsfordelning',
    columns: {
      party: 'Part',
      level: 'Nivå',
      county: 'Län',
      population: 'Befolkning',
      year: (p: { year: number }) => `${p.year} (kr)`,
      period: (p: { firstYear: number; lastYear: number }) => `Summa ${p.firstYear}–${p.lastYear} (kr)`,
      basis: 'Grund',
      illustration: 'Illustration per år (kr, ej beslutad)',
      assumptions: 'Antaganden',
    },
    scenarioLabel: 'Scenario',
    source: 'Källa',
    populationSource: 'Befolkning',
    assumption: (p: { n: number }) => `Antagande ${p.n}`,
    scenario: (p: { excluded: string }) => `Scenario (ej beslutat): om ${p.excluded} inte deltar`,
  },

  replies: {
    total: (p: { yearly: number; mdu: number; others: number; periodTotal: number; firstYear: number; lastYear: number }) =>
      `STARK kostar ${kr(p.yearly)} per år: MDU ${kr(p.mdu)} och övriga parter gemensamt ${kr(p.others)}. För hela perioden ${p.firstYear}–${p.lastYear} blir det ${kr(p.periodTotal)}.`,
    county: (p: { name: string; yearly: number; periodTotal: number; firstYear: number; lastYear: number }) =>
      `${p.name} betalar ${kr(p.yearly)} per år enligt avtalet (${kr(p.periodTotal)} för ${p.firstYear}–${p.lastYear}), fördelat mellan länen efter befolkning.`,
    countyNotDecided: (p: { name: string; county: string; countyYearly: number }) =>
      `${p.name}: hur ${gen(p.county)} ${kr(p.countyYearly)} per år fördelas är inte beslutat ännu.`,
    yearOutsidePeriod: (p: { year: number; firstYear: number; lastYear: number }) =>
      `Avtalet gäller ${p.firstYear}–${p.lastYear}, så det finns ingen kostnad för ${p.year} (0 kr).`,
    unknownParty: (p: { mention: string; suggestions: string[] }) =>
      p.suggestions.length > 0
        ? `”${p.mention}” är inte part i STARK, så jag har ingen siffra för den. Menade du ${listOr(p.suggestions)}?`
        : `”${p.mention}” är inte part i STARK, så jag har ingen siffra för den.`,
    emptyGroup: 'Det blir ingen part kvar att räkna på när de uteslutna tas bort. Fråga om en part eller en grupp, t.ex. ”Vad betalar alla utom MDU?”',
    askerWithoutOrganisation: 'Jag vet inte vilken organisation du tillhör. Fråga om en part med namn, t.ex. ”Vad betalar Köping?”',
    notUnderstood: 'Jag förstod inte vilken kostnad du menar. Prova ”Vad kostar STARK för oss?” eller ”Hur fördelas kostnaden?”.',
    partyLine: (p: { name: string; yearly: number; periodTotal: number; firstYear: number; lastYear: number }) =>
      `${p.name}: ${kr(p.yearly)} per år (${kr(p.periodTotal)} för ${p.firstYear}–${p.lastYear}).`,
    partyNotDecidedLine: (p: { name: string; county: string }) => `${p.name}: inte beslutat (${gen(p.county)} fördelning är inte bestämd).`,
    partyNotParticipatingLine: (p: { name: string }) => `${p.name}: deltar inte, 0 kr.`,
  },
};
