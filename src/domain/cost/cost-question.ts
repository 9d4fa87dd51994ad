import type { County, Organisation } from '../organisations.js';
import { distance, fuzzyEquals, normalise, tokenise, typoDistance, type Token } from './text-match.js';

/**
 * Reads a cost question as people type it in chat (Swedish or English, with or without å/ä/ö, small typos,
 * aliases like "Region V") and says what it asks. Pure: no figures here; the bot computes and words the
 * answer. Never guesses a party it does not know: an unknown name comes back as `unknownParty` with the
 * closest parties as suggestions.
 */

export type CostTarget =
  | { type: 'party'; partyId: string; viaSelf: boolean }
  | { type: 'county'; county: County }
  | { type: 'countyMunicipalities'; county: County };

/** Whether the question asks for the yearly figure, the whole period's, or does not say. */
export type CostSpan = 'year' | 'period' | null;

export type CostQuestion =
  /** What one or more parties (or a county, or a county's municipalities) pay. */
  | { kind: 'cost'; targets: CostTarget[]; year: number | null; span: CostSpan }
  /** The programme's total cost. */
  | { kind: 'total'; year: number | null; span: CostSpan }
  /** How the cost is divided: the overview table (optionally one county's part of it). */
  | { kind: 'distribution'; county: County | null; year: number | null }
  /** A what-if: the figures if these parties did not take part. `focus` is whom the asker asked about, if anyone. */
  | { kind: 'whatIf'; excludedPartyIds: string[]; excluded: CostTarget[]; focus: CostTarget | null; year: number | null }
  /** A year outside the agreement's period: the answer says which years the agreement covers. */
  | { kind: 'yearOutsidePeriod'; year: number; firstYear: number; lastYear: number; targets: CostTarget[] }
  /** A name that is not a party; `suggestions` are party ids, closest first. */
  | { kind: 'unknownParty'; mention: string; suggestions: string[] }
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

// ---- vocabulary -------------------------------------------------------------------------------------------

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Counties by name; the regions and Länsstyrelsen come from data/organisations.json. */
const COUNTY_PHRASES: ReadonlyArray<readonly [string, County]> = [
  ['vastmanland', 'vastmanland'],
  ['vastmanlands', 'vastmanland'],
  ['vastmanlands lan', 'vastmanland'],
  ['vastmanland county', 'vastmanland'],
  ['sormland', 'sormland'],
  ['sormlands', 'sormland'],
  ['sormlands lan', 'sormland'],
  ['sodermanland', 'sormland'],
  ['sodermanlands', 'sormland'],
  ['sodermanlands lan', 'sormland'],
  ['sodermanland county', 'sormland'],
  ['sormland county', 'sormland'],
];

const SELF = words('vi oss we us our ours');
/** "vår" without its ring is "var" (where/was): only counted as "our" before a word like "kostnad". */
const SELF_AMBIGUOUS = words('var vart vara');
const SELF_AMBIGUOUS_NEXT = words('kostnad kostnaden kostnader andel andelen del bidrag bidraget organisation kommun region avgift insats share');
/** "the municipality" / "the region" / "my organisation" said by someone from one. */
const SELF_DEFINITE = words('kommunen regionen organisationen');
const SELF_POSSESSIVE = words('min mitt mina my');
const SELF_POSSESSED = words('kommun region organisation organisations organization municipality myndighet');

const MUNICIPALITIES_WORDS = words('kommunerna kommuner kommunernas municipalities municipals');

const COST_WORDS = [
  'kostar', 'kosta', 'kostnad', 'kostnaden', 'kostnader', 'kostnaderna', 'totalkostnad', 'totalkostnaden', 'betalar', 'betala',
  'betalas', 'avgift', 'avgiften', 'bidrag', 'bidraget', 'andel', 'andelen', 'pengar', 'kronor', 'finansiering', 'finansierar',
  'budget', 'fordelas', 'fordelning', 'fordelningen', 'kostnadsfordelning', 'cost', 'costs', 'pay', 'pays', 'paying', 'payment',
  'price', 'fee', 'fees', 'contribution', 'contribute', 'contributes', 'money', 'spend', 'funding', 'kr', 'sek',
];
const COST_PREFIXES = ['kostn', 'kostar', 'betal', 'avgift', 'fordel', 'finansi', 'bidrag', 'totalkost', 'cost', 'payment', 'contribut'];

