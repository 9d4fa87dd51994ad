import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStockholm, stockholmDate } from '../../src/domain/time.js';
import { PlaygroundSession, requireBrowserOrSkip } from '../helpers/playground.js';

const run = requireBrowserOrSkip();
const ERIK = '00000000-0000-0000-0000-000000000020'; // the Playground's current user
const LEADER = '00000000-0000-0000-0000-000000000021';
const DAY = 24 * 60 * 60 * 1000;

describe.runIf(run)('meetings in the Agents Playground', () => {
  let s: PlaygroundSession;
  beforeAll(async () => {
    s = await PlaygroundSession.start();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the demo director gets an invitation card from the programme leader, clicks "Ja" and sees their answer', async () => {
    // The Playground's conversation with Erik is stored when the page installs the bot.
    const refs = () => s.bot.services.store.doc.conversationRefs;
    await expect.poll(() => Boolean(refs()[ERIK]), { timeout: 20_000 }).toBe(true);
    await s.say('svenska');
    await expect.poll(() => s.page.getByText('Jag svarar dig på svenska').count(), { timeout: 20_000 }).toBeGreaterThan(0);

    // The leader books a Programråd dialogue a month ahead: her card action is posted to the running bot, as Teams
    // would post it from her own chat.
    const day = new Date(Date.now() + 30 * DAY);
    const res = await s.invokeAs({ aadObjectId: LEADER, id: 'demo-user-021', name: 'Anna Provström' }, 'meeting.schedule', {
      type: 'programrad',
      title: 'Vårdialog med programledningen',
      date: stockholmDate(day),
      start: '09:00',
      end: '12:00',
      place: 'MDU, Västerås',
      agenda: '1. Läget i programområdena',
      deadline: formatStockholm(new Date(day.getTime() - 7 * DAY), 'yyyy-MM-dd'),
      override: true, // whatever weekday the date falls on
      draftId: randomUUID(),
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('är bokat');
    const meeting = s.bot.services.store.doc.meetings.meetings[0];
    expect(meeting?.invitees.some((i) => i.personId === ERIK)).toBe(true);

    // Erik's invitation appears in his chat in the Playground.
    await expect.poll(() => s.page.getByText('Du är inbjuden till ”Vårdialog med programledningen”', { exact: false }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByText('Du har inte svarat än.').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await s.screenshot('meeting-invitation');

    await s.page.getByRole('button', { name: 'Ja', exact: true }).last().click();
    await expect.poll(() => s.page.getByText('Ditt svar: Ja').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByText('Tack! Ditt svar Ja på ”Vårdialog med programledningen” är registrerat.').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    const answer = s.bot.services.store.doc.meetings.meetings[0]?.invitees.find((i) => i.personId === ERIK)?.answer;
    expect(answer?.value).toBe('ja');
    await s.screenshot('meeting-answered');
  });
});
