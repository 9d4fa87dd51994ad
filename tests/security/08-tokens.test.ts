import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BotFrameworkKeys, FixedCredentialsFactory } from '../helpers/bot-framework-tokens.js';
import { Harness, cardOf, demo } from '../helpers/harness.js';
import { BOT_ID, NOW, credentialsEnv, startWithCredentials } from './security-fixtures.js';

/*
 * Issue 11, point 8: with credentials, every bad, missing, expired or wrong-audience token gets 401 with an empty
 * body, and nothing on stderr (no stack trace, no key material) for these expected rejections. An activity without a
 * tenant is refused, never taken as the home tenant's; a channel other than Teams is refused (in local mode the
 * Agents Playground's too is allowed).
 */

let keys: BotFrameworkKeys;
let h: Harness;
const stderr = () => {
  const write = vi.spyOn(process.stderr, 'write');
  const error = vi.spyOn(console, 'error');
  const warn = vi.spyOn(console, 'warn');
  return () => [...write.mock.calls, ...error.mock.calls, ...warn.mock.calls].map((c) => String(c[0]));
};
afterEach(() => {
  vi.restoreAllMocks();
});

beforeAll(async () => {
  keys = await new BotFrameworkKeys().start();
  h = await startWithCredentials(keys);
});
afterAll(async () => {
  await h.close();
  await keys.close();
});

describe('8. who may post to /api/messages', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const activity = () => h.activity(demo.leader, { type: 'message', text: 'hjälp' });
  const forService = () => String(activity().serviceUrl);
  const cases: Array<[string, () => string | undefined]> = [
    ['no Authorization header', () => undefined],
    ['an empty bearer', () => 'Bearer '],
    ['not a JWT', () => 'Bearer not-a-jwt'],
    ['another scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['a JWT of garbage parts', () => 'Bearer eyJhbGciOi.eyJ.sig'],
    ['a forged signature (a key the service does not publish, its key id)', () => `Bearer ${keys.token({ aud: BOT_ID, serviceurl: forService() }, { key: keys.forger })}`],
    ['an unknown key id', () => `Bearer ${keys.token({ aud: BOT_ID, serviceurl: forService() }, { kid: 'no-such-key' })}`],
    ['an expired token', () => `Bearer ${keys.token({ aud: BOT_ID, serviceurl: forService(), nbf: now() - 7_200, exp: now() - 3_600 })}`],
    ['a token not yet valid', () => `Bearer ${keys.token({ aud: BOT_ID, serviceurl: forService(), nbf: now() + 3_600, exp: now() + 7_200 })}`],
    ['the wrong audience (another bot)', () => `Bearer ${keys.token({ aud: '99999999-2222-3333-4444-555555555555', serviceurl: forService() })}`],
    ['the wrong issuer', () => `Bearer ${keys.token({ aud: BOT_ID, serviceurl: forService(), iss: 'https://evil.example' })}`],
    ['alg none', () => `Bearer ${keys.token({ aud: BOT_ID, serviceurl: forService() }, { alg: 'none' })}`],
    ['alg HS256', () => `Bearer ${keys.token({ aud: BOT_ID, serviceurl: forService() }, { alg: 'HS256' })}`],
    ['a token for another serviceUrl', () => `Bearer ${keys.token({ aud: BOT_ID, serviceurl: 'https://smba.trafficmanager.net/emea/' })}`],
    ['a token of 12 000 characters', () => `Bearer ${'a'.repeat(6_000)}.${'b'.repeat(6_000)}.c`],
  ];

  for (const [what, authorization] of cases) {
    it(`${what} → 401, empty body, nothing on stderr, nothing sent, nothing stored`, async () => {
      await h.services.store.flush();
      const before = JSON.stringify(h.services.store.doc);
      const calls = h.connector.calls.length;
      const output = stderr();
      const header = authorization();
      const r = await h.post(activity(), header === undefined ? { Authorization: '' } : { Authorization: header });
      expect(r.status).toBe(401);
      expect(r.text).toBe('');
      expect(output()).toEqual([]);
      expect(h.connector.calls.length).toBe(calls);
      expect(JSON.stringify(h.services.store.doc)).toBe(before);
    });
  }

  it('a valid token is let in and answered', async () => {
    const r = await h.say(demo.leader, 'hjälp');
    expect(r.status).toBe(200);
    expect(cardOf(r.replies[0])).toBeDefined();
  });

  it('an activity without a tenant is refused (403, empty body), not treated as the home tenant', async () => {
    const a = activity();
    delete (a.conversation as Record<string, unknown>).tenantId;
    delete a.channelData;
    const calls = h.connector.calls.length;
    const r = await h.post(a);
    expect(r.status).toBe(403);
    expect(r.text).toBe('');
    expect(h.connector.calls.length).toBe(calls);
  });

  it('a channel other than Teams is refused, even with a valid token', async () => {
    for (const channelId of ['webchat', 'emulator', 'directline', 'slack']) {
      const calls = h.connector.calls.length;
      const r = await h.post({ ...activity(), channelId });
      expect([401, 403], channelId).toContain(r.status);
      expect(r.text).toBe('');
      expect(h.connector.calls.length).toBe(calls);
    }
  });

  it('when the signing keys cannot be fetched, tokens are refused the same way (401, empty, quiet), not answered 500', async () => {
    const cut = await Harness.start({
      now: () => NOW,
      env: (connector) => credentialsEnv(connector.url),
      botFramework: { openIdMetadataUrl: 'http://127.0.0.1:9/unreachable', credentialsFactory: new FixedCredentialsFactory(BOT_ID) },
      authorization: (a) => `Bearer ${keys.token({ aud: BOT_ID, serviceurl: a.serviceUrl })}`,
    });
    try {
      const output = stderr();
      const r = await cut.say(demo.leader, 'hjälp');
      expect(r.status).toBe(401);
      expect(output()).toEqual([]);
      expect(cut.log.entries.find((e) => e.event === 'auth.rejected')).toMatchObject({ reason: 'unknownKey' });
    } finally {
      await cut.close();
    }
  });

  it('in local mode, the Agents Playground\'s channel is let in; others and a missing tenant are refused', async () => {
    const local = await Harness.start({ now: () => NOW });
    try {
      expect((await local.post(local.activity(demo.leader, { type: 'message', text: 'hjälp', channelId: 'emulator' }))).status).toBe(200);
      expect((await local.post(local.activity(demo.leader, { type: 'message', text: 'hjälp', channelId: 'webchat' }))).status).toBe(403);
      const a = local.activity(demo.leader, { type: 'message', text: 'hjälp' });
      delete (a.conversation as Record<string, unknown>).tenantId;
      delete a.channelData;
      expect((await local.post(a)).status).toBe(403);
    } finally {
      await local.close();
    }
  });
});
