import { describe, expect, it } from 'vitest';
import { RECORD_ARRAYS, RECORD_MAPS } from '../change-set.js';
import { SQL_MIGRATIONS } from './migrations.js';
import { ALL_TABLES, COLLECTION_TABLES } from './tables.js';

describe('PostgreSQL tables', () => {
  it('every record collection of the document has a table of its own, made by a migration', () => {
    const withTable = new Set(COLLECTION_TABLES.map((c) => c.path));
    // A collection added to change-set.ts needs a table here and a migration that creates it.
    expect([...RECORD_ARRAYS, ...RECORD_MAPS].filter((p) => !withTable.has(p))).toEqual([]);
    const sql = SQL_MIGRATIONS.map((m) => m.sql).join('\n');
    for (const table of ALL_TABLES) expect(sql, table).toMatch(new RegExp(`CREATE TABLE ${table} \\(`));
  });

  it('table names are distinct, plain identifiers; migration versions count up from 1', () => {
    expect(new Set(ALL_TABLES).size).toBe(ALL_TABLES.length);
    for (const t of ALL_TABLES) expect(t).toMatch(/^[a-z_]+$/);
    expect(SQL_MIGRATIONS.map((m) => m.version)).toEqual(SQL_MIGRATIONS.map((_, i) => i + 1));
  });
});
