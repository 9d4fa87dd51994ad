import { z } from 'zod';
import type { Locale } from '../../i18n/catalogue.js';

/** The download kind the overview card's links name (src/server.ts accepts /^[a-z0-9-]+$/). */
export const COST_TABLE_DOWNLOAD = 'cost-table';

export type CostTableFormat = 'xlsx' | 'csv';

/** A link parameter holds at most 200 characters (src/bot/links.ts): a long what-if is spread over several. */
const PARAM_MAX = 200;
const EXCLUDED = /^excluded(-\d+)?$/;

/** The parameters of a cost-table link: the format, the what-if's left-out parties, the reader's language. */
export function costTableLinkParams({ format, excludedPartyIds, locale }: { format: CostTableFormat; excludedPartyIds: readonly string[]; locale: Locale }): Record<string, string> {
  const chunks: string[] = [];
  for (const id of excludedPartyIds) {
    const last = chunks.at(-1);
    if (last !== undefined && last.length + 1 + id.length <= PARAM_MAX) chunks[chunks.length - 1] = `${last},${id}`;
    else chunks.push(id.slice(0, PARAM_MAX));
  }
  const params: Record<string, string> = { format, lang: locale };
  chunks.forEach((chunk, i) => (params[i === 0 ? 'excluded' : `excluded-${i + 1}`] = chunk));
  return params;
}

const paramsSchema = z
  .object({ format: z.enum(['xlsx', 'csv']), lang: z.enum(['sv', 'en']).optional() })
  .passthrough()
  .transform((p) => ({
    format: p.format,
    lang: p.lang ?? null,
    excludedPartyIds: Object.entries(p)
      .filter(([key, value]) => EXCLUDED.test(key) && typeof value === 'string')
      .flatMap(([, value]) => String(value).split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  }));

/** A link's parameters read back; null when they are not a cost-table link's. Ids are checked by the sheet. */
export function readCostTableParams(params: Record<string, string>): { format: CostTableFormat; lang: Locale | null; excludedPartyIds: string[] } | null {
  const parsed = paramsSchema.safeParse(params);
  return parsed.success ? parsed.data : null;
}
