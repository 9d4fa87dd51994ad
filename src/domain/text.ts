/**
 * Free text as it may be kept and shown: what people type reaches other people (need titles, RSVP comments, agendas),
 * so characters that change how text *looks* without being visible are removed at the edge, before anything reads it.
 *
 * - NFC: "å" typed as a + combining ring and as one code point compare and count the same.
 * - Control characters (C0 except line breaks and tab, DEL, C1): never meaningful in a chat or a card.
 * - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the invisible direction marks
 *   (U+200E, U+200F, U+061C): with them "Behov 12" can be made to render as another title, and a name can be
 *   reversed ("Trojan Source", CVE-2021-42574).
 * - Zero-width and invisible characters (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+180E, U+00AD soft hyphen): two
 *   titles that look the same would otherwise differ, and similarity search and duplicate checks would miss them.
 *   U+200D (zero-width joiner) also joins emoji sequences; they fall apart into their parts, which is acceptable.
 * - Line and paragraph separators (U+2028, U+2029) become ordinary line breaks; CR LF and CR become LF.
 */

// Built from code points so the source holds no invisible characters itself.
const ranges = (pairs: ReadonlyArray<readonly [number, number]>): string =>
  pairs.map(([a, b]) => (a === b ? `\\u{${a.toString(16)}}` : `\\u{${a.toString(16)}}-\\u{${b.toString(16)}}`)).join('');

const INVISIBLE = new RegExp(
  `[${ranges([
    [0x00, 0x08],
    [0x0b, 0x0c],
    [0x0e, 0x1f],
    [0x7f, 0x9f],
    [0xad, 0xad],
    [0x061c, 0x061c],
    [0x180e, 0x180e],
    [0x200b, 0x200f],
    [0x202a, 0x202e],
    [0x2060, 0x2064],
    [0x2066, 0x2069],
    [0xfeff, 0xfeff],
  ])}]`,
  'gu',
);

/** Characters free text must not carry, as a test for them (for tests and checks). */
export const hasInvisibleCharacters = (text: string): boolean => new RegExp(INVISIBLE.source, 'u').test(text);

/**
 * The text with the invisible and direction-changing characters removed and in NFC. Line breaks are kept (a field
 * decides itself whether it takes several lines); nothing else is changed: no trimming, no case folding.
 */
export function normaliseFreeText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .normalize('NFC');
}

/** How deep normaliseDeep walks; card data is a flat record of inputs, so anything deeper is left as it is. */
const MAX_DEPTH = 8;

/**
 * Every string in a JSON value (card data: objects, arrays, strings), keys included, normalised; other values are
 * kept. Returns a new value; the input is not changed.
 */
export function normaliseDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return normaliseFreeText(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => normaliseDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // defineProperty, not assignment: a key "__proto__" stays a plain key and never reaches the prototype.
    Object.defineProperty(out, normaliseFreeText(k), { value: normaliseDeep(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
