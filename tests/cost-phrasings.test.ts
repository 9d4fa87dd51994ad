import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import phrasingsJson from './data/cost-phrasings.json' with { type: 'json' };
import { cardNodes, type CardNode } from './helpers/card-nodes.js';
import { validateCard } from './helpers/card-validator.js';
import { plain } from '../src/cards/adaptive-card.js';
import { HELP_RUN_VERB } from '../src/cards/cost-unclear-card.js';
import { matchCostChat } from '../src/app/cost/ask-cost.js';
import { loadCostData } from '../src/bot/cost/cost-data-files.js';
import { answerCostQuestion, type CostReply } from '../src/bot/cost/cost-reply.js';
import { computeCostShares } from '../src/domain/cost/cost-shares.js';
import { catalogues, type Catalogue } from '../src/i18n/catalogue.js';

/**
 * The cost questions officials type, from chat text to what the bot shows (the cost route's matching, the reading
 * of the question, the cost rules and the rendered reply), measured against tests/data/cost-phrasings.json. Each
 * expected figure is computed here from the cost rules' own numbers, never copied from a reply; the agreement's
 * table figures (`memo`) are checked against those numbers too.
 */

const subject = z.string().regex(/^(programme|otherParties|self|(county|municipalities):(vastmanland|sormland)|party:[a-z-]+)$/);
const subjects = z.union([subject, z.array(subject).min(1)]).transform((s) => (Array.isArray(s) ? s : [s]));
const span = z.union([z.enum(['year', 'period']), z.number().int()]).optional();
const expectation = z.union([
  z.object({ figure: subjects, except: z.array(subject).default([]), span, memo: z.number().int().optional() }).strict(),
  z.object({ notDecided: subjects, span }).strict(),
  z.object({ unknown: z.string(), suggests: z.array(z.string()) }).strict(),
  z.object({ unclear: z.string() }).strict(),
  z.object({ outsidePeriod: z.number().int() }).strict(),
  z.object({ overview: z.literal(true) }).strict(),
  z.object({ whatIf: z.array(z.string()).min(1), figure: subject }).strict(),
]);
const fileSchema = z
  .object({
    about: z.string(),
    knownMisses: z.array(z.string()),
    phrasings: z.array(z.object({ text: z.string().min(1), asker: z.string().default('vasteras'), lang: z.enum(['sv', 'en']).default('sv'), expect: expectation }).strict()),
  })
  .strict();
type Phrasing = z.infer<typeof fileSchema>['phrasings'][number];

const file = fileSchema.parse(phrasingsJson);
const data = loadCostData();
const shares = computeCostShares({ data });
const period = { firstYear: data.agreement.period.firstYear, lastYear: data.agreement.period.lastYear };
const YEARS = shares.period.years.length;
const nameOf = (partyId: string) => data.organisations.find((o) => o.id === partyId)?.name ?? partyId;

/** A subject's yearly figure from the cost rules (null when its amount is not decided). */
function figureOf(s: string, asker: string, from = shares): number | null {
  if (s === 'programme') return from.programme.yearly;
  if (s === 'otherParties') return from.otherParties.yearly;
  if (s === 'self') return figureOf(`party:${asker}`, asker, from);
  const [kind, id] = s.split(':') as [string, string];
  if (kind === 'county') return from.counties[id as 'vastmanland' | 'sormland'].yearly;
  if (kind === 'municipalities') return from.counties[id as 'vastmanland' | 'sormland'].split?.municipalitiesYearly ?? null;
  const party = from.parties.find((p) => p.partyId === id);
  if (!party) throw new Error(`unknown party in the phrasings file: ${id}`);
  return party.yearly;
}

const facts = (card: CardNode): Map<string, string>[] =>
  cardNodes(card)
    .filter((n) => n.type === 'FactSet')
    .map((n) => new Map((n.facts as { title: string; value: string }[]).map((f) => [f.title, f.value])));
const textsOf = (card: CardNode): string[] => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' && typeof n.text === 'string' ? [n.text] : []));

