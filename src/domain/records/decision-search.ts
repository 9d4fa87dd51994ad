import type { Need } from '../needs/need.js';
import { foldText, wordInfo, words } from '../needs/swedish-text.js';
import type { DecisionBody } from './common.js';
import type { Decision } from './decision.js';

/**
 * Searching the decisions log: "beslut 2027", "beslut om kompetensförsörjning", "beslut #12". Words match the way
 * Swedish is written: inflections meet in their stem ("äldreomsorgen" finds "äldreomsorg"), a word found inside a
 * compound counts ("budget" finds "budgetförslaget"), and å/ä/ö may be typed without their dots.
 */

export interface DecisionQuery {
  year?: number | undefined;
  body?: DecisionBody | undefined;
  needNumber?: number | undefined;
  /** Content words, as typed; each must match. */
  words: string[];
}

/**
 * The query in the text after the command word. Recognised: a year (2000–2100), a need as "#12", a body by one of
 * `bodyWords` (the catalogue's names, e.g. "programrådet"), and `fillerWords` to skip ("om", "about"); the other words
 * are searched for. Punctuation is ignored.
 */
export function parseDecisionQuery({
  text,
  bodyWords = {},
  fillerWords = [],
}: {
  text: string;
  bodyWords?: Readonly<Record<string, DecisionBody>>;
  fillerWords?: readonly string[];
}): DecisionQuery {
  const query: DecisionQuery = { words: [] };
  const bodies = new Map(Object.entries(bodyWords).map(([w, b]) => [foldText(w), b]));
  const fillers = new Set(fillerWords.map(foldText));
  for (const token of text.normalize('NFC').split(/\s+/).filter(Boolean)) {
    const need = /^#(\d{1,9})[.,;:!?]*$/.exec(token);
    if (need) {
      query.needNumber = Number(need[1]);
      continue;
    }
    const year = /^(\d{4})[.,;:!?]*$/.exec(token);
    if (year && Number(year[1]) >= 2000 && Number(year[1]) <= 2100) {
      query.year = Number(year[1]);
      continue;
    }
    for (const w of words(token)) {
      const folded = foldText(w);
      const body = bodies.get(folded);
      if (body) query.body = body;
      else if (!fillers.has(folded) && !wordInfo(w).stop) query.words.push(w);
    }
  }
  return query;
}

/** Stems of a text's content words, plus their folded forms for compound matching. */
function analyse(text: string): { stems: Set<string>; folded: string[] } {
  const stems = new Set<string>();
  const folded: string[] = [];
  for (const w of words(text)) {
    const info = wordInfo(w);
    if (info.stop) continue;
    stems.add(info.stem);
    folded.push(info.folded);
  }
  return { stems, folded };
}

/** Below this length a stem found inside a longer word is more likely chance than a compound ("om" in "område"). */
const COMPOUND_MIN = 4;

const matchesWord = (doc: { stems: Set<string>; folded: string[] }, word: string): boolean => {
  const { stem } = wordInfo(word);
  if (doc.stems.has(stem)) return true;
  return stem.length >= COMPOUND_MIN && doc.folded.some((f) => f.includes(stem));
};

/**
 * The decisions that match every part of the query, newest first (by decision date, then number). With
 * `needs` given, a decision also matches on the titles of the needs it concerns. Withdrawn and superseded decisions
 * are found too (the cards mark them); pass `validOnly` to leave them out.
 */
export function searchDecisions({
  decisions,
  query,
  needs = [],
  validOnly = false,
}: {
  decisions: readonly Decision[];
  query: DecisionQuery;
  needs?: readonly Pick<Need, 'number' | 'title'>[];
  validOnly?: boolean;
}): Decision[] {
  const titles = new Map(needs.map((n) => [n.number, n.title]));
  return decisions
    .filter((d) => {
      if (validOnly && d.status !== 'valid') return false;
      if (query.year !== undefined && d.year !== query.year) return false;
      if (query.body !== undefined && d.body !== query.body) return false;
      if (query.needNumber !== undefined && !d.needNumbers.includes(query.needNumber)) return false;
      if (query.words.length === 0) return true;
      const doc = analyse([d.text, ...d.needNumbers.map((n) => titles.get(n) ?? '')].join('\n'));
      return query.words.every((w) => matchesWord(doc, w));
    })
    .sort((a, b) => Date.parse(b.decidedAt) - Date.parse(a.decidedAt) || b.number - a.number);
}
