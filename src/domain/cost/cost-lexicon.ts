import type { County } from '../organisations.js';

/**
 * The words officials use for the agreement's figures and groups, folded (lower case, no å/ä/ö), Swedish and
 * English. A phrase here is a known concept: it is read as what it means and is never taken for (or offered) a
 * party name. Multi-word phrases win over their parts ("alla tre åren" is a period, not "alla").
 */

export type Concept =
  /** The programme as a whole: MDU plus the other parties (3,500,000 kr a year). */
  | 'programme'
  /** The other parties jointly, everyone but MDU (2,450,000 kr a year). */
  | 'otherParties'
  /** Every party: the table when asked as such, the programme when summed, a base for "all except …". */
  | 'allParties'
  /** Both counties (together the other parties' 2,450,000 kr). */
  | 'counties'
  /** The municipalities: of the county named next to the word, else of both counties. */
  | 'municipalities'
  /** The regions: of the county named next to the word, else both. */
  | 'regions'
  /** Words that only say how long ("alla tre åren"): consumed so their parts are not read as groups. */
  | 'span';

const entries = (concept: Concept, phrases: string): [string, Concept][] =>
  phrases
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => [p, concept]);

export const CONCEPT_PHRASES: ReadonlyArray<readonly [string, Concept]> = [
  ...entries(
    'programme',
    `programmet, programmets, programmen, hela programmet, hela programmets, stark programmet, programbudget, programbudgeten,
     programkostnad, programkostnaden, programkostnaderna, budget, budgeten, budgetens, budgetar, budgeterna, totalbudget,
     totalbudgeten, totalkostnad, totalkostnaden, totalkostnader, totalkostnaderna, totala kostnaden, totala kostnaderna,
     den totala kostnaden, totala budgeten, hela budgeten, hela kostnaden, hela kostnaderna, hela avtalet, hela avtalets,
     avtalets kostnad, avtalets totala kostnad, hela stark, hela satsningen, satsningen, hela kalaset, kalaset, hela paketet,
     omslutning, omslutningen, avtalsvarde, avtalsvardet, avtalets varde, helheten, totalsumma, totalsumman, slutsumma, slutsumman,
     the programme, the program, programme, program, programmes, programme s, program s, whole programme, whole program,
     entire programme, entire program, the whole programme, the whole program, total budget, overall budget, the budget,
     total cost, total costs, overall cost, overall costs, whole agreement, the whole agreement, entire agreement, grand total,
     total amount, the total`,
  ),
  ...entries(
    'otherParties',
    `ovriga parter, ovriga parterna, ovriga parternas, ovriga parters, de ovriga parterna, de ovriga, ovriga, ovrigas, andra parter,
     andra parterna, andra parternas, de andra parterna, ovriga finansiarer, ovriga finansiarerna, medfinansiarer,
     medfinansiarerna, alla andra, alla ovriga, samtliga ovriga, other parties, the other parties, other party, other partners,
     the other partners, the others, others, everyone else, everybody else, co funders, cofunders, other funders,
     the other funders, rest of the parties`,
  ),
  ...entries(
    'allParties',
    `alla, alla parter, alla parterna, alla parters, samtliga, samtliga parter, samtliga parterna, parterna, parternas, varje part,
     per part, all, all parties, all the parties, all partners, everyone, everybody, every party, each party, all of them`,
  ),
  ...entries('counties', `lanen, lanens, bada lanen, bada lanens, de tva lanen, tva lanen, both counties, the counties, the two counties, counties, both the counties`),
  ...entries(
    'municipalities',
    `kommunerna, kommuner, kommunernas, kommuners, alla kommuner, alla kommunerna, samtliga kommuner, samtliga kommunerna,
     deltagande kommuner, deltagande kommunerna, de deltagande kommunerna, the municipalities, municipalities, all municipalities,
     all the municipalities, the participating municipalities, participating municipalities, municipalities s, municipality s`,
  ),
  ...entries('regions', `regionerna, regionernas, regioner, bada regionerna, de tva regionerna, the regions, both regions, regions, the two regions`),
  ...entries(
    'span',
    `alla tre aren, alla tre ar, alla aren, alla ar, all three years, all years, all the years, for all three years, each of the three years`,
  ),
];

/** Counties by name; the regions and Länsstyrelsen come from data/organisations.json. */
export const COUNTY_PHRASES: ReadonlyArray<readonly [string, County]> = [
  ['vastmanland', 'vastmanland'],
  ['vastmanlands', 'vastmanland'],
  ['vastmanlands lan', 'vastmanland'],
  ['vastmanlands lans', 'vastmanland'],
  ['vastmanlandslan', 'vastmanland'],
  ['vastmanlandslans', 'vastmanland'],
  ['vastmanland county', 'vastmanland'],
  ['vastmanland county s', 'vastmanland'],
  ['county of vastmanland', 'vastmanland'],
  ['sormland', 'sormland'],
  ['sormlands', 'sormland'],
  ['sormlands lan', 'sormland'],
  ['sormlands lans', 'sormland'],
  ['sodermanland', 'sormland'],
  ['sodermanlands', 'sormland'],
  ['sodermanlands lan', 'sormland'],
  ['sodermanlands lans', 'sormland'],
  ['sodermanlandslan', 'sormland'],
  ['sodermanland county', 'sormland'],
  ['sormland county', 'sormland'],
  ['county of sodermanland', 'sormland'],
  ['county of sormland', 'sormland'],
];

/**
 * Second halves of Swedish compounds whose first half is a county or party: "västmanlandskommunerna" is
 * "Västmanlands kommunerna", "sörmlandsregionen" "Sörmlands regionen", "Köpingskommun" "Köpings kommun".
 */
export const COMPOUND_HEADS = [
  'kommunernas',
  'kommunerna',
  'kommuners',
  'kommuner',
  'kommunens',
  'kommunen',
  'kommuns',
  'kommun',
  'regionens',
  'regionen',
  'regions',
  'region',
  'lanets',
  'lanet',
  'lans',
  'lan',
  'stads',
  'staden',
  'stad',
] as const;
