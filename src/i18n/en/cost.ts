import type { Catalogue } from '../shape.js';

/** English strings for the cost feature; same keys as the Swedish section. */

const group = (n: number) => Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const kr = (n: number) => `${n < 0 ? '−' : ''}SEK\u00a0${group(Math.abs(n))}`;
const decimal = (n: number) => {
  const [whole, frac] = Math.abs(n).toFixed(2).split('.');
  return `${group(Number(whole))}.${frac}`;
};
const gen = (name: string) => (/s$/i.test(name) ? `${name}’` : `${name}’s`);
const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);
const listAll = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

export const cost: Catalogue['cost'] = {
  language: 'en',
  kr,
  number: (n) => group(n),
  list,
  listAll,
  years: (p) => `${p.firstYear}–${p.lastYear}`,

  help: { command: 'cost', text: 'What does STARK cost your organisation? Ask e.g. “What does Köping pay in 2027?”' },
  helpOverview: { command: 'cost overview', text: 'The whole cost split in one table, to download as Excel or CSV.' },

  counties: { vastmanland: 'Västmanland', sormland: 'Sörmland' },
  subjects: {
    programme: 'STARK in total',
    otherParties: 'Other parties jointly',
    county: { vastmanland: 'Västmanland County', sormland: 'Södermanland County' },
    countyMunicipalities: { vastmanland: 'The municipalities of Västmanland', sormland: 'The municipalities of Sörmland' },
    selection: 'Together',
  },

  steps: {
    stated: (p) => `${p.subject}: ${kr(p.yearly)} a year.`,
    sum: (p) => `${p.subject}: ${p.parts.map((x) => `${kr(x.yearly)} (${x.name})`).join(' + ')} = ${kr(p.yearly)} a year.`,
    remainder: (p) => `${p.subject} pay the rest of ${p.of}: ${kr(p.ofYearly)}${p.minus.map((m) => ` − ${kr(m.yearly)} (${m.name})`).join('')} = ${kr(p.yearly)} a year.`,
    fraction: (p) => `${p.subject}: ${p.numerator}/${p.denominator} of ${p.of} ${kr(p.ofYearly)} = ${decimal(p.quota)} → ${kr(p.yearly)} a year.`,
    populationShare: (p) =>
      `${p.subject}: ${kr(p.ofYearly)} × ${group(p.population)} / ${group(p.poolPopulation)} inhabitants (SCB ${p.referenceDate}) = ${decimal(p.quota)} → ${kr(p.yearly)} a year.`,
    roundingNote: 'Rounded to whole kronor by the largest-remainder method, so that the parts add up exactly.',
    notParticipating: (p) => (p.cause === 'scenario' ? `${p.subject} does not take part in this scenario and pays SEK 0.` : `${p.subject} does not take part and pays SEK 0.`),
    notDecided: (p) => `How ${gen(p.county)} ${kr(p.countyYearly)} is split has not been decided, so ${gen(p.subject)} part is not set yet.`,
    period: (p) => `${p.firstYear}–${p.lastYear}: ${p.years} × ${kr(p.yearly)} = ${kr(p.total)}.`,
  },
  basis: {
    agreement: (p) => `The agreement: “${p.quote}”`,
    assumption: 'Assumption',
  },

  question: {
    title: 'What does STARK cost?',
    intro: 'Choose a party and a year. The amounts follow the agreement for 2026–2028.',
    partyLabel: 'Party',
    partyPlaceholder: 'Type to search, e.g. Köping',
    partyRequired: 'Choose a party.',
    yearLabel: 'Year',
    wholePeriod: (p) => `Whole period ${p.firstYear}–${p.lastYear}`,
    ask: 'Show the cost',
  },

  answer: {
    title: (p) => `Cost for ${p.name}`,
    perYear: 'Per year',
    period: (p) => `Total ${p.firstYear}–${p.lastYear}`,
    year: (p) => `Year ${p.year}`,
    notDecided: 'Not decided',
    notParticipating: 'Not taking part (SEK 0)',
    outsidePeriod: (p) => `${p.year}: SEK 0 – the agreement covers ${p.firstYear}–${p.lastYear}.`,
    countyDecided: (p) => `${gen(p.county)} share is decided: ${kr(p.yearly)} a year.`,
    derivationTitle: 'How it is worked out',
    assumptionsTitle: 'Assumptions',
    noAssumptions: 'The amount is stated in the agreement; no assumptions.',
    illustrationTitle: 'Illustration – not decided',
    illustrationAmounts: (p) => `Under Västmanland’s rule it would be ${kr(p.yearly)} a year (${kr(p.periodTotal)} for ${p.firstYear}–${p.lastYear}).`,
    scenario: (p) => `Scenario: if ${p.excluded} did not take part. Nothing is saved – the agreement is unchanged.`,
    unallocated: (p) => `In this scenario nobody pays ${kr(p.yearly)} a year; the agreement does not say who would take that part over.`,
    showOverview: 'Show the whole split',
    askAnother: 'Ask about another party',
  },

  group: {
    together: (p) => `${listAll(p.names)} together`,
    allParties: 'All parties',
    except: (p) => `${p.group} except ${listAll(p.except)}`,
    sumPerYear: 'Total per year',
    partsTitle: 'The parts, per year',
    sum: 'Total',
    partNotDecided: 'Not decided',
    partIllustration: (p) => `Not decided (ill. ${kr(p.yearly)})`,
    partAssumption: (p) => `${kr(p.yearly)} (assumption)`,
    sumNotDecided: (p) => `The total is not decided: ${listAll(p.names)} ${p.names.length === 1 ? 'has' : 'have'} no decided share yet.`,
    statedWhole: (p) => `The total is decided (${p.name}), but not how it is split between the parts.`,
    illustrationSum: (p) =>
      `With Västmanland’s rule for the parts that are not decided, the total would be ${kr(p.yearly)} a year (${kr(p.periodTotal)} for ${p.firstYear}–${p.lastYear}).`,
    overlapping: (p) => `${listAll(p.names)} ${p.names.length === 1 ? 'is' : 'are'} already part of what you asked about and ${p.names.length === 1 ? 'is' : 'are'} counted once.`,
  },

  unclear: {
    text: (p) =>
      `I’m not sure what you mean. I understood that you are asking about a cost${p.year !== null ? ` for ${p.year}` : p.span === 'period' ? ` for the whole period ${p.firstYear}–${p.lastYear}` : p.span === 'year' ? ' per year' : ''}, but “${p.mention}” is not a party to STARK and nothing I can work out.`,
    examples: 'You can ask, for example, “What does the programme cost per year?”, “What do Västerås and Köping pay together?” or “What do all parties except MDU pay?”.',
    helpButton: 'Show what I can do',
    formButton: 'Pick a party and year',
  },

  overview: {
    title: 'STARK cost split',
    intro: (p) => `Amounts per year and for the whole period ${p.firstYear}–${p.lastYear}. Each level adds up to the line above it.`,
    columns: { party: 'Party', perYear: 'Per year (SEK)', period: (p) => `${p.firstYear}–${p.lastYear} (SEK)`, basis: 'Basis' },
    basisAgreement: 'Agreement',
    basisAssumption: 'Assumption',
    basisNotDecided: 'Not decided',
    notDecided: 'Not decided',
    illustration: (p) => `ill. ${group(p.yearly)}`,
    unallocated: 'Nobody pays',
    total: 'Total',
    illustrationNote: 'ill. = illustration under Västmanland’s rule, not a decision.',
    populationNote: (p) => `Population: SCB ${p.referenceDate}.`,
    downloadXlsx: 'Download (Excel)',
    downloadCsv: 'Download (CSV)',
  },

  sheet: {
    name: 'Cost split',
    notesName: 'Notes',
    filename: 'stark-cost-split',
    columns: {
      party: 'Party',
      level: 'Level',
      county: 'County',
      population: 'Population',
      year: (p) => `${p.year} (SEK)`,
      period: (p) => `Total ${p.firstYear}–${p.lastYear} (SEK)`,
      basis: 'Basis',
      illustration: 'Illustration per year (SEK, not decided)',
      assumptions: 'Assumptions',
    },
    scenarioLabel: 'Scenario',
    source: 'Source',
    populationSource: 'Population',
    assumption: (p) => `Assumption ${p.n}`,
    scenario: (p) => `Scenario (not decided): if ${p.excluded} did not take part`,
  },

  replies: {
    total: (p) =>
      `STARK costs ${kr(p.yearly)} a year: MDU ${kr(p.mdu)} and the other parties jointly ${kr(p.others)}. Over the whole period ${p.firstYear}–${p.lastYear} that is ${kr(p.periodTotal)}.`,
    county: (p) => `${p.name} pays ${kr(p.yearly)} a year under the agreement (${kr(p.periodTotal)} for ${p.firstYear}–${p.lastYear}), split between the counties by population.`,
    countyNotDecided: (p) => `${p.name}: how ${gen(p.county)} ${kr(p.countyYearly)} a year is split has not been decided yet.`,
    yearOutsidePeriod: (p) => `The agreement covers ${p.firstYear}–${p.lastYear}, so there is no cost for ${p.year} (SEK 0).`,
    unknownParty: (p) =>
      p.suggestions.length > 0
        ? `“${p.mention}” is not a party to STARK, so I have no figure for it. Did you mean ${list(p.suggestions)}?`
        : `“${p.mention}” is not a party to STARK, so I have no figure for it.`,
    emptyGroup: 'No party is left once those are taken out. Ask about a party or a group, e.g. “What do all parties except MDU pay?”',
    askerWithoutOrganisation: 'I don’t know which organisation you belong to. Ask about a party by name, e.g. “What does Köping pay?”',
    notUnderstood: 'I didn’t understand which cost you mean. Try “What does STARK cost us?” or “How is the cost split?”.',
    partyLine: (p) => `${p.name}: ${kr(p.yearly)} a year (${kr(p.periodTotal)} for ${p.firstYear}–${p.lastYear}).`,
    partyNotDecidedLine: (p) => `${p.name}: not decided (${gen(p.county)} split is not set).`,
    partyNotParticipatingLine: (p) => `${p.name}: not taking part, SEK 0.`,
  },
};
