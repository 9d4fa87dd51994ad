import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createMeeting, type Meeting } from '../../src/domain/meetings/meeting.js';
import { stockholmInstant } from '../../src/domain/time.js';
import { documentSchema, type StoreDocument } from '../../src/store/schema.js';
import { answerCardOf, messageOf, type PostResult } from '../helpers/load-client.js';
import { BotUnderTest } from './bot-under-test.js';
import { generatedPeople } from './generated-people.js';
import { storeOnDisk } from '../helpers/on-disk.js';

/**
 * Concurrency over HTTP against the real server: 500 card submissions at once (needs, RSVPs, first contacts),
 * each stored exactly once — in memory and in the file on disk — however the turns interleave; redelivered
 * activities (the same activity id twice) and double clicks (the same form twice) record once.
 */

const N = 500;
const now = stockholmInstant('2027-03-01', '10:00');
const DIRECTORS = generatedPeople(N, 21, 'director');
const NEWCOMERS = generatedPeople(N, 22, 'staff');
const MEETING_ID = 'arlig-traff-2027';

let b: BotUnderTest;

beforeAll(async () => {
  b = await BotUnderTest.start({
    now: () => now,
    prepare: (doc) => {
      doc.people.push(...DIRECTORS, ...NEWCOMERS);
      // The yearly meeting invites every director and chair: the demo roster's and the 500 generated directors.
      const { meeting } = createMeeting({
        id: MEETING_ID,
        draft: { type: 'arlig-traff', title: 'Årlig träff 2027', start: stockholmInstant('2027-04-20', '13:00').toISOString(), end: stockholmInstant('2027-04-20', '16:00').toISOString(), place: 'MDU, Västerås', agenda: '', rsvpBy: '2027-04-10' },
        organiserId: '00000000-0000-0000-0000-000000000021',
        people: doc.people,
        now,
      });
      doc.meetings.meetings.push(meeting);
    },
  });
});
afterAll(async () => {
  await b?.close();
});

/** The document as it is in the file (after the last flush), validated like a start-up would. */
async function onDisk(): Promise<StoreDocument> {
  await b.store.flush();
  return documentSchema.parse(await storeOnDisk(b.dataDir));
}

const needData = (title: string, submissionId: string) => ({ title, description: `Beskrivning av ${title}.`, area: 'mojliggorande-byrakratin', organisationId: 'sala', contactName: 'Test', urgency: 'high', force: 'true', submissionId });
const isReceipt = (r: PostResult, title: string) => r.status === 200 && JSON.stringify(answerCardOf(r.body) ?? {}).includes(title) && JSON.stringify(answerCardOf(r.body)).includes('"needs.show"');
/** The need number a receipt card's "show" button carries. */
function receiptNumber(r: PostResult): number | undefined {
  let found: number | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as { verb?: unknown; data?: { number?: unknown } };
      if (o.verb === 'needs.show' && typeof o.data?.number === 'number') found = o.data.number;
      Object.values(n).forEach(walk);
    }
  };
  walk(answerCardOf(r.body));
  return found;
}
const count = <T>(items: readonly T[], key: (t: T) => string) => {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
};

