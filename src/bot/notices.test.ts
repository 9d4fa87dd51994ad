import { describe, expect, it } from 'vitest';
import { sendNotices } from './notices.js';
import type { NoticeRenderer } from './feature.js';
import type { OutgoingMessage } from '../outbound/messenger.js';
import type { Store } from '../store/store.js';

const doc = { preferences: { 'p-en': { language: 'en' } }, conversationRefs: {} };
const store = { doc } as unknown as Store;
const renderer: NoticeRenderer = { kind: 'greeting', render: (data, _t, locale) => `${locale}:${(data as { n: number }).n}` };

function fakeMessenger() {
  const sent: OutgoingMessage[] = [];
  return { sent, messenger: { send: async (m: OutgoingMessage[]) => { sent.push(...m); return { queued: m.map((x) => x.key), unreachable: [] }; } } as never };
}

describe('sendNotices', () => {
  it('renders each notice in its recipient\'s language and queues it under its key', async () => {
    const { sent, messenger } = fakeMessenger();
    const report = await sendNotices({ store, messenger }, [renderer], [
      { key: 'k1', personId: 'p-en', kind: 'greeting', data: { n: 1 } },
      { key: 'k2', personId: 'p-sv', kind: 'greeting', data: { n: 2 }, replaces: 'a1' },
    ]);
    expect(sent).toEqual([
      { key: 'k1', personId: 'p-en', message: 'en:1' },
      { key: 'k2', personId: 'p-sv', message: 'sv:2', replaces: 'a1' },
    ]);
    expect(report.queued).toEqual(['k1', 'k2']);
  });

  it('queues nothing when one notice has no renderer', async () => {
    const { sent, messenger } = fakeMessenger();
    await expect(sendNotices({ store, messenger }, [renderer], [
      { key: 'k1', personId: 'p-sv', kind: 'greeting', data: { n: 1 } },
      { key: 'k2', personId: 'p-sv', kind: 'unknown', data: {} },
    ])).rejects.toThrow('unknown');
    expect(sent).toEqual([]);
  });
});
