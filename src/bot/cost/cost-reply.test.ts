import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import agreementJson from '../../../data/agreement.json' with { type: 'json' };
import populationJson from '../../../data/population-scb-2023-12-31.json' with { type: 'json' };
import organisationsJson from '../../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../../domain/organisations.js';
import { parseCostData } from '../../domain/cost/cost-data.js';
import { computeCostShares } from '../../domain/cost/cost-shares.js';
import { catalogues, type Locale } from '../../i18n/catalogue.js';
import { interpretCostQuestion } from '../../domain/cost/cost-question.js';
import { answerCostQuestion, type CostReply } from './cost-reply.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const data = parseCostData({ agreementJson, populationJson, organisations });
const shares = computeCostShares({ data });
const yearlyOf = (id: string) => shares.parties.find((p) => p.partyId === id)!.yearly!;

/** Every text shown: the message, or every TextBlock and fact of the card. */
function shown(reply: CostReply): string {
  if (reply.kind === 'text') return reply.text;
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet') for (const f of o.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
    Object.values(o).forEach(walk);
  };
  walk(reply.card);
  return out.join('\n');
}
const ask = (text: string, asker: string | null, locale: Locale = 'sv') => {
  const question = interpretCostQuestion({ text, askerOrganisationId: asker, organisations, period: { firstYear: 2026, lastYear: 2028 }, currentYear: 2026 });
  return answerCostQuestion({ data, t: catalogues[locale] }, question);
};
const sv = (n: number) => catalogues.sv.cost.kr(n);
const en = (n: number) => catalogues.en.cost.kr(n);

