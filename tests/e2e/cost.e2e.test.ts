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

  it('"Vad betalar Västerås och Köping tillsammans?" shows both parts and their sum', async () => {
    await s.say('Vad betalar Västerås och Köping tillsammans?');
    const title = s.page.getByText(sv.group.together({ names: ['Västerås stad', 'Köpings kommun'] }), { exact: true });
    await expect.poll(() => title.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // Västerås 336,025 + Köping 54,673 (591,000 kr by population, SCB 2023-12-31).
    await expect.poll(() => s.page.getByText(sv.kr(336_025 + 54_673), { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByText(sv.group.partsTitle, { exact: true }).count()).toBeGreaterThan(0);
    await title.last().scrollIntoViewIfNeeded();
    await s.screenshot('cost-group-sum');
  });

  it('"Vad kostar programmet totalt per år?" is the programme’s total, not a "did you mean"', async () => {
    await s.say('Vad kostar programmet totalt per år?');
    const title = s.page.getByText(sv.subjects.programme, { exact: true });
    await expect.poll(() => title.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByText(sv.kr(3_500_000), { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByText(sv.kr(10_500_000), { exact: true }).count()).toBeGreaterThan(0);
    expect(await s.page.getByText('Menade du').count()).toBe(0);
    await title.last().scrollIntoViewIfNeeded();
    await s.screenshot('cost-programme-total');
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