/** The fact a right answer shows the figure in, and its value. */
function headlineFact(t: Catalogue, want: Phrasing['expect'] & { span?: string | number }, yearly: number): [string, string] {
  const a = t.cost.answer;
  if (want.span === 'period') return [a.period(period), t.cost.kr(yearly * YEARS)];
  if (typeof want.span === 'number') return [a.year({ year: want.span }), t.cost.kr(yearly)];
  return [a.perYear, t.cost.kr(yearly)];
}

/** Why the reply is not the right answer, or null when it is. */
function judge(p: Phrasing): string | null {
  const t = catalogues[p.lang];
  const chat = matchCostChat({ text: p.text, askerOrganisationId: p.asker, organisations: data.organisations, period, currentYear: 2026 });
  if (!chat || chat.kind !== 'question') return `not taken as a cost question (${chat?.kind ?? 'no route'})`;
  const reply: CostReply = answerCostQuestion({ data, t }, chat.question);
  const card = reply.kind === 'card' ? (reply.card as unknown as CardNode) : null;
  if (card) {
    const problems = validateCard(card);
    if (problems.length > 0) return `invalid card: ${JSON.stringify(problems)}`;
  }
  const text = reply.kind === 'text' ? reply.text : textsOf(card!).join('\n');
  const want = p.expect;
  const headline = card ? (facts(card)[0] ?? new Map<string, string>()) : new Map<string, string>();

  if ('figure' in want && !('whatIf' in want)) {
    if (!card) return `a text, not a card: ${text}`;
    const parts = want.figure.map((s) => figureOf(s, p.asker));
    if (parts.some((x) => x === null)) throw new Error(`${p.text}: expected figure is not decided; use notDecided`);
    const yearly = parts.reduce((s: number, x) => s + x!, 0) - want.except.reduce((s, x) => s + figureOf(x, p.asker)!, 0);
    if (want.memo !== undefined && want.memo !== yearly) throw new Error(`${p.text}: the memo’s ${want.memo} is not the rules’ ${yearly}`);
    const [title, value] = headlineFact(t, want, yearly);
    if (headline.get(title) !== value) return `shows ${title}: ${headline.get(title) ?? '—'}, expected ${value}`;
    // A sum shows its parts and the sum.
    if (want.figure.length > 1 || want.except.length > 0) {
      const partFacts = facts(card)[1];
      if (!partFacts || partFacts.get(t.cost.group.sum) !== t.cost.kr(yearly)) return `no parts with the sum ${t.cost.kr(yearly)}`;
      if (want.except.length === 0) {
        const values = [...partFacts.values()];
        for (const x of parts) if (!values.includes(t.cost.kr(x!)) && !values.includes(t.cost.group.partAssumption({ yearly: x! }))) return `part ${t.cost.kr(x!)} not shown`;
      }
      if (!textsOf(card).some((s) => s.includes(t.cost.kr(yearly)) && s.includes('+'))) {
        if (want.figure.length > 1 && want.except.length === 0) return 'the sum’s derivation is not shown';
      }
    }
    return null;
  }
  if ('notDecided' in want) {
    const decided = want.notDecided.map((s) => figureOf(s, p.asker));
    if (decided.every((x) => x !== null)) throw new Error(`${p.text}: every part is decided; use figure`);
    if (want.notDecided.length === 1 && want.notDecided[0]!.startsWith('municipalities:')) {
      const county = want.notDecided[0]!.split(':')[1] as 'vastmanland' | 'sormland';
      const expected = t.cost.replies.countyNotDecided({ name: t.cost.subjects.countyMunicipalities[county], county: t.cost.counties[county], countyYearly: shares.counties[county].yearly });
      return reply.kind === 'text' && reply.text === expected ? null : `expected “${expected}”, got: ${text.slice(0, 200)}`;
    }
    if (!card) return `a text, not a card: ${text}`;
    if (headline.get(t.cost.answer.perYear) !== t.cost.answer.notDecided) return `per year shows ${headline.get(t.cost.answer.perYear)}, not “${t.cost.answer.notDecided}”`;
    // The decided parts still show their amounts, and a single party shows its county's decided figure.
    for (const x of decided) if (x !== null && !text.includes(t.cost.kr(x)) && !facts(card).some((f) => [...f.values()].some((v) => v.includes(t.cost.kr(x))))) return `decided part ${t.cost.kr(x)} not shown`;
    if (want.notDecided.length === 1 && !text.includes(t.cost.kr(shares.counties.sormland.yearly))) return 'the county’s decided figure is not shown';
    return null;
  }
  if ('unknown' in want) {
    const expected = t.cost.replies.unknownParty({ mention: plain(want.unknown), suggestions: want.suggests.map(nameOf) });
    return reply.kind === 'text' && reply.text === expected ? null : `expected “${expected}”, got: ${text.slice(0, 200)}`;
  }
  if ('unclear' in want) {
    if (!card) return `a text, not a card: ${text}`;
    const quoted = p.lang === 'sv' ? `”${want.unclear}”` : `“${want.unclear}”`;
    if (!text.includes(quoted)) return `does not say what was not understood (${quoted}): ${text.slice(0, 200)}`;
    if (!cardNodes(card).some((n) => n.verb === HELP_RUN_VERB)) return 'offers no help';
    return /\d{3}/.test(text) ? 'shows a figure' : null;
  }
  if ('outsidePeriod' in want) {
    const expected = t.cost.replies.yearOutsidePeriod({ year: want.outsidePeriod, ...period });
    return reply.kind === 'text' && reply.text === expected ? null : `expected “${expected}”, got: ${text.slice(0, 200)}`;
  }
  if ('overview' in want) return card && text.includes(t.cost.overview.title) ? null : `not the overview: ${text.slice(0, 200)}`;
  if ('whatIf' in want) {
    if (!card) return `a text, not a card: ${text}`;
    const scenario = computeCostShares({ data, scenario: { excludedPartyIds: want.whatIf } });
    const yearly = figureOf(want.figure, p.asker, scenario)!;
    if (!text.includes(t.cost.answer.scenario({ excluded: t.cost.list(want.whatIf.map(nameOf)) }))) return 'not marked as a scenario';
    return headline.get(t.cost.answer.perYear) === t.cost.kr(yearly) ? null : `shows ${headline.get(t.cost.answer.perYear)}, expected ${t.cost.kr(yearly)}`;
  }
  return 'no expectation';
}

