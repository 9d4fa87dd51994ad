import { distance } from 'fastest-levenshtein';

/** A word of the typed text: its normalised form and where it sits in the original. */
export interface Token {
  norm: string;
  /** The original spelling (for quoting an unknown name back). */
  raw: string;
  /** Whether the original had å, ä or ö (tells "vår" from "var"). */
  hadDiacritics: boolean;
  index: number;
}

/**
 * Lower case, å/ä/ö and other accents folded to a/a/o, punctuation to spaces: people write "Vasteras",
 * "Västerås" and "VÄSTERÅS" for the same place. Digits are kept (years).
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/[’']/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function tokenise(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const raw = m[0];
    const norm = normalise(raw);
    if (!norm) continue;
    for (const part of norm.split(' ')) out.push({ norm: part, raw, hadDiacritics: /[åäöÅÄÖ]/.test(raw), index: out.length });
  }
  return out;
}

/**
 * How many typing errors a word of this length may carry and still match: none for short words (MDU, Sala,
 * Flen would collide with ordinary words), one up to eight letters, two beyond.
 */
export function typoAllowance(length: number): number {
  return length <= 4 ? 0 : length <= 8 ? 1 : 2;
}

/**
 * Edit distance counting a swap of two neighbouring letters as one error ("Köpnig" for "Köping"), which
 * plain Levenshtein counts as two (optimal string alignment distance).
 */
export function typoDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** A typo-tolerant comparison; the first letter must agree (Enköping is not a misspelt Köping). */
export function fuzzyEquals(typed: string, known: string): boolean {
  if (typed === known) return true;
  if (typed[0] !== known[0]) return false;
  const allowed = typoAllowance(known.replace(/ /g, '').length);
  // Levenshtein is a lower bound of the swap-aware distance: a cheap filter before the full count.
  return allowed > 0 && Math.abs(typed.length - known.length) <= allowed && distance(typed, known) <= allowed * 2 && typoDistance(typed, known) <= allowed;
}


/**
 * Typing errors per letter, 0 (same) to 1 (nothing alike): the swap-aware edit distance divided by the longer
 * word's length, so "Enköping"/"Köping" (2 of 8) is closer than "Uppsala"/"Arboga" (5 of 7).
 */
export function normalisedDistance(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 0 : typoDistance(a, b) / longest;
}

/**
 * Whether the text is written in capitals ("VAD BETALAR KÖPING"): then a capital letter says nothing about
 * whether a word is a name.
 */
export function isShouting(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 4) return false;
  const upper = letters.filter((l) => l !== l.toLowerCase()).length;
  return upper / letters.length >= 0.7;
}
