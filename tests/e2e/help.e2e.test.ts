import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlaygroundSession, requireBrowserOrSkip } from '../helpers/playground.js';

const run = requireBrowserOrSkip();

describe.runIf(run)('in the Agents Playground', () => {
  let s: PlaygroundSession;
  beforeAll(async () => {
    s = await PlaygroundSession.start();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the Västerås director types "hjälp" and sees the help card in Swedish', async () => {
    // The welcome card on install is Swedish (no locale). The Playground marks every typed message "en-US", as an
    // English Teams client would; the director chooses Swedish once ("svenska") and the bot keeps to it.
    // (The Playground renders each card's text in more than one element, so counts are compared, not fixed.)
    const greeting = s.page.getByText('Hej Erik Demoberg!');
    await expect.poll(() => greeting.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const welcomeCount = await greeting.count();
    await s.say('svenska');
    await expect.poll(() => s.page.getByText('Jag svarar dig på svenska').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await s.say('hjälp');
    await expect.poll(() => greeting.count(), { timeout: 20_000 }).toBe(2 * welcomeCount);
    await expect.poll(() => s.page.getByText('Hello Erik Demoberg!').count()).toBe(0);
    await s.screenshot('help-card');
  });

  it('clicking "In English" on the help card turns it into the English help card', async () => {
    await s.page.getByRole('button', { name: 'In English' }).last().click();
    await expect.poll(() => s.page.getByText('Hello Erik Demoberg!').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await s.screenshot('help-card-english');
  });
});
