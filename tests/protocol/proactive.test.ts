import { afterEach, describe, expect, it } from 'vitest';
import { Harness, conversationOf, demo } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('proactive messages', () => {
  it('reach a person in their stored 1:1 conversation, once per key', async () => {
    h = await Harness.start();
    await h.say(demo.regionDirector, 'hjälp');
    const report = await h.services.messenger.send([
      { key: 'test:1', personId: demo.regionDirector, message: 'Kallelse' },
      { key: 'test:1', personId: demo.regionDirector, message: 'Kallelse' },
    ]);
    expect(report.unreachable).toEqual([]);
    await h.services.messenger.drain();
    await h.services.messenger.send([{ key: 'test:1', personId: demo.regionDirector, message: 'Kallelse' }]);
    await h.services.messenger.drain();
    const texts = h.connector.messagesIn(conversationOf(demo.regionDirector)).map((a) => a.text);
    expect(texts.filter((t) => t === 'Kallelse')).toHaveLength(1);
    expect(h.services.messenger.stateOf('test:1')).toBe('sent');
  });

  it('create a 1:1 conversation with someone the bot has never talked to, and remember it', async () => {
    h = await Harness.start();
    await h.say(demo.regionDirector, 'hjälp');
    await h.services.messenger.send([{ key: 'test:new', personId: demo.kopingSubstitute, message: 'Välkommen' }]);
    await h.services.messenger.drain();
    const created = h.connector.delivered.find((c) => c.path === '/v3/conversations');
    expect(created?.body).toMatchObject({ members: [{ id: demo.kopingSubstitute }], tenantId: '00000000-0000-0000-0000-000000000001' });
    expect(h.connector.messagesIn(`a:created-${demo.kopingSubstitute}`).map((a) => a.text)).toContain('Välkommen');
    expect(h.services.store.doc.conversationRefs[demo.kopingSubstitute]?.conversation.id).toBe(`a:created-${demo.kopingSubstitute}`);
  });

  it('report people as unreachable when the bot knows no conversation or service to reach them through', async () => {
    h = await Harness.start();
    const report = await h.services.messenger.send([{ key: 'test:x', personId: demo.kopingSubstitute, message: 'x' }]);
    expect(report).toEqual({ queued: [], unreachable: [demo.kopingSubstitute] });
  });

  it('survive throttling: 429s with Retry-After and 502s are retried and each message arrives once', async () => {
    h = await Harness.start();
    await h.say(demo.regionDirector, 'hjälp');
    let n = 0;
    h.connector.failure = (call) => {
      if (call.method !== 'POST') return null;
      n++;
      if (n % 3 === 0) return { status: 429, headers: { 'Retry-After': '1' } };
      if (n % 5 === 0) return { status: 502 };
      return null;
    };
    const keys = Array.from({ length: 6 }, (_, i) => `throttle:${i}`);
    await h.services.messenger.send(keys.map((key) => ({ key, personId: demo.regionDirector, message: key })));
    await h.services.messenger.drain();
    const texts = h.connector.messagesIn(conversationOf(demo.regionDirector)).map((a) => String(a.text));
    for (const key of keys) expect(texts.filter((t) => t === key)).toHaveLength(1);
  }, 60_000);
});

describe('replacing an earlier message', () => {
  it('an update goes to the same activity in the person\'s conversation', async () => {
    h = await Harness.start();
    await h.say(demo.regionDirector, 'hjälp');
    await h.services.messenger.send([{ key: 'card:1', personId: demo.regionDirector, message: 'Kallelse v1' }]);
    await h.services.messenger.drain();
    const activityId = h.services.messenger.activityIdOf('card:1');
    expect(activityId).toMatch(/^act-/);
    await h.services.messenger.send([{ key: 'card:1:v2', personId: demo.regionDirector, message: 'Inställt', replaces: activityId }]);
    await h.services.messenger.drain();
    const put = h.connector.delivered.find((c) => c.method === 'PUT');
    expect(put?.path).toBe(`/v3/conversations/${encodeURIComponent(conversationOf(demo.regionDirector))}/activities/${activityId}`);
    expect(put?.body.text).toBe('Inställt');
  });
});

describe('a send Teams refuses', () => {
  it('is recorded as failed, not as sent, and the person is not told "something went wrong"', async () => {
    h = await Harness.start();
    await h.say(demo.regionDirector, 'hjälp');
    h.connector.failure = (call) => (call.method === 'POST' ? { status: 403 } : null);
    await h.services.messenger.send([{ key: 'blocked:1', personId: demo.regionDirector, message: 'Kallelse' }]);
    await h.services.messenger.drain();
    expect(h.services.messenger.stateOf('blocked:1')).toBe('failed');
    h.connector.failure = null;
    const attempts = h.connector.calls.filter((c) => c.conversationId === conversationOf(demo.regionDirector) && c.method === 'POST');
    expect(attempts.map((c) => c.body.text)).not.toContain(expect.stringContaining('Något gick fel'));
  });
});
