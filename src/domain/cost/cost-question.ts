import type { County, Organisation } from '../organisations.js';
import { COMPOUND_HEADS, CONCEPT_PHRASES, COUNTY_PHRASES, type Concept } from './cost-lexicon.js';
import { fuzzyEquals, isShouting, normalise, normalisedDistance, tokenise, typoDistance, type Token } from './text-match.js';

/**
 * Reads a cost question as people type it in chat (Swedish or English, with or without å/ä/ö, small typos, all
 * capitals, compounds like "västmanlandskommunerna", aliases like "Region V") and says what it asks. Pure: no
 * figures and no wording here; the cost rules compute the answer and the bot words it. Never guesses a party it
 * does not know: an unknown name comes back as `unknownParty`, with only the parties it plausibly meant.
 */

export type CostTarget =
  | { type: 'party'; partyId: string; viaSelf: boolean }
  | { type: 'county'; county: County }
  | { type: 'countyMunicipalities'; county: County }
  /** The other parties than MDU, jointly. */
  | { type: 'otherParties' }
  /** Every party: the programme as a whole. */
  | { type: 'programme' };

/** Whether the question asks for the yearly figure, the whole period's, or does not say. */
export type CostSpan = 'year' | 'period' | null;

export type CostQuestion =
  /**
   * What one or more parties or groups pay; several targets (or a group) are answered with the parts and their
   * sum. `except` is taken out of the targets ("alla utom MDU").
   */
  | { kind: 'cost'; targets: CostTarget[]; except: CostTarget[]; year: number | null; span: CostSpan }
  /** The programme's total cost. */
  | { kind: 'total'; year: number | null; span: CostSpan }
  /** How the cost is divided: the overview table (optionally one county's part of it). */
  | { kind: 'distribution'; county: County | null; year: number | null }
  /** A what-if: the figures if these parties did not take part. `focus` is whom the asker asked about, if anyone. */
  | { kind: 'whatIf'; excludedPartyIds: string[]; excluded: CostTarget[]; focus: CostTarget | null; year: number | null }
  /** A year outside the agreement's period: the answer says which years the agreement covers. */
  | { kind: 'yearOutsidePeriod'; year: number; firstYear: number; lastYear: number; targets: CostTarget[] }
  /** A name that is not a party; `suggestions` are the party ids it plausibly meant, closest first (maybe none). */
  | { kind: 'unknownParty'; mention: string; suggestions: string[] }
  /**
   * A cost question about something that is neither a party nor a known concept, written like an ordinary word
   * ("Vad kostar fikat?"): the answer says what was understood and offers help instead of guessing.
   */
  | { kind: 'unclear'; mention: string; year: number | null; span: CostSpan }
  /** "we/our" from someone whose organisation is not known. */
  | { kind: 'askerWithoutOrganisation' }
  | { kind: 'notUnderstood' };

export interface CostQuestionInput {
  text: string;
  /** The asker's organisation: what "vi/oss/vår/we/our" mean. */
  askerOrganisationId: string | null;
  organisations: readonly Organisation[];
  period: { firstYear: number; lastYear: number };
  /** The Stockholm year now, for "i år" / "nästa år" / "this year"; without it those are not read. */
  currentYear?: number;
}

/**
 * How unlike a name an unknown word may be and still be offered as "did you mean": at most about one typing
 * error in three letters (normalised swap-aware edit distance). "Enköping" → Köping (0.25) passes; "programmet"
 * → Arboga does not.
 */
export const SUGGESTION_MAX_DISTANCE = 0.34;
const MAX_QUESTION_WORDS = 60;
/** Name parts too generic to suggest a party by ("Uppsala kommun" is not like "Köpings kommun"). */
const GENERIC_NAME_WORDS = new Set(['kommun', 'kommuns', 'stad', 'stads', 'lan', 'lans', 'region', 'regions', 'i', 'in', 'of', 'the', 'county', 'municipality', 's']);

// ---- vocabulary -------------------------------------------------------------------------------------------

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

const SELF = words('vi oss we us our ours');
/** "vår" without its ring is "var" (where/was): only counted as "our" before a word like "kostnad". */
const SELF_AMBIGUOUS = words('var vart vara');
const SELF_AMBIGUOUS_NEXT = words('kostnad kostnaden kostnader andel andelen del bidrag bidraget organisation kommun kommuns region avgift insats share');
/** "the municipality" / "the region" / "my organisation" said by someone from one. */
const SELF_DEFINITE = words('kommunen regionen organisationen myndigheten');
const SELF_POSSESSIVE = words('min mitt mina my');
const SELF_POSSESSED = words('kommun kommuns region regions organisation organisations organization myndighet');

const COST_WORDS = [
  'kostar', 'kosta', 'kostnad', 'kostnaden', 'kostnader', 'kostnaderna', 'totalkostnad', 'totalkostnaden', 'betalar', 'betala',
  'betalas', 'avgift', 'avgiften', 'bidrag', 'bidraget', 'andel', 'andelen', 'pengar', 'kronor', 'finansiering', 'finansierar',
  'budget', 'budgeten', 'budgetens', 'budgetar', 'budgeterna', 'totalbudget', 'totalbudgeten', 'programbudget', 'programbudgeten', 'fordelas', 'fordelning', 'fordelningen', 'kostnadsfordelning', 'cost', 'costs', 'pay', 'pays', 'paying', 'payment',
  'price', 'fee', 'fees', 'contribution', 'contribute', 'contributes', 'money', 'spend', 'funding', 'kr', 'sek',
];
const COST_PREFIXES = ['kostn', 'kostar', 'betal', 'avgift', 'fordel', 'finansi', 'bidrag', 'totalkost', 'cost', 'payment', 'contribut'];

