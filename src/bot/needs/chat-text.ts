import type { NeedFilter } from '../../domain/needs/lists.js';
import { TITLE_MAX, type NeedStatus, type ProgrammeArea } from '../../domain/needs/need.js';
import { cleanFormText } from '../../domain/needs/need-form.js';
import { foldText } from '../../domain/needs/swedish-text.js';
import type { County } from '../../domain/organisations.js';

/** What a chat message asks of the needs feature. */
export type NeedsCommand =
  | { kind: 'newNeed' }
  /** "Behov: …" / "Need: …": the form, prefilled for the person to check. */
  | { kind: 'needFromText'; prefill: { title: string; description: string } }
  | { kind: 'myNeeds' }
  /** "alla behov [filters]"; words that were not understood as a filter are handed back to be named. */
  | { kind: 'allNeeds'; filter: NeedFilter; unknown: string[] }
  | { kind: 'showNeed'; number: number }
  | { kind: 'overview'; round?: number }
  | { kind: 'openRound' };

/** Teams puts "<at>Bot</at>" in channel messages; it is not part of what the person asked. */
const stripMentions = (text: string): string => text.replace(/<at>[^<]*<\/at>/gi, ' ');

/** Lower case, diacritics folded, punctuation to spaces: "Nytt behov!" and "nytt  BEHOV" read the same. */
const normalise = (text: string): string =>
  foldText(text)
    .replace(/[^a-z0-9#]+/g, ' ')
    .trim();

const NEW_NEED = new Set(['nytt behov', 'nya behov', 'ett nytt behov', 'lamna behov', 'lamna in behov', 'lamna in ett behov', 'registrera behov', 'new need', 'a new need', 'submit need', 'submit a need']);
const MY_NEEDS = new Set(['mina behov', 'vara behov', 'min organisations behov', 'my needs', 'our needs']);
const ALL_NEEDS = ['alla behov', 'all needs'];
const OVERVIEW = ['behovsoversikt', 'behovsoversikten', 'oversikt behov', 'oversikt over behov', 'oversikt over behoven', 'behov oversikt', 'needs overview', 'overview of needs', 'overview needs'];
const OPEN_ROUND = new Set(['oppna behovsomgang', 'oppna en behovsomgang', 'oppna omgang', 'ny behovsomgang', 'open needs round', 'open a needs round', 'open round', 'new needs round']);
const SHOW = /^(?:(?:visa\s+)?behov(?:et)?|(?:show\s+)?need)?\s*#?\s*(\d{1,9})$/;
const FROM_TEXT = /^\s*(?:nytt\s+behov|behov|new\s+need|need)\s*:\s*([\s\S]*)$/i;

/** Parses a chat message for the needs feature; null when it is not about needs. */
export function parseNeedsCommand(text: string): NeedsCommand | null {
  const raw = stripMentions(text).trim();
  const fromText = FROM_TEXT.exec(raw);
  if (fromText) {
    const prefill = prefillFromText(fromText[1]!);
    return prefill.title === '' ? { kind: 'newNeed' } : { kind: 'needFromText', prefill };
  }
  const n = normalise(raw);
  if (NEW_NEED.has(n)) return { kind: 'newNeed' };
  if (MY_NEEDS.has(n)) return { kind: 'myNeeds' };
  if (OPEN_ROUND.has(n)) return { kind: 'openRound' };
  const show = SHOW.exec(n);
  if (show && (n.startsWith('#') || /^(visa|behov|show|need)/.test(n))) return { kind: 'showNeed', number: Number(show[1]) };
  for (const o of OVERVIEW) {
    if (n === o) return { kind: 'overview' };
    const year = new RegExp(`^${o} (?:for |programar |ar |year )?(20\\d\\d)$`).exec(n);
    if (year) return { kind: 'overview', round: Number(year[1]) };
  }
  for (const a of ALL_NEEDS) {
    if (n === a || n.startsWith(`${a} `)) return { kind: 'allNeeds', ...parseFilters(raw.replace(/^\s*\S+\s+\S+/, '')) };
  }
  return null;
}

// Filter words, folded. Longer phrases are tried first, so "under beredning" wins over "beredning".
const AREA_WORDS: Array<[string, ProgrammeArea]> = [
  ['den framtida valfarden', 'framtida-valfarden'],
  ['framtida valfarden', 'framtida-valfarden'],
  ['future welfare', 'framtida-valfarden'],
  ['framtida', 'framtida-valfarden'],
  ['valfard', 'framtida-valfarden'],
  ['valfarden', 'framtida-valfarden'],
  ['welfare', 'framtida-valfarden'],
  ['den resilienta organisationen', 'resilienta-organisationen'],
  ['resilienta organisationen', 'resilienta-organisationen'],
  ['resilient organisation', 'resilienta-organisationen'],
  ['resilient organization', 'resilienta-organisationen'],
  ['resilienta', 'resilienta-organisationen'],
  ['resilient', 'resilienta-organisationen'],
  ['resiliens', 'resilienta-organisationen'],
  ['resilience', 'resilienta-organisationen'],
  ['den mojliggorande byrakratin', 'mojliggorande-byrakratin'],
  ['mojliggorande byrakratin', 'mojliggorande-byrakratin'],
  ['enabling bureaucracy', 'mojliggorande-byrakratin'],
  ['mojliggorande', 'mojliggorande-byrakratin'],
  ['byrakrati', 'mojliggorande-byrakratin'],
  ['byrakratin', 'mojliggorande-byrakratin'],
  ['bureaucracy', 'mojliggorande-byrakratin'],
  ['enabling', 'mojliggorande-byrakratin'],
];
const COUNTY_WORDS: Array<[string, County]> = [
  ['vastmanlands lan', 'vastmanland'],
  ['sodermanlands lan', 'sormland'],
  ['sormlands lan', 'sormland'],
  ['vastmanland', 'vastmanland'],
  ['vastmanlands', 'vastmanland'],
  ['sormland', 'sormland'],
  ['sormlands', 'sormland'],
  ['sodermanland', 'sormland'],
  ['sodermanlands', 'sormland'],
];
const STATUS_WORDS: Array<[string, NeedStatus]> = [
  ['ingar i programplan', 'ingar-i-programplan'],
  ['ingar i programplanen', 'ingar-i-programplan'],
  ['in the programme plan', 'ingar-i-programplan'],
  ['in programme plan', 'ingar-i-programplan'],
  ['under beredning', 'under-beredning'],
  ['under review', 'under-beredning'],
  ['in review', 'under-beredning'],
  ['inkommen', 'inkommen'],
  ['inkomna', 'inkommen'],
  ['inkommet', 'inkommen'],
  ['received', 'inkommen'],
  ['beredning', 'under-beredning'],
  ['bereds', 'under-beredning'],
  ['programplan', 'ingar-i-programplan'],
  ['programplanen', 'ingar-i-programplan'],
  ['planned', 'ingar-i-programplan'],
  ['included', 'ingar-i-programplan'],
  ['avslagen', 'avslagen'],
  ['avslagna', 'avslagen'],
  ['avslaget', 'avslagen'],
  ['avslag', 'avslagen'],
  ['rejected', 'avslagen'],
  ['declined', 'avslagen'],
  ['sammanslagen', 'sammanslagen'],
  ['sammanslagna', 'sammanslagen'],
  ['sammanslaget', 'sammanslagen'],
  ['merged', 'sammanslagen'],
  ['tillbakadragen', 'tillbakadragen'],
  ['tillbakadragna', 'tillbakadragen'],
  ['tillbakadraget', 'tillbakadragen'],
  ['withdrawn', 'tillbakadragen'],
];
/** Words that join filters without meaning one: "alla behov i sörmland från 2027 med status inkommen". */
const FILLER = new Set(['i', 'fran', 'for', 'med', 'och', 'status', 'lan', 'omrade', 'programomrade', 'programar', 'ar', 'omgang', 'omgangen', 'in', 'from', 'with', 'and', 'of', 'the', 'county', 'area', 'year', 'round', 'behov', 'needs', 'som', 'are', 'is']);

/** The filters in the words after "alla behov"; unknown words are returned as typed. */
export function parseFilters(text: string): { filter: NeedFilter; unknown: string[] } {
  const rawWords = stripMentions(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const words = rawWords.map((w) => normalise(w));
  const filter: NeedFilter = {};
  const unknown: string[] = [];
  const tables: Array<[Array<[string, string]>, (v: string) => void]> = [
    [AREA_WORDS, (v) => (filter.area = v as ProgrammeArea)],
    [COUNTY_WORDS, (v) => (filter.county = v as County)],
    [STATUS_WORDS, (v) => (filter.status = v as NeedStatus)],
  ];
  const phrases = tables
    .flatMap(([table, set]) => table.map(([phrase, value]) => ({ parts: phrase.split(' '), value, set })))
    .sort((a, b) => b.parts.length - a.parts.length);
  for (let i = 0; i < words.length; ) {
    const w = words[i]!;
    if (/^20\d\d$/.test(w)) {
      filter.round = Number(w);
      i++;
      continue;
    }
    const hit = phrases.find((p) => p.parts.every((part, k) => words[i + k] === part));
    if (hit) {
      hit.set(hit.value);
      i += hit.parts.length;
      continue;
    }
    if (!FILLER.has(w)) unknown.push(rawWords[i]!);
    i++;
  }
  return { filter, unknown };
}

// Abbreviations that end in a full stop without ending the sentence.
const ABBREVIATIONS = new Set(['t.ex', 'bl.a', 'm.m', 'm.fl', 'd.v.s', 'dvs', 'osv', 'etc', 's.k', 'ca', 'resp', 'jfr', 'e.g', 'i.e', 'inkl', 'exkl', 'fr.o.m', 't.o.m', 'nr', 'kl', 'st', 'tex', 'bla', 'ev', 'p.g.a', 'pga', 'mfl']);

/**
 * A need from free text: the first line, or its first sentence, is the title; the rest is the description. A
 * title that would be over 120 characters is cut at a word and the whole text becomes the description, so nothing
 * the person wrote is lost. With nothing after the title the description stays empty for the form to ask for.
 */
export function prefillFromText(text: string): { title: string; description: string } {
  const clean = cleanFormText(text, { multiline: true, keep: 10_000 });
  if (clean === '') return { title: '', description: '' };
  const nl = clean.indexOf('\n');
  const firstLine = nl === -1 ? clean : clean.slice(0, nl);
  let cut = firstLine.length;
  for (const m of firstLine.matchAll(/[.!?](?=\s+\S|$)/g)) {
    const before = firstLine.slice(0, m.index).split(/\s+/).pop() ?? '';
    if (m[0] === '.' && ABBREVIATIONS.has(before.toLowerCase())) continue;
    cut = m.index + 1;
    break;
  }
  let title = firstLine.slice(0, cut).trim();
  const rest = (firstLine.slice(cut) + (nl === -1 ? '' : clean.slice(nl))).trim();
  if (title.endsWith('.') && !title.endsWith('..')) title = title.slice(0, -1).trim();
  if (Array.from(title).length > TITLE_MAX) {
    const chars = Array.from(title).slice(0, TITLE_MAX - 1).join('');
    const atWord = chars.replace(/\s+\S*$/, '');
    return { title: `${atWord.length >= 40 ? atWord : chars}…`, description: clean };
  }
  return { title, description: rest };
}
