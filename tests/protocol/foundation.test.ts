import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, cardOf, conversationOf, demo, textOf } from '../helpers/harness.js';
import { DEFAULT_ACCESS_CONTACT } from '../../src/config.js';
import { validateCard } from '../helpers/card-validator.js';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h.close();
});

describe('who is talking', () => {
  it('a registered director typing "hjälp" gets a Swedish help card addressed to them', async () => {
    const { status, replies } = await h.say(demo.vasterasDirector, 'hjälp');
    expect(status).toBe(200);
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]);
    expect(card).toBeDefined();
    expect(validateCard(card)).toEqual([]);
    const text = textOf(card);
    expect(text).toContain('Hej Erik Demoberg!');
    expect(text).toContain('Västerås stad');
    expect(text).toContain('direktör');
  });

  it('a person who is not in the roster is told they are not registered and whom to contact — nothing else', async () => {
    const { status, replies } = await h.say(demo.stranger, 'hjälp');
    expect(status).toBe(200);
    expect(replies).toHaveLength(1);
    expect(cardOf(replies[0])).toBeUndefined();
    const text = String(replies[0]?.text);
    expect(text).toContain('inte registrerad');
    // A generic contact, never leadership's names or addresses (issue 11).
    expect(text).toContain(DEFAULT_ACCESS_CONTACT);
    expect(text).not.toContain('Anna Provström');
    expect(h.services.store.doc.conversationRefs[demo.stranger]).toBeUndefined();
  });

  it('a roster member writing from a tenant not on the allow-list is told, in one sentence, that their organisation is not connected', async () => {
    const { replies } = await h.say(demo.vasterasDirector, 'hjälp', { tenantId: '11111111-1111-1111-1111-111111111111' });
    expect(String(replies[0]?.text)).toBe('Den här botten är till för STARK:s parter, och din organisation är inte ansluten till den – tyvärr kan jag inte hjälpa dig.');
  });

  it('an unknown person clicking a card action gets the same polite answer as an invoke message', async () => {
    const r = await h.invoke(demo.stranger, 'help.run', { command: 'hjälp' });
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).toContain('inte registrerad');
  });
});

describe('language', () => {
  it('an English Teams locale gets English; the default is Swedish', async () => {
    const en = await h.say(demo.vasterasDirector, 'help', { locale: 'en-GB' });
    expect(textOf(cardOf(en.replies[0]))).toContain('Hello Erik Demoberg!');
    const unknownEn = await h.say(demo.stranger, 'help', { locale: 'en-US' });
    expect(String(unknownEn.replies[0]?.text)).toContain('not registered');
    const sv = await h.say(demo.vasterasDirector, 'help', { locale: 'sv-SE' });
    expect(textOf(cardOf(sv.replies[0]))).toContain('Hej Erik Demoberg!');
  });

  it('an unknown command is answered with a pointer to help, in the person\'s language', async () => {
    expect(String((await h.say(demo.salaEconomist, 'blorp')).replies[0]?.text)).toContain('hjälp');
    expect(String((await h.say(demo.salaEconomist, 'blorp', { locale: 'en-US' })).replies[0]?.text)).toContain('help');
  });
});

describe('a chosen language', () => {
  it('"english" makes the bot answer in English even with a Swedish Teams locale, and "svenska" switches back', async () => {
    const set = await h.say(demo.eskilstunaDirector, 'english', { locale: 'sv-SE' });
    expect(String(set.replies[0]?.text)).toContain('in English');
    expect(textOf(cardOf((await h.say(demo.eskilstunaDirector, 'hjälp', { locale: 'sv-SE' })).replies[0]))).toContain('Hello Anders');
    await h.say(demo.eskilstunaDirector, 'svenska', { locale: 'en-US' });
    expect(textOf(cardOf((await h.say(demo.eskilstunaDirector, 'help', { locale: 'en-US' })).replies[0]))).toContain('Hej Anders');
  });

  it('the help card\'s language button replaces the card with the same card in the other language', async () => {
    const helpCardSv = cardOf((await h.say(demo.kopingSubstitute, 'hjälp')).replies[0]);
    expect(textOf(helpCardSv)).toContain('In English');
    const r = await h.invoke(demo.kopingSubstitute, 'core.language', { language: 'en' });
    const body = r.body as { type: string; value: unknown };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(validateCard(body.value)).toEqual([]);
    expect(textOf(body.value)).toContain('Hello Lars Testlund!');
    expect(h.services.store.doc.preferences[demo.kopingSubstitute]?.language).toBe('en');
    await h.invoke(demo.kopingSubstitute, 'core.language', { language: 'sv' });
  });
});

