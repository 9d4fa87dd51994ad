import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogueFor } from '../i18n/catalogue.js';
import { PRIVACY_CANCEL_VERB } from './erase-confirm-card.js';
import { PRIVACY_PICK_INPUT, PRIVACY_PICK_VERB, removePersonPickerCard } from './remove-person-picker-card.js';

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const people = Array.from({ length: 54 }, (_, i) => ({ id: id(i), label: `Person *${i}*, Kommun` }));

describe('the remove-person picker card', () => {
  for (const locale of ['sv', 'en'] as const) {
    const r = catalogueFor(locale).privacy.remove;
    const card = removePersonPickerCard({ title: r.pickTitle, intro: r.pickIntro, note: r.notFound({ query: 'Ana' }), label: r.pickLabel, placeholder: r.pickPlaceholder, people, next: r.pickNext, cancel: r.cancel });

    it(`is a valid Adaptive Card 1.5 (${locale})`, () => expect(validateCard(card)).toEqual([]));

    it(`offers every person given, type-ahead and required, then continue or cancel; nothing is removed from it (${locale})`, () => {
      const input = cardNodes(card).find((n) => n.id === PRIVACY_PICK_INPUT);
      expect(input).toMatchObject({ type: 'Input.ChoiceSet', style: 'filtered', isRequired: true });
      expect((input?.choices as Array<{ title: string; value: string }>).map((c) => c.value)).toEqual(people.map((p) => p.id));
      // Choice titles are not markdown: shown literally, not escaped.
      expect((input?.choices as Array<{ title: string }>)[3]?.title).toBe('Person *3*, Kommun');
      expect(card.actions?.map((a) => a.verb)).toEqual([PRIVACY_PICK_VERB, PRIVACY_CANCEL_VERB]);
      expect(JSON.stringify(card)).toContain('Ana');
      expect(JSON.stringify(card)).not.toContain('privacy.remove');
    });
  }

  it('shows no note when none is given (the placeholder typed as it stands)', () => {
    const r = catalogueFor('sv').privacy.remove;
    const card = removePersonPickerCard({ title: r.pickTitle, intro: r.pickIntro, label: r.pickLabel, placeholder: r.pickPlaceholder, people: people.slice(0, 2), next: r.pickNext, cancel: r.cancel });
    expect(validateCard(card)).toEqual([]);
    expect(cardNodes(card).filter((n) => n.type === 'TextBlock').map((n) => n.text)).toEqual([r.pickTitle, r.pickIntro]);
  });
});
