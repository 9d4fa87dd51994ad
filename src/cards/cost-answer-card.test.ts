import { describe, expect, it } from 'vitest';
import agreementJson from '../../data/agreement.json' with { type: 'json' };
import populationJson from '../../data/population-scb-2023-12-31.json' with { type: 'json' };
import organisationsJson from '../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../domain/organisations.js';
import { parseCostData } from '../domain/cost/cost-data.js';
import { catalogues } from '../i18n/catalogue.js';
import { costAnswerCardFor, costAnswerView } from '../bot/cost/cost-reply.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { COST_FORM_VERB, COST_OVERVIEW_VERB, costAnswerCard } from './cost-answer-card.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const data = parseCostData({ agreementJson, populationJson, organisations });
const sv = { data, t: catalogues.sv };
const en = { data, t: catalogues.en };
const NBSP = '\u00a0';
const svKr = (n: number) => `${n.toLocaleString('en-US').replace(/,/g, NBSP)}${NBSP}kr`;

/** Every text a reader sees on the card (TextBlocks and facts), in order. */
function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node === null || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const own = n.type === 'TextBlock' && typeof n.text === 'string' ? [n.text] : [];
  const facts = n.type === 'FactSet' && Array.isArray(n.facts) ? (n.facts as { title: string; value: string }[]).map((f) => `${f.title}: ${f.value}`) : [];
  return [...own, ...facts, ...Object.entries(n).filter(([k]) => k !== 'facts').flatMap(([, v]) => texts(v))];
}
const card = (ctx: typeof sv, args: Parameters<typeof costAnswerCardFor>[1]) => {
  const c = costAnswerCardFor(ctx, args);
  if (!c) throw new Error('no card');
  return c;
};

describe('the cost answer card', () => {
  const cases: [string, Parameters<typeof costAnswerCardFor>[1]][] = [
    ['Västerås stad', { partyId: 'vasteras', year: null }],
    ['Region Västmanland 2027', { partyId: 'region-vastmanland', year: 2027 }],
    ['Eskilstuna (not decided)', { partyId: 'eskilstuna', year: null }],
    ['Länsstyrelsen (not decided, 0 in the illustration)', { partyId: 'lansstyrelsen-sodermanland', year: 2026 }],
    ['Köping 2029 (outside the period)', { partyId: 'koping', year: 2029 }],
    ['Västerås if Norberg leaves', { partyId: 'vasteras', year: null, excludedPartyIds: ['norberg'] }],
    ['Norberg left out', { partyId: 'norberg', year: null, excludedPartyIds: ['norberg'] }],
  ];
  it.each(cases)('%s validates at 1.5 without warnings in Swedish and English', (_name, args) => {
    expect(validateCard(card(sv, args))).toEqual([]);
    expect(validateCard(card(en, args))).toEqual([]);
  });

  it('shows Västerås stad’s 336,025 kr a year and 3 × that for 2026–2028, with the population assumption marked', () => {
    const shown = texts(card(sv, { partyId: 'vasteras', year: null }));
    expect(shown).toContain(`Per år: ${svKr(336_025)}`);
    expect(shown).toContain(`Totalt 2026–2028: ${svKr(3 * 336_025)}`);
    const statement = data.agreement.assumptions.find((a) => a.id === 'vastmanland-municipalities-by-population')!.statement.sv;
    expect(shown).toContain(`• ${statement}`);
    // The population-share line is italic (an assumption) and shows the SCB figures.
    expect(shown.some((s) => s.startsWith('_') && s.includes('159') && s.includes('280') && s.includes(svKr(336_025)))).toBe(true);
  });

  it('marks assumption lines without the Warning colour, which hosts draw as pale yellow on white', () => {
    expect(JSON.stringify(card(sv, { partyId: 'vasteras', year: null }))).not.toContain('"color":"Warning"');
  });

  it('shows Region Västmanland’s 590,000 kr, 1,770,000 kr over the period, the asked year, and no assumptions', () => {
    const shown = texts(card(sv, { partyId: 'region-vastmanland', year: 2027 }));
    expect(shown).toEqual(expect.arrayContaining([`Per år: ${svKr(590_000)}`, `Totalt 2026–2028: ${svKr(1_770_000)}`, `År 2027: ${svKr(590_000)}`, catalogues.sv.cost.answer.noAssumptions]));
  });

  it('for a Sörmland party says "not decided", gives the county’s decided 1,269,000 and a labelled illustration', () => {
    const c = card(sv, { partyId: 'eskilstuna', year: null });
    const shown = texts(c);
    expect(shown).toContain('Per år: Inte beslutat');
    expect(shown.some((s) => s.startsWith('Totalt'))).toBe(false);
    expect(shown).toContain(`Sörmlands andel är beslutad: ${svKr(1_269_000)} per år.`);
    const box = c.body.find((e) => e.type === 'Container' && e.style === 'emphasis');
    const ill = costAnswerView(sv, { partyId: 'eskilstuna', year: null })!.illustration!;
    expect(texts(box)[0]).toBe('Illustration – inte beslutat');
    expect(texts(box)).toContain(`Med Västmanlands modell skulle det bli ${svKr(ill.yearly)} per år (${svKr(3 * ill.yearly)} för 2026–2028).`);
  });

  it('says a year outside the period costs 0 because the agreement covers 2026–2028', () => {
    expect(texts(card(en, { partyId: 'koping', year: 2029 }))).toContain('2029: SEK 0 – the agreement covers 2026–2028.');
  });

  it('marks a what-if as a scenario, names who is left out, and shows the recomputed amount', () => {
    const c = card(sv, { partyId: 'vasteras', year: null, excludedPartyIds: ['norberg'] });
    const banner = c.body.find((e) => e.type === 'Container' && e.style === 'warning');
    expect(texts(banner)[0]).toBe('Scenario: om Norbergs kommun inte deltar. Inget sparas – avtalet är oförändrat.');
    const yearly = costAnswerView(sv, { partyId: 'vasteras', year: null, excludedPartyIds: ['norberg'] })!.yearly!;
    expect(yearly).not.toBe(336_025);
    expect(texts(c)).toContain(`Per år: ${svKr(yearly)}`);
    expect(c.actions).toContainEqual(expect.objectContaining({ verb: COST_OVERVIEW_VERB, data: { excluded: 'norberg', verb: COST_OVERVIEW_VERB } }));
  });

  it('offers the overview and another question as Action.Execute buttons', () => {
    const c = card(en, { partyId: 'koping', year: null });
    expect(c.actions?.map((a) => (a as { verb?: string }).verb)).toEqual([COST_OVERVIEW_VERB, COST_FORM_VERB]);
  });

  it('never shows a decided figure when the view says not decided', () => {
    const view = costAnswerView(sv, { partyId: 'region-sormland', year: null })!;
    expect(view).toMatchObject({ status: 'notDecided', yearly: null, periodTotal: null });
    expect(texts(costAnswerCard(view, catalogues.sv)).filter((s) => s.startsWith('Per år'))).toEqual(['Per år: Inte beslutat']);
  });
});
