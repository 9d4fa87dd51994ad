import type { CostData } from '../../domain/cost/cost-data.js';
import { scenarioShares } from './cost-reply.js';
import { costTableRows, type CostTableRow } from '../../domain/cost/cost-table.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import { toCsv, toXlsx, type CellValue, type Sheet } from '../../outbound/spreadsheet.js';
import { assumptionTexts, subjectName, type ExplainContext } from './cost-explain.js';

/**
 * The full cost table for finance staff, per party and year, as .xlsx (with a notes sheet) and .csv.
 * The same rows as the overview card (domain `costTableRows`); here the words come from the catalogue.
 */

export interface CostSheetArgs {
  data: CostData;
  t: Catalogue;
  /** A what-if: parties left out. Empty for the agreement as it stands. */
  excludedPartyIds?: readonly string[];
}

export interface CostSheets {
  /** The table: one row per line of the split, a column per year and one for the period. */
  costs: Sheet;
  /** Scenario, sources, population reference date and the assumptions' wording. */
  notes: Sheet;
  /** Base file name without extension, e.g. "stark-kostnadsfordelning-2026-2028". */
  filename: string;
}

export function costSheets({ data, t, excludedPartyIds: asked = [] }: CostSheetArgs): CostSheets {
  // The ids come from a download link's parameters: ones that are not parties are dropped, not trusted.
  const excludedPartyIds = asked.filter((id) => data.organisations.some((o) => o.id === id));
  const shares = scenarioShares(data, excludedPartyIds);
  const table = costTableRows({ shares, data });
  const c = t.cost.sheet.columns;
  const ex: ExplainContext = { t, partyName: (id) => data.organisations.find((o) => o.id === id)?.name ?? id, assumptions: data.agreement.assumptions };
  const { firstYear, lastYear } = shares.period;

  const basis = (row: CostTableRow): string =>
    row.kind === 'unallocated' ? '' : row.basis === 'agreement' ? t.cost.overview.basisAgreement : row.basis === 'assumption' ? t.cost.overview.basisAssumption : t.cost.overview.basisNotDecided;
  const label = (row: CostTableRow): string => {
    const name = row.kind === 'programme' ? t.cost.overview.total : subjectName(row.subject, ex);
    return row.kind === 'unallocated' ? `${t.cost.overview.unallocated} (${name})` : name;
  };

  const scenarioText = shares.scenario ? t.cost.sheet.scenario({ excluded: t.cost.list(shares.scenario.excludedPartyIds.map(ex.partyName)) }) : null;
  const columns = [
    // A what-if says so on every row, so no copied or filtered part of it passes for the agreement.
    ...(scenarioText ? [{ key: 'scenario', header: t.cost.sheet.scenarioLabel, width: 40 }] : []),
    { key: 'party', header: c.party, width: 40 },
    { key: 'level', header: c.level, width: 6 },
    { key: 'county', header: c.county, width: 14 },
    { key: 'population', header: c.population, width: 12 },
    ...shares.period.years.map((year) => ({ key: `y${year}`, header: c.year({ year }), width: 14 })),
    { key: 'period', header: c.period({ firstYear, lastYear }), width: 20 },
    { key: 'basis', header: c.basis, width: 14 },
    { key: 'illustration', header: c.illustration, width: 22 },
    { key: 'assumptions', header: c.assumptions, width: 80 },
  ];
  const rows = table.rows.map((row): Record<string, CellValue> => ({
    ...(scenarioText ? { scenario: scenarioText } : {}),
    // Indented like the card so the tree is readable; `level` lets finance filter or group.
    party: `${'  '.repeat(row.level)}${label(row)}`,
    level: row.level,
    county: row.county ? t.cost.counties[row.county] : null,
    population: row.population,
    ...Object.fromEntries(row.perYear.map((p) => [`y${p.year}`, p.amount])),
    period: row.periodTotal,
    basis: basis(row),
    illustration: row.illustration?.yearly ?? null,
    assumptions: assumptionTexts(row.assumptionIds, ex).join('\n') || null,
  }));

  const allAssumptions = [...new Set(table.rows.flatMap((r) => r.assumptionIds))];
  const noteRows: Record<string, CellValue>[] = [
    ...(scenarioText ? [{ key: t.cost.sheet.scenarioLabel, value: scenarioText }] : []),
    ...data.agreement.sources.map((s) => ({ key: t.cost.sheet.source, value: `${s.title}${s.section ? ` – ${s.section}` : ''}` })),
    { key: t.cost.sheet.populationSource, value: `${data.population.source} (${data.population.referenceDate})` },
    ...allAssumptions.map((id, i) => ({ key: t.cost.sheet.assumption({ n: i + 1 }), value: assumptionTexts([id], ex)[0] ?? id })),
  ];

  return {
    costs: { name: t.cost.sheet.name, columns, rows },
    notes: { name: t.cost.sheet.notesName, columns: [{ key: 'key', header: '', width: 20 }, { key: 'value', header: '', width: 120 }], rows: noteRows },
    filename: `${t.cost.sheet.filename}-${firstYear}-${lastYear}${shares.scenario ? '-scenario' : ''}`,
  };
}

export interface CostDownload {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

/** The file a download link serves (shape of the bot's DownloadFile). */
export async function costDownload(args: CostSheetArgs & { format: 'xlsx' | 'csv' }): Promise<CostDownload> {
  const sheets = costSheets(args);
  if (args.format === 'csv') {
    return { filename: `${sheets.filename}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(sheets.costs.columns, sheets.costs.rows) };
  }
  return {
    filename: `${sheets.filename}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await toXlsx([sheets.costs, sheets.notes]),
  };
}
