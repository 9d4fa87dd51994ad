import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlaygroundSession, requireBrowserOrSkip } from '../helpers/playground.js';
import { catalogues } from '../../src/i18n/catalogue.js';

const run = requireBrowserOrSkip();
const sv = catalogues.sv.needs;

describe.runIf(run)('needs in the Agents Playground', () => {
  let s: PlaygroundSession;
  beforeAll(async () => {
    s = await PlaygroundSession.start();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the demo director types "nytt behov", fills in the card, submits it and reads the receipt', async () => {
    // The Playground marks typed messages "en-US"; the director chooses Swedish once and the bot keeps to it.
    await expect.poll(() => s.page.getByText('Hej Erik Demoberg!').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await s.say('svenska');
    await expect.poll(() => s.page.getByText('Jag svarar dig på svenska').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await s.say('nytt behov');
    const title = s.page.getByPlaceholder(sv.form.titlePlaceholder).last();
    await title.waitFor({ timeout: 20_000 });
    await title.fill('Kompetensförsörjning i äldreomsorgen');
    await s.page.getByPlaceholder(sv.form.descriptionPlaceholder).last().fill('Vi har svårt att rekrytera undersköterskor och vill veta hur andra kommuner gör.');
    await s.page.getByPlaceholder(sv.form.areaPlaceholder).last().click();
    await s.page.getByRole('option', { name: sv.areas['framtida-valfarden'] }).click();
    await s.page.getByRole('radio', { name: sv.urgencies.high }).last().check();
    await s.screenshot('needs-form');
    await s.page.getByRole('button', { name: sv.form.submit }).last().click();

    const receipt = s.page.getByText(sv.receipt.heading({ number: 1 }));
    await expect.poll(() => receipt.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByText('Kompetensförsörjning i äldreomsorgen').count()).toBeGreaterThan(0);
    await receipt.last().scrollIntoViewIfNeeded();
    await s.screenshot('needs-receipt');
    const stored = s.bot.services.store.doc.needs.needs;
    expect(stored.map((n) => [n.number, n.title, n.area, n.urgency, n.organisationId])).toEqual([[1, 'Kompetensförsörjning i äldreomsorgen', 'framtida-valfarden', 'high', 'vasteras']]);
  }, 120_000);

  it('"Visa behovet" on the receipt shows the need with its status and history', async () => {
    await s.page.getByRole('button', { name: sv.receipt.show }).last().click();
    const history = s.page.getByText(sv.detail.historyHeading, { exact: true });
    await expect.poll(() => history.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByText(sv.statuses.inkommen, { exact: true }).count()).toBeGreaterThan(0);
    await s.page.getByText(sv.detail.heading({ number: 1 }), { exact: true }).last().scrollIntoViewIfNeeded();
    await s.screenshot('needs-detail');
  }, 60_000);

  it('"Behov: …" gives a prefilled form; a similar need is shown before saving, and "Skicka ändå" saves it', async () => {
    await s.say('Behov: Rekrytering av undersköterskor. Äldreomsorgen saknar undersköterskor, hur rekryterar andra kommuner?');
    await expect.poll(() => s.page.getByText(sv.form.prefilled).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await s.page.getByPlaceholder(sv.form.areaPlaceholder).last().click();
    await s.page.getByRole('option', { name: sv.areas['framtida-valfarden'] }).click();
    await s.page.getByRole('button', { name: sv.form.submit }).last().click();
    const similar = s.page.getByText(sv.similar.heading, { exact: true });
    await expect.poll(() => similar.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await similar.last().scrollIntoViewIfNeeded();
    await s.screenshot('needs-similar');
    await s.page.getByRole('button', { name: sv.similar.submitAnyway }).last().click();
    await expect.poll(() => s.page.getByText(sv.receipt.heading({ number: 2 })).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(s.bot.services.store.doc.needs.needs.map((n) => n.title)).toEqual(['Kompetensförsörjning i äldreomsorgen', 'Rekrytering av undersköterskor']);
  }, 60_000);
});
