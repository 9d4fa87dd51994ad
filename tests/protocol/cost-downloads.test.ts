import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, cardOf, demo } from '../helpers/harness.js';
import { loadCostData } from '../../src/bot/cost/cost-data-files.js';
import { computeCostShares } from '../../src/domain/cost/cost-shares.js';
import { catalogues } from '../../src/i18n/catalogue.js';

const data = loadCostData();
const shares = computeCostShares({ data });
const yearlyOf = (partyId: string, s = shares) => s.parties.find((p) => p.partyId === partyId)!.yearly!;
const YEARS = shares.period.years.length;

// A clock the test moves: links expire 24 hours after they were made.
let clock = new Date('2026-03-02T09:00:00Z');
let h: Harness;
beforeAll(async () => {
  h = await Harness.start({ now: () => clock });
});
afterAll(async () => {
  await h.close();
});

/** The overview card's download links for what a person typed, as paths on the test server. */
async function downloadLinks(who: string, text: string, locale = 'sv-SE'): Promise<{ xlsx: string; csv: string }> {
  const { replies } = await h.say(who, text, { locale });
  const actions = (cardOf(replies[0])?.actions ?? []) as { type: string; url: string }[];
  const [xlsx, csv] = actions.filter((a) => a.type === 'Action.OpenUrl').map((a) => new URL(a.url).pathname);
  if (!xlsx || !csv) throw new Error(`no download links in the answer to "${text}"`);
  return { xlsx, csv };
}
const get = (path: string) => fetch(`${h.bot.url}${path}`);

async function sheetRows(res: Response, sheet: string): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as Parameters<typeof wb.xlsx.load>[0]);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((hd, i) => [hd, row.getCell(i + 1).value])));
  });
  return rows;
}
const row = (rows: Record<string, unknown>[], name: string) => rows.find((r) => String(r.Part ?? r.Party).trim() === name);

describe('the cost table behind the overview card’s links', () => {
  it('the Excel link returns an xlsx that exceljs reads back with the agreed figures', async () => {
    const { xlsx } = await downloadLinks(demo.salaEconomist, 'kostnadsöversikt');
    const res = await get(xlsx);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="stark-kostnadsfordelning-2026-2028.xlsx"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const rows = await sheetRows(res, catalogues.sv.cost.sheet.name);
    expect(row(rows, 'Västerås stad')).toMatchObject({ '2026 (kr)': 336_025, '2028 (kr)': 336_025, 'Summa 2026–2028 (kr)': 336_025 * YEARS });
    expect(row(rows, 'Region Västmanland')).toMatchObject({ '2027 (kr)': 590_000, 'Summa 2026–2028 (kr)': 1_770_000 });
    expect(row(rows, 'Mälardalens universitet')).toMatchObject({ '2026 (kr)': 1_050_000 });
    expect(row(rows, 'Summa')).toMatchObject({ '2026 (kr)': 3_500_000, 'Summa 2026–2028 (kr)': 3_500_000 * YEARS });
    expect(row(rows, 'Södermanlands län')).toMatchObject({ '2026 (kr)': 1_269_000 });
    expect(row(rows, 'Västmanlands län')).toMatchObject({ '2026 (kr)': 1_181_000 });
    for (const o of data.organisations) expect(row(rows, o.name), o.name).toBeDefined();
    // Västmanland's municipalities add up to their half, to the krona.
    const municipalities = data.organisations.filter((o) => o.kind === 'municipality' && o.county === 'vastmanland');
    expect(municipalities.reduce((sum, o) => sum + Number(row(rows, o.name)!['2027 (kr)']), 0)).toBe(591_000);
  });

  it('the CSV link returns the same table as semicolon-separated text', async () => {
    const { csv } = await downloadLinks(demo.salaEconomist, 'kostnadsöversikt');
    const res = await get(csv);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const body = await res.text();
    const line = body.split('\r\n').find((l) => l.includes('Köpings kommun'))!;
    const fields = line.split(';');
    expect(fields.slice(3, 8).map(Number)).toEqual([25_978, yearlyOf('koping'), yearlyOf('koping'), yearlyOf('koping'), yearlyOf('koping') * YEARS]);
  });

  it('a link made in English serves the English sheet', async () => {
    const { xlsx } = await downloadLinks(demo.kopingSubstitute, 'cost overview', 'en-GB');
    const res = await get(xlsx);
    expect(res.headers.get('content-disposition')).toContain('stark-cost-split-2026-2028.xlsx');
    expect(row(await sheetRows(res, catalogues.en.cost.sheet.name), 'Region Västmanland')).toMatchObject({ '2026 (SEK)': 590_000 });
  });

  it('a what-if’s links serve the scenario, marked on every row', async () => {
    const { xlsx } = await downloadLinks(demo.vasterasDirector, 'Vad händer om Norberg inte deltar?');
    const res = await get(xlsx);
    expect(res.headers.get('content-disposition')).toContain('-scenario.xlsx');
    const rows = await sheetRows(res, catalogues.sv.cost.sheet.name);
    const scenario = computeCostShares({ data, scenario: { excludedPartyIds: ['norberg'] } });
    expect(row(rows, 'Norbergs kommun')).toMatchObject({ '2026 (kr)': 0 });
    expect(row(rows, 'Västerås stad')).toMatchObject({ '2026 (kr)': yearlyOf('vasteras', scenario) });
    expect(rows.every((r) => String(r.Scenario).includes('Norbergs kommun'))).toBe(true);
  });
});

describe('who may use a link', () => {
  it('a tampered token is refused with 404', async () => {
    const { xlsx } = await downloadLinks(demo.salaEconomist, 'kostnadsöversikt');
    const token = xlsx.split('/').at(-1)!;
    const [body, mac] = token.split('.') as [string, string];
    // Another person's id in the payload, signature kept: the signature no longer matches.
    const forged = Buffer.from(Buffer.from(body, 'base64url').toString('utf8').replace(/"u":"[^"]+"/, `"u":"${demo.leader}"`)).toString('base64url');
    for (const path of [`/downloads/${forged}.${mac}`, `/downloads/${body}.${mac.slice(0, -2)}xx`, '/downloads/not-a-token']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toBe(catalogues.sv.core.downloadExpired);
    }
  });

  it('an expired link is refused with 404', async () => {
    const { xlsx } = await downloadLinks(demo.salaEconomist, 'kostnadsöversikt');
    expect((await get(xlsx)).status).toBe(200);
    const made = clock;
    clock = new Date(made.getTime() + 25 * 60 * 60 * 1000);
    try {
      expect((await get(xlsx)).status).toBe(404);
    } finally {
      clock = made;
    }
  });

  it('a link made for a person who has since left the roster is refused with 403', async () => {
    const { csv } = await downloadLinks(demo.eskilstunaDirector, 'kostnadsöversikt');
    expect((await get(csv)).status).toBe(200);
    await h.services.store.update((doc) => {
      doc.people = doc.people.filter((p) => p.aadObjectId !== demo.eskilstunaDirector);
    });
    const res = await get(csv);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(catalogues.sv.core.downloadExpired);
  });
});
