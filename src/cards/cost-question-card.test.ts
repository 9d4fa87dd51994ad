import { describe, expect, it } from 'vitest';
import organisationsJson from '../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../domain/organisations.js';
import { catalogues } from '../i18n/catalogue.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { COST_ASK_VERB, costQuestionCard, WHOLE_PERIOD } from './cost-question-card.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const view = { parties: organisations.map((o) => ({ id: o.id, name: o.name })), period: { firstYear: 2026, lastYear: 2028 }, selectedPartyId: 'koping', selectedYear: null };
type Input = { type: string; id: string; style?: string; value?: string; choices: { title: string; value: string }[] };
const inputs = (card: { body: unknown[] }) => card.body.filter((e): e is Input => (e as Input).type === 'Input.ChoiceSet');

describe('the cost question card', () => {
  for (const locale of ['sv', 'en'] as const) {
    it(`validates at 1.5 without warnings (${locale})`, () => {
      expect(validateCard(costQuestionCard(view, catalogues[locale]))).toEqual([]);
      expect(validateCard(costQuestionCard({ ...view, selectedPartyId: null, error: 'x' }, catalogues[locale]))).toEqual([]);
    });
  }

  it('offers every party with type-ahead, since 23 parties exceed the 15 a dropdown shows', () => {
    const [partyPicker] = inputs(costQuestionCard(view, catalogues.sv));
    expect(partyPicker).toMatchObject({ id: 'partyId', style: 'filtered', value: 'koping' });
    expect(partyPicker!.choices.map((c) => c.value)).toEqual(organisations.map((o) => o.id));
    expect(partyPicker!.choices.find((c) => c.value === 'vasteras')?.title).toBe('Västerås stad');
  });

  it('offers the whole period and each year of it, preselecting the whole period', () => {
    const [, yearPicker] = inputs(costQuestionCard(view, catalogues.sv));
    expect(yearPicker!.choices.map((c) => c.value)).toEqual([WHOLE_PERIOD, '2026', '2027', '2028']);
    expect(yearPicker!.value).toBe(WHOLE_PERIOD);
    expect(yearPicker!.choices[0]!.title).toBe('Hela perioden 2026–2028');
    expect(inputs(costQuestionCard({ ...view, selectedYear: 2027 }, catalogues.en))[1]!.value).toBe('2027');
  });

  it(`submits with Action.Execute verb ${COST_ASK_VERB}`, () => {
    const card = costQuestionCard(view, catalogues.en);
    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: 'cost.ask', title: 'Show the cost' })]);
  });
});
