import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allFeatures } from '../../src/bot/features.js';
import { actionRoute, textRoute, type BotFeature } from '../../src/bot/feature.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { demo } from '../helpers/harness.js';
import { answerCardOf, messageOf } from '../helpers/load-client.js';
import { BotUnderTest } from './bot-under-test.js';

/**
 * A feature whose handler throws: the person is told, in their language, that something went wrong; the log entry
 * is structured JSON with ids and codes only (no message text, no error message, no personal data beyond ids);
 * the server keeps serving. The throwing feature is registered next to the real ones through startBot's `features`.
 */

const SECRET = 'Hemlig uppgift om Erik Demoberg, erik@vasteras.example';

/** Throws in every way a handler can: an Error carrying personal data (also after a line break), a non-Error, late. */
function explodingFeature(): BotFeature {
  return {
    name: 'exploding',
    text: [
      textRoute({
        name: 'explode',
        match: (text) => (/^explode( .*)?$/i.test(text) ? text : null),
        handle: async (turn, text: string) => {
          if (text.includes('string')) throw `${SECRET} ${text}`; // a non-Error, on purpose
          if (text.includes('late')) await new Promise((r) => setTimeout(r, 20));
          // A message of several lines (a wrapped error, a template): the lines after the first must not leak either.
          if (text.includes('lines')) throw new Error(`${text}\n${SECRET} (${turn.person.name})`);
          throw new Error(`${text}: ${SECRET} (${turn.person.name})`);
        },
      }),
    ],
    actions: [
      actionRoute({
        verb: 'test.explode',
        schema: z.object({ note: z.string() }).passthrough(),
        handle: async (turn, data) => {
          throw new TypeError(`${data.note}: ${SECRET} ${turn.person.email ?? ''}`);
        },
      }),
    ],
  };
}

let b: BotUnderTest;
const SWEDE = demo.vasterasDirector;
const ENGLISH_TEAMS = demo.regionDirector;
const CHOSE_ENGLISH = demo.eskilstunaDirector;

beforeAll(async () => {
  b = await BotUnderTest.start({ features: [...allFeatures(), explodingFeature()] });
  // Everyone has talked once; one of them chose English in chat although their Teams is Swedish.
  for (const p of [SWEDE, ENGLISH_TEAMS, CHOSE_ENGLISH]) await b.client.say(p, 'hjälp', { locale: p === ENGLISH_TEAMS ? 'en-US' : 'sv-SE' });
  await b.client.say(CHOSE_ENGLISH, 'english', { locale: 'sv-SE' });
  expect(b.store.doc.preferences[CHOSE_ENGLISH]?.language).toBe('en');
});
afterAll(async () => {
  await b?.close();
});

/** Replies delivered into a person's chat since `mark` (an index into the connector's log). */
const repliesTo = (person: string, mark: number) =>
  b.connector.delivered
    .slice(mark)
    .filter((c) => c.conversationId === `a:personal-${person}` && c.method === 'POST')
    .map((c) => String(c.body.text));

// requestId: every line of a turn carries the id of its HTTP request (issue 18); an id like the others.
const allowedLogKeys = ['time', 'level', 'event', 'error', 'where', 'activityType', 'activityId', 'aadObjectId', 'requestId'];

function checkLogEntry(entry: Record<string, unknown> | undefined, person: string, typed: string): void {
  expect(entry, 'a turn.error entry').toBeDefined();
  const line = JSON.stringify(entry);
  expect(Object.keys(entry!).every((k) => allowedLogKeys.includes(k)), `unexpected fields in ${line}`).toBe(true);
  expect(entry!.aadObjectId).toBe(person);
  expect(typeof entry!.activityId).toBe('string');
  expect(entry!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  for (const personal of ['Hemlig', 'Erik Demoberg', 'erik@', 'Maria', 'Anders', typed]) expect(line, `the log entry leaks "${personal}"`).not.toContain(personal);
}

describe('a handler that throws', () => {
  it('a chat message: the person gets the polite error in Swedish; the log has ids only; the server keeps serving', async () => {
    const mark = b.connector.delivered.length;
    const logMark = b.log.entries.length;
    const r = await b.client.say(SWEDE, 'explode please', { locale: 'sv-SE' });
    expect(r.status).toBe(200);
    expect(repliesTo(SWEDE, mark)).toEqual([catalogues.sv.core.somethingWentWrong]);
    const errors = b.log.entries.slice(logMark).filter((e) => e.level === 'error');
    expect(errors.map((e) => e.event)).toEqual(['turn.error']);
    expect(errors[0]?.activityType).toBe('message');
    checkLogEntry(errors[0], SWEDE, 'explode please');
    expect(await b.client.healthz()).toBe(200);
  });

  it('a card action: the answer is the polite error as an invoke message in English for an English Teams client', async () => {
    const logMark = b.log.entries.length;
    const r = await b.client.invoke(ENGLISH_TEAMS, 'test.explode', { note: 'typed into the card by Maria' }, { locale: 'en-US' });
    expect(r.status).toBe(200);
    expect(messageOf(r.body)).toBe(catalogues.en.core.somethingWentWrong);
    const entry = b.log.entries.slice(logMark).find((e) => e.event === 'turn.error');
    expect(entry?.activityType).toBe('invoke');
    expect(entry?.error).toBe('TypeError');
    checkLogEntry(entry, ENGLISH_TEAMS, 'typed into the card by Maria');
  });

  it('a thrown non-Error and an error thrown after an await are handled the same way', async () => {
    for (const text of ['explode string', 'explode late']) {
      const mark = b.connector.delivered.length;
      const logMark = b.log.entries.length;
      expect((await b.client.say(SWEDE, text)).status).toBe(200);
      expect(repliesTo(SWEDE, mark)).toEqual([catalogues.sv.core.somethingWentWrong]);
      checkLogEntry(b.log.entries.slice(logMark).find((e) => e.event === 'turn.error'), SWEDE, text);
    }
  });

  it('50 failing turns at once: every person is answered, and the bot then serves normal turns', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => b.client.invoke(SWEDE, 'test.explode', { note: `n${i}` })));
    expect(results.every((r) => r.status === 200 && messageOf(r.body) === catalogues.sv.core.somethingWentWrong)).toBe(true);
    expect(await b.client.healthz()).toBe(200);
    const normal = await b.client.invoke(SWEDE, 'core.language', { language: 'sv' });
    expect(answerCardOf(normal.body)).toBeDefined();
  });

  it('an error message of several lines leaks nothing into the log', async () => {
    const logMark = b.log.entries.length;
    await b.client.say(SWEDE, 'explode two lines');
    checkLogEntry(b.log.entries.slice(logMark).find((e) => e.event === 'turn.error'), SWEDE, 'explode two lines');
  });

  it('the polite error follows the language the person chose in chat, not only their Teams locale', async () => {
    const mark = b.connector.delivered.length;
    await b.client.say(CHOSE_ENGLISH, 'explode now', { locale: 'sv-SE' });
    expect(repliesTo(CHOSE_ENGLISH, mark)).toEqual([catalogues.en.core.somethingWentWrong]);
  });
});