describe('500 concurrent card submissions', () => {
  it('500 directors submit a need at the same moment: 500 needs, each stored once with its own number, in memory and on disk', async () => {
    const flushesBefore = b.store.status().flushes;
    const results = await Promise.all(DIRECTORS.map((p, i) => b.client.invoke(p.aadObjectId, 'needs.submit', needData(`Samtidigt behov ${i}`, `conc-${i}-${randomUUID()}`))));
    const failed = results.map((r, i) => (isReceipt(r, `Samtidigt behov ${i}`) ? null : `${i}: ${r.status} ${r.text.slice(0, 150)}`)).filter(Boolean);
    expect(failed).toEqual([]);
    for (const doc of [b.store.doc, await onDisk()]) {
      const mine = doc.needs.needs.filter((n) => n.title.startsWith('Samtidigt behov '));
      expect(mine).toHaveLength(N);
      expect([...count(mine, (n) => n.title).values()].every((c) => c === 1)).toBe(true);
      expect(new Set(doc.needs.needs.map((n) => n.number)).size).toBe(doc.needs.needs.length);
    }
    // Group commit: each turn writes twice (reference, need), yet far fewer flushes than writes.
    expect(b.store.status().flushes - flushesBefore).toBeLessThan(N);
  });

  it('a redelivered activity (same id, twice at once) and a double click (same form, two activities) each store one need', async () => {
    const redelivered = DIRECTORS.slice(0, 100);
    const doubleClicked = DIRECTORS.slice(100, 200);
    const results = await Promise.all([
      ...redelivered.flatMap((p, i) => {
        const activity = b.client.invokeActivity(p.aadObjectId, 'needs.submit', needData(`Omlevererat ${i}`, `redeliver-${i}-${randomUUID()}`));
        return [b.client.post(activity), b.client.post(activity)];
      }),
      ...doubleClicked.flatMap((p, i) => {
        const data = needData(`Dubbelklick ${i}`, `double-${i}-${randomUUID()}`);
        return [b.client.invoke(p.aadObjectId, 'needs.submit', data), b.client.invoke(p.aadObjectId, 'needs.submit', data)];
      }),
    ]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    // Both clicks are told about the one need (a receipt), or the repeat is told it is already recorded.
    expect(results.every((r) => answerCardOf(r.body) !== undefined || messageOf(r.body) !== undefined)).toBe(true);
    const doc = await onDisk();
    for (const prefix of ['Omlevererat ', 'Dubbelklick ']) {
      const stored = doc.needs.needs.filter((n) => n.title.startsWith(prefix));
      expect(stored, prefix).toHaveLength(100);
      expect([...count(stored, (n) => n.title).values()].every((c) => c === 1)).toBe(true);
    }
    // Both answers to a double click are the receipt of the one need stored.
    for (let i = 0; i < 100; i++) {
      const [first, second] = [results[200 + 2 * i]!, results[201 + 2 * i]!];
      const stored = doc.needs.needs.find((n) => n.title === `Dubbelklick ${i}`)!;
      expect([receiptNumber(first), receiptNumber(second)], `double click ${i}`).toEqual([stored.number, stored.number]);
    }
  });

  it('500 invitees answer the yearly meeting at the same moment (100 of the answers delivered twice): each answer stored once', async () => {
    const answers = ['ja', 'nej', 'kanske'] as const;
    const activities = DIRECTORS.map((p, i) => b.client.invokeActivity(p.aadObjectId, 'meeting.rsvp', { meetingId: MEETING_ID, answer: answers[i % 3], comment: `Svar ${i}` }));
    const results = await Promise.all([...activities.map((a) => b.client.post(a)), ...activities.slice(0, 100).map((a) => b.client.post(a))]);
    const failed = results.map((r, i) => (r.status === 200 && answerCardOf(r.body) ? null : `${i}: ${r.status} ${r.text.slice(0, 150)}`)).filter(Boolean);
    expect(failed).toEqual([]);
    for (const doc of [b.store.doc, await onDisk()]) {
      const meeting = doc.meetings.meetings.find((m) => m.id === MEETING_ID) as Meeting;
      const mine = meeting.invitees.filter((i) => DIRECTORS.some((d) => d.aadObjectId === i.personId));
      expect(mine).toHaveLength(N);
      DIRECTORS.forEach((d, i) => {
        const invitee = mine.find((m) => m.personId === d.aadObjectId);
        expect(invitee?.answer?.value, d.aadObjectId).toBe(answers[i % 3]);
        expect(invitee?.answer?.comment).toBe(`Svar ${i}`);
      });
      // Each activity id is recorded once, redelivered or not.
      const ids = activities.map((a) => String(a.id));
      const processed = count(doc.processedActivities.filter((id) => ids.includes(id)), (id) => id);
      expect(processed.size).toBe(N);
      expect([...processed.values()].every((c) => c === 1)).toBe(true);
    }
  });

  it('500 people talk to the bot for the first time at the same moment, each choosing a language: every reference and choice stored once', async () => {
    const results = await Promise.all(NEWCOMERS.map((p, i) => b.client.invoke(p.aadObjectId, 'core.language', { language: i % 2 ? 'en' : 'sv' }, { conversationId: `a:personal-new-${p.aadObjectId}` })));
    expect(results.filter((r) => r.status !== 200 || !answerCardOf(r.body))).toEqual([]);
    for (const doc of [b.store.doc, await onDisk()]) {
      NEWCOMERS.forEach((p, i) => {
        expect(doc.conversationRefs[p.aadObjectId]?.conversation.id).toBe(`a:personal-new-${p.aadObjectId}`);
        expect(doc.preferences[p.aadObjectId]?.language).toBe(i % 2 ? 'en' : 'sv');
      });
    }
    expect(b.errors()).toEqual([]);
  });
});
