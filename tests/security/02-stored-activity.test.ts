import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Harness, demo } from '../helpers/harness.js';
import { NOW, bookMeeting, meetingForm, needForm } from './security-fixtures.js';
import { storeOnDisk } from '../helpers/on-disk.js';

/*
 * Issue 11, point 2: one crafted activity must not stop every later write. What is stored from an activity is parsed
 * down to the fields used (never the raw object), a write whose value cannot be serialised is undone and refused,
 * and the store keeps taking writes. Checked through the HTTP entry point: arbitrary JSON — nested tens of thousands
 * of levels, strings of hundreds of kilobytes, lone surrogates, bidi controls — in every place an activity's content
 * is stored (the conversation reference's parts, every writing card action's fields), each followed by an ordinary
 * write that must reach the file on disk.
 */

let h: Harness;
let dataDir: string;
let meetingId: string;
let needNumber: number;

/** JSON text nested `levels` deep, built as text: JSON.stringify itself would overflow on it. */
const nestedText = (levels: number, kind: 'object' | 'array'): string => (kind === 'object' ? `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}` : `${'['.repeat(levels)}1${']'.repeat(levels)}`);

/** An activity as JSON text with `value` (JSON text) spliced in where the placeholder string stands. */
const PLACEHOLDER = '__STARK_INJECT__';
const splice = (activity: unknown, valueText: string): string => JSON.stringify(activity).replace(JSON.stringify(PLACEHOLDER), () => valueText);

/** The ordinary write that must still land: Lars switches his language, and the file on disk says so. */
let language: 'sv' | 'en' = 'sv';
async function ordinaryWriteLands(): Promise<void> {
  language = language === 'sv' ? 'en' : 'sv';
  const r = await h.invoke(demo.kopingSubstitute, 'core.language', { language });
  expect(r.status).toBe(200);
  await h.services.store.flush();
  const onDisk = (await storeOnDisk(h.dataDir)) as { preferences: Record<string, { language?: string }> };
  expect(onDisk.preferences[demo.kopingSubstitute]?.language, 'an ordinary write after the hostile one reached the disk').toBe(language);
  expect(() => JSON.stringify(h.services.store.doc)).not.toThrow();
  expect(h.services.store.status().lastError).toBeNull();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'stark-security-'));
  h = await Harness.start({ now: () => NOW, dataDir });
  await h.say(demo.kopingSubstitute, 'hej');
  meetingId = await bookMeeting(h, 'Dialog att attackera');
  await h.invoke(demo.vasterasDirector, 'needs.submit', needForm('Behov att attackera', 'vasteras'));
  needNumber = h.services.store.doc.needs.needs[0]!.number;
});
afterAll(async () => {
  await h.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Where an activity's content can end up in the store; each puts the placeholder in one such place. */
let conversationSeq = 0;
const places: Array<{ name: string; activity: () => Record<string, unknown> }> = [
  // The conversation reference: a new conversation id each time, so the reference is written again.
  ...(['from', 'recipient', 'conversation'] as const).flatMap((part) => [
    {
      name: `${part}, an extra field`,
      activity: () => {
        const a = h.activity(demo.eskilstunaDirector, { type: 'message', text: 'hjälp' });
        const c = a.conversation as Record<string, unknown>;
        c.id = `a:personal-injected-${++conversationSeq}`;
        (a[part] as Record<string, unknown>).injected = PLACEHOLDER;
        return a;
      },
    },
    {
      name: `${part}.name`,
      activity: () => {
        const a = h.activity(demo.eskilstunaDirector, { type: 'message', text: 'hjälp' });
        (a.conversation as Record<string, unknown>).id = `a:personal-injected-${++conversationSeq}`;
        (a[part] as Record<string, unknown>).name = PLACEHOLDER;
        return a;
      },
    },
  ]),
  {
    name: 'channelData.tenant',
    activity: () => {
      const a = h.activity(demo.eskilstunaDirector, { type: 'message', text: 'hjälp' });
      (a.conversation as Record<string, unknown>).id = `a:personal-injected-${++conversationSeq}`;
      a.channelData = { tenant: { id: '00000000-0000-0000-0000-000000000001', injected: PLACEHOLDER }, injected: PLACEHOLDER };
      return a;
    },
  },
  { name: 'the message text', activity: () => h.activity(demo.vasterasDirector, { type: 'message', text: PLACEHOLDER }) },
  // Every card action that writes, with one field replaced.
  ...(
    [
      ['core.language', demo.eskilstunaDirector, () => ({ language: PLACEHOLDER })],
      ['needs.submit', demo.vasterasDirector, () => needForm(PLACEHOLDER, 'vasteras')],
      ['needs.submit', demo.vasterasDirector, () => needForm('Behov med fält', 'vasteras', { description: PLACEHOLDER })],
      ['needs.submit', demo.vasterasDirector, () => needForm('Behov med kontakt', 'vasteras', { contactName: PLACEHOLDER })],
      ['needs.save', demo.vasterasDirector, () => ({ ...needForm('Ändrat', 'vasteras', { title: PLACEHOLDER }), number: needNumber })],
      ['needs.support', demo.eskilstunaDirector, () => ({ number: PLACEHOLDER })],
      ['needs.review', demo.leader, () => ({ number: needNumber, to: 'under-beredning', 'reviewText-under-beredning': PLACEHOLDER })],
      ['meeting.rsvp', demo.vasterasDirector, () => ({ meetingId, answer: 'kanske', comment: PLACEHOLDER })],
      ['meeting.rsvp', demo.vasterasDirector, () => ({ meetingId, answer: PLACEHOLDER })],
      ['meeting.schedule', demo.leader, () => meetingForm(PLACEHOLDER)],
      ['meeting.schedule', demo.leader, () => meetingForm('Möte med dagordning', { agenda: PLACEHOLDER })],
      ['meeting.invitees', demo.leader, () => ({ meetingId, op: 'add', addPersonId: PLACEHOLDER })],
      ['needs.openRound', demo.leader, () => ({ year: PLACEHOLDER, closingDate: '2027-12-31' })],
    ] as const
  ).map(([verb, who, data]) => ({
    name: `${verb}: ${JSON.stringify(data()).slice(0, 60)}`,
    activity: () => h.activity(who, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { ...data(), verb } } } }),
  })),
];

