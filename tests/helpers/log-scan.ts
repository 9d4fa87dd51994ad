/**
 * Finds personal data in captured log output: each needle (a name, an e-mail address, a comment someone typed) that
 * occurs in any line, compared case-insensitively. JSON escapes are undone first, so "Provstr\u00f6m" is found too.
 */
export function personalDataIn(lines: readonly string[], needles: Iterable<string>): string[] {
  const text = lines.map((line) => {
    try {
      return JSON.stringify(JSON.parse(line), (_k, v: unknown) => v).normalize('NFC');
    } catch {
      return line.normalize('NFC');
    }
  }).join('\n').toLowerCase();
  const decoded = text.replace(/\\u([0-9a-f]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const found = new Set<string>();
  for (const needle of needles) {
    const n = needle.trim().normalize('NFC').toLowerCase();
    if (n.length >= 4 && decoded.includes(n)) found.add(needle);
  }
  return [...found];
}

/** Card input ids whose values are free text or contact details (need form, meeting form, RSVP). */
export const FREE_TEXT_INPUTS = new Set(['title', 'description', 'contactName', 'contactEmail', 'comment', 'place', 'agenda', 'reason', 'text', 'note']);

/**
 * What a test typed that the log must never repeat: chat messages of two or more words (commands are single words
 * or fixed phrases the log names by route instead, and never contain personal data) and free-text card inputs.
 */
export function typedTexts(kind: 'chat' | 'card', value: unknown): string[] {
  if (kind === 'chat') return typeof value === 'string' && value.trim().split(/\s+/).length >= 3 ? [value.trim()] : [];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => (FREE_TEXT_INPUTS.has(k) && typeof v === 'string' && /\p{L}{3}/u.test(v) ? [v] : []));
}
