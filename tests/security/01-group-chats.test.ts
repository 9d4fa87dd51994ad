import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, cardOf, conversationOf, demo, groupChat, teamChannel, textOf, type TurnResult } from '../helpers/harness.js';
import { cardNodes as nodes } from '../helpers/card-nodes.js';
import { validateCard } from '../helpers/card-validator.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { NOW, bookMeeting, rsvp, submitNeed } from './security-fixtures.js';

/*
 * Issue 11, point 1: in a group chat or a channel the bot posts nothing addressed to one person — no need contents,
 * no RSVP answers or comments, no names of people who declined, no export or calendar links. What the agreement makes
 * public (cost shares, the meeting plan without answers, help) is answered there; everything else goes to the
 * asker's personal chat, and the group reads that it did, in the asker's language. Card buttons pressed on a card in
 * a group follow the same rule.
 */

const sv = catalogues.sv.core;
const en = catalogues.en.core;
let h: Harness;
let meetingId: string;
const SECRET_NEED = 'Hemligt behov om ledningens arbetsmiljö';
const HEALTH_COMMENT = 'Sjukskriven efter operation';

/** Everything the bot posted into a conversation since `mark`, as one string. */
const postedIn = (conversationId: string, mark: number): string => JSON.stringify(h.connector.delivered.slice(mark).filter((c) => c.conversationId === conversationId).map((c) => c.body));
const personalChatOf = (who: string) => h.services.store.doc.conversationRefs[who]?.conversation.id ?? '';
const inGroup = { conversation: groupChat };

beforeAll(async () => {
  h = await Harness.start({ now: () => NOW });
  // Leadership, Maria and Erik have personal chats with the bot.
  for (const who of [demo.leader, demo.regionDirector, demo.vasterasDirector]) await h.say(who, 'hej');
  await submitNeed(h, demo.vasterasDirector, SECRET_NEED, 'vasteras');
  meetingId = await bookMeeting(h, 'Vårdialog 2027');
  await rsvp(h, demo.regionDirector, meetingId, 'nej', HEALTH_COMMENT);
  await h.services.messenger.drain();
});
afterAll(async () => {
  await h.close();
});