/** Arbitrary JSON as text: ordinary values, nesting far past any stack, huge strings, odd unicode. */
const hostileJson: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.tuple(fc.integer({ min: 1_000, max: 60_000 }), fc.constantFrom('object' as const, 'array' as const)).map(([n, kind]) => nestedText(n, kind)),
  fc.tuple(fc.integer({ min: 50_000, max: 400_000 }), fc.constantFrom('x', 'å', '\u202e', '👩‍👩‍👧')).map(([n, c]) => JSON.stringify(c.repeat(Math.floor(n / c.length)))),
  fc.string({ unit: 'binary', maxLength: 300 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"\\ud800"', '"a\\udfffb"', '"\\u202eevil\\u202c"', '"\\u200b\\u200d\\ufeff"', '"\\u0000\\u001b[31m"', '{"__proto__":{"polluted":1}}'),
  fc.array(fc.string({ unit: 'grapheme', maxLength: 50 }), { maxLength: 200 }).map((a) => JSON.stringify(a)),
);

describe('2. what is stored from an activity is parsed; one bad write never stops the others', () => {
  it('an activity whose `from` is nested 50 000 levels deep: the bot answers, stores only the fields it uses, and every later write lands on disk', async () => {
    const a = h.activity(demo.regionDirector, { type: 'message', text: 'hjälp' });
    (a.from as Record<string, unknown>).deep = PLACEHOLDER;
    const r = await h.post(splice(a, nestedText(50_000, 'object')));
    expect(r.status).toBe(200);
    const ref = h.services.store.doc.conversationRefs[demo.regionDirector];
    expect(ref?.user).toEqual({ id: `29:${demo.regionDirector}`, name: 'Test', aadObjectId: demo.regionDirector });
    expect(Object.keys(ref ?? {}).sort()).toEqual(['bot', 'channelId', 'conversation', 'locale', 'serviceUrl', 'tenantId', 'updatedAt', 'user']);
    await ordinaryWriteLands();
  });

  it('a name of 500 characters (the most the edge takes) is kept to 200 in the stored reference', async () => {
    const a = h.activity(demo.salaEconomist, { type: 'message', text: 'hjälp' });
    (a.from as Record<string, unknown>).name = 'Å'.repeat(500);
    expect((await h.post(a)).status).toBe(200);
    expect(h.services.store.doc.conversationRefs[demo.salaEconomist]?.user?.name).toHaveLength(200);
    await ordinaryWriteLands();
  });

  it(`arbitrary JSON in each of the ${places.length} places an activity's content is stored: never a 500, and an ordinary write after it lands on disk`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...places), hostileJson, async (place, json) => {
        const r = await h.post(splice(place.activity(), json));
        expect([200, 400, 413], `${place.name}: ${r.status} ${r.text.slice(0, 200)}`).toContain(r.status);
        await h.services.messenger.drain();
        await ordinaryWriteLands();
      }),
      { numRuns: 90, endOnFailure: true },
    );
    // Nothing broken was stored along the way: the whole document still serialises and validates on a restart.
    await h.close();
    h = await Harness.start({ now: () => NOW, dataDir });
    expect(h.services.store.doc.people.length).toBeGreaterThan(0);
    await ordinaryWriteLands();
  });
});
