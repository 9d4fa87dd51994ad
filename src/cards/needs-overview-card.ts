import type { NeedCountCell } from '../domain/needs/lists.js';
import { needStatuses, programmeAreas, type NeedStatus } from '../domain/needs/need.js';
import type { County } from '../domain/organisations.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, fileAction, heading, textBlock, type AdaptiveCard, type CardElement, type FileLink } from './adaptive-card.js';
import { needsVerbs, overviewRoundInputId } from './needs-verbs.js';

export interface NeedsOverviewCardModel {
  /** The programme year shown, or undefined for all years. */
  round?: number;
  /** From countNeeds(). */
  cells: readonly NeedCountCell[];
  total: number;
  /** Programme years to switch to. */
  rounds: readonly number[];
  /** Signed download links for the needs shown (made by the bot); no buttons without them. */
  downloads?: { xlsx: FileLink; csv: FileLink };
}

type Col = County | null;

/**
 * Counts per programme area × county × status: one table per area with a row per status that has needs, a column
 * per county (and MDU when it has needs of its own) and a sum; download buttons for the export (.xlsx, .csv).
 */
export function needsOverviewCard(model: NeedsOverviewCardModel, t: Catalogue): AdaptiveCard {
  const o = t.needs.overview;
  const body: CardElement[] = [
    heading(o.heading),
    textBlock(model.round === undefined ? o.allRounds : t.needs.programYear({ year: model.round }), { isSubtle: true, spacing: 'None' }),
    textBlock(model.total === 0 ? o.none : o.total({ count: model.total }), { weight: 'Bolder' }),
  ];

  const columns: Col[] = ['vastmanland', 'sormland'];
  if (model.cells.some((c) => c.county === null && c.count > 0)) columns.push(null);
  const count = (area: string, county: Col | 'all', status: NeedStatus | 'all') =>
    model.cells
      .filter((c) => c.area === area && (county === 'all' || c.county === county) && (status === 'all' || c.status === status))
      .reduce((s, c) => s + c.count, 0);
  const cell = (text: string, options: Record<string, unknown> = {}) => ({ type: 'TableCell', items: [textBlock(text, { spacing: 'None', ...options })] });
  const countyTitle = (c: Col) => (c === null ? t.needs.counties.none : t.needs.counties[c]);

  for (const area of programmeAreas) {
    const areaTotal = count(area, 'all', 'all');
    if (areaTotal === 0) continue;
    const statuses = needStatuses.filter((s) => count(area, 'all', s) > 0);
    body.push(textBlock(t.needs.areas[area], { weight: 'Bolder', spacing: 'Medium' }), {
      type: 'Table',
      gridStyle: 'accent',
      firstRowAsHeader: true,
      showGridLines: false,
      columns: [{ width: 3 }, ...columns.map(() => ({ width: 2 })), { width: 1 }],
      rows: [
        { type: 'TableRow', cells: [cell(o.status, { weight: 'Bolder' }), ...columns.map((c) => cell(countyTitle(c), { weight: 'Bolder' })), cell(o.sum, { weight: 'Bolder' })] },
        ...statuses.map((s) => ({
          type: 'TableRow',
          cells: [cell(t.needs.statuses[s]), ...columns.map((c) => cell(String(count(area, c, s)))), cell(String(count(area, 'all', s)), { weight: 'Bolder' })],
        })),
      ],
    });
  }

  if (model.rounds.length > 0) {
    body.push(
      {
        type: 'Input.ChoiceSet',
        id: overviewRoundInputId,
        label: o.showRound,
        spacing: 'Medium',
        value: model.round === undefined ? '' : String(model.round),
        choices: [{ title: o.allRounds, value: '' }, ...model.rounds.map((y) => ({ title: String(y), value: String(y) }))],
      },
      { type: 'ActionSet', actions: [execute(o.showRound, needsVerbs.overview, {})] },
    );
  }

  const actions: CardElement[] = [];
  if (model.downloads) {
    actions.push(fileAction(o.downloadXlsx, model.downloads.xlsx), fileAction(o.downloadCsv, model.downloads.csv));
    body.push(textBlock(o.linkNote, { isSubtle: true, size: 'Small' }));
  }
  return adaptiveCard(body, actions);
}