const TOTAL_WORDS = words('totalkostnad totalkostnaden totalt total sammanlagt summa overall helheten');
const DISTRIBUTION_WORDS = words(
  'fordelas fordelning fordelningen fordelad kostnadsfordelning kostnadsfordelningen split divided distributed distribution breakdown tabell tabellen table oversikt oversikten overview excel kalkylblad spreadsheet csv',
);
const DISTRIBUTION_PHRASES = ['alla parter', 'varje part', 'per part', 'each party', 'every party', 'all parties', 'all the parties', 'broken down', 'delas upp'];

/** What "hur mycket"/"how much" may ask about other than money; the stems are the other features' topics. */
const OTHER_MEASURES = words('tid time timmar timme hours hour minuter minutes dagar days veckor weeks folk people personer platser seats plats arbete work');
const OTHER_TOPICS = ['behov', 'need', 'mote', 'meeting', 'programrad', 'programgrupp'];

const CONDITIONAL = words('om ifall if');
const EXCLUDING = words('utan without except excluding exklusive forutom');
const EXIT_WORDS = words('inte ej not doesn don isn won hoppar lamnar drops drop leaves leave withdraws withdraw quits quit slutar avstar avbryter');
const CONNECTORS = words('och and eller or samt');

const YEAR_SPAN_PHRASES = ['per ar', 'om aret', 'arligen', 'arlig', 'arliga', 'arsavgift', 'varje ar', 'per year', 'a year', 'yearly', 'annually', 'annual', 'each year', 'every year', 'per annum'];
const PERIOD_SPAN_PHRASES = ['hela perioden', 'perioden', 'avtalsperioden', 'hela avtalsperioden', 'totalt', 'sammanlagt', 'in total', 'over the period', 'whole period', 'entire period', 'the period', 'alla tre aren', 'tre ar', 'three years', 'all three years'];

/** Words after which a party's name usually stands. */
const PARTY_SLOT = words('betalar betala kostar for om ifall utan bidrar does do pays pay for if without except som region lansstyrelsen kommun');

/** Words a cost question is made of; anything else may be a name we do not know. */
const VOCABULARY = words(`
  vad hur mycket kostar kosta kostnad kostnaden kostnader kostnaderna totalkostnad totalkostnaden betalar betala betalas betalat
  ska skall blir bli ar det den de dom detta denna dessa for om inte ej deltar delta deltagande deltagare med i pa per aret arligen arlig arliga
  av och till fran var vart vara vi oss min mitt mina jag mig du ni er ert era kommunen kommunerna kommun kommuner kommunernas regionen
  region regionerna stark avtalet avtal avtalets hela perioden period avtalsperioden totalt total summa sammanlagt andel andelen del bidrag
  bidraget fordelas fordelning fordelningen fordelad kostnadsfordelning hander hande sa nar sig ur utan hoppar lamnar kr kronor sek
  pengar avgift avgiften egentligen nu da alltsa tack hej hejsan kan kunna svara berakna rakna visa lan lanet lanen lans varje alla
  parter part parterna parternas over under ungefar exakt eller som far fa vilken vilket vilka nasta forra tre gang ganger ifall
  forutom exklusive tabell tabellen oversikt excel kalkylblad organisationen organisation myndighet myndigheten skulle kommer vill veta
  undrar fraga behover mest minst lika stor storre mindre vem vilka betalning finansiering finansierar budget slutar avstar
  what how much does do did will would is are the a an of for to in on per year years yearly annually annual pay pays paying
  paid cost costs total whole period share split divided distributed distribution breakdown broken down if not doesn don t isn
  won participate participates participating join joins drops drop out leave leaves withdraw withdraws quit quits without except excluding
  we us our ours my me you stark agreement county counties municipality municipalities region regions each every party parties
  contribution contributions money happens happen happened show tell please hi hello thanks thank over from and or then next this
  that be can could should amount overall all three table overview spreadsheet csv price fee fees who which payment funding
  entire annum s know want to me us it its there here get gets much many hittar hitta finns where find bidrar bidra
`);

// ---- reading the text -------------------------------------------------------------------------------------

type Entity = { type: 'party'; partyId: string } | { type: 'county'; county: County };

