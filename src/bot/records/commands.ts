/**
 * The records feature's chat commands, Swedish and English: "kallelse"/"notice", "närvaro"/"attendance",
 * "beslut"/"decisions" with a search ("beslut 2027", "beslut om kompetensförsörjning", "beslut #12"),
 * "åtgärder"/"actions", "protokoll"/"minutes", "per capsulam". Case, extra spaces and missing dots are ignored.
 */
export type RecordsCommand =
  | { kind: 'notice' }
  | { kind: 'attendance' }
  | { kind: 'decisions'; query: string }
  | { kind: 'actions' }
  | { kind: 'minutes' }
  | { kind: 'perCapsulam' };

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();

const WORDS: Record<string, RecordsCommand['kind']> = {
  kallelse: 'notice',
  kallelser: 'notice',
  dagordning: 'notice',
  notice: 'notice',
  agenda: 'notice',
  narvaro: 'attendance',
  attendance: 'attendance',
  atgarder: 'actions',
  'mina atgarder': 'actions',
  actions: 'actions',
  'my actions': 'actions',
  protokoll: 'minutes',
  minutes: 'minutes',
  'per capsulam': 'perCapsulam',
};

/** At most this many characters of search text are read. */
export const DECISION_QUERY_MAX = 200;

export function matchRecordsCommand(text: string): RecordsCommand | undefined {
  const s = fold(text);
  const kind = WORDS[s];
  if (kind) return kind === 'decisions' ? { kind, query: '' } : ({ kind } as RecordsCommand);
  const d = /^(?:beslut|decisions?)(?:\s+(.*))?$/i.exec(text.trim().normalize('NFC'));
  if (d && /^(?:beslut|decisions?)$/.test(fold(text.trim().split(/\s+/)[0] ?? ''))) {
    const query = (d[1] ?? '').trim();
    return query.length > DECISION_QUERY_MAX ? { kind: 'decisions', query: query.slice(0, DECISION_QUERY_MAX) } : { kind: 'decisions', query };
  }
  return undefined;
}
