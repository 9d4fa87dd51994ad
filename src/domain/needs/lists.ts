import { z } from 'zod';
import type { County, Organisation } from '../organisations.js';
import { countySchema } from '../organisations.js';
import { stockholmDate } from '../time.js';
import { needStatusSchema, programmeAreaSchema, programmeYearSchema, type Need, type NeedStatus, type ProgrammeArea } from './need.js';

/** "alla behov" filters; a missing one means any. */
export const needFilterSchema = z
  .object({
    area: programmeAreaSchema.optional(),
    county: countySchema.optional(),
    status: needStatusSchema.optional(),
    round: programmeYearSchema.optional(),
    organisationId: z.string().min(1).optional(),
  })
  .strict();
export type NeedFilter = z.infer<typeof needFilterSchema>;

type OrgInfo = Pick<Organisation, 'id' | 'name' | 'county'>;

/** Organisation id → county (null for MDU), for filters and counts. */
export const countyLookup = (organisations: readonly OrgInfo[]): ((organisationId: string) => County | null) => {
  const m = new Map(organisations.map((o) => [o.id, o.county]));
  return (id) => m.get(id) ?? null;
};

export function matchesFilter(need: Need, filter: NeedFilter, countyOf: (organisationId: string) => County | null): boolean {
  return (
    (filter.area === undefined || need.area === filter.area) &&
    (filter.status === undefined || need.state.status === filter.status) &&
    (filter.round === undefined || need.round === filter.round) &&
    (filter.organisationId === undefined || need.organisationId === filter.organisationId) &&
    (filter.county === undefined || countyOf(need.organisationId) === filter.county)
  );
}

/**
 * A list card holds this many needs. Each row is at most ~1.3 KB of card JSON (a 120-character title of markdown
 * characters doubles when escaped, and again in JSON); ten rows, the filter inputs and the paging actions stay well
 * under the 28 KB that the strictest Teams clients take (tested with worst-case titles in needs-list-card.test.ts).
 */
export const NEEDS_PAGE_SIZE = 10;

/**
 * Page tokens are keyset positions, newest need first: "before:N" is the page of needs numbered below N,
 * "after:N" the page just above N. A need added while someone pages does not shift the pages they have seen.
 */
export type PageToken = string;
const TOKEN = /^(before|after):(\d{1,9})$/;

export interface NeedsPage {
  items: Need[];
  /** All needs matching the filter. */
  total: number;
  /** 0-based position of the first item among them. */
  offset: number;
  next?: PageToken;
  prev?: PageToken;
}

/** One page of the needs that match, newest first. An unknown or malformed token gives the first page. */
export function pageNeeds({
  needs,
  filter = {},
  countyOf,
  token,
  pageSize = NEEDS_PAGE_SIZE,
}: {
  needs: Iterable<Need>;
  filter?: NeedFilter;
  countyOf: (organisationId: string) => County | null;
  token?: string;
  pageSize?: number;
}): NeedsPage {
  const m = token ? TOKEN.exec(token) : null;
  const dir = m?.[1] as 'before' | 'after' | undefined;
  const pivot = m ? Number(m[2]) : Infinity;
  const matching: Need[] = [];
  for (const n of needs) if (matchesFilter(n, filter, countyOf)) matching.push(n);

  // The page: the pageSize highest numbers below the pivot, or the pageSize lowest above it. One pass, kept sorted
  // in a small array, so a 20,000-need register is not sorted per page.
  const page: Need[] = [];
  const take = (n: Need, better: (a: Need, b: Need) => boolean) => {
    if (page.length === pageSize && !better(n, page[page.length - 1]!)) return;
    let i = page.length;
    while (i > 0 && better(n, page[i - 1]!)) i--;
    page.splice(i, 0, n);
    if (page.length > pageSize) page.pop();
  };
  for (const n of matching) {
    if (dir === 'after') {
      if (n.number > pivot) take(n, (a, b) => a.number < b.number);
    } else if (n.number < pivot) take(n, (a, b) => a.number > b.number);
  }
  if (dir === 'after') page.reverse();
  if (dir === 'after' && page.length < pageSize) {
    // Stepping back past the newest need: show the first page.
    return pageNeeds({ needs: matching, countyOf, pageSize });
  }

  const first = page[0];
  const last = page.at(-1);
  const above = first ? matching.filter((n) => n.number > first.number).length : 0;
  const below = last ? matching.filter((n) => n.number < last.number).length : 0;
  return {
    items: page,
    total: matching.length,
    offset: above,
    ...(last && below > 0 ? { next: `before:${last.number}` } : {}),
    ...(first && above > 0 ? { prev: `after:${first.number}` } : {}),
  };
}

export interface NeedCountCell {
  area: ProgrammeArea;
  /** null: MDU's own needs, which belong to neither county. */
  county: County | null;
  status: NeedStatus;
  count: number;
}

/** Counts per programme area × county × status (cells with no needs left out), and the total. */
export function countNeeds({ needs, countyOf }: { needs: Iterable<Need>; countyOf: (organisationId: string) => County | null }): { cells: NeedCountCell[]; total: number } {
  const m = new Map<string, NeedCountCell>();
  let total = 0;
  for (const n of needs) {
    const county = countyOf(n.organisationId);
    const key = `${n.area}|${county}|${n.state.status}`;
    const cell = m.get(key) ?? { area: n.area, county, status: n.state.status, count: 0 };
    cell.count++;
    m.set(key, cell);
    total++;
  }
  return { cells: [...m.values()], total };
}

/** The export's columns, in order; headings come from the catalogue (needs.export.columns). */
export const needExportColumns = ['number', 'title', 'organisation', 'county', 'area', 'status', 'round', 'supports', 'submitted'] as const;
export type NeedExportColumn = (typeof needExportColumns)[number];
export type NeedExportRow = { [K in NeedExportColumn]: K extends 'number' | 'round' | 'supports' ? number : string };

/** How codes are shown in the export: the bot passes the catalogue's labels. */
export interface NeedExportLabels {
  area: (area: ProgrammeArea) => string;
  status: (status: NeedStatus) => string;
  county: (county: County | null) => string;
}

/**
 * One row per need, in number order: number, title, organisation, county, area, status, round, supporting
 * organisations, submitted date (Stockholm). Text is as typed: the spreadsheet writer must neutralise cells that
 * start with =, +, - or @ (formula injection).
 */
export function needExportRows({ needs, organisations, labels }: { needs: Iterable<Need>; organisations: readonly OrgInfo[]; labels: NeedExportLabels }): NeedExportRow[] {
  const orgs = new Map(organisations.map((o) => [o.id, o]));
  return [...needs]
    .sort((a, b) => a.number - b.number)
    .map((n) => {
      const org = orgs.get(n.organisationId);
      return {
        number: n.number,
        title: n.title,
        organisation: org?.name ?? n.organisationId,
        county: labels.county(org?.county ?? null),
        area: labels.area(n.area),
        status: labels.status(n.state.status),
        round: n.round,
        supports: n.supports.length,
        submitted: stockholmDate(n.submittedAt),
      };
    });
}
