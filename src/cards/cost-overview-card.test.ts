import { describe, expect, it } from 'vitest';
import agreementJson from '../../data/agreement.json' with { type: 'json' };
import populationJson from '../../data/population-scb-2023-12-31.json' with { type: 'json' };
import organisationsJson from '../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../domain/organisations.js';
import { parseCostData } from '../domain/cost/cost-data.js';
import { catalogues } from '../i18n/catalogue.js';
import { costOverviewCardFor } from '../bot/cost/cost-reply.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import type { AdaptiveCard, CardElement } from './adaptive-card.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const data = parseCostData({ agreementJson, populationJson, organisations });
const links = (excluded: readonly string[]) => ({ xlsxUrl: `https://bot.example/dl/xlsx?x=${excluded.join(',')}`, csvUrl: 'https://bot.example/dl/csv' });
const sv = { data, t: catalogues.sv, downloadLinks: links };
const en = { data, t: catalogues.en, downloadLinks: links };
const NBSP = '\u00a0';

type Cell = { items: { text?: string }[] };
type Row = { cells: Cell[] };
const table = (card: AdaptiveCard) => card.body.find((e): e is CardElement & { rows: Row[] } => e.type === 'Table')!;
const cellText = (c: Cell) => c.items.map((i) => i.text ?? '').join(' ');
/** The table as [label, per year, period, basis] strings, without the header row. */
const grid = (card: AdaptiveCard) => table(card).rows.slice(1).map((r) => r.cells.map(cellText));
/** Reads "1 050 000 kr" / "SEK 1,050,000" back into a number; null for anything else. */
const amount = (s: string): number | null => {
  const m = /^(?:SEK\u00a0)?([\d\u00a0,]+)(?:\u00a0kr)?$/.exec(s);
  return m ? Number(m[1]!.replace(/[\u00a0,]/g, '')) : null;
};
const indentOf = (label: string) => /^\u2003*/.exec(label)![0].length;

describe('the cost overview card', () => {
  it('validates at 1.5 without warnings and stays under 28 KB, in Swedish and English, with and without a scenario', () => {
    expect(validateCard(costOverviewCardFor(sv))).toEqual([]);
    expect(validateCard(costOverviewCardFor(en))).toEqual([]);
    expect(validateCard(costOverviewCardFor(sv, { excludedPartyIds: ['norberg', 'region-sormland'] }))).toEqual([]);
  });

  it('has a row for MDU, the other parties, both counties, both regions, Länsstyrelsen and every municipality, and the total', () => {
    const labels = grid(costOverviewCardFor(sv)).map((r) => r[0]!.trim().replace(/^\u2003+/, ''));
    for (const o of organisations) expect(labels).toContain(o.name);
    expect(labels).toEqual(expect.arrayContaining(['Övriga parter gemensamt', 'Västmanlands län', 'Södermanlands län', 'Kommunerna i Västmanland', 'Kommunerna i Sörmland', 'Summa']));
    expect(labels.at(-1)).toBe('Summa');
  });

  it('visibly adds up: the amounts shown at each indentation sum to the row above them', () => {
    const rows = grid(costOverviewCardFor(sv));
    const shown = rows.map((r) => ({ level: indentOf(r[0]!), yearly: amount(r[1]!), period: amount(r[2]!) }));
    expect(shown.at(-1)!.yearly).toBe(3_500_000);
    expect(shown.at(-1)!.period).toBe(10_500_000);
    expect(shown.filter((r, i) => r.level === 0 && i < shown.length - 1).reduce((s, r) => s + (r.yearly ?? NaN), 0)).toBe(3_500_000);
    shown.forEach((row, i) => {
      const kids = [];
      for (let j = i + 1; j < shown.length && shown[j]!.level > row.level; j++) if (shown[j]!.level === row.level + 1) kids.push(shown[j]!);
      if (kids.length === 0 || row.yearly === null || kids.some((k) => k.yearly === null)) return;
      expect(kids.reduce((s, k) => s + k.yearly!, 0)).toBe(row.yearly);
      expect(kids.reduce((s, k) => s + k.period!, 0)).toBe(row.period);
    });
  });

  it('shows the memo’s figures and Västerås stad’s 336,025 kr', () => {
    const rows = new Map(grid(costOverviewCardFor(sv)).map((r) => [r[0]!.replace(/^\u2003+/, ''), r]));
    expect(amount(rows.get('Mälardalens universitet')![1]!)).toBe(1_050_000);
    expect(amount(rows.get('Övriga parter gemensamt')![1]!)).toBe(2_450_000);
    expect(amount(rows.get('Södermanlands län')![1]!)).toBe(1_269_000);
    expect(amount(rows.get('Västmanlands län')![1]!)).toBe(1_181_000);
    expect(amount(rows.get('Region Västmanland')![1]!)).toBe(590_000);
    expect(amount(rows.get('Region Västmanland')![2]!)).toBe(1_770_000);
    expect(rows.get('Region Västmanland')![3]).toBe('Avtal');
    expect(amount(rows.get('Västerås stad')![1]!)).toBe(336_025);
    expect(rows.get('Västerås stad')![3]).toBe('Antagande');
  });

  it('marks Sörmland’s parts as not decided, with the illustration labelled "ill."', () => {
    const rows = new Map(grid(costOverviewCardFor(sv)).map((r) => [r[0]!.replace(/^\u2003+/, ''), r]));
    expect(rows.get('Region Sörmland')![1]).toBe(`Ej beslutat ill. 634${NBSP}500`);
    expect(rows.get('Region Sörmland')![3]).toBe('Ej beslutat');
    const card = costOverviewCardFor(sv);
    expect(JSON.stringify(card)).toContain(catalogues.sv.cost.overview.illustrationNote);
  });

  it('amount cells are bare numbers with the unit in the column header, so a narrow column cannot break "kr" apart', () => {
    const [header, ...rows] = table(costOverviewCardFor(sv)).rows;
    expect(header!.cells.map(cellText)).toEqual(['Part', 'Per år (kr)', '2026–2028 (kr)', 'Grund']);
    for (const r of rows) for (const c of r.cells.slice(1, 3)) expect(cellText(c)).not.toMatch(/kr|SEK/);
    expect(table(costOverviewCardFor(en)).rows[0]!.cells.map(cellText)).toEqual(['Party', 'Per year (SEK)', '2026–2028 (SEK)', 'Basis']);
  });

  it('links to the spreadsheet download passed in (Action.OpenUrl), and marks a what-if as a scenario', () => {
    const card = costOverviewCardFor(en, { excludedPartyIds: ['norberg'] });
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Download (Excel)', url: 'https://bot.example/dl/xlsx?x=norberg' },
      { type: 'Action.OpenUrl', title: 'Download (CSV)', url: 'https://bot.example/dl/csv' },
    ]);
    const banner = card.body.find((e) => e.type === 'Container' && e.style === 'warning') as { items: { text: string }[] } | undefined;
    expect(banner?.items[0]?.text).toBe('Scenario: if Norbergs kommun did not take part. Nothing is saved – the agreement is unchanged.');
    const norberg = grid(card).find((r) => r[0]!.includes('Norbergs kommun'))!;
    expect(amount(norberg[1]!)).toBe(0);
    expect(costOverviewCardFor({ data, t: catalogues.sv }).actions).toBeUndefined();
  });
});
