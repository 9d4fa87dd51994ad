import { describe, expect, it } from 'vitest';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { rosterCard } from './roster-card.js';
import { rosterConfirmCard } from './roster-confirm-card.js';

const labels = { person: 'Person', lastDay: 'Sista dag', successor: 'Efterträdare', successorNone: 'Ingen', end: 'Avsluta uppdrag', handover: 'Lämna över', formIntro: 'Ändra ett uppdrag' };

describe('the roster card', () => {
  it('lists members by body and organisation, names typed text safely, and offers end and handover with the date from today', () => {
    const card = rosterCard({
      title: 'Ledamöter i STARK',
      groups: [{ title: 'Programrådet', organisations: [{ name: 'Region Västmanland', lines: ['Maria **Exempelsson** – Regiondirektör · t.o.m. 2027-06-30'] }] }],
      choices: [{ title: 'Maria Exempelsson (Region Västmanland)', value: '00000000-0000-0000-0000-000000000022' }],
      labels,
      today: '2027-03-01',
    });
    expect(validateCard(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).not.toContain('**Exempelsson**');
    expect(card.actions?.map((a) => a.verb)).toEqual(['roster.end', 'roster.handover']);
    expect(card.body.find((e) => e.id === 'lastDay')).toMatchObject({ type: 'Input.Date', min: '2027-03-01', isRequired: true });
  });

  it('the confirmation sends the same data back with confirm yes or no', () => {
    const card = rosterConfirmCard({ title: 'Lämna över?', intro: 'x', facts: [['Person', 'Maria']], verb: 'roster.handover', data: { personId: 'p', lastDay: '2027-03-31', successorId: 's' }, confirm: 'Ja', cancel: 'Avbryt' });
    expect(validateCard(card)).toEqual([]);
    expect(card.actions?.map((a) => (a.data as { confirm: string }).confirm)).toEqual(['yes', 'no']);
    expect(card.actions?.[0]?.data).toMatchObject({ personId: 'p', lastDay: '2027-03-31', successorId: 's' });
  });
});
