import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_REMOVE_VERB } from '../../src/cards/erase-confirm-card.js';
import { PRIVACY_PICK_INPUT, PRIVACY_PICK_VERB } from '../../src/cards/remove-person-picker-card.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { cardNodes } from '../helpers/card-nodes.js';
import { validateCard } from '../helpers/card-validator.js';
import { Harness, cardOf, demo, invokeCard, invokeText, textOf, type TurnResult } from '../helpers/harness.js';

/*
 * "ta bort <namn>" (roster.remove) in chat: one recognised person → the confirmation card; the help entry's command
 * typed as it stands, "ta bort" alone, a name nobody has, or a name several share → a card to pick the person from
 * the roster (the matches only, when several), which leads to the same confirmation. Only leadership gets either;
 * nothing is removed before the confirmation is pressed.
 */

let h: Harness;
const sv = catalogues.sv.privacy.remove;
const en = catalogues.en.privacy.remove;

beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h?.close();
});

const cardIn = (r: TurnResult) => {
  const card = cardOf(r.replies[0]);
  if (card) expect(validateCard(card)).toEqual([]);
  return card;
};
const choices = (card: Record<string, unknown> | undefined) =>
  (cardNodes(card).find((n) => n.id === PRIVACY_PICK_INPUT)?.choices as Array<{ title: string; value: string }> | undefined) ?? [];
/** The roster and the audit record: what a removal changes (a first turn stores the conversation, which is no removal). */
const removals = () => JSON.stringify([h.services.store.doc.people, h.services.store.doc.audit]);
const verbs = (card: Record<string, unknown> | undefined) => ((card?.actions as Array<{ verb?: string }> | undefined) ?? []).map((a) => a.verb);

describe('"ta bort" without a recognisable name', () => {
  it('the help entry typed as it stands gives leadership a picker of the whole roster but themselves, in Swedish and English', async () => {
    const people = h.services.store.doc.people.length;
    const before = removals();
    for (const [text, locale, t] of [[catalogues.sv.privacy.help.remove.command, 'sv-SE', sv], [catalogues.en.privacy.help.remove.command, 'en-US', en]] as const) {
      const card = cardIn(await h.say(demo.leader, text, { locale }));
      expect(card, text).toBeDefined();
      expect(textOf(card)).toContain(t.pickTitle);
      expect(textOf(card)).not.toContain(t.notFound({ query: '' }).slice(0, 20));
      const ids = choices(card).map((c) => c.value);
      expect(ids).toHaveLength(people - 1);
      expect(ids).not.toContain(demo.leader);
      expect(ids).toContain(demo.vasterasDirector);
      expect(verbs(card)).toEqual([PRIVACY_PICK_VERB, 'privacy.cancel']);
    }
    expect(removals()).toBe(before);
  });

  it('"ta bort" alone and a name nobody has give the picker too; the latter says so', async () => {
    expect(choices(cardIn(await h.say(demo.leader, 'ta bort')))).not.toHaveLength(0);
    const card = cardIn(await h.say(demo.leader, 'ta bort Zlatan Okänd'));
    expect(textOf(card)).toContain('Zlatan Okänd');
    expect(choices(card).length).toBeGreaterThan(10);
  });

  it('a name several people share gives a picker of just them', async () => {
    const card = cardIn(await h.say(demo.leader, 'ta bort exempelsson'));
    const names = choices(card).map((c) => c.title);
    expect(names.length).toBeGreaterThan(1);
    for (const n of names) expect(n.toLowerCase()).toContain('exempelsson');
  });

  it('one recognised person gives the confirmation card straight away', async () => {
    const card = cardIn(await h.say(demo.leader, 'ta bort Erik Demoberg'));
    expect(verbs(card)).toEqual([PRIVACY_REMOVE_VERB, PRIVACY_REMOVE_VERB, 'privacy.cancel']);
  });

  it('picking a person gives their confirmation card; nothing is removed until it is pressed', async () => {
    const before = removals();
    const r = await h.invoke(demo.leader, PRIVACY_PICK_VERB, { [PRIVACY_PICK_INPUT]: demo.salaEconomist });
    const card = invokeCard(r);
    expect(validateCard(card)).toEqual([]);
    expect(textOf(card)).toContain('Karin Fiktivén');
    expect((card?.actions as Array<{ data: Record<string, unknown> }>)[1]?.data).toMatchObject({ personId: demo.salaEconomist, mode: 'remove' });
    expect(removals()).toBe(before);
    expect(invokeText(await h.invoke(demo.leader, PRIVACY_PICK_VERB, { [PRIVACY_PICK_INPUT]: demo.leader }))).toBe(sv.self);
    expect(invokeText(await h.invoke(demo.leader, PRIVACY_PICK_VERB, { [PRIVACY_PICK_INPUT]: demo.stranger }))).toBe(sv.gone);
  });

  it('anyone but leadership is told they may not, in chat and on the picker, and sees no one', async () => {
    const before = removals();
    for (const who of [demo.vasterasDirector, demo.salaEconomist, demo.eskilstunaDirector]) {
      for (const text of ['ta bort <namn>', 'ta bort', 'ta bort Erik Demoberg']) {
        const r = await h.say(who, text);
        expect(cardOf(r.replies[0]), `${text} by ${who}`).toBeUndefined();
        expect(textOf(r.replies)).toContain(catalogues.sv.core.notAllowed);
      }
      const pick = await h.invoke(who, PRIVACY_PICK_VERB, { [PRIVACY_PICK_INPUT]: demo.salaEconomist });
      expect(invokeCard(pick)).toBeUndefined();
      expect(invokeText(pick)).toBe(catalogues.sv.core.notAllowed);
    }
    expect(removals()).toBe(before);
  });
});