describe('help shows what this person may do', () => {
  it('leadership sees the composition check; staff do not', async () => {
    const leader = textOf(cardOf((await h.say(demo.leader, 'hjälp')).replies[0]));
    const staff = textOf(cardOf((await h.say(demo.salaEconomist, 'hjälp')).replies[0]));
    expect(leader).toContain('sammansättning');
    expect(staff).not.toContain('sammansättning');
  });

  it('leadership can ask for the composition check; the demo roster follows the agreement', async () => {
    const card = cardOf((await h.say(demo.leader, 'sammansättning')).replies[0]);
    expect(validateCard(card)).toEqual([]);
    expect(textOf(card)).toContain('sammansatta enligt avtalet');
    const refused = await h.say(demo.salaEconomist, 'sammansättning');
    expect(String(refused.replies[0]?.text)).toContain('inte göra');
  });
});

describe('conversation references', () => {
  it('are stored on install and on every turn, and removed on uninstall', async () => {
    await h.install(demo.regionDirector);
    expect(h.services.store.doc.conversationRefs[demo.regionDirector]?.conversation.id).toBe(conversationOf(demo.regionDirector));
    await h.post(h.activity(demo.regionDirector, { type: 'installationUpdate', action: 'remove' }));
    expect(h.services.store.doc.conversationRefs[demo.regionDirector]).toBeUndefined();
    await h.say(demo.regionDirector, 'hjälp');
    expect(h.services.store.doc.conversationRefs[demo.regionDirector]?.serviceUrl).toBe(h.connector.url);
  });

  it('installing the bot welcomes the person with the help card', async () => {
    const { replies } = await h.install(demo.kopingSubstitute);
    expect(textOf(cardOf(replies[0]))).toContain('Hej Lars Testlund!');
  });
});

describe('bad requests', () => {
  it('invalid JSON gets 400 and the bot keeps serving', async () => {
    expect((await h.post('{"type": "message",')).status).toBe(400);
    expect((await h.say(demo.vasterasDirector, 'hjälp')).status).toBe(200);
  });

  it('an activity without from or conversation gets 400, never 500', async () => {
    const base = h.activity(demo.vasterasDirector, { type: 'message', text: 'hjälp' });
    const { from: _f, ...noFrom } = base;
    const { conversation: _c, ...noConversation } = base;
    expect((await h.post(noFrom)).status).toBe(400);
    expect((await h.post(noConversation)).status).toBe(400);
    expect((await h.post([1, 2, 3])).status).toBe(400);
    expect((await h.post('null')).status).toBe(400);
    expect((await h.say(demo.vasterasDirector, 'hjälp')).status).toBe(200);
  });

  it('a card action with an unknown verb or malformed data gets a polite message and stores nothing', async () => {
    const before = JSON.stringify(h.services.store.doc);
    const unknown = await h.invoke(demo.vasterasDirector, 'no.such.verb', {});
    expect(JSON.stringify(unknown.body)).toContain('kunde jag inte läsa');
    const bad = await h.invoke(demo.vasterasDirector, 'help.run', { command: { nested: true } });
    expect(JSON.stringify(bad.body)).toContain('kunde jag inte läsa');
    expect(JSON.stringify(h.services.store.doc)).toBe(before);
  });

  it('/healthz answers 200 "ok" and nothing about the host (issue 11)', async () => {
    const res = await fetch(`${h.bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

describe('with credentials', () => {
  it('a request without a valid token gets 401', async () => {
    const secured = await Harness.start({
      env: { BOT_ID: '11111111-2222-3333-4444-555555555555', BOT_PASSWORD: 'secret', BOT_TENANT_ID: '00000000-0000-0000-0000-000000000001' },
    });
    try {
      const activity = secured.activity(demo.vasterasDirector, { type: 'message', text: 'hjälp' });
      expect((await secured.post(activity)).status).toBe(401);
      expect((await secured.post(activity, { Authorization: 'Bearer not-a-jwt' })).status).toBe(401);
      expect(secured.connector.calls).toHaveLength(0);
    } finally {
      await secured.close();
    }
  });
});
