import type { CostTable, CostTableRow } from '../domain/cost/cost-table.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, fileAction, heading, textBlock, type FileLink, type AdaptiveCard, type CardElement } from './adaptive-card.js';

export interface CostOverviewView {
  table: CostTable;
  partyNames: Readonly<Record<string, string>>;
  /** For a what-if: the names of the parties left out. */
  scenarioExcluded: string[] | null;
  /** Wording of the assumptions the table rests on. */
  assumptions: string[];
  /** Signed download links the bot serves; null hides the buttons. */
  downloads: { xlsxUrl: FileLink; csvUrl: FileLink | null } | null;
}

// Table rows are indented with em spaces: markdown keeps them, where it would drop ordinary leading spaces.
const indent = (level: number) => '\u2003'.repeat(level);

/**
 * The whole split in one table (Table is Adaptive Cards 1.5): MDU, the other parties, both counties, the regions,
 * Länsstyrelsen and every municipality, each level adding up to the line above, with per-year and period columns.
 */
export function costOverviewCard(view: CostOverviewView, t: Catalogue): AdaptiveCard {
  const o = t.cost.overview;
  const { firstYear, lastYear } = { firstYear: view.table.years[0] ?? 0, lastYear: view.table.years.at(-1) ?? 0 };
  const label = (row: CostTableRow): string => {
    const s = row.subject;
    const name =
      s.type === 'party'
        ? (view.partyNames[s.partyId] ?? s.partyId)
        : s.type === 'programme'
          ? o.total
          : s.type === 'otherParties'
            ? t.cost.subjects.otherParties
            : s.type === 'county'
              ? t.cost.subjects.county[s.county]
              : s.type === 'countyMunicipalities'
                ? t.cost.subjects.countyMunicipalities[s.county]
                : t.cost.subjects.selection;
    return row.kind === 'unallocated' ? `${o.unallocated} (${name})` : name;
  };
  const bold = (row: CostTableRow) => row.level <= 1 || row.kind === 'programme' || row.kind === 'municipalities';
  const cell = (items: CardElement[]): CardElement => ({ type: 'TableCell', items });
  const text = (value: string, options: Record<string, unknown> = {}) => textBlock(value, { horizontalAlignment: 'Right', ...options });

  const amountCell = (row: CostTableRow, amount: number | null, illustration: number | null, showNotDecided: boolean): CardElement => {
    const weight = bold(row) ? { weight: 'Bolder' } : {};
    // Bare numbers: the unit is in the column header, so a narrow column never wraps inside "kr".
    if (amount !== null) return cell([text(t.cost.number(amount), weight)]);
    const items: CardElement[] = showNotDecided ? [text(o.notDecided, { isSubtle: true })] : [];
    if (illustration !== null) items.push(text(o.illustration({ yearly: illustration }), { isSubtle: true, isItalic: true, size: 'Small', spacing: 'None' }));
    return cell(items.length > 0 ? items : [text('–', { isSubtle: true })]);
  };
  const basis = (row: CostTableRow) =>
    row.kind === 'unallocated' ? '' : row.basis === 'agreement' ? o.basisAgreement : row.basis === 'assumption' ? o.basisAssumption : o.basisNotDecided;

  const rows: CardElement[] = [
    {
      type: 'TableRow',
      style: 'accent',
      cells: [
        cell([textBlock(o.columns.party, { weight: 'Bolder' })]),
        cell([text(o.columns.perYear, { weight: 'Bolder' })]),
        cell([text(o.columns.period({ firstYear, lastYear }), { weight: 'Bolder' })]),
        cell([textBlock(o.columns.basis, { weight: 'Bolder' })]),
      ],
    },
    ...view.table.rows.map((row) => ({
      type: 'TableRow',
      ...(row.kind === 'programme' || row.level === 0 ? { style: 'emphasis' } : {}),
      cells: [
        cell([textBlock(`${indent(row.level)}${label(row)}`, bold(row) ? { weight: 'Bolder' } : {})]),
        amountCell(row, row.yearly, row.illustration?.yearly ?? null, true),
        amountCell(row, row.periodTotal, row.illustration?.periodTotal ?? null, false),
        cell([textBlock(basis(row), { isSubtle: true, size: 'Small' })]),
      ],
    })),
  ];

  const body: CardElement[] = [heading(o.title)];
  if (view.scenarioExcluded) body.push({ type: 'Container', style: 'warning', items: [textBlock(t.cost.answer.scenario({ excluded: t.cost.list(view.scenarioExcluded) }), { weight: 'Bolder' })] });
  body.push(textBlock(o.intro({ firstYear, lastYear }), { isSubtle: true, spacing: 'None' }));
  body.push({
    type: 'Table',
    firstRowAsHeader: true,
    showGridLines: true,
    gridStyle: 'default',
    columns: [{ width: 5 }, { width: 3 }, { width: 3 }, { width: 3 }],
    rows,
  });
  const notes: string[] = [];
  if (view.table.rows.some((r) => r.illustration !== null)) notes.push(o.illustrationNote);
  notes.push(...view.assumptions.map((a) => `${t.cost.basis.assumption}: ${a}`));
  notes.push(o.populationNote({ referenceDate: view.table.populationReferenceDate }));
  body.push(...notes.map((n, i) => textBlock(n, { isSubtle: true, size: 'Small', spacing: i === 0 ? 'Medium' : 'Small' })));

  const actions = view.downloads ? [fileAction(o.downloadXlsx, view.downloads.xlsxUrl), ...(view.downloads.csvUrl ? [fileAction(o.downloadCsv, view.downloads.csvUrl)] : [])] : [];
  return adaptiveCard(body, actions);
}
