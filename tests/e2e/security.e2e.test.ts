import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStockholm, stockholmDate } from '../../src/domain/time.js';
import { PlaygroundSession, requireBrowserOrSkip } from '../helpers/playground.js';

const run = requireBrowserOrSkip();
const ERIK = '00000000-0000-0000-0000-000000000020'; // the Playground's current user
const LEADER = '00000000-0000-0000-0000-000000000021';
const DAY = 24 * 60 * 60 * 1000;

/*
 * Issue 11 in the Agents Playground: the group chat's help card names no one; a personal question asked in the group
 * chat is answered in the personal chat, and the group reads only that it was; leadership reads the audit record.
 */
describe.runIf(run)('security in the Agents Playground', () => {
  let s: PlaygroundSession;
  beforeAll(async () => {
    s = await PlaygroundSession.start();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('in the group chat the welcome card names no one; "mina behov" there is answered in the personal chat', async () => {
    await expect.poll(() => s.page.getByText('Hej Erik Demoberg!').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await s.page.getByText('STARK demo').first().click();
    await expect.poll(() => s.page.getByText('Här i gruppen svarar jag på det som är gemensamt:').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await s.page.getByText('Erik Demoberg', { exact: false }).count()).toBeLessThanOrEqual(1); // the user menu, not the card
    await s.screenshot('group-help-card');

    // In a group chat the Playground sends a message to the bot only when it is mentioned.
    const starks = s.page.getByText('STARK', { exact: true });
    const before = await starks.count();
    await s.page.locator('[contenteditable="true"][role="textbox"]').first().click();
    await s.page.keyboard.type('@STA', { delay: 40 });
    // The mention picker opens with the bot in it; picking it makes the mention.
    await expect.poll(() => starks.count(), { timeout: 10_000 }).toBeGreaterThan(before);
    await starks.last().click();
    await s.page.keyboard.type(' mina behov', { delay: 20 });
    await s.page.keyboard.press('Enter');
    // The Playground marks typed messages as English: the notice is in English.
    await expect.poll(() => s.page.getByText('I have answered you in our personal chat', { exact: false }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await s.page.getByText('Needs from Västerås stad').count()).toBe(0);
    await s.screenshot('group-redirect-notice');

    await s.page.getByText('Personal Chat').first().click();
    await expect.poll(() => s.page.getByText('Needs from Västerås stad').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await s.screenshot('group-redirect-personal-answer');
  });

  it('leadership types "logg" and reads who did what', async () => {
    // The demo director acts as programme leadership for this test; the programme leader books a meeting first.
    await s.bot.services.store.update((doc) => {
      const erik = doc.people.find((p) => p.aadObjectId === ERIK)!;
      erik.roles = [...erik.roles, 'leadership'];
    });
    const day = new Date(Date.now() + 30 * DAY);
    const res = await s.invokeAs({ aadObjectId: LEADER, id: 'demo-user-021', name: 'Anna Provström' }, 'meeting.schedule', {
      type: 'programrad',
      title: 'Höstdialog med programledningen',
      date: stockholmDate(day),
      start: '09:00',
      end: '12:00',
      place: 'MDU, Västerås',
      agenda: '1. Läget',
      deadline: formatStockholm(new Date(day.getTime() - 7 * DAY), 'yyyy-MM-dd'),
      override: true,
      draftId: randomUUID(),
    });
    expect(res.status).toBe(200);
    await s.say('svenska');
    await s.say('logg');
    await expect.poll(() => s.page.getByText('Logg över programledningens åtgärder').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByText('Anna Provström · bokade möte', { exact: false }).count(), { timeout: 5_000 }).toBeGreaterThan(0);
    await s.screenshot('audit-card');
  });
});