interface Mention {
  start: number;
  end: number;
  entity: Entity | { type: 'self'; via: 'pronoun' | 'definite' } | { type: 'unknown'; suggestions: string[] };
}

interface PhraseIndex {
  exact: Map<string, Entity>;
  byLength: Map<number, { phrase: string; entity: Entity }[]>;
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
  const byLength = new Map<number, { phrase: string; entity: Entity }[]>();
  for (const [phrase, entity] of exact) {
    const n = phrase.split(' ').length;
    byLength.set(n, [...(byLength.get(n) ?? []), { phrase, entity }]);
  }
  return { exact, byLength };
}

const entityKey = (e: Entity) => (e.type === 'party' ? `p:${e.partyId}` : `c:${e.county}`);
const isYearToken = (t: Token) => /^(19|20)\d{2}$/.test(t.norm);
const inVocabulary = (norm: string) => VOCABULARY.has(norm) || (norm.length >= 5 && [...VOCABULARY].some((w) => w.length >= 5 && fuzzyEquals(norm, w)));
const hasPhrase = (norm: string, phrases: readonly string[]) => phrases.some((p) => ` ${norm} `.includes(` ${p} `));

/** Party ids closest to a name nobody recognises, best first. */
function suggestionsFor(mention: string, organisations: readonly Organisation[], limit = 3): string[] {
  const m = normalise(mention);
  const scored = organisations.map((org) => {
    const phrases = [org.name, org.shortName, ...org.aliases].map(normalise);
    const best = Math.min(...phrases.flatMap((p) => [distance(m, p), ...p.split(' ').filter((w) => w.length >= 4).map((w) => distance(m, w) + 1)]));
    return { id: org.id, best };
  });
  return scored.sort((a, b) => a.best - b.best || a.id.localeCompare(b.id)).slice(0, limit).map((s) => s.id);
}