const TOTAL_WORDS = words('totalkostnad totalkostnaden totalt total sammanlagt summa overall helheten');
/** Words that ask for a sum: with several parties the sum of them, alone the programme's total. */
const AGGREGATE_WORDS = words('totalt total sammanlagt sammanlagd sammantaget summa summan sum tillsammans together combined altogether gemensamt jointly');
const AGGREGATE_PHRASES = ['in total', 'all together', 'hela avtalet', 'i summa', 'added up', 'put together'];
/** Sum words that ask about money even alone ("totalt?"); "tillsammans"/"together" do only with names. */
const MONEY_AGGREGATES = words('totalt total sammanlagt sammanlagd summa summan');
const MONEY_AGGREGATE_PHRASES = ['in total', 'hela avtalet'];
const DISTRIBUTION_WORDS = words(
  'fordelas fordelning fordelningen fordelad kostnadsfordelning kostnadsfordelningen split divided distributed distribution breakdown tabell tabellen table oversikt oversikten overview excel kalkylblad spreadsheet csv',
);
const DISTRIBUTION_PHRASES = ['alla parter', 'varje part', 'per part', 'each party', 'every party', 'all parties', 'all the parties', 'broken down', 'delas upp'];

/** What "hur mycket"/"how much" may ask about other than money; the stems are the other features' topics. */
const OTHER_MEASURES = words('tid time timmar timme hours hour minuter minutes dagar days veckor weeks folk people personer platser seats plats arbete work');
const OTHER_TOPICS = ['behov', 'need', 'mote', 'meeting', 'programrad', 'programgrupp'];

const CONDITIONAL = words('om ifall if');
const EXCLUDING = words('utan without except excluding exklusive forutom');
/** Words that take parties out of a group named just before them: "alla utom MDU", "everyone but MDU". */
const COMPLEMENT = words('utom forutom except excluding exklusive exkl but besides utover apart bortsett');
/** "andra parter än MDU", "parties other than MDU". */
const THAN = words('an than');
const OTHER = words('andra other others ovriga');
const EXIT_WORDS = words('inte ej not doesn don isn won hoppar lamnar drops drop leaves leave withdraws withdraw quits quit slutar avstar avbryter');
const CONNECTORS = words('och and eller or samt plus');
/** Between a group word and the county it belongs to: "kommunernas del i Västmanland", "municipalities of Sörmland". */
const SHARE_FILLERS = words('del delen andel andelen halva halften share part half kostnad kostnaden bidrag bidraget');
const IN_WORDS = words('i in inom within of');
const ARTICLES = words('en ett the a an den det');

const YEAR_SPAN_PHRASES = [
  'per ar', 'om aret', 'i aret', 'arligen', 'arlig', 'arliga', 'arsavgift', 'arsavgiften', 'arskostnad', 'arskostnaden', 'pa arsbasis',
  'arsbasis', 'varje ar', 'kr ar', 'per year', 'a year', 'yearly', 'annually', 'annual', 'each year', 'every year', 'per annum',
];
const PERIOD_SPAN_PHRASES = [
  'hela perioden', 'perioden', 'avtalsperioden', 'hela avtalsperioden', 'avtalstiden', 'hela avtalstiden', 'trearsperioden', 'hela avtalet',
  'totalt', 'sammanlagt', 'sammanlagd', 'sammanlagda', 'in total', 'over the period', 'whole period', 'entire period', 'the period', 'full period', 'whole term', 'full term',
  'alla tre aren', 'alla tre ar', 'alla aren', 'tre ar', 'tre aren', '3 ar', 'three years', '3 years', 'all three years', 'over three years',
];

/** Words after which a party's name usually stands. */
const PARTY_SLOT = words('betalar betala kostar for om ifall utan utom forutom bidrar does do pays pay for if without except som region lansstyrelsen kommun');

/** Words a cost question is made of; anything else may be a name we do not know. */
const VOCABULARY = words(`
  vad hur mycket kostar kosta kostnad kostnaden kostnader kostnaderna totalkostnad totalkostnaden betalar betala betalas betalat
  ska skall blir bli ar det den de dom detta denna dessa for om inte ej deltar delta deltagande deltagare med i pa per aret arligen arlig arliga
  av och till fran var vart vara vi oss min mitt mina jag mig du ni er ert era kommunen kommunerna kommun kommuner kommunernas kommuns regionen
  region regionerna regioner stark avtalet avtal avtalets hela perioden period avtalsperioden totalt total summa summan sammanlagt sammanlagd
  andel andelen del delen bidrag bidraget fordelas fordelning fordelningen fordelad kostnadsfordelning hander hande sa nar sig ur utan hoppar
  lamnar kr kronor sek pengar avgift avgiften egentligen nu da alltsa tack hej hejsan kan kunna svara berakna rakna visa lan lanet lanen lans
  varje alla parter part parterna parternas over under ungefar exakt eller som far fa vilken vilket vilka nasta forra tre gang ganger ifall
  forutom utom exklusive exkl tabell tabellen oversikt excel kalkylblad organisationen organisation myndighet myndigheten skulle kommer vill veta
  undrar fraga behover mest minst lika stor stora storre mindre vem vilka betalning finansiering finansierar budget slutar avstar tillsammans
  gemensamt sammantaget respektive samtliga ovriga andra an halva halften ungefar cirka ca plus inklusive inkl summera summerat sammanstallning
  programmet program satsningen arskostnad arskostnaden arsavgift
  what how much does do did will would is are the a an of for to in on per year years yearly annually annual pay pays paying
  paid cost costs total whole period share split divided distributed distribution breakdown broken down if not doesn don t isn
  won participate participates participating join joins drops drop out leave leaves withdraw withdraws quit quits without except excluding
  we us our ours my me you stark agreement county counties municipality municipalities region regions each every party parties
  contribution contributions money happens happen happened show tell please hi hello thanks thank over from and or then next this
  that be can could should amount overall all three table overview spreadsheet csv price fee fees who which payment funding
  entire annum s know want to me us it its there here get gets much many hittar hitta finns where find bidrar bidra together combined
  altogether jointly sum other others than but besides apart everyone everybody else rest budget programme program term full
`);