/** "answers 187 of 187 phrasings (100 %) right": what the README claims. */
function readmeClaim(): { right: number; total: number } {
  const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
  const m = /answers \*\*(\d+) of (\d+)\*\*\s+of\s+them\s+right/.exec(readme);
  if (!m) throw new Error('README.md does not state the share of cost phrasings answered right');
  return { right: Number(m[1]), total: Number(m[2]) };
}

describe('cost questions as officials type them (tests/data/cost-phrasings.json)', () => {
  const results = file.phrasings.map((p) => ({ p, problem: judge(p) }));
  const misses = results.filter((r) => r.problem !== null);
  const right = results.length - misses.length;

  it('has at least 150 phrasings, in Swedish and English, from several askers', () => {
    expect(file.phrasings.length).toBeGreaterThanOrEqual(150);
    expect(new Set(file.phrasings.map((p) => p.text)).size).toBeGreaterThanOrEqual(150);
    expect(file.phrasings.filter((p) => p.lang === 'en').length).toBeGreaterThanOrEqual(25);
    expect(new Set(file.phrasings.map((p) => p.asker)).size).toBeGreaterThanOrEqual(5);
  });

  it('answers every phrasing right except the known misses listed in the file (an improvement or a regression shows here)', () => {
    console.info(`cost phrasings: ${right} of ${results.length} answered right (${((100 * right) / results.length).toFixed(1)} %)`);
    for (const m of misses) console.info(`  miss: ${m.p.text} — ${m.problem}`);
    expect(misses.map((m) => m.p.text)).toEqual(file.knownMisses);
  });

  it('the README states the share answered right', () => {
    expect(readmeClaim()).toEqual({ right, total: results.length });
  });
});
