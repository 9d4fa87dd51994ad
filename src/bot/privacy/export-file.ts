import { z } from 'zod';
import { exportRows, type PersonalDataExport } from '../../domain/privacy/export.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import type { DownloadFile } from '../feature.js';
import { toCsv, toXlsx, type SheetColumn } from '../../outbound/spreadsheet.js';

/** The download kind of "mina uppgifter" (src/server.ts accepts /^[a-z0-9-]+$/). */
export const MY_DATA_DOWNLOAD = 'my-data';

export const myDataFormats = ['json', 'xlsx', 'csv'] as const;
export const myDataParamsSchema = z.object({ format: z.enum(myDataFormats) }).strict();
export type MyDataFormat = (typeof myDataFormats)[number];

/**
 * The export as a file: the JSON exactly as `npm run admin -- person export` prints it, or the same data as a
 * spreadsheet with one row per stored value (part, record number, field, value). Text stays text (the spreadsheet
 * writer neutralises formulas).
 */
export async function myDataFile({ data, t, format }: { data: PersonalDataExport; t: Catalogue; format: MyDataFormat }): Promise<DownloadFile> {
  const m = t.privacy.myData;
  const day = data.generatedAt.slice(0, 10);
  if (format === 'json') return { filename: `${m.filename}-${day}.json`, contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(data, null, 2)}\n` };
  const columns: SheetColumn[] = [
    { key: 'section', header: m.columns.section, width: 40 },
    { key: 'item', header: m.columns.item, width: 6 },
    { key: 'field', header: m.columns.field, width: 36 },
    { key: 'value', header: m.columns.value, width: 80 },
  ];
  const rows = exportRows(data).map((r) => ({ section: m.sections[r.section], item: r.item, field: r.field, value: r.value }));
  if (format === 'csv') return { filename: `${m.filename}-${day}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(columns, rows) };
  return {
    filename: `${m.filename}-${day}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await toXlsx([{ name: m.sheetName, columns, rows }]),
  };
}