// ---- reading the text -------------------------------------------------------------------------------------

type Entity =
  | { type: 'party'; partyId: string }
  | { type: 'county'; county: County }
  | { type: 'countyMunicipalities'; county: County }
  | { type: 'concept'; concept: Concept };

type MentionEntity = Entity | { type: 'self'; via: 'pronoun' | 'definite' } | { type: 'unknown'; suggestions: string[] };

interface Mention {
  start: number;
  end: number;
  entity: MentionEntity;
}

interface PhraseIndex {
  exact: Map<string, Entity>;
  byLength: Map<number, { phrase: string; entity: Entity }[]>;
  /** Single-word names of counties and parties, for splitting compounds. */
  oneWord: Map<string, Entity>;
}

const genitive = (phrase: string) => (/[sxz]$/.test(phrase) ? phrase : `${phrase}s`);

// Built once per organisation list (the store's list keeps its identity), not per question.
const phraseIndexCache = new WeakMap<readonly Organisation[], PhraseIndex>();

function phraseIndex(organisations: readonly Organisation[]): PhraseIndex {
  const cached = phraseIndexCache.get(organisations);
  if (cached) return cached;
  const index = buildPhraseIndex(organisations);
  phraseIndexCache.set(organisations, index);
  return index;
}

function buildPhraseIndex(organisations: readonly Organisation[]): PhraseIndex {
  const exact = new Map<string, Entity>();
  const add = (phrase: string, entity: Entity) => {
    const p = normalise(phrase);
    if (p && !exact.has(p)) exact.set(p, entity);
  };
  for (const org of organisations) {
    const entity: Entity = { type: 'party', partyId: org.id };
    const names = [org.name, org.shortName, ...org.aliases];
    if (org.kind === 'municipality') names.push(`${org.shortName} kommun`, `${genitive(org.shortName)} kommun`, `${org.shortName} stad`, `${genitive(org.shortName)} stad`);
    for (const n of names) {
      add(n, entity);
      add(genitive(n), entity);
    }
  }
  for (const [phrase, county] of COUNTY_PHRASES) add(phrase, { type: 'county', county });
  for (const [phrase, concept] of CONCEPT_PHRASES) add(phrase, { type: 'concept', concept });
  const byLength = new Map<number, { phrase: string; entity: Entity }[]>();
  const oneWord = new Map<string, Entity>();
  for (const [phrase, entity] of exact) {
    const n = phrase.split(' ').length;
    byLength.set(n, [...(byLength.get(n) ?? []), { phrase, entity }]);
    if (n === 1 && entity.type !== 'concept') oneWord.set(phrase, entity);
  }
  return { exact, byLength, oneWord };
}

const entityKey = (e: Entity) => (e.type === 'party' ? `p:${e.partyId}` : e.type === 'concept' ? `k:${e.concept}` : `${e.type}:${e.county}`);
const isYearToken = (t: Token) => /^(19|20)\d{2}$/.test(t.norm);
const inVocabulary = (norm: string) => VOCABULARY.has(norm) || (norm.length >= 5 && [...VOCABULARY].some((w) => w.length >= 5 && fuzzyEquals(norm, w)));
const hasPhrase = (norm: string, phrases: readonly string[]) => phrases.some((p) => ` ${norm} `.includes(` ${p} `));

/**
 * "västmanlandskommunerna" → "västmanlands" + "kommunerna": a word that is not a name itself but a county's or
 * party's name (with its linking s) followed by a group word. A small typo in the name half is forgiven.
 */
function splitCompounds(tokens: Token[], index: PhraseIndex): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const parts = index.exact.has(t.norm) || VOCABULARY.has(t.norm) ? null : compoundParts(t.norm, index);
    if (!parts) {
      out.push({ ...t, index: out.length });
      continue;
    }
    for (const norm of parts) out.push({ norm, raw: t.raw, hadDiacritics: t.hadDiacritics, index: out.length });
  }
  return out;
}

function compoundParts(norm: string, index: PhraseIndex): [string, string] | null {
  for (const head of COMPOUND_HEADS) {
    if (!norm.endsWith(head) || norm.length - head.length < 3) continue;
    const first = norm.slice(0, -head.length);
    for (const name of [first, first.replace(/s$/, '')]) {
      if (index.oneWord.has(name)) return [first, head];
      if (name.length >= 6) {
        const near = [...index.oneWord].filter(([k]) => fuzzyEquals(name, k));
        if (near.length > 0 && new Set(near.map(([, e]) => entityKey(e))).size === 1) return [near[0]![0], head];
      }
    }
  }
  return null;
}

