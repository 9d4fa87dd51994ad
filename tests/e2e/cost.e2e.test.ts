import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlaygroundSession, requireBrowserOrSkip } from '../helpers/playground.js';
import { catalogues } from '../../src/i18n/catalogue.js';

const run = requireBrowserOrSkip();
const sv = catalogues.sv.cost;

describe.runIf(run)('cost questions in the Agents Playground', () => {
  let s: PlaygroundSession;
  beforeAll(async () => {
    s = await PlaygroundSession.start();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the Västerås director asks "Vad kostar STARK för oss?" and reads Västerås stad’s amount on the answer card', async () => {
    // The Playground marks typed messages "en-US"; the director chooses Swedish once and the bot keeps to it.
    await expect.poll(() => s.page.getByText('Hej Erik Demoberg!').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await s.say('svenska');
    await expect.poll(() => s.page.getByText('Jag svarar dig på svenska').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await s.say('Vad kostar STARK för oss?');
    const title = s.page.getByText(sv.answer.title({ name: 'Västerås stad' }));
    await expect.poll(() => title.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByText(sv.kr(336_025), { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByText(sv.kr(1_008_075), { exact: true }).count()).toBeGreaterThan(0);
    await title.last().scrollIntoViewIfNeeded();
    await s.screenshot('cost-answer');
  });

  it('"kostnadsöversikt" shows the whole table with its total', async () => {
    await s.say('kostnadsöversikt');
    const title = s.page.getByText(sv.overview.title, { exact: true });
    await expect.poll(() => title.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByText(sv.number(3_500_000), { exact: true }).count()).toBeGreaterThan(0);
    await title.last().scrollIntoViewIfNeeded();
    await s.screenshot('cost-overview');
    // The bottom of the table: Sörmland's not-decided rows, the total, the notes and the download buttons.
    const download = s.page.getByText(sv.overview.downloadXlsx).last();
    await expect.poll(() => download.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await download.scrollIntoViewIfNeeded();
    await s.screenshot('cost-overview-end');
  });
});
