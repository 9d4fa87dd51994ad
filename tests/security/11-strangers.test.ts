import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Harness, demo, groupChat, invokeText } from '../helpers/harness.js';
import { DEFAULT_ACCESS_CONTACT } from '../../src/config.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { NOW } from './security-fixtures.js';
import type { Persistence } from '../../src/store/persistence.js';

/*
 * Issue 11, point 11: someone not in the roster learns nothing: one polite sentence with a generic contact
 * (configurable), no names or e-mail addresses of leadership. /healthz says ok or not ok, nothing about the host.
 */

const CONTACT = 'stark-support@mdu.example';
let h: Harness;
let leadership: Array<{ name: string; email?: string | undefined }>;
beforeAll(async () => {
  h = await Harness.start({ now: () => NOW, env: { STARK_ACCESS_CONTACT: CONTACT } });
  leadership = h.services.store.doc.people.filter((p) => p.roles.includes('leadership')).map((p) => ({ name: p.name, email: p.email }));
});
afterAll(async () => {
  await h.close();
});

const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter(Boolean);

describe('11. strangers and the health endpoint', () => {
  it('a stranger gets one polite sentence with the configured contact — no leadership name or e-mail — by message, card click, group chat and install', async () => {
    const texts = [
      ...(await h.say(demo.stranger, 'hjälp')).replies.map((r) => String(r.text)),
      ...(await h.say(demo.stranger, 'alla behov', { locale: 'en-US' })).replies.map((r) => String(r.text)),
      ...(await h.say(demo.stranger, 'möten', { conversation: groupChat })).replies.map((r) => String(r.text)),
      invokeText(await h.invoke(demo.stranger, 'meeting.refresh', { meetingId: 'x' })) ?? '',
      ...(await h.install(demo.stranger)).replies.map((r) => String(r.text)),
    ];
    expect(texts).toHaveLength(5);
    expect(texts[0]).toBe(catalogues.sv.core.unknownPerson({ contact: CONTACT }));
    expect(texts[1]).toBe(catalogues.en.core.unknownPerson({ contact: CONTACT }));
    for (const text of texts) {
      expect(sentences(text), text).toHaveLength(1);
      expect(text).toContain(CONTACT);
      for (const l of leadership) {
        expect(text).not.toContain(l.name);
        if (l.email) expect(text).not.toContain(l.email);
      }
    }
    expect(h.services.store.doc.conversationRefs[demo.stranger]).toBeUndefined();
  });

  it('without STARK_ACCESS_CONTACT the contact is the generic role, not a person', async () => {
    const plain = await Harness.start({ now: () => NOW });
    try {
      const text = String((await plain.say(demo.stranger, 'hej')).replies[0]?.text);
      expect(text).toContain(DEFAULT_ACCESS_CONTACT);
      for (const l of leadership) expect(text).not.toContain(l.name);
    } finally {
      await plain.close();
    }
  });

  it('/healthz says ok, and nothing else: no version, no paths, no host facts', async () => {
    const res = await fetch(`${h.bot.url}/healthz`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: 'ok' });
    expect(text).not.toContain(h.dataDir);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('/healthz says "not ok" (503) while the store cannot write, still without details, and ok again once it can', async () => {
    // The disk refuses every write (full, or gone read-only): the persistence under the store fails each commit.
    const persistence = (h.services.store as unknown as { persistence: Persistence }).persistence;
    const failing = vi.spyOn(persistence, 'prepare').mockImplementation(() => ({ write: () => Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })) }));
    try {
      await expect(h.services.store.update((doc) => doc.processedActivities.push('cannot be written'))).rejects.toThrow();
      const res = await fetch(`${h.bot.url}/healthz`);
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ status: 'not ok' });
      expect(text).not.toContain('ENOSPC');
    } finally {
      failing.mockRestore();
    }
    await h.services.store.update((doc) => doc.processedActivities.push('written again'));
    expect((await fetch(`${h.bot.url}/healthz`)).status).toBe(200);
  });
});
