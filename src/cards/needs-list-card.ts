import type { NeedStatus, ProgrammeArea } from '../domain/needs/need.js';
import { needStatuses, programmeAreas } from '../domain/needs/need.js';
import type { County } from '../domain/organisations.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, heading, plain, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { needRow, type NeedSummaryView } from './needs-card-parts.js';
import { listFilterInputIds, needsVerbs } from './needs-verbs.js';

export interface NeedsListFilterView {
  area?: ProgrammeArea;
  county?: County;
  status?: NeedStatus;
  round?: number;
}

export interface NeedsListCardModel {
  /** "mina behov" (the viewer's organisation) or "alla behov" (Programgrupp and leadership, with filters). */
  scope: 'mine' | 'all';
  /** For "mine": the organisation's name. */
  organisationName?: string;
  /** One page from pageNeeds(), newest first. */
  page: { items: readonly NeedSummaryView[]; total: number; offset: number; next?: string; prev?: string };
  /** The filter in force ("all"): preselected in the inputs and carried by the paging buttons. */
  filter: NeedsListFilterView;
  /** Programme years to offer in the filter. */
  rounds: readonly number[];
}

const COUNTIES: readonly County[] = ['vastmanland', 'sormland'];

/** The filter as action data: strings, missing when "any". */
const filterData = (f: NeedsListFilterView): Record<string, string> => ({
  ...(f.area ? { area: f.area } : {}),
  ...(f.county ? { county: f.county } : {}),
  ...(f.status ? { status: f.status } : {}),
  ...(f.round !== undefined ? { round: String(f.round) } : {}),
});

/**
 * A page of needs (NEEDS_PAGE_SIZE rows, sized to stay under Teams' card limit), each row opening the need, with
 * previous/next buttons carrying keyset page tokens; "alla behov" adds filters for area, county, status and year.
 */
export function needsListCard(model: NeedsListCardModel, t: Catalogue): AdaptiveCard {
  const l = t.needs.list;
  const body: CardElement[] = [heading(model.scope === 'mine' ? plain(l.headingMine({ organisation: model.organisationName ?? '' })) : l.headingAll)];

  if (model.scope === 'all') {
    const any = { title: l.any, value: '' };
    const choice = (id: string, label: string, value: string | undefined, choices: Array<{ title: string; value: string }>): CardElement => ({
      type: 'Column',
      width: 'stretch',
      items: [{ type: 'Input.ChoiceSet', id, label, value: value ?? '', choices: [any, ...choices] }],
    });
    body.push(
      {
        type: 'ColumnSet',
        columns: [
          choice(listFilterInputIds.area, l.filterArea, model.filter.area, programmeAreas.map((a) => ({ title: t.needs.areas[a], value: a }))),
          choice(listFilterInputIds.county, l.filterCounty, model.filter.county, COUNTIES.map((c) => ({ title: t.needs.counties[c], value: c }))),
        ],
      },
      {
        type: 'ColumnSet',
        columns: [
          choice(listFilterInputIds.status, l.filterStatus, model.filter.status, needStatuses.map((s) => ({ title: t.needs.statuses[s], value: s }))),
          choice(
            listFilterInputIds.round,
            l.filterRound,
            model.filter.round === undefined ? undefined : String(model.filter.round),
            model.rounds.map((y) => ({ title: String(y), value: String(y) })),
          ),
        ],
      },
      { type: 'ActionSet', actions: [execute(l.apply, needsVerbs.list, { scope: 'all', apply: 'true' })] },
    );
  }

  const { items, total, offset } = model.page;
  if (items.length === 0) {
    body.push(textBlock(model.scope === 'mine' && Object.keys(filterData(model.filter)).length === 0 ? l.emptyMine : l.empty, { spacing: 'Medium' }));
  } else {
    body.push(textBlock(l.range({ from: offset + 1, to: offset + items.length, total }), { isSubtle: true, size: 'Small', spacing: 'Medium' }));
    for (const need of items) body.push(needRow(t, need));
  }

  const paging = (title: string, token: string) => execute(title, needsVerbs.list, { scope: model.scope, token, ...filterData(model.filter) });
  const actions: CardElement[] = [];
  if (model.page.prev) actions.push(paging(l.prev, model.page.prev));
  if (model.page.next) actions.push(paging(l.next, model.page.next));
  return adaptiveCard(body, actions);
}
