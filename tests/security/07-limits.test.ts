import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, cardOf, demo, invokeCard, invokeText, textOf } from '../helpers/harness.js';
import { cardNodes } from '../helpers/card-nodes.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { defaultLimits } from '../../src/domain/limits.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { NOW, bookMeeting, meetingForm, needForm, rsvp, submitNeed } from './security-fixtures.js';

/*
 * Issue 11, point 7: one member cannot flood the bot. Per-person limits on turns, needs, comments and other writes
 * (defaults no honest user meets, configurable), answered politely in the person's language, slowing nobody else;
 * size limits on every free-text field, stated in the card and enforced at the edge.
 */

const sv = catalogues.sv;
const en = catalogues.en;

describe('7. limits', () => {
  it('the defaults are generous and each kind can be changed in the environment, validated at start-up', () => {
    expect(loadConfig({}).limits).toEqual(defaultLimits);
    expect(defaultLimits.needs.max).toBeGreaterThanOrEqual(20);
    expect(defaultLimits.turns.max).toBeGreaterThanOrEqual(30);
    expect(loadConfig({ STARK_LIMIT_NEEDS: '5' }).limits.needs).toEqual({ ...defaultLimits.needs, max: 5 });
    for (const bad of ['0', '-1', 'many', '1.5']) {
      expect(() => loadConfig({ STARK_LIMIT_NEEDS: bad }), bad).toThrow(ConfigError);
    }
  });

  describe('per person', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await Harness.start({ now: () => NOW, env: { STARK_LIMIT_NEEDS: '5', STARK_LIMIT_TURNS: '12', STARK_LIMIT_COMMENTS: '3' } });
    });
    afterAll(async () => {
      await h.close();
    });

    it('a member storing needs in a burst is stopped at the limit, told politely in their language; nothing more is stored; another member is not slowed', async () => {
      const answers: string[] = [];
      for (let i = 1; i <= 8; i++) {
        const r = await h.invoke(demo.vasterasDirector, 'needs.submit', needForm(`Skurbehov ${i}`, 'vasteras'), { locale: i === 8 ? 'en-US' : 'sv-SE' });
        answers.push(invokeText(r) ?? (invokeCard(r) ? 'card' : ''));
      }
      expect(h.services.store.doc.needs.needs.filter((n) => n.title.startsWith('Skurbehov'))).toHaveLength(5);
      expect(answers.slice(0, 5)).toEqual(Array(5).fill('card'));
      expect(answers[5]).toBe(sv.core.limits.tooMany({ minutes: 60 }));
      expect(answers[7]).toBe(en.core.limits.tooMany({ minutes: 60 }));
      // Anders, meanwhile, stores his need at once.
      await submitNeed(h, demo.eskilstunaDirector, 'Sörmlands behov', 'eskilstuna');
    });

    it('a flood of messages is refused after the turn limit and answered once, not once per message; others are answered as usual', async () => {
      const replies: number[] = [];
      for (let i = 0; i < 20; i++) replies.push((await h.say(demo.salaEconomist, 'hjälp')).replies.length);
      expect(replies.slice(0, 12)).toEqual(Array(12).fill(1));
      const refusals = h.connector.delivered.filter((c) => c.conversationId === `a:personal-${demo.salaEconomist}` && c.body.text === sv.core.limits.slowDown);
      expect(refusals).toHaveLength(1);
      expect(replies.slice(13)).toEqual(Array(7).fill(0));
      const other = await h.say(demo.regionDirector, 'hjälp');
      expect(textOf(cardOf(other.replies[0]))).toContain('Maria Exempelsson');
    });

    it('Teams\' own card refreshes (Universal Actions, automatic) do not count: a person scrolling past many invitations is not refused', async () => {
      const meetingId = await bookMeeting(h, 'Möte med många kort');
      for (let i = 0; i < 20; i++) {
        const r = await h.invoke(demo.vasterasDirector, 'meeting.refresh', { meetingId }, { trigger: 'automatic' });
        expect(invokeCard(r), `refresh ${i + 1}`).toBeDefined();
      }
      // Clicks do count.
      const clicks = [];
      for (let i = 0; i < 13; i++) clicks.push(await h.invoke(demo.vasterasDirector, 'meeting.refresh', { meetingId }));
      expect(invokeText(clicks.at(-1)!)).toBe(sv.core.limits.slowDown);
    });

    it('answers with a comment count as comments: the fourth in an hour is refused, the answer without one is taken', async () => {
      const meetingId = await bookMeeting(h, 'Möte med kommentarer');
      for (const [i, answer] of (['ja', 'nej', 'kanske'] as const).entries()) expect(invokeCard(await rsvp(h, demo.leader, meetingId, answer, `Kommentar ${i}`))).toBeDefined();
      expect(invokeText(await rsvp(h, demo.leader, meetingId, 'ja', 'En kommentar för mycket'))).toBe(sv.core.limits.tooMany({ minutes: 60 }));
      expect(invokeCard(await rsvp(h, demo.leader, meetingId, 'nej'))).toBeDefined();
    });
  });

  describe('size limits', () => {
    let h: Harness;
    let meetingId: string;
    let needNumber: number;
    beforeAll(async () => {
      h = await Harness.start({ now: () => NOW });
      meetingId = await bookMeeting(h, 'Möte för storlekar');
      needNumber = await submitNeed(h, demo.vasterasDirector, 'Behov för storlekar', 'vasteras');
    });
    afterAll(async () => {
      await h.close();
    });

    it('every free-text input of every form carries its limit as maxLength and says it in its label or placeholder', async () => {
      const forms = [
        cardOf((await h.say(demo.leader, 'nytt behov')).replies[0]),
        cardOf((await h.say(demo.leader, 'boka möte')).replies[0]),
        invokeCard(await h.invoke(demo.vasterasDirector, 'meeting.refresh', { meetingId })),
        invokeCard(await h.invoke(demo.leader, 'needs.show', { number: needNumber })),
        cardOf((await h.say(demo.leader, 'boka möte', { locale: 'en-US' })).replies[0]),
      ];
      const inputs = forms.flatMap((card) => cardNodes(card).filter((n) => n.type === 'Input.Text'));
      expect(inputs.length).toBeGreaterThanOrEqual(12);
      for (const input of inputs) {
        expect(typeof input.maxLength, String(input.id)).toBe('number');
        const stated = `${String(input.label ?? '')} ${String(input.placeholder ?? '')}`.replace(/(\d)[\s\u00a0,](\d)/g, '$1$2');
        expect(stated, `${String(input.id)} states its limit`).toContain(String(input.maxLength));
      }
    });

    it('text far over a field\'s limit is refused at the edge (could not be read) and stores nothing; a little over comes back with the limit named', async () => {
      // Both senders have talked before (their conversations are known) and every message is out: nothing else moves.
      for (const who of [demo.vasterasDirector, demo.leader]) await h.say(who, 'hej');
      await h.services.messenger.drain();
      await h.services.store.flush();
      const before = JSON.stringify(h.services.store.doc);
      const refused = [
        await rsvp(h, demo.vasterasDirector, meetingId, 'ja', 'x'.repeat(1_001)),
        await h.invoke(demo.vasterasDirector, 'needs.submit', needForm('T'.repeat(241), 'vasteras')),
        await h.invoke(demo.vasterasDirector, 'needs.submit', needForm('Kort rubrik', 'vasteras', { description: 'd'.repeat(8_001) })),
        await h.invoke(demo.leader, 'needs.review', { number: needNumber, to: 'avslagen', 'reviewText-avslagen': 'm'.repeat(8_001) }),
        await h.invoke(demo.leader, 'meeting.schedule', meetingForm('R'.repeat(401))),
        await h.invoke(demo.leader, 'needs.openRound', { year: '2'.repeat(100), closingDate: '2027-12-31' }),
      ];
      for (const r of refused) expect(invokeText(r)).toBe(sv.core.invalidInput);
      expect(JSON.stringify(h.services.store.doc)).toBe(before);
      const returned = invokeCard(await h.invoke(demo.vasterasDirector, 'needs.submit', needForm('T'.repeat(150), 'vasteras')));
      expect(textOf(returned)).toContain(sv.needs.form.errors.tooLong({ max: 120 }));
      expect(JSON.stringify(h.services.store.doc)).toBe(before);
    });
  });
});
