import { describe, expect, it } from 'vitest';
import organisationsJson from '../../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../../domain/organisations.js';
import { askCost, matchCostChat } from './ask-cost.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const match = (text: string) => matchCostChat({ text, askerOrganisationId: 'vasteras', organisations, period: { firstYear: 2026, lastYear: 2028 }, currentYear: 2026 });

describe('which chat texts the cost route takes', () => {
  it.each(['kostnad', 'Kostnad', 'cost', 'costs', 'kostnader'])('"%s" opens the question card', (text) => {
    expect(match(text)).toEqual({ kind: 'questionCard' });
  });
  it.each(['kostnadsöversikt', 'kostnadsoversikt', 'Cost overview', 'cost overview'])('"%s" opens the overview', (text) => {
    expect(match(text)).toEqual({ kind: 'overview' });
  });
  it('a cost question is read with the asker’s organisation for "oss"', () => {
    expect(match('Vad kostar STARK för oss?')).toMatchObject({ kind: 'question', question: { kind: 'cost', targets: [{ type: 'party', partyId: 'vasteras', viaSelf: true }] } });
  });

  // The needs and meetings routes come after this one: their commands must reach them, even with money words in them.
  it.each([
    'nytt behov',
    'Nytt behov: Hur mycket kostar en upphandling?',
    'Behov: kostnadseffektiv styrning i kommunerna',
    'Need: how much does AI cost municipalities?',
    'new need',
    'mina behov',
    'my needs',
    'alla behov sörmland',
    'all needs',
    'behovsöversikt 2027',
    'needs overview',
    'möten',
    'meetings',
    'boka möte',
    'schedule meeting',
    'mötesplan',
    'mötesplan 2027',
    'meeting plan',
    'Hur mycket tid tar ett möte?',
    'How much time do we need?',
    'Hur mycket behov finns det?',
    'hjälp',
    // Words the cost questions use, in texts that are not about money.
    'Vi ses tillsammans imorgon',
    'Is that all?',
    'alla',
    'Hur går budgetarbetet?',
    'Vad handlar programmet om?',
  ])('leaves "%s" to the other features', (text) => {
    expect(match(text)).toBeNull();
  });
});

describe('askCost', () => {
  const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
  const deps = { organisations, period: { firstYear: 2026, lastYear: 2028 } };
  const now = new Date('2027-02-01T09:00:00Z');
  const person = (roles: string[]) => ({ aadObjectId: '00000000-0000-0000-0000-000000000099', name: 'Test Testsson', organisationId: 'koping', roles }) as unknown as import('../../domain/people.js').Person;
  const actor = (roles: string[]) => ({ person: person(roles), organisation: organisations.find((o) => o.id === 'koping')! });

  it('reads a question for a registered person, the asker’s organisation standing for "oss"', () => {
    const r = askCost(deps, actor(['director']), { text: 'Vad kostar STARK för oss?' }, now);
    expect(r?.ok && r.value.kind).toBe('question');
  });

  it('leaves texts that are not cost questions to the other features', () => {
    expect(askCost(deps, actor(['director']), { text: 'mina behov' }, now)).toBeNull();
  });
});
