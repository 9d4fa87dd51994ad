import { describe, expect, it } from 'vitest';
import agreementJson from '../../../data/agreement.json' with { type: 'json' };
import populationJson from '../../../data/population-scb-2023-12-31.json' with { type: 'json' };
import organisationsJson from '../../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../../domain/organisations.js';
import { parseCostData } from '../../domain/cost/cost-data.js';
import { catalogues } from '../../i18n/catalogue.js';
import { validateCard } from '../../../tests/helpers/card-validator.js';
import { costAskCard, costAskDataSchema, costFormCard, costFormDataSchema, costOverviewCardForAction, costOverviewDataSchema } from './cost-actions.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const data = parseCostData({ agreementJson, populationJson, organisations });
const ctx = { data, t: catalogues.sv };
const json = (x: unknown) => JSON.stringify(x);

describe('cost card payloads', () => {
  it('cost.ask reads the party and "period" or a year from the string inputs', () => {
    expect(costAskDataSchema.parse({ verb: 'cost.ask', partyId: 'koping', year: '2027' })).toEqual({ partyId: 'koping', year: 2027 });
    expect(costAskDataSchema.parse({ partyId: 'koping', year: 'period' })).toEqual({ partyId: 'koping', year: null });
    expect(costAskDataSchema.parse({})).toEqual({ partyId: null, year: null });
    expect(costAskDataSchema.safeParse({ partyId: 'koping', year: 'next' }).success).toBe(false);
  });

  it('cost.ask answers with the party’s card, or the form again with a message when no known party was picked', () => {
    const answer = costAskCard(ctx, { partyId: 'region-vastmanland', year: 2026 });
    expect(validateCard(answer)).toEqual([]);
    expect(json(answer)).toContain('Kostnad för Region Västmanland');
    expect(json(answer)).toContain(catalogues.sv.cost.kr(590_000));
    const again = costAskCard(ctx, { partyId: 'uppsala', year: 2027 });
    expect(validateCard(again)).toEqual([]);
    expect(json(again)).toContain(catalogues.sv.cost.question.partyRequired);
    expect(json(again)).toContain('"value":"2027"');
  });

  it('cost.overview reads a what-if and drops ids that are not parties', () => {
    expect(costOverviewDataSchema.parse({ excluded: 'norberg, sala,' })).toEqual({ excludedPartyIds: ['norberg', 'sala'] });
    const card = costOverviewCardForAction(ctx, { excludedPartyIds: ['norberg', 'uppsala'] });
    expect(validateCard(card)).toEqual([]);
    expect(json(card)).toContain('Scenario: om Norbergs kommun inte deltar.');
    expect(json(costOverviewCardForAction(ctx, { excludedPartyIds: [] }))).not.toContain('Scenario');
  });

  it('cost.form preselects the party it came from', () => {
    const card = costFormCard(ctx, costFormDataSchema.parse({ partyId: 'koping' }));
    expect(validateCard(card)).toEqual([]);
    expect(card.body.find((e) => e.id === 'partyId')).toMatchObject({ value: 'koping' });
  });
});
