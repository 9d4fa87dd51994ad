import * as snowballModule from 'snowball-stemmers';
import { swedishStopWords } from './swedish-stop-words.js';

/** Lower case, then å/ä/ö, é, ü… folded to their base letters (æ → ae, ø → o, ß → ss) so spellings without them match. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .normalize('NFC');
}

/**
 * Diacritics Swedish does not have as letters folded away, å/ä/ö kept: "kvalitén" → "kvaliten", so the stemmer
 * treats it like the spelling without the accent.
 */
function foldForeign(word: string): string {
  return word
    .normalize('NFD')
    .replace(/([ao])([\u030a\u0308])|\p{M}+/gu, (_m, base: string | undefined, mark: string | undefined) => (base && mark ? base + mark : ''))
    .normalize('NFC');
}

const stopWords = new Set(swedishStopWords.map(foldText));

/** True when a word (any case, with or without diacritics) carries no meaning for similarity. */
export const isStopWord = (word: string): boolean => stopWords.has(foldText(word));

/** Words in reading order: lower case, letters and digits only, at least two characters, no bare numbers. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && !/^\p{N}+$/u.test(w));
}

/** Words that say something: stop words removed. */
export const contentWords = (text: string): string[] => words(text).filter((w) => !isStopWord(w));

// Node's ESM loader (tsx, vitest) gives this CommonJS module's exports as `default`; a CommonJS transpile gives the
// names. Take whichever is there.
const snowball = typeof snowballModule.newStemmer === 'function' ? snowballModule : snowballModule.default;
const stemmer = snowball.newStemmer('swedish');

export interface WordInfo {
  /** Case and diacritics folded. */
  folded: string;
  /**
   * The Swedish Snowball stem, folded. The stemmer runs before folding because its suffix rules and regions know
   * å, ä and ö ("välfärden" → "välfärd" → "valfard").
   */
  stem: string;
  stop: boolean;
}

// The vocabulary of a needs register is small (tens of thousands of words), so every word is analysed once; the
// cap only guards a long-lived process against unbounded input.
const CACHE_MAX = 200_000;
const cache = new Map<string, WordInfo>();

/** Everything similarity needs to know about one lower-cased word from words(). */
export function wordInfo(word: string): WordInfo {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const folded = foldText(word);
  const info: WordInfo = { folded, stem: foldText(stemmer.stem(foldForeign(word))), stop: stopWords.has(folded) };
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, info);
  return info;
}

export const stem = (word: string): string => wordInfo(word.toLowerCase().normalize('NFC')).stem;