function findMentions(tokens: Token[], organisations: readonly Organisation[]): Mention[] {
  const index = phraseIndex(organisations);
  const used = tokens.map(() => false);
  const found: Mention[] = [];
  const free = (s: number, e: number) => used.slice(s, e).every((u) => !u);
  const take = (s: number, e: number, entity: Mention['entity']) => {
    for (let i = s; i < e; i++) used[i] = true;
    found.push({ start: s, end: e, entity });
  };
  // Longest exact phrases first: "Region Sörmland" before "Sörmland".
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
      if (entities.size === 1) take(s, s + len, [...entities.values()][0]!);
      else
        take(s, s + len, {
          type: 'unknown',
          suggestions: [...entities.values()].flatMap((e) => (e.type === 'party' ? [e.partyId] : [])),
        });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** "Länsstyrelsen Västmanland": a party name followed by another county's name is not that party. */
function conflicts(m: Mention, next: Mention | undefined, tokens: Token[], organisations: readonly Organisation[]): boolean {
  if (!next || m.entity.type !== 'party' || next.entity.type !== 'county') return false;
  const gap = tokens.slice(m.end, next.start).map((t) => t.norm);
  if (gap.length > 1 || (gap.length === 1 && gap[0] !== 'i' && gap[0] !== 'in')) return false;
  const partyId = m.entity.partyId;
  const org = organisations.find((o) => o.id === partyId);
  return org?.county !== null && org?.county !== undefined && org.county !== next.entity.county;
}

function readYear(text: string, tokens: Token[], currentYear: number | undefined): { year: number | null; range: [number, number] | null } {
  const range = /\b((?:19|20)\d{2})\s*(?:-|–|—|till|to|until)\s*((?:19|20)\d{2})\b/i.exec(text);
  if (range) return { year: null, range: [Number(range[1]), Number(range[2])] };
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
 * Cheap check for the router: does this text look like a question about money in STARK (or a what-if about a
 * party leaving)? True is a hint, not a promise: `interpretCostQuestion` may still say `notUnderstood`.
 */
export function looksLikeCostQuestion(text: string): boolean {
  const tokens = tokenise(text);
  if (tokens.length === 0 || tokens.length > 60) return false;
  const norm = tokens.map((t) => t.norm);
  if (norm.some((w) => COST_PREFIXES.some((p) => w.startsWith(p)))) return true;
  if (norm.some((w) => w.length >= 5 && COST_WORDS.some((c) => c.length >= 5 && fuzzyEquals(w, c)))) return true;
  if (norm.some((w) => w === 'kr' || w === 'sek' || w === 'pay' || w === 'fee')) return true;
  const joined = norm.join(' ');
  // "hur mycket"/"how much" alone is money only when nothing else is being measured: "Hur mycket tid tar ett
  // möte?" and "How much time do we need?" belong to other features (the cost route is tried before them).
  if (hasPhrase(joined, ['hur mycket', 'how much']) && !norm.some((w) => OTHER_MEASURES.has(w) || OTHER_TOPICS.some((p) => w.startsWith(p)))) return true;
  // "share" alone is too common ("share the agenda"); "our share", "Köping's share", "share of the cost" are money.
  if (/\b(our|my|their|whose|s|the) share\b|\bshare of\b/.test(joined)) return true;
  // What-ifs about a party leaving, asked without a money word.
  const conditional = norm.some((w) => CONDITIONAL.has(w) || EXCLUDING.has(w));
  const leaving = /\b(inte|ej) (deltar|delta|ar med|vara med)\b|\bhoppar av\b|\blamnar\b|\b(doesn t|don t|does not|do not|not) (participate|join|take part)\b|\bdrops? out\b|\bwithdraws?\b|\bleaves?\b/.test(joined);
  return conditional && leaving;
}

export function interpretCostQuestion(input: CostQuestionInput): CostQuestion {
  const { text, organisations, period } = input;
  const tokens = tokenise(text);
  const norm = tokens.map((t) => t.norm);
  const joined = norm.join(' ');
  const asker = input.askerOrganisationId ? organisations.find((o) => o.id === input.askerOrganisationId) : undefined;

  // Names of parties and counties.
  const raw = findMentions(tokens, organisations);
  const mentions: Mention[] = [];
  for (let i = 0; i < raw.length; i++) {
    const m = raw[i]!;
    if (conflicts(m, raw[i + 1], tokens, organisations)) {
      const span = tokens.slice(m.start, raw[i + 1]!.end);
      const mention = span.map((t) => t.raw).filter((r, k, a) => a.indexOf(r) === k).join(' ');
      mentions.push({ start: m.start, end: raw[i + 1]!.end, entity: { type: 'unknown', suggestions: suggestionsFor(mention, organisations) } });
      i++;
      continue;
    }
    mentions.push(m);
  }
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
    else if (SELF_DEFINITE.has(t.norm) && !MUNICIPALITIES_WORDS.has(t.norm)) mentions.push({ start: i, end: i + 1, entity: { type: 'self', via: 'definite' } });
  });
  mentions.sort((a, b) => a.start - b.start);

  // Words that are neither question words nor known names, written like a name (capitalised inside the
  // sentence) or standing where a party goes ("betalar X", "för X", "does X", "om X"): perhaps a party we
  // do not know. Any other unknown word is ignored rather than taken for a name.
  const unknownRuns: { start: number; end: number; text: string }[] = [];
  tokens.forEach((t, i) => {
    if (inMention(i) || isYearToken(t) || t.norm.length < 3 || /^\d+$/.test(t.norm) || inVocabulary(t.norm)) return;
    const last = unknownRuns.at(-1);
    const nameLike = (i > 0 && /^\p{Lu}/u.test(t.raw)) || PARTY_SLOT.has(tokens[i - 1]?.norm ?? '') || (last !== undefined && last.end === i);
    if (!nameLike) return;
    if (last && last.end === i) {
      last.end = i + 1;
      last.text += ` ${t.raw}`;
    } else unknownRuns.push({ start: i, end: i + 1, text: t.raw });
  });
  // Keep "kommun"/"region" with the unknown name they belong to: "Uppsala kommun", "Region Uppsala".
  for (const run of unknownRuns) {
    const before = tokens[run.start - 1];
    const after = tokens[run.end];
    if (before && ['region', 'lansstyrelsen', 'kommun'].includes(before.norm)) run.text = `${before.raw} ${run.text}`;
    if (after && ['kommun', 'stad', 'region', 'lan', 'county', 'municipality'].includes(after.norm)) run.text = `${run.text} ${after.raw}`;
  }

  /** A mention as a target; self needs the asker's organisation. */
  const targetOf = (m: Mention): CostTarget | 'noAsker' | null => {
    const e = m.entity;
    if (e.type === 'party') return { type: 'party', partyId: e.partyId, viaSelf: false };
    if (e.type === 'county') {
      const near = tokens.slice(Math.max(0, m.start - 3), m.end + 3).some((t) => MUNICIPALITIES_WORDS.has(t.norm));
      return near ? { type: 'countyMunicipalities', county: e.county } : { type: 'county', county: e.county };
    }
    if (e.type === 'self') {
      if (!asker) return 'noAsker';
      if (e.via === 'definite') {
        const word = tokens[m.start]!.norm;
        if (word === 'regionen' && asker.kind !== 'region') {
          const region = organisations.find((o) => o.kind === 'region' && o.county === asker.county);
          return region ? { type: 'party', partyId: region.id, viaSelf: false } : null;
        }
        if (word === 'kommunen' && asker.kind !== 'municipality') return null;
      }
      return { type: 'party', partyId: asker.id, viaSelf: true };
    }
    return null;
  };
  const unknownMention = mentions.find((m) => m.entity.type === 'unknown');
  const unknownResult = (): CostQuestion | null => {
    if (unknownMention && unknownMention.entity.type === 'unknown') {
      const mention = tokens.slice(unknownMention.start, unknownMention.end).map((t) => t.raw).join(' ');
      const suggestions = unknownMention.entity.suggestions.length > 0 ? unknownMention.entity.suggestions : suggestionsFor(mention, organisations);
      return { kind: 'unknownParty', mention, suggestions };
    }
    const run = unknownRuns[0];
    return run ? { kind: 'unknownParty', mention: run.text, suggestions: suggestionsFor(run.text, organisations) } : null;
  };

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
      const m = mentions.find((x) => x.start === end) ?? unknownRuns.find((r) => r.start === end);
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
      return unknownResult() ?? { kind: 'notUnderstood' };
    }
    const excluded: CostTarget[] = [];
    for (const m of inClause) {
      const t = targetOf(m);
      if (t === 'noAsker') return { kind: 'askerWithoutOrganisation' };
      if (t) excluded.push(t);
    }
    if (excluded.length > 0) {
      const partiesOf = (t: CostTarget): string[] =>
        t.type === 'party'
          ? [t.partyId]
          : organisations.filter((o) => o.county === t.county && (t.type === 'county' || o.kind === 'municipality')).map((o) => o.id);
      const excludedPartyIds = [...new Set(excluded.flatMap(partiesOf))];
      let focus: CostTarget | null = null;
      for (const m of outsideClause) {
        const t = targetOf(m);
        if (t === 'noAsker') return { kind: 'askerWithoutOrganisation' };
        if (t) {
          focus = t;
          break;
        }
      }
      return yearProblem(focus ? [focus] : []) ?? { kind: 'whatIf', excludedPartyIds, excluded, focus, year };
    }
  }

  const targets: CostTarget[] = [];
  for (const m of mentions) {
    const t = targetOf(m);
    if (t === 'noAsker') return { kind: 'askerWithoutOrganisation' };
    if (t && !targets.some((x) => JSON.stringify(x) === JSON.stringify(t))) targets.push(t);
  }
  const partyTargets = targets.filter((t) => t.type === 'party');
  const distribution = norm.some((w) => DISTRIBUTION_WORDS.has(w)) || hasPhrase(joined, DISTRIBUTION_PHRASES);
  const total = norm.some((w) => TOTAL_WORDS.has(w)) || hasPhrase(joined, ['hela kostnaden', 'whole programme', 'whole program', 'hela programmet']);
  const costWord = looksLikeCostQuestion(text) || total || distribution;

  if (targets.length === 0) {
    const unknown = unknownResult();
    if (unknown && costWord) return unknown;
  } else if (unknownMention && partyTargets.length === 0) {
    return unknownResult() ?? { kind: 'notUnderstood' };
  }

  if (distribution && partyTargets.length === 0) {
    const county = targets.flatMap((t) => (t.type === 'party' ? [] : [t.county]))[0] ?? null;
    return yearProblem([]) ?? { kind: 'distribution', county, year };
  }
  if (targets.length > 0) return yearProblem(targets) ?? { kind: 'cost', targets, year, span };
  if (costWord) return yearProblem([]) ?? { kind: 'total', year, span };
  if (unknownMention) return unknownResult() ?? { kind: 'notUnderstood' };
  return { kind: 'notUnderstood' };
}