describe('1. group chats and channels leak no personal data', () => {
  it('"alla behov" asked in a group chat: the group is told the answer went to personal chat; the list arrives there, and nowhere else', async () => {
    const groupMark = h.connector.delivered.length;
    const r = await h.say(demo.leader, 'alla behov', inGroup);
    expect(r.status).toBe(200);
    expect(r.replies.map((x) => x.text)).toEqual([sv.scope.answeredInPersonalChat]);
    expect(r.replies.every((x) => cardOf(x) === undefined)).toBe(true);
    await h.services.messenger.drain();
    expect(postedIn(groupChat.id, groupMark)).not.toContain(SECRET_NEED);
    const personal = h.connector.messagesIn(personalChatOf(demo.leader)).map(cardOf);
    expect(personal.some((c) => textOf(c).includes(SECRET_NEED))).toBe(true);
  });

  it('in a channel, "möten" shows nobody\'s answer or comment there — the member\'s own overview and leadership\'s tallies go to their personal chats', async () => {
    for (const who of [demo.vasterasDirector, demo.leader, demo.regionDirector]) {
      const mark = h.connector.delivered.length;
      const r = await h.say(who, 'möten', { conversation: teamChannel });
      await h.services.messenger.drain();
      const posted = postedIn(teamChannel.id, mark);
      expect(r.replies.map((x) => x.text), who).toEqual([sv.scope.answeredInPersonalChat]);
      for (const secret of [HEALTH_COMMENT, 'Maria Exempelsson', 'Nej', '/downloads/']) expect(posted, `${who}: ${secret}`).not.toContain(secret);
    }
    // Each got their own view in private: Maria her answer with its comment, leadership the tallies.
    expect(JSON.stringify(h.connector.messagesIn(personalChatOf(demo.regionDirector)))).toContain(HEALTH_COMMENT);
    expect(textOf(h.connector.messagesIn(personalChatOf(demo.leader)).map(cardOf).at(-1))).toContain('Nej 1');
  });

  it('the notice is in the asker\'s language: an English Teams client in a group reads English', async () => {
    const r = await h.say(demo.vasterasDirector, 'my needs', { ...inGroup, locale: 'en-US' });
    expect(r.replies.map((x) => x.text)).toEqual([en.scope.answeredInPersonalChat]);
  });

  it('card buttons pressed on a card in a group (a need, the meeting overview, the needs export) answer in personal chat, never in the group card', async () => {
    const number = h.services.store.doc.needs.needs.find((n) => n.title === SECRET_NEED)!.number;
    for (const [verb, data] of [
      ['needs.show', { number }],
      ['meeting.overview', { meetingId }],
      ['needs.overview', {}],
      ['meeting.refresh', { meetingId }],
    ] as const) {
      const mark = h.connector.messagesIn(personalChatOf(demo.leader)).length;
      const r = await h.invoke(demo.leader, verb, data, inGroup);
      expect(r.status, verb).toBe(200);
      expect((r.body as { value?: unknown }).value, verb).toBe(sv.scope.answeredInPersonalChat);
      expect(JSON.stringify(r.body), verb).not.toContain(SECRET_NEED);
      await h.services.messenger.drain();
      expect(h.connector.messagesIn(personalChatOf(demo.leader)).length, `${verb}: nothing arrived in personal chat`).toBeGreaterThan(mark);
    }
  });

  it('what is public stays in the group: a party\'s cost share, the cost overview without download links, the meeting plan without answers', async () => {
    const cost = await h.say(demo.salaEconomist, 'Hur mycket betalar Köping 2027?', inGroup);
    expect(textOf(cardOf(cost.replies[0]))).toContain('Köping');
    const overview = cardOf((await h.say(demo.salaEconomist, 'kostnadsöversikt', inGroup)).replies[0]);
    expect(validateCard(overview)).toEqual([]);
    expect(textOf(overview)).toContain('Summa');
    expect(nodes(overview).filter((n) => n.type === 'Action.OpenUrl' || n.verb === 'file.send')).toEqual([]);
    expect(JSON.stringify(overview)).not.toContain('/downloads/');
    const plan = cardOf((await h.say(demo.leader, 'mötesplan 2027', inGroup)).replies[0]);
    expect(validateCard(plan)).toEqual([]);
    expect(textOf(plan)).toContain('Vårdialog 2027');
    expect(JSON.stringify(plan)).not.toContain(HEALTH_COMMENT);
    // No booking buttons on a card everyone in the group sees.
    expect(nodes(plan).filter((n) => n.type === 'Action.Execute')).toEqual([]);
  });

  it('help in a group, and the welcome when the bot is added to one, name no one and list only what is answered there', async () => {
    const help = cardOf((await h.say(demo.leader, 'hjälp', inGroup)).replies[0]);
    expect(validateCard(help)).toEqual([]);
    const text = textOf(help);
    expect(text).toContain('kostnad');
    for (const personal of ['Anna Provström', 'programledning', 'boka möte', 'alla behov', 'logg']) expect(text, personal).not.toContain(personal);
    const added = await h.post(h.activity(demo.leader, { type: 'conversationUpdate', membersAdded: [{ id: '28:stark-bot' }] }, inGroup));
    expect(added.status).toBe(200);
    const welcome = h.connector.delivered.filter((c) => c.conversationId === groupChat.id).at(-1);
    expect(textOf(cardOf(welcome?.body))).toContain(sv.groupHelp.intro);
    expect(JSON.stringify(welcome?.body)).not.toContain('Anna Provström');
  });

  it('someone who never wrote to the bot in private gets a personal chat opened for them (Teams id and tenant); when Teams refuses, the group is asked to let them open one', async () => {
    // Two people in the roster the bot has never had a personal chat with.
    const [first, second] = h.services.store.doc.people.filter((p) => !h.services.store.doc.conversationRefs[p.aadObjectId]).map((p) => p.aadObjectId);
    if (!first || !second) throw new Error('the roster has too few people without a personal chat');
    const r = await h.say(first, 'mina behov', inGroup);
    expect(r.replies.map((x) => x.text)).toEqual([sv.scope.answeredInPersonalChat]);
    const created = h.connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations').at(-1);
    expect(created?.body).toMatchObject({ isGroup: false, members: [{ id: `29:${first}` }], tenantId: '00000000-0000-0000-0000-000000000001' });
    await h.services.messenger.drain();
    expect(h.connector.messagesIn(personalChatOf(first)).length).toBeGreaterThan(0);
    expect(personalChatOf(first)).not.toBe(groupChat.id);

    h.connector.failure = (call) => (call.method === 'POST' && call.path === '/v3/conversations' ? { status: 403 } : null);
    try {
      const refused: TurnResult = await h.say(second, 'mina behov', inGroup);
      expect(refused.replies.map((x) => x.text)).toEqual([sv.scope.openPersonalChat]);
      expect(h.services.store.doc.conversationRefs[second]).toBeUndefined();
    } finally {
      h.connector.failure = null;
    }
  });

  it('nothing personal reached the group chat or the channel in any of the above', () => {
    const shared = JSON.stringify(h.connector.delivered.filter((c) => c.conversationId === groupChat.id || c.conversationId === teamChannel.id).map((c) => c.body));
    for (const secret of [SECRET_NEED, HEALTH_COMMENT, '/downloads/', 'file.send', conversationOf(demo.leader)]) expect(shared, secret).not.toContain(secret);
  });
});
