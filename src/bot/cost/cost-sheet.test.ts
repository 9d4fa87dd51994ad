import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import agreementJson from '../../../data/agreement.json' with { type: 'json' };
import populationJson from '../../../data/population-scb-2023-12-31.json' with { type: 'json' };
import organisationsJson from '../../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../../domain/organisations.js';
import { parseCostData } from '../../domain/cost/cost-data.js';
import { catalogues } from '../../i18n/catalogue.js';
import { costDownload, costSheets } from './cost-sheet.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const data = parseCostData({ agreementJson, populationJson, organisations });

async function readXlsx(body: Buffer | string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}
/** Rows of a worksheet as objects keyed by header. */
function records(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    out.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return out;
}
const byParty = (rows: Record<string, unknown>[], name: string) => rows.find((r) => String(r.Part ?? r.Party).trim() === name);

describe('the cost spreadsheet', () => {
  it('xlsx: every party per year and for the period, read back with exceljs', async () => {
    const file = await costDownload({ data, t: catalogues.sv, format: 'xlsx' });
    expect(file.filename).toBe('stark-kostnadsfordelning-2026-2028.xlsx');
    const wb = await readXlsx(file.body);
    const rows = records(wb.getWorksheet('Kostnadsfördelning')!);
    expect(byParty(rows, 'Västerås stad')).toMatchObject({ '2026 (kr)': 336_025, '2027 (kr)': 336_025, '2028 (kr)': 336_025, 'Summa 2026–2028 (kr)': 1_008_075, Befolkning: 159_662, Grund: 'Antagande', Län: 'Västmanland' });
    expect(byParty(rows, 'Region Västmanland')).toMatchObject({ '2027 (kr)': 590_000, 'Summa 2026–2028 (kr)': 1_770_000, Grund: 'Avtal' });
    expect(byParty(rows, 'Mälardalens universitet')).toMatchObject({ '2026 (kr)': 1_050_000 });
    expect(byParty(rows, 'Summa')).toMatchObject({ '2026 (kr)': 3_500_000, 'Summa 2026–2028 (kr)': 10_500_000 });
    for (const o of organisations) expect(byParty(rows, o.name), o.name).toBeDefined();
  });

  it('xlsx: Sörmland’s parts have no amount, say "Ej beslutat", and carry the illustration in its own column', async () => {
    const wb = await readXlsx((await costDownload({ data, t: catalogues.sv, format: 'xlsx' })).body);
    const rows = records(wb.getWorksheet('Kostnadsfördelning')!);
    expect(byParty(rows, 'Region Sörmland')).toMatchObject({ '2026 (kr)': null, 'Summa 2026–2028 (kr)': null, Grund: 'Ej beslutat', 'Illustration per år (kr, ej beslutad)': 634_500 });
    expect(byParty(rows, 'Södermanlands län')).toMatchObject({ '2026 (kr)': 1_269_000, Grund: 'Avtal' });
  });

  it('xlsx: the notes sheet names the source, the population reference date and every assumption', async () => {
    const wb = await readXlsx((await costDownload({ data, t: catalogues.en, format: 'xlsx' })).body);
    const notes: string[] = [];
    wb.getWorksheet('Notes')!.eachRow((r) => notes.push(`${String(r.getCell(1).value)}|${String(r.getCell(2).value)}`));
    expect(notes.some((n) => n.startsWith('Source|') && n.includes('Tjänsteskrivelse Avtal STARK'))).toBe(true);
    expect(notes.some((n) => n.startsWith('Population|') && n.includes('2023-12-31'))).toBe(true);
    for (const a of data.agreement.assumptions) expect(notes.some((n) => n.endsWith(`|${a.statement.en}`)), a.id).toBe(true);
  });

  it('csv: semicolon-separated with a BOM; the figures parse back', async () => {
    const file = await costDownload({ data, t: catalogues.sv, format: 'csv' });
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    const csv = String(file.body);
    expect(csv.startsWith('\uFEFFPart;Nivå;Län;Befolkning;2026 (kr);2027 (kr);2028 (kr);Summa 2026–2028 (kr);Grund;')).toBe(true);
    const line = csv.split('\r\n').find((l) => l.startsWith('"') && l.includes('Köpings kommun"'))!;
    const fields = line.split(';');
    const sheets = costSheets({ data, t: catalogues.sv });
    const koping = sheets.costs.rows.find((r) => String(r.party).trim() === 'Köpings kommun')!;
    expect(fields.slice(3, 8).map(Number)).toEqual([25_978, koping.y2026, koping.y2026, koping.y2026, 3 * Number(koping.y2026)]);
    expect(Math.abs(Number(koping.y2026) - (591_000 * 25_978) / 280_813)).toBeLessThan(1);
  });

  it('a what-if is marked on every row and in the file name', async () => {
    const sheets = costSheets({ data, t: catalogues.en, excludedPartyIds: ['norberg'] });
    expect(sheets.filename).toBe('stark-cost-split-2026-2028-scenario');
    expect(sheets.costs.columns[0]).toMatchObject({ key: 'scenario' });
    expect(sheets.costs.rows.every((r) => r.scenario === 'Scenario (not decided): if Norbergs kommun did not take part')).toBe(true);
    expect(sheets.costs.rows.find((r) => String(r.party).trim() === 'Norbergs kommun')).toMatchObject({ y2026: 0, period: 0 });
  });

  it('ids from a link that are not parties are dropped rather than trusted', () => {
    expect(costSheets({ data, t: catalogues.sv, excludedPartyIds: ['uppsala'] }).filename).toBe('stark-kostnadsfordelning-2026-2028');
  });
});
