import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx, type SheetColumn } from './spreadsheet.js';

/** A strict RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else field += ch;
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

const columns: SheetColumn[] = [
  { key: 'party', header: 'Part', width: 30 },
  { key: 'y2026', header: '2026 (kr)' },
  { key: 'note', header: 'Anmärkning' },
];

describe('toCsv', () => {
  const rows = [
    { party: 'Västerås stad', y2026: 336025, note: null },
    { party: 'Semi;colon "quoted"', y2026: 0, note: 'line one\nline two' },
    { party: '=HYPERLINK("http://evil.example")', y2026: -5, note: '+1' },
    { party: '@SUM(A1)', y2026: 1.5, note: '-2' },
  ];

  it('starts with a UTF-8 byte-order mark so Excel reads å/ä/ö', () => {
    expect(toCsv(columns, rows).startsWith('\uFEFFPart;')).toBe(true);
  });

  it('round-trips through an RFC 4180 reader: semicolons, quotes and line breaks inside fields survive', () => {
    const parsed = parseCsv(toCsv(columns, rows).slice(1), ';');
    expect(parsed[0]).toEqual(['Part', '2026 (kr)', 'Anmärkning']);
    expect(parsed[1]).toEqual(['Västerås stad', '336025', '']);
    expect(parsed[2]).toEqual(['Semi;colon "quoted"', '0', 'line one\nline two']);
  });

  it('neutralises formula injection: text starting with = + - @ gets an apostrophe; numbers stay numbers', () => {
    const parsed = parseCsv(toCsv(columns, rows).slice(1), ';');
    expect(parsed[3]).toEqual(["'=HYPERLINK(\"http://evil.example\")", '-5', "'+1"]);
    expect(parsed[4]).toEqual(["'@SUM(A1)", '1,5', "'-2"]);
  });

  it('ends records with CRLF and can use a comma (then with a decimal point)', () => {
    const csv = toCsv(columns, rows, { delimiter: ',' });
    expect(csv.split('\r\n')).toHaveLength(rows.length + 2);
    const parsed = parseCsv(csv.slice(1), ',');
    expect(parsed[2]![0]).toBe('Semi;colon "quoted"');
    expect(parsed[4]![1]).toBe('1.5');
  });
});

describe('toXlsx', () => {
  it('writes one worksheet per sheet that exceljs reads back with the same cells, numbers as numbers', async () => {
    const buffer = await toXlsx([
      { name: 'Kostnader', columns, rows: [{ party: 'Köpings kommun', y2026: 54_674, note: null }, { party: '=1+1', y2026: null, note: 'a\nb' }] },
      { name: 'Anta/ganden: [x]', columns: [{ key: 'id', header: 'Id' }], rows: [{ id: 'A1' }] },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Kostnader', 'Anta ganden   x']);
    const ws = wb.getWorksheet('Kostnader')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Part', '2026 (kr)', 'Anmärkning']);
    expect(ws.getCell('A2').value).toBe('Köpings kommun');
    expect(ws.getCell('B2').value).toBe(54_674);
    expect(ws.getCell('B2').numFmt).toBe('#,##0');
    expect(ws.getCell('C2').value).toBeNull();
    // Text that looks like a formula is stored as text, not as a formula.
    expect(ws.getCell('A3').value).toBe('=1+1');
    expect(ws.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B3').value).toBeNull();
    expect(ws.getCell('C3').value).toBe('a\nb');
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getColumn(1).width).toBe(30);
  });

  it('gives two sheets with the same name distinct names (Excel refuses duplicates)', async () => {
    const buffer = await toXlsx([{ name: 'Data', columns, rows: [] }, { name: 'data', columns, rows: [] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Data', 'data 2']);
  });
});
