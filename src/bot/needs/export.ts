import { z } from 'zod';
import { needExportColumns, needExportRows, type NeedExportColumn } from '../../domain/needs/lists.js';
import type { Need } from '../../domain/needs/need.js';
import type { Organisation } from '../../domain/organisations.js';
import type { Catalogue, Locale } from '../../i18n/catalogue.js';
import { toCsv, toXlsx, type SheetColumn } from '../../outbound/spreadsheet.js';
import type { DownloadFile } from '../feature.js';
import { exportLabels } from './views.js';

/** The download kind of the overview card's links (src/server.ts accepts /^[a-z0-9-]+$/). */
export const NEEDS_EXPORT_DOWNLOAD = 'needs-export';

export type NeedsExportFormat = 'xlsx' | 'csv';

/** A link's parameters: the format, the programme year ('all' for every year), the reader's language. */
export const needsExportParamsSchema = z
  .object({
    format: z.enum(['xlsx', 'csv']),
    round: z.union([z.literal('all'), z.string().regex(/^\d{4}$/)]),
    lang: z.enum(['sv', 'en']).optional(),
  })
  .strict();

export const needsExportLinkParams = ({ format, round, locale }: { format: NeedsExportFormat; round: number | undefined; locale: Locale }): Record<string, string> => ({
  format,
  round: round === undefined ? 'all' : String(round),
  lang: locale,
});

const widths: Record<NeedExportColumn, number> = { number: 6, title: 60, organisation: 32, county: 18, area: 32, status: 22, round: 10, supports: 16, submitted: 12 };

/**
 * The needs of one programme year (or all) as .xlsx or .csv for the programme group's meeting. Text is written as
 * typed: the spreadsheet writer keeps it text (xlsx) or neutralises a leading = + - @ (csv).
 */
export async function needsExportFile({
  needs,
  organisations,
  t,
  format,
  round,
}: {
  needs: readonly Need[];
  organisations: readonly Organisation[];
  t: Catalogue;
  format: NeedsExportFormat;
  round: number | undefined;
}): Promise<DownloadFile> {
  const chosen = round === undefined ? needs : needs.filter((n) => n.round === round);
  const rows = needExportRows({ needs: chosen, organisations, labels: exportLabels(t) });
  const columns: SheetColumn[] = needExportColumns.map((key) => ({ key, header: t.needs.export.columns[key], width: widths[key] }));
  const filename = t.needs.export.filename({ round: round === undefined ? t.needs.export.allRounds : String(round) });
  if (format === 'csv') return { filename: `${filename}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(columns, rows) };
  return {
    filename: `${filename}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await toXlsx([{ name: t.needs.export.sheetName, columns, rows }]),
  };
}
