import { describe, expect, it } from 'vitest';
import agreementJson from '../../data/agreement.json' with { type: 'json' };
import populationJson from '../../data/population-scb-2023-12-31.json' with { type: 'json' };
import organisationsJson from '../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../domain/organisations.js';
import { parseCostData } from '../domain/cost/cost-data.js';
import { computeCostShares } from '../domain/cost/cost-shares.js';
import type { NamedSubject } from '../domain/cost/group-cost.js';
import { catalogues } from '../i18n/catalogue.js';
import { costGroupCardFor, costGroupView } from '../bot/cost/cost-reply.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { COST_FORM_VERB, COST_OVERVIEW_VERB } from './cost-answer-card.js';
import { costGroupCard } from './cost-group-card.js';
import { costUnclearCard, HELP_RUN_VERB } from './cost-unclear-card.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const data = parseCostData({ agreementJson, populationJson, organisations });
const shares = computeCostShares({ data });
const sv = { data, t: catalogues.sv };
const en = { data, t: catalogues.en };
const svKr = catalogues.sv.cost.kr;
const yearlyOf = (id: string) => shares.parties.find((p) => p.partyId === id)!.yearly!;
const party = (partyId: string): NamedSubject => ({ type: 'party', partyId });

type Args = Parameters<typeof costGroupCardFor>[1];
const card = (ctx: typeof sv, args: Args) => {
  const c = costGroupCardFor(ctx, args);
  if (!c) throw new Error('no card');
  return c;
};
/** The card's fact sets as title → value maps: the headline first, then the parts. */
const factSets = (c: unknown) => cardNodes(c).filter((n) => n.type === 'FactSet').map((n) => new Map((n.facts as { title: string; value: string }[]).map((f) => [f.title, f.value])));
const texts = (c: unknown) => cardNodes(c).flatMap((n) => (n.type === 'TextBlock' ? [n.text as string] : []));