describe('cost questions answered with the right amounts', () => {
  // [question, asker, locale, amounts that must be shown]
  const cases: [string, string | null, Locale, string[]][] = [
    ['Vad kostar STARK för oss?', 'vasteras', 'sv', [sv(336_025), sv(1_008_075)]],
    ['vad kostar stark for oss', 'region-vastmanland', 'sv', [sv(590_000), sv(1_770_000)]],
    ['Vad betalar vi?', 'mdu', 'sv', [sv(1_050_000), sv(3_150_000)]],
    ['What do we pay per year?', 'koping', 'en', [en(yearlyOf('koping'))]],
    ['What is our share over the whole period?', 'sala', 'en', [en(3 * yearlyOf('sala'))]],
    ['Hur mycket betalar Köping 2027?', 'eskilstuna', 'sv', [`År 2027: ${sv(yearlyOf('koping'))}`]],
    ['hur mycket betalar koping 2027', null, 'sv', [`År 2027: ${sv(yearlyOf('koping'))}`]],
    ['Vad betalar Västerås stad?', 'trosa', 'sv', [sv(336_025)]],
    ['How much does Vasteras pay?', null, 'en', [en(336_025)]],
    ['Vad betalar Region V?', null, 'sv', [sv(590_000)]],
    ['Hur mycket betalar MDU per år?', null, 'sv', [sv(1_050_000)]],
    ['What does Mälardalens universitet contribute?', null, 'en', [en(1_050_000)]],
    ['Vad betalar Hallstahamar?', null, 'sv', [sv(yearlyOf('hallstahammar'))]],
    ['Vad är totalkostnaden?', null, 'sv', [sv(3_500_000), sv(1_050_000), sv(2_450_000), sv(10_500_000)]],
    ['What is the total cost of STARK?', null, 'en', [en(3_500_000), en(10_500_000)]],
    ['Vad betalar Sörmland?', null, 'sv', [sv(1_269_000), sv(3_807_000)]],
    ['Vad betalar Västmanland?', null, 'sv', [sv(1_181_000)]],
    ['Vad betalar kommunerna i Västmanland?', null, 'sv', [sv(591_000), sv(1_773_000)]],
    // The overview's table shows bare numbers under a "(kr)" header.
    ['Hur fördelas kostnaden?', 'vasteras', 'sv', [3_500_000, 1_269_000, 1_181_000, 590_000, 336_025].map(catalogues.sv.cost.number)],
    ['Vad betalar Köping och Sala?', null, 'sv', [sv(yearlyOf('koping')), sv(yearlyOf('sala'))]],
  ];
  it.each(cases)('%s (%s, %s)', (text, asker, locale, amounts) => {
    const out = shown(ask(text, asker, locale));
    for (const a of amounts) expect(out).toContain(a);
  });

  it('a Sörmland party gets "not decided", the county’s 1,269,000 and an illustration — never a decided amount', () => {
    const out = shown(ask('Vad kostar STARK för oss?', 'region-sormland'));
    expect(out).toContain('Per år: Inte beslutat');
    expect(out).toContain(sv(1_269_000));
    expect(out).toContain('Illustration – inte beslutat');
    expect(out).not.toMatch(/Totalt 2026–2028/);
    const text = shown(ask('Vad betalar kommunerna i Sörmland?', null));
    expect(text).toBe(`Kommunerna i Sörmland: hur Sörmlands ${sv(1_269_000)} per år fördelas är inte beslutat ännu.`);
  });

  it('a year outside 2026–2028 is answered with the period the agreement covers', () => {
    expect(ask('Vad betalar vi 2030?', 'vasteras')).toEqual({ kind: 'text', text: 'Avtalet gäller 2026–2028, så det finns ingen kostnad för 2030 (0 kr).' });
    expect(ask('What do we pay in 2025?', 'koping', 'en')).toEqual({ kind: 'text', text: 'The agreement covers 2026–2028, so there is no cost for 2025 (SEK 0).' });
  });

  it('an unknown organisation is named back with the closest parties, and no amount', () => {
    const reply = ask('Hur mycket betalar Uppsala?', null);
    expect(reply.kind).toBe('text');
    expect(shown(reply)).toMatch(/^”Uppsala” är inte part i STARK, så jag har ingen siffra för den\. Menade du .*Sala kommun.*\?$/);
    expect(shown(reply)).not.toMatch(/\d/);
  });

  it('markdown typed around an unknown name does not reach the reply', () => {
    expect(shown(ask('Vad betalar **Uppsala** [x](http://e.example)?', null))).toMatch(/^”Uppsala( x)?” är inte part/);
  });

  it('"we" from someone without an organisation asks them to name the party', () => {
    expect(ask('Vad kostar STARK för oss?', null)).toEqual({ kind: 'text', text: catalogues.sv.cost.replies.askerWithoutOrganisation });
  });

  it('a what-if about Norberg shows the asker’s recomputed share, marked as a scenario', () => {
    const reply = ask('Vad betalar vi om Norberg inte deltar?', 'vasteras');
    const s = computeCostShares({ data, scenario: { excludedPartyIds: ['norberg'] } });
    const out = shown(reply);
    expect(out).toContain('Scenario: om Norbergs kommun inte deltar.');
    expect(out).toContain(`Per år: ${sv(s.parties.find((p) => p.partyId === 'vasteras')!.yearly!)}`);
  });

  it('"Vad händer om Norberg inte deltar?" without a focus shows the whole split as a scenario', () => {
    const reply = ask('Vad händer om Norberg inte deltar?', null);
    expect(reply.kind).toBe('card');
    const out = shown(reply);
    expect(out).toContain('Scenario: om Norbergs kommun inte deltar.');
    expect(out).toContain(catalogues.sv.cost.number(591_000));
  });
});

describe('whatever is typed', () => {
  it('every question read gets a reply with no NaN, undefined or null in it, and nothing throws', () => {
    const words = ['vad', 'betalar', 'alla', 'utom', 'förutom', 'MDU', 'kommunerna', 'i', 'Västmanland', 'Sörmland', 'och', 'tillsammans', 'programmet', 'budget', 'totalt', 'länen', 'regionerna', 'Köping', 'Eskilstuna', 'vi', 'utan', 'om', 'inte', 'deltar', '2027', '2031', 'Uppsala', 'fikat', 'västmanlandskommunerna', 'än', 'andra', 'parter', 'everyone', 'except', 'but', 'per', 'år'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 9 }), fc.constantFrom<string | null>(null, 'vasteras', 'region-sormland', 'mdu'), fc.constantFrom<Locale>('sv', 'en'), (picked, asker, locale) => {
        const reply = ask(picked.join(' '), asker, locale);
        const out = shown(reply);
        expect(out.length).toBeGreaterThan(0);
        expect(out).not.toMatch(/NaN|undefined|null/);
      }),
      { numRuns: 400 },
    );
  });
});
