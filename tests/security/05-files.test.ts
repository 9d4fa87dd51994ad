import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, cardOf, conversationOf, demo, invokeCard, invokeText } from '../helpers/harness.js';
import { cardNodes } from '../helpers/card-nodes.js';
import { BotFrameworkKeys } from '../helpers/bot-framework-tokens.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { NOW, bookMeeting, rsvp, startWithCredentials, submitNeed } from './security-fixtures.js';

/*
 * Issue 11, point 5: download links are not bearer secrets that live for days. An export link works once and for
 * at most ten minutes; a person's calendar file holds no one else's data and its link expires; in real Teams (with
 * credentials) files go through the file consent card in personal chat and no link exists at all.
 */

const sv = catalogues.sv.core;
const MINUTE = 60_000;

const linksIn = (card: unknown): string[] => cardNodes(card).filter((n) => n.type === 'Action.OpenUrl' && String(n.url).includes('/downloads/')).map((n) => new URL(String(n.url)).pathname);
const payloadOf = (path: string) => JSON.parse(Buffer.from(path.split('/').at(-1)!.split('.')[0]!, 'base64url').toString('utf8')) as { e: number; u: string; k: string };

describe('5. download links and calendar files', () => {
  describe('in local mode (links)', () => {
    let h: Harness;
    let clock = NOW;
    let meetingId: string;
    const get = (path: string) => fetch(`${h.bot.url}${path}`);
    beforeAll(async () => {
      h = await Harness.start({ now: () => clock });
      await submitNeed(h, demo.vasterasDirector, 'Behov i exporten', 'vasteras');
      meetingId = await bookMeeting(h, 'Dialog med kalenderfil');
      await rsvp(h, demo.regionDirector, meetingId, 'nej', 'Föräldraledig');
      await h.services.messenger.drain();
    });
    afterAll(async () => {
      await h.close();
    });

    it('every link a card carries expires at most ten minutes after it was made: exports and calendar files alike', async () => {
      const exports = linksIn(cardOf((await h.say(demo.leader, 'behovsöversikt')).replies[0]));
      const costs = linksIn(cardOf((await h.say(demo.salaEconomist, 'kostnadsöversikt')).replies[0]));
      const calendar = linksIn(invokeCard(await h.invoke(demo.vasterasDirector, 'meeting.refresh', { meetingId })));
      expect(exports.length + costs.length + calendar.length).toBe(5);
      for (const path of [...exports, ...costs, ...calendar]) expect(payloadOf(path).e - clock.getTime(), path).toBeLessThanOrEqual(10 * MINUTE);
    });

    it('an export link works once: the second request, from anyone, gets 404 and the polite text', async () => {
      const [xlsx] = linksIn(cardOf((await h.say(demo.leader, 'behovsöversikt')).replies[0]));
      expect((await get(xlsx!)).status).toBe(200);
      const again = await get(xlsx!);
      expect(again.status).toBe(404);
      expect(await again.text()).toBe(sv.downloadExpired);
    });

    it('an export link used within ten minutes works; one used after ten minutes does not', async () => {
      const made = clock;
      const [early, late] = linksIn(cardOf((await h.say(demo.leader, 'behovsöversikt')).replies[0]));
      try {
        clock = new Date(made.getTime() + 9 * MINUTE);
        expect((await get(early!)).status).toBe(200);
        clock = new Date(made.getTime() + 10 * MINUTE + 1_000);
        expect((await get(late!)).status).toBe(404);
      } finally {
        clock = made;
      }
    });

    it('the calendar file holds the meeting and the person\'s own answer only: no organiser, no other invitee, no one else\'s answer or comment', async () => {
      await rsvp(h, demo.vasterasDirector, meetingId, 'ja');
      const [ics] = linksIn(invokeCard(await h.invoke(demo.vasterasDirector, 'meeting.refresh', { meetingId })));
      const res = await get(ics!);
      expect(res.status).toBe(200);
      const text = (await res.text()).replace(/\r\n /g, '');
      expect(text).toContain('SUMMARY:Dialog med kalenderfil');
      expect(text.toLowerCase()).toContain('mailto:erik.demoberg@demo.stark.example');
      expect(text).toContain('PARTSTAT=ACCEPTED');
      for (const other of ['anna.provstrom', 'Anna Provström', 'Provström', 'maria.exempelsson', 'Maria', 'Föräldraledig', 'DECLINED']) expect(text, other).not.toContain(other);
      expect(text.match(/^ATTENDEE/gm)).toHaveLength(1);
      // The link was used: forwarded afterwards, it gives nothing.
      expect((await get(ics!)).status).toBe(404);
    });

    it('a calendar link expires like an export link', async () => {
      const made = clock;
      const [ics] = linksIn(invokeCard(await h.invoke(demo.vasterasDirector, 'meeting.refresh', { meetingId })));
      try {
        clock = new Date(made.getTime() + 11 * MINUTE);
        expect((await get(ics!)).status).toBe(404);
      } finally {
        clock = made;
      }
    });
  });

  describe('in Teams (credentials): the file consent card, no link', () => {
    let keys: BotFrameworkKeys;
    let h: Harness;
    let evil: FakeConnector;
    const consentCards = () =>
      h.connector
        .messagesIn(conversationOf(demo.leader))
        .flatMap((m) => (m.attachments as Array<{ contentType: string; name: string; content: { acceptContext: { token: string }; sizeInBytes: number } }> | undefined) ?? [])
        .filter((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    const answer = (action: 'accept' | 'decline', token: string, uploadUrl: string) =>
      h.post(
        h.activity(demo.leader, {
          type: 'invoke',
          name: 'fileConsent/invoke',
          value: { type: 'fileUpload', action, context: { token }, uploadInfo: { uploadUrl, contentUrl: 'https://contoso.sharepoint.com/personal/x/Documents/stark.csv', name: 'stark.csv', uniqueId: 'file-1', fileType: 'csv' } },
        }),
      );

    beforeAll(async () => {
      keys = await new BotFrameworkKeys().start();
      h = await startWithCredentials(keys);
      evil = await new FakeConnector().start();
      await h.say(demo.leader, 'hej');
      await submitNeed(h, demo.vasterasDirector, 'Behov via OneDrive', 'vasteras');
    });
    afterAll(async () => {
      await h.close();
      await evil.close();
      await keys.close();
    });

    it('the overview\'s download buttons carry no link: they ask for the file', async () => {
      const card = cardOf((await h.say(demo.leader, 'behovsöversikt')).replies[0]);
      expect(linksIn(card)).toEqual([]);
      expect(JSON.stringify(card)).not.toContain('/downloads/');
      const buttons = cardNodes(card).filter((n) => n.type === 'Action.Execute' && n.verb === 'file.send');
      expect(buttons.map((b) => (b.data as { file: string; format: string }).format)).toEqual(['xlsx', 'csv']);
    });

    it('a button press sends the file consent card to the personal chat; "allow" uploads the file to OneDrive once and shows it; the card\'s token works once', async () => {
      const pressed = await h.invoke(demo.leader, 'file.send', { file: 'needs-export', format: 'csv', round: 'all', lang: 'sv' });
      expect(invokeText(pressed)).toBe(sv.files.consentSent);
      const consent = consentCards().at(-1)!;
      expect(consent.content.sizeInBytes).toBeGreaterThan(0);
      const token = consent.content.acceptContext.token;
      const uploadUrl = `${h.connector.url}upload/1`;
      expect((await answer('accept', token, uploadUrl)).status).toBe(200);
      const puts = h.connector.calls.filter((c) => c.method === 'PUT' && c.path === '/upload/1');
      expect(puts).toHaveLength(1);
      expect(String(puts[0]!.body.text)).toContain('Behov via OneDrive');
      expect(puts[0]!.body.contentRange).toBe(`bytes 0-${Number(puts[0]!.body.bytes) - 1}/${String(puts[0]!.body.bytes)}`);
      const shown = h.connector.messagesIn(conversationOf(demo.leader)).at(-1) as { attachments?: Array<{ contentType: string }> };
      expect(shown.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.teams.card.file.info');
      // The same consent answered again (a replay): nothing is uploaded.
      await answer('accept', token, uploadUrl);
      expect(h.connector.calls.filter((c) => c.method === 'PUT' && c.path === '/upload/1')).toHaveLength(1);
    });

    it('an upload URL that is not the person\'s OneDrive is refused: the file goes nowhere else', async () => {
      await h.invoke(demo.leader, 'file.send', { file: 'needs-export', format: 'csv', round: 'all' });
      const token = consentCards().at(-1)!.content.acceptContext.token;
      await answer('accept', token, `${evil.url}steal`);
      expect(evil.calls).toEqual([]);
    });

    it('declining sends nothing; someone who may not have the file gets no consent card for it', async () => {
      const before = h.connector.calls.filter((c) => c.method === 'PUT').length;
      await h.invoke(demo.leader, 'file.send', { file: 'needs-export', format: 'csv', round: 'all' });
      const token = consentCards().at(-1)!.content.acceptContext.token;
      await answer('decline', token, `${h.connector.url}upload/2`);
      expect(h.connector.calls.filter((c) => c.method === 'PUT').length).toBe(before);
      expect(JSON.stringify(h.connector.messagesIn(conversationOf(demo.leader)).at(-1))).toContain(sv.files.declined);
      const refused = await h.invoke(demo.salaEconomist, 'file.send', { file: 'needs-export', format: 'csv', round: 'all' });
      expect(invokeText(refused)).toBe(sv.notAllowed);
    });
  });
});
