import { describe, expect, it } from 'vitest';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { auditCard } from './audit-card.js';
import { helpCard } from './help-card.js';

describe('the audit card', () => {
  const card = auditCard({
    title: 'Logg över programledningens åtgärder',
    intro: 'De 2 senaste av 2 händelser, nyast först.',
    rows: [
      { when: '2027-03-01 10:00', actor: 'Anna Provström', action: 'ställde in möte', subject: 'meeting m1', changes: ['status: scheduled → cancelled'] },
      { when: '2027-03-01 09:00', actor: 'Anna *Provström*', action: 'bokade möte', subject: 'meeting m1', changes: ['title: – → **Fet** [länk](javascript:alert(1))'] },
    ],
  });

  it('is a valid Adaptive Card 1.5', () => {
    expect(validateCard(card)).toEqual([]);
  });

  it('shows each entry in order, and what people typed as text runs, never as markdown', () => {
    const text = JSON.stringify(card);
    expect(text.indexOf('ställde in möte')).toBeLessThan(text.indexOf('bokade möte'));
    const runs = cardNodes(card).filter((n) => n.type === 'TextRun').map((n) => n.text);
    expect(runs).toContain('title: – → **Fet** [länk](javascript:alert(1))');
    expect(text).toContain('Anna \\\\*Provström\\\\*');
  });
});

describe('the help card of a group chat', () => {
  it('is valid without a name or roles line', () => {
    const card = helpCard({ title: 'STARK-botten', intro: 'Här i gruppen svarar jag på det som är gemensamt:', entries: [{ command: 'kostnad', text: 'Vad kostar STARK?' }], footer: 'Resten i personlig chatt.', otherLanguage: { title: 'In English', language: 'en' } });
    expect(validateCard(card)).toEqual([]);
    expect(cardNodes(card).filter((n) => n.type === 'TextBlock').map((n) => n.text)).toEqual(['STARK-botten', 'Här i gruppen svarar jag på det som är gemensamt:', '**kostnad**', 'Vad kostar STARK?', 'Resten i personlig chatt.']);
  });
});