function findMentions(tokens: Token[], index: PhraseIndex): Mention[] {
  const used = tokens.map(() => false);
  const found: Mention[] = [];
  const free = (s: number, e: number) => used.slice(s, e).every((u) => !u);
  const take = (s: number, e: number, entity: MentionEntity) => {
    for (let i = s; i < e; i++) used[i] = true;
    found.push({ start: s, end: e, entity });
  };
  // Longest exact phrases first: "Region Sörmland" before "Sörmland", "alla tre åren" before "alla".
  for (let len = 5; len >= 1; len--) {
    for (let s = 0; s + len <= tokens.length; s++) {
      if (!free(s, s + len)) continue;
      const hit = index.exact.get(tokens.slice(s, s + len).map((t) => t.norm).join(' '));
      if (hit) take(s, s + len, hit);
    }
  }
  // Then typos, on words that are not ordinary question words.
  for (let len = 3; len >= 1; len--) {
    for (let s = 0; s + len <= tokens.length; s++) {
      if (!free(s, s + len)) continue;
      const window = tokens.slice(s, s + len);
      if (window.some(isYearToken) || window.every((t) => VOCABULARY.has(t.norm))) continue;
      const typed = window.map((t) => t.norm).join(' ');
      const candidates = (index.byLength.get(len) ?? []).filter((c) => fuzzyEquals(typed, c.phrase));
      if (candidates.length === 0) continue;
      const best = Math.min(...candidates.map((c) => typoDistance(typed, c.phrase)));
      const entities = new Map(candidates.filter((c) => typoDistance(typed, c.phrase) === best).map((c) => [entityKey(c.entity), c.entity]));
      // A known concept among the closest is what was meant: a concept word is never offered party names.
      const concept = [...entities.values()].find((e) => e.type === 'concept');
      if (concept) take(s, s + len, concept);
      else if (entities.size === 1) take(s, s + len, [...entities.values()][0]!);
      else
        take(s, s + len, {
          type: 'unknown',
          suggestions: [...entities.values()].flatMap((e) => (e.type === 'party' ? [e.partyId] : [])),
        });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Party ids plausibly meant by a name nobody recognises, best first: a word of it within
 * SUGGESTION_MAX_DISTANCE of a word of the party's names, or a compound place name ending in one ("Uppsala" ends
 * in Sala, "Enköping" in Köping). Shared letters alone never make a suggestion.
 */
export function plausibleParties(mention: string, organisations: readonly Organisation[], limit = 3): string[] {
  const typed = normalise(mention)
    .split(' ')
    .filter((w) => w.length >= 3 && !GENERIC_NAME_WORDS.has(w) && !/^\d+$/.test(w));
  if (typed.length === 0) return [];
  const scored = organisations.flatMap((org) => {
    const nameWords = [...new Set([org.name, org.shortName, ...org.aliases].flatMap((n) => normalise(n).split(' ')))].filter((w) => w.length >= 3 && !GENERIC_NAME_WORDS.has(w));
    let best = Infinity;
    for (const t of typed) {
      for (const w of nameWords) {
        best = Math.min(best, normalisedDistance(t, w));
        // A compound ending in the name: the name's whole letters, at its end, at least four of them.
        if (w.length >= 4 && t.length > w.length && t.endsWith(w)) best = Math.min(best, 0.3);
      }
    }
    return best <= SUGGESTION_MAX_DISTANCE ? [{ id: org.id, best }] : [];
  });
  return scored
    .sort((a, b) => a.best - b.best || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => s.id);
}

function readYear(text: string, tokens: Token[], currentYear: number | undefined): { year: number | null; range: [number, number] | null } {
  const range = /\b((?:19|20)\d{2})\s*(?:-|–|—|till|to|until)\s*((?:19|20)\d{2})\b/i.exec(text);
  if (range) return { year: null, range: [Number(range[1]), Number(range[2])] };
  const short = /\b((?:19|20)(\d{2}))\s*(?:-|–|—)\s*(\d{2})\b/.exec(text);
  if (short) return { year: null, range: [Number(short[1]), Number(short[1]!.slice(0, 2) + short[3])] };
  const y = tokens.find(isYearToken);
  if (y) return { year: Number(y.norm), range: null };
  if (currentYear !== undefined) {
    const n = ` ${tokens.map((t) => t.norm).join(' ')} `;
    if (/ (nasta ar|nasta aret|next year) /.test(n)) return { year: currentYear + 1, range: null };
    if (/ (forra aret|forra ar|last year) /.test(n)) return { year: currentYear - 1, range: null };
    if (/ (i ar|this year|current year) /.test(n)) return { year: currentYear, range: null };
  }
  return { year: null, range: null };
}

// ---- the questions ---------------------------------------------------------------------------------------

/**
 * Cheap check on the words alone: does this text look like a question about money in STARK (or a what-if about
 * a party leaving)? True is a hint, not a promise: `interpretCostQuestion` may still say `notUnderstood`. A text
 * made only of names ("Köping 2027?") is recognised by `interpretCostQuestion`, which knows the names.
 */
export function looksLikeCostQuestion(text: string): boolean {
  const tokens = tokenise(text);
  if (tokens.length === 0 || tokens.length > MAX_QUESTION_WORDS) return false;
  const norm = tokens.map((t) => t.norm);
  // "årskostnad", "programkostnaden": a cost compound wherever "kostnad" stands in it.
  if (norm.some((w) => COST_PREFIXES.some((p) => w.startsWith(p)) || w.includes('kostnad'))) return true;
  if (norm.some((w) => w.length >= 5 && COST_WORDS.some((c) => c.length >= 5 && fuzzyEquals(w, c)))) return true;
  if (norm.some((w) => w === 'kr' || w === 'sek' || w === 'pay' || w === 'fee')) return true;
  const joined = norm.join(' ');
  const otherTopic = norm.some((w) => OTHER_MEASURES.has(w) || OTHER_TOPICS.some((p) => w.startsWith(p)));
  // "hur mycket"/"how much" alone is money only when nothing else is being measured: "Hur mycket tid tar ett
  // möte?" and "How much time do we need?" belong to other features (the cost route is tried before them).
  if (hasPhrase(joined, ['hur mycket', 'how much']) && !otherTopic) return true;
  // "totalt?", "sammanlagt", "hela avtalet": a sum of money unless something else is being counted.
  if ((norm.some((w) => MONEY_AGGREGATES.has(w)) || hasPhrase(joined, MONEY_AGGREGATE_PHRASES)) && !otherTopic && !/\bhur manga\b|\bhow many\b/.test(joined)) return true;
  // "share" alone is too common ("share the agenda"); "our share", "Köping's share", "share of the cost" are money.
  if (/\b(our|my|their|whose|s|the) share\b|\bshare of\b/.test(joined)) return true;
  // What-ifs about a party leaving, asked without a money word.
  const conditional = norm.some((w) => CONDITIONAL.has(w) || EXCLUDING.has(w));
  const leaving = /\b(inte|ej) (deltar|delta|ar med|vara med)\b|\bhoppar av\b|\blamnar\b|\b(doesn t|don t|does not|do not|not) (participate|join|take part)\b|\bdrops? out\b|\bwithdraws?\b|\bleaves?\b/.test(joined);
  return conditional && leaving;
}

const GROUPISH: ReadonlySet<string> = new Set(['county', 'countyMunicipalities']);
const GROUP_CONCEPTS: ReadonlySet<Concept> = new Set(['allParties', 'otherParties', 'counties', 'municipalities', 'regions', 'programme']);
const isGroupMention = (m: Mention | undefined): boolean =>
  m !== undefined && (GROUPISH.has(m.entity.type) || (m.entity.type === 'concept' && GROUP_CONCEPTS.has(m.entity.concept)));

export function interpretCostQuestion(input: CostQuestionInput): CostQuestion {
  const { text, organisations, period } = input;
  const index = phraseIndex(organisations);
  const typed = tokenise(text);
  // A question is a sentence or two; a pasted document is not one (and would cost a turn's time to scan).
  if (typed.length === 0 || typed.length > MAX_QUESTION_WORDS) return { kind: 'notUnderstood' };
  const tokens = splitCompounds(typed, index);
  const norm = tokens.map((t) => t.norm);
  const joined = norm.join(' ');
  const shouting = isShouting(text);
  const asker = input.askerOrganisationId ? organisations.find((o) => o.id === input.askerOrganisationId) : undefined;
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const regionOf = (county: County) => organisations.find((o) => o.kind === 'region' && o.county === county);

  // Names of parties, counties and concepts.
  let mentions = findMentions(tokens, index);
  const mentionAt = (start: number) => mentions.find((m) => m.start === start);
  const mentionEndingAt = (end: number) => mentions.find((m) => m.end === end);
  const countyAt = (start: number) => {
    const m = mentionAt(start);
    return m?.entity.type === 'county' ? m : undefined;
  };

  /** Counties named with a group word: "kommunerna i Västmanland (och Sörmland)", "Västmanlands kommuner". */
  const countiesBoundTo = (start: number, end: number): Mention[] => {
    const bound: Mention[] = [];
    let j = end;
    while (j < tokens.length && SHARE_FILLERS.has(norm[j]!)) j++;
    if (j < tokens.length && IN_WORDS.has(norm[j]!)) {
      j++;
      if (norm[j] === 'the') j++;
      for (let c = countyAt(j); c; ) {
        bound.push(c);
        const next: number = c.end;
        c = next < tokens.length && CONNECTORS.has(norm[next]!) ? countyAt(next + 1) : undefined;
      }
    }
    if (bound.length > 0) return bound;
    let e = start;
    if (norm[e - 1] === 's') e--;
    for (let c = mentionEndingAt(e); c?.entity.type === 'county'; ) {
      bound.push(c);
      const before: number = c.start - 1;
      const prev = before >= 0 && CONNECTORS.has(norm[before]!) ? mentionEndingAt(before) : undefined;
      c = prev?.entity.type === 'county' ? prev : undefined;
    }
    return bound;
  };

  // Group words and the county named with them; "the region in Sörmland" is Region Sörmland.
  const drop = new Set<Mention>();
  const added: Mention[] = [];
  for (const m of mentions) {
    if (m.entity.type !== 'concept' || (m.entity.concept !== 'municipalities' && m.entity.concept !== 'regions')) continue;
    // "övriga kommuner": "övriga" qualifies the group word that follows, it is not "the other parties".
    const before = mentionEndingAt(m.start);
    if (before?.entity.type === 'concept' && before.entity.concept === 'otherParties' && before.end - before.start === 1) drop.add(before);
    // "kommunerna Västerås och Köping": the group word only introduces the names that follow.
    if (mentionAt(m.end)?.entity.type === 'party') {
      drop.add(m);
      continue;
    }
    const bound = countiesBoundTo(m.start, m.end);
    if (bound.length === 0) continue;
    drop.add(m);
    // The nearest county takes the group word's place, so "Västmanlands kommuner förutom Västerås" reads as
    // one group before "förutom".
    const nearest = bound[0]!;
    nearest.start = Math.min(nearest.start, m.start);
    nearest.end = Math.max(nearest.end, m.end);
    for (const c of bound) {
      if (c.entity.type !== 'county') continue;
      if (m.entity.concept === 'municipalities') c.entity = { type: 'countyMunicipalities', county: c.entity.county };
      else {
        const region = regionOf(c.entity.county);
        if (region) c.entity = { type: 'party', partyId: region.id };
      }
    }
  }
  tokens.forEach((t, i) => {
    if (mentions.some((m) => i >= m.start && i < m.end) || (t.norm !== 'regionen' && t.norm !== 'region')) return;
    const bound = countiesBoundTo(i, i + 1);
    if (bound.length !== 1 || bound[0]!.entity.type !== 'county') return;
    const region = regionOf(bound[0]!.entity.county);
    if (!region) return;
    drop.add(bound[0]!);
    added.push({ start: Math.min(i, bound[0]!.start), end: Math.max(i + 1, bound[0]!.end), entity: { type: 'party', partyId: region.id } });
  });
  mentions = [...mentions.filter((m) => !drop.has(m)), ...added].sort((a, b) => a.start - b.start);

  // "Köping i Västmanland": the county only says where the party is. "Länsstyrelsen Västmanland" names a party
  // that does not exist: not Länsstyrelsen Sörmland.
  const resolved: Mention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const next = mentions[i + 1];
    if (m.entity.type === 'party' && next?.entity.type === 'county') {
      const gap = norm.slice(m.end, next.start);
      if (gap.length === 0 || (gap.length === 1 && (gap[0] === 'i' || gap[0] === 'in'))) {
        const org = orgById.get(m.entity.partyId);
        if (org?.county === next.entity.county) {
          resolved.push({ ...m, end: next.end });
          i++;
          continue;
        }
        if (org?.county) {
          const span = tokens.slice(m.start, next.end);
          const mention = span.map((t) => t.raw).filter((r, k, a) => a.indexOf(r) === k).join(' ');
          resolved.push({ start: m.start, end: next.end, entity: { type: 'unknown', suggestions: plausibleParties(mention, organisations) } });
          i++;
          continue;
        }
      }
    }
    resolved.push(m);
  }
  mentions = resolved;
  const inMention = (i: number) => mentions.some((m) => i >= m.start && i < m.end);

  // "vi/oss/vår/we/our", "kommunen", "min organisation".
  tokens.forEach((t, i) => {
    if (inMention(i)) return;
    const next = tokens[i + 1]?.norm ?? '';
    const pronoun =
      SELF.has(t.norm) ||
      (SELF_AMBIGUOUS.has(t.norm) && (t.hadDiacritics || SELF_AMBIGUOUS_NEXT.has(next))) ||
      (SELF_POSSESSIVE.has(t.norm) && SELF_POSSESSED.has(next));
    if (pronoun) mentions.push({ start: i, end: i + 1, entity: { type: 'self', via: 'pronoun' } });
    else if (SELF_DEFINITE.has(t.norm)) mentions.push({ start: i, end: i + 1, entity: { type: 'self', via: 'definite' } });
  });
  mentions.sort((a, b) => a.start - b.start);

  // Words that are neither question words nor known names, written like a name (capitalised inside the
  // sentence, unless the whole text is in capitals) or standing where a party goes ("betalar X", "för X",
  // "does X", "om X"): perhaps a party we do not know. Any other unknown word is ignored.
  const unknownRuns: { start: number; end: number; text: string; capitalised: boolean; kindWord: boolean }[] = [];
  const slotBefore = (i: number) => {
    let j = i - 1;
    while (j >= 0 && ARTICLES.has(norm[j]!)) j--;
    return j >= 0 && PARTY_SLOT.has(norm[j]!);
  };
  tokens.forEach((t, i) => {
    if (inMention(i) || isYearToken(t) || t.norm.length < 3 || /^\d+$/.test(t.norm) || inVocabulary(t.norm)) return;
    const last = unknownRuns.at(-1);
    const capitalised = !shouting && i > 0 && /^\p{Lu}/u.test(t.raw);
    const nameLike = capitalised || slotBefore(i) || (last !== undefined && last.end === i);
    if (!nameLike) return;
    if (last && last.end === i) {
      last.end = i + 1;
      last.text += ` ${t.raw}`;
      last.capitalised ||= capitalised;
    } else unknownRuns.push({ start: i, end: i + 1, text: t.raw, capitalised, kindWord: false });
  });
  // Keep "kommun"/"region" with the unknown name they belong to: "Uppsala kommun", "Region Uppsala".
  for (const run of unknownRuns) {
    const before = tokens[run.start - 1];
    const after = tokens[run.end];
    if (before && ['region', 'lansstyrelsen', 'kommun'].includes(before.norm)) {
      run.text = `${before.raw} ${run.text}`;
      run.kindWord = true;
    }
    if (after && ['kommun', 'stad', 'region', 'lan', 'county', 'municipality'].includes(after.norm)) {
      run.text = `${run.text} ${after.raw}`;
      run.kindWord = true;
    }
  }

  const { year, range } = readYear(text, tokens, input.currentYear);
  const outside = (y: number) => y < period.firstYear || y > period.lastYear;
  const span: CostSpan = range
    ? 'period'
    : hasPhrase(joined, YEAR_SPAN_PHRASES)
      ? 'year'
      : hasPhrase(joined, PERIOD_SPAN_PHRASES)
        ? 'period'
        : null;
  const yearProblem = (targets: CostTarget[]): CostQuestion | null => {
    if (range) {
      const bad = [range[0], range[1]].find(outside);
      return bad !== undefined ? { kind: 'yearOutsidePeriod', year: bad, firstYear: period.firstYear, lastYear: period.lastYear, targets } : null;
    }
    return year !== null && outside(year) ? { kind: 'yearOutsidePeriod', year, firstYear: period.firstYear, lastYear: period.lastYear, targets } : null;
  };

  /** A mention as targets (a group word may stand for several); self needs the asker's organisation. */
  const targetsOf = (m: Mention, context: County | null): CostTarget[] | 'noAsker' => {
    const e = m.entity;
    switch (e.type) {
      case 'party':
        return [{ type: 'party', partyId: e.partyId, viaSelf: false }];
      case 'county':
        return [{ type: 'county', county: e.county }];
      case 'countyMunicipalities':
        return [{ type: 'countyMunicipalities', county: e.county }];
      case 'concept':
        switch (e.concept) {
          case 'otherParties':
            return [{ type: 'otherParties' }];
          case 'counties':
            return [
              { type: 'county', county: 'vastmanland' },
              { type: 'county', county: 'sormland' },
            ];
          case 'municipalities':
            return (context ? [context] : (['vastmanland', 'sormland'] as const)).map((county) => ({ type: 'countyMunicipalities', county }));
          case 'regions':
            // Plural: both regions, unless a county was named with the word (then it was bound above).
            return (['vastmanland', 'sormland'] as const).flatMap((county) => {
              const region = regionOf(county);
              return region ? [{ type: 'party', partyId: region.id, viaSelf: false } as const] : [];
            });
          default:
            // The programme, "all parties" and span words are read by the question as a whole.
            return [];
        }
      case 'self': {
        if (!asker) return 'noAsker';
        if (e.via === 'definite') {
          const word = tokens[m.start]!.norm;
          if (word === 'regionen' && asker.kind !== 'region') {
            const region = asker.county ? regionOf(asker.county) : undefined;
            return region ? [{ type: 'party', partyId: region.id, viaSelf: false }] : [];
          }
          if (word === 'kommunen' && asker.kind !== 'municipality') return [];
        }
        return [{ type: 'party', partyId: asker.id, viaSelf: true }];
      }
      case 'unknown':
        return [];
    }
  };
  /** One county when every other county-bound name in the question lies in it: "Köping och kommunerna". */
  const countyContext = (among: readonly Mention[]): County | null => {
    const counties = new Set<County>();
    for (const m of among) {
      const e = m.entity;
      if (e.type === 'county' || e.type === 'countyMunicipalities') counties.add(e.county);
      else if (e.type === 'party') {
        const c = orgById.get(e.partyId)?.county;
        if (c) counties.add(c);
      } else if (e.type === 'self' && asker?.county) counties.add(asker.county);
    }
    return counties.size === 1 ? [...counties][0]! : null;
  };
  const collect = (among: readonly Mention[]): CostTarget[] | 'noAsker' => {
    const context = countyContext(among);
    const out: CostTarget[] = [];
    for (const m of among) {
      const ts = targetsOf(m, context);
      if (ts === 'noAsker') return 'noAsker';
      // "vi i Köping" from Köping: one party, however often it is named.
      const same = (x: CostTarget, t: CostTarget) => (x.type === 'party' && t.type === 'party' ? x.partyId === t.partyId : JSON.stringify(x) === JSON.stringify(t));
      for (const t of ts) if (!out.some((x) => same(x, t))) out.push(t);
    }
    return out;
  };

  const unknownMention = mentions.find((m) => m.entity.type === 'unknown');
  const unknownResult = (from = 0, to = tokens.length): CostQuestion | null => {
    const um = mentions.find((m) => m.entity.type === 'unknown' && m.start >= from && m.start < to);
    if (um && um.entity.type === 'unknown') {
      const mention = tokens.slice(um.start, um.end).map((t) => t.raw).filter((r, k, a) => a.indexOf(r) === k).join(' ');
      const suggestions = um.entity.suggestions.length > 0 ? um.entity.suggestions : plausibleParties(mention, organisations);
      return { kind: 'unknownParty', mention, suggestions };
    }
    const run = unknownRuns.find((r) => r.start >= from && r.start < to);
    if (!run) return null;
    const suggestions = plausibleParties(run.text, organisations);
    // A name (capitalised, or with "kommun"/"region"), or something close to a party: not a party, clearly said.
    // A lower-case word nothing like a party ("fikat"): say what was understood instead of calling it a name.
    if (run.capitalised || run.kindWord || suggestions.length > 0) return { kind: 'unknownParty', mention: run.text, suggestions };
    return { kind: 'unclear', mention: run.text, year, span };
  };

  // "alla utom MDU", "everyone but MDU", "andra parter än MDU": a group less some of its parties.
  for (let c = 0; c < tokens.length; c++) {
    const w = norm[c]!;
    if (!COMPLEMENT.has(w) && !THAN.has(w)) continue;
    let b = c;
    while (b > 0 && ['parter', 'parterna', 'parties', 'partners'].includes(norm[b - 1]!) && !mentionEndingAt(b)) b--;
    const group = mentionEndingAt(b);
    let base: CostTarget[] | null = null;
    if (THAN.has(w)) {
      // Only "other … than": "andra parter än MDU" is every party but MDU.
      const otherWord = (group?.entity.type === 'concept' && group.entity.concept === 'otherParties') || OTHER.has(norm[b - 1] ?? '');
      if (otherWord) base = [{ type: 'programme' }];
    } else if (group && isGroupMention(group)) {
      const e = group.entity;
      base =
        e.type === 'concept' && (e.concept === 'allParties' || e.concept === 'programme')
          ? [{ type: 'programme' }]
          : (() => {
              const ts = targetsOf(group, null);
              return ts === 'noAsker' ? [] : ts;
            })();
    }
    if (!base || base.length === 0) continue;
    // The names after the word, joined by "och/and": those are taken out.
    let end = c + 1;
    if (['from', 'fran'].includes(norm[end] ?? '')) end++;
    const clauseStart = end;
    for (;;) {
      const m = mentionAt(end) ?? unknownRuns.find((r) => r.start === end);
      if (m) end = m.end;
      else if (end < tokens.length && CONNECTORS.has(norm[end]!)) end++;
      else break;
    }
    const inClause = mentions.filter((m) => m.start >= clauseStart && m.start < end);
    if (inClause.some((m) => m.entity.type === 'unknown') || unknownRuns.some((r) => r.start >= clauseStart && r.start < end)) {
      return unknownResult(clauseStart, end) ?? { kind: 'notUnderstood' };
    }
    const except = collect(inClause);
    if (except === 'noAsker') return { kind: 'askerWithoutOrganisation' };
    if (except.length === 0) continue;
    return yearProblem(base) ?? { kind: 'cost', targets: base, except, year, span };
  }

  // What-if: "Vad händer om Norberg inte deltar?", "utan Norberg", "if Norberg drops out".
  const condAt = norm.findIndex((w) => CONDITIONAL.has(w));
  const exclAt = norm.findIndex((w) => EXCLUDING.has(w));
  const exitAfterCond = condAt >= 0 ? norm.findIndex((w, i) => i > condAt && EXIT_WORDS.has(w)) : -1;
  let clause: [number, number] | null = null;
  if (condAt >= 0 && exitAfterCond > condAt) clause = [condAt + 1, exitAfterCond];
  else if (exclAt >= 0) {
    // After "utan/without": the names that follow, joined by "och/and".
    let end = exclAt + 1;
    for (;;) {
      const m = mentionAt(end) ?? unknownRuns.find((r) => r.start === end);
      if (m) end = m.end;
      else if (end < tokens.length && CONNECTORS.has(norm[end]!)) end++;
      else break;
    }
    clause = [exclAt + 1, end];
  }
  if (clause) {
    const [from, to] = clause;
    const inClause = mentions.filter((m) => m.start >= from && m.start < to);
    const outsideClause = mentions.filter((m) => m.start < from || m.start >= to);
    if (inClause.some((m) => m.entity.type === 'unknown') || (inClause.length === 0 && unknownRuns.some((r) => r.start >= from && r.start < to))) {
      return unknownResult(from, to) ?? { kind: 'notUnderstood' };
    }
    const excluded = collect(inClause);
    if (excluded === 'noAsker') return { kind: 'askerWithoutOrganisation' };
    if (excluded.length > 0) {
      const partiesOf = (t: CostTarget): string[] =>
        t.type === 'party'
          ? [t.partyId]
          : t.type === 'county' || t.type === 'countyMunicipalities'
            ? organisations.filter((o) => o.county === t.county && (t.type === 'county' || o.kind === 'municipality')).map((o) => o.id)
            : [];
      const excludedPartyIds = [...new Set(excluded.flatMap(partiesOf))];
      if (excludedPartyIds.length > 0) {
        const focusTargets = collect(outsideClause);
        if (focusTargets === 'noAsker') return { kind: 'askerWithoutOrganisation' };
        const focus = focusTargets[0] ?? null;
        return yearProblem(focus ? [focus] : []) ?? { kind: 'whatIf', excludedPartyIds, excluded, focus, year };
      }
    }
  }

  const targets = collect(mentions);
  if (targets === 'noAsker') return { kind: 'askerWithoutOrganisation' };
  const concepts = new Set(mentions.flatMap((m) => (m.entity.type === 'concept' ? [m.entity.concept] : [])));
  const partyTargets = targets.filter((t) => t.type === 'party');
  const aggregate = norm.some((w) => AGGREGATE_WORDS.has(w)) || hasPhrase(joined, AGGREGATE_PHRASES);
  // "alla parter" is the table, "alla parter tillsammans" the programme's total.
  const distributionWords = norm.some((w) => DISTRIBUTION_WORDS.has(w)) || hasPhrase(joined, DISTRIBUTION_PHRASES);
  const distribution = norm.some((w) => DISTRIBUTION_WORDS.has(w)) || ((distributionWords || concepts.has('allParties')) && !aggregate && targets.length === 0);
  // "programmet" alone is no question about money ("Vad handlar programmet om?"); with a money word it is the total.
  const total = norm.some((w) => TOTAL_WORDS.has(w)) || (concepts.has('allParties') && aggregate);
  // Names alone ("Köping 2027?", "Västerås och Köping tillsammans"): every other word is a question word.
  // A name of a party, county or group is needed: "vi tillsammans", "Is that all?" are not about money.
  const named = mentions.some((m) => m.entity.type !== 'unknown' && m.entity.type !== 'self' && !(m.entity.type === 'concept' && (m.entity.concept === 'allParties' || m.entity.concept === 'span')));
  const namesOnly = named && tokens.every((t, i) => inMention(i) || isYearToken(t) || VOCABULARY.has(t.norm) || t.norm.length < 2);
  // "alla" alone is no question about money ("Is that all?"); "Vad betalar alla?" is the table.
  const costWord = looksLikeCostQuestion(text) || total || distributionWords || namesOnly;
  if (!costWord) return { kind: 'notUnderstood' };

  if (targets.length === 0) {
    const unknown = unknownResult();
    if (unknown) return unknown;
  } else if (unknownMention && partyTargets.length === 0) {
    return unknownResult() ?? { kind: 'notUnderstood' };
  }

  if (distribution && partyTargets.length === 0 && !targets.some((t) => t.type === 'otherParties')) {
    const county = targets.flatMap((t) => (t.type === 'county' || t.type === 'countyMunicipalities' ? [t.county] : []))[0] ?? null;
    return yearProblem([]) ?? { kind: 'distribution', county, year };
  }
  if (targets.length > 0) return yearProblem(targets) ?? { kind: 'cost', targets, except: [], year, span };
  return yearProblem([]) ?? { kind: 'total', year, span };
}
