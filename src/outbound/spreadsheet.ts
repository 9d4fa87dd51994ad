import ExcelJS from 'exceljs';

/** Small, generic spreadsheet output: .xlsx through exceljs, .csv by hand. Nothing here knows about STARK. */

export type CellValue = string | number | null;

export interface SheetColumn {
  key: string;
  header: string;
  /** Width in characters (Excel's unit). */
  width?: number;
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, CellValue>[];
}

// Excel's limits on sheet names: at most 31 characters, none of : \ / ? * [ ].
const sheetName = (name: string, taken: Set<string>): string => {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
};

/**
 * A workbook with one worksheet per sheet: bold, frozen header row; numbers stay numbers (shown with a
 * thousands separator), null is an empty cell, text containing a line break wraps. Strings are stored as
 * text, never as formulas, so a cell that starts with "=" cannot run anything in the .xlsx.
 */
export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheetName(sheet.name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length + 2) }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      const added = ws.addRow(Object.fromEntries(sheet.columns.map((c) => [c.key, row[c.key] ?? null])));
      added.eachCell((cell) => {
        if (typeof cell.value === 'number') cell.numFmt = Number.isInteger(cell.value) ? '#,##0' : '#,##0.00';
        else if (typeof cell.value === 'string' && cell.value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
      });
    }
  }
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

export type CsvDelimiter = ';' | ',';

/**
 * RFC 4180 CSV (CRLF line ends, fields quoted when they hold the delimiter, a quote or a line break, quotes
 * doubled), prefixed with a UTF-8 byte-order mark so Excel reads å/ä/ö as UTF-8 rather than the ANSI code page.
 *
 * The default delimiter is the semicolon: Swedish Excel uses the decimal comma, so its list separator — what it
 * splits a double-clicked .csv on — is ";". A comma-separated file opens there as one column. With ";",
 * non-integer numbers are written with a decimal comma, as Swedish Excel reads them.
 *
 * Formula injection: a text cell starting with = + - @ (or a tab or carriage return) would be run as a formula
 * when opened, so it gets a leading apostrophe and is shown as text. Numbers are written as numbers.
 */
export function toCsv(columns: SheetColumn[], rows: Record<string, CellValue>[], options: { delimiter?: CsvDelimiter } = {}): string {
  const delimiter = options.delimiter ?? ';';
  const field = (value: CellValue): string => {
    if (value === null) return '';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return '';
      const s = String(value);
      return delimiter === ';' ? s.replace('.', ',') : s;
    }
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[";\r\n,]/.test(safe) || /^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [columns.map((c) => field(c.header)), ...rows.map((r) => columns.map((c) => field(r[c.key] ?? null)))];
  return `\uFEFF${lines.map((l) => l.join(delimiter)).join('\r\n')}\r\n`;
}