describe('the cost group card (sums and groups)', () => {
  const cases: [string, Args][] = [
    ['the programme', { subjects: [{ type: 'programme' }], year: null }],
    ['all but MDU', { subjects: [{ type: 'programme' }], except: [party('mdu')], year: 2027 }],
    ['Västerås and Köping', { subjects: [party('vasteras'), party('koping')], year: null }],
    ['Västmanland’s municipalities', { subjects: [{ type: 'countyMunicipalities', county: 'vastmanland' }], year: 2030 }],
    ['Sörmland', { subjects: [{ type: 'county', county: 'sormland' }], year: null }],
    ['Köping and Eskilstuna (not decided)', { subjects: [party('koping'), party('eskilstuna')], year: null }],
    ['Västerås inside Västmanland', { subjects: [party('vasteras'), { type: 'county', county: 'vastmanland' }], year: null }],
  ];
  it.each(cases)('%s validates at 1.5 without warnings in Swedish and English', (_name, args) => {
    expect(validateCard(card(sv, args))).toEqual([]);
    expect(validateCard(card(en, args))).toEqual([]);
  });

  it('the programme: 3,500,000 kr a year, 10,500,000 kr for 2026–2028, its parts MDU and the other parties, no assumptions', () => {
    const c = card(sv, { subjects: [{ type: 'programme' }], year: null });
    const [headline, parts] = factSets(c);
    expect(headline).toEqual(new Map([['Per år', svKr(3_500_000)], ['Totalt 2026–2028', svKr(10_500_000)]]));
    expect(parts).toEqual(new Map([['Mälardalens universitet', svKr(1_050_000)], ['Övriga parter gemensamt', svKr(2_450_000)], ['Summa', svKr(3_500_000)]]));
    expect(texts(c)).toContain(catalogues.sv.cost.answer.noAssumptions);
    expect(texts(c)).toContain('Avtalet: ”MDU anslår årligen 1 050 000 kr.”');
  });

  it('Västerås and Köping: both parts marked as assumptions, the sum, and the sum’s derivation line', () => {
    const c = card(sv, { subjects: [party('vasteras'), party('koping')], year: 2027 });
    const sum = yearlyOf('vasteras') + yearlyOf('koping');
    const [headline, parts] = factSets(c);
    expect(texts(c)[0]).toBe('Västerås stad och Köpings kommun tillsammans');
    expect(headline!.get('År 2027')).toBe(svKr(sum));
    expect(parts).toEqual(
      new Map([
        ['Västerås stad', `${svKr(336_025)} (antagande)`],
        ['Köpings kommun', `${svKr(yearlyOf('koping'))} (antagande)`],
        ['Summa', svKr(sum)],
      ]),
    );
    expect(texts(c)).toContain(`_Tillsammans: ${svKr(336_025)} (Västerås stad) + ${svKr(yearlyOf('koping'))} (Köpings kommun) = ${svKr(sum)} per år. (antagande)_`);
    const byPopulation = data.agreement.assumptions.find((a) => a.id === 'vastmanland-municipalities-by-population')!.statement.sv;
    expect(texts(c)).toContain(`• ${byPopulation}`);
  });

  it('all but MDU is the other parties, titled so, with what was taken out under the title', () => {
    const c = card(en, { subjects: [{ type: 'programme' }], except: [party('mdu')], year: null });
    expect(texts(c).slice(0, 2)).toEqual(['Other parties jointly', 'All parties except Mälardalens universitet']);
    expect(factSets(c)[0]!.get('Per year')).toBe(catalogues.en.cost.kr(2_450_000));
  });

  it('a sum with an undecided part says so, shows no decided sum, and labels the illustration', () => {
    const view = costGroupView(sv, { subjects: [party('koping'), party('eskilstuna')], year: null })!;
    const c = costGroupCard(view, catalogues.sv);
    expect(factSets(c)[0]!.get('Per år')).toBe('Inte beslutat');
    expect(factSets(c)[1]!.get('Summa')).toBe('Inte beslutat');
    expect(texts(c)).toContain('Summan är inte beslutad: Eskilstuna kommun har ingen beslutad andel ännu.');
    const box = cardNodes(c).find((n) => n.type === 'Container' && n.style === 'emphasis');
    expect(texts(box)[0]).toBe('Illustration – inte beslutat');
    expect(texts(box)[1]).toContain(svKr(view.illustration!.yearly));
  });

  it('Sörmland: the county’s decided 1,269,000 kr with its parts not decided', () => {
    const c = card(sv, { subjects: [{ type: 'county', county: 'sormland' }], year: null });
    expect(factSets(c)[0]!.get('Per år')).toBe(svKr(1_269_000));
    expect(factSets(c)[1]!.get('Region Sörmland')).toMatch(/^Inte beslutat \(ill\. /);
    expect(texts(c)).toContain('Summan är beslutad (Södermanlands län), men inte hur den fördelas mellan delarna.');
  });

  it('a year outside the period is 0 kr with the period named', () => {
    expect(texts(card(sv, { subjects: [{ type: 'countyMunicipalities', county: 'vastmanland' }], year: 2030 }))).toContain('2030: 0 kr – avtalet gäller 2026–2028.');
  });

  it('offers the overview and the question form', () => {
    expect(card(sv, { subjects: [{ type: 'programme' }], year: null }).actions?.map((a) => (a as { verb?: string }).verb)).toEqual([COST_OVERVIEW_VERB, COST_FORM_VERB]);
  });
});

describe('the card for a cost question only half understood', () => {
  const view = { mention: 'fikat **x**', year: 2027, span: null, period: { firstYear: 2026, lastYear: 2028 } } as const;
  it('validates in both languages', () => {
    expect(validateCard(costUnclearCard(view, catalogues.sv))).toEqual([]);
    expect(validateCard(costUnclearCard(view, catalogues.en))).toEqual([]);
  });
  it('says what was understood and which word was not (escaped), shows no figure, and offers the help card and the form', () => {
    const c = costUnclearCard(view, catalogues.sv);
    expect(texts(c)[0]).toBe('Jag är inte säker på vad du menar. Jag förstod att du frågar om en kostnad för 2027, men ”fikat \\*\\*x\\*\\*” är inte en part i STARK och inget jag kan räkna fram.');
    expect(texts(c).join(' ')).not.toMatch(/\bkr\b/);
    expect(c.actions).toEqual([
      expect.objectContaining({ verb: HELP_RUN_VERB, data: { command: catalogues.sv.core.help.help.command, verb: HELP_RUN_VERB } }),
      expect.objectContaining({ verb: COST_FORM_VERB }),
    ]);
  });
});
