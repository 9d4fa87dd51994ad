import type { CostData } from '../../domain/cost/cost-data.js';
import { can } from '../../domain/permissions.js';
import { catalogueFor } from '../../i18n/catalogue.js';
import { actionRoute, textRoute, type ActionResult, type BotFeature, type Turn } from '../feature.js';
import { costAskCard, costAskDataSchema, costFormCard, costFormDataSchema, costOverviewCardForAction, costOverviewDataSchema } from '../cost/cost-actions.js';
import { askCost, type CostChat } from '../../app/cost/ask-cost.js';
import type { Outcome } from '../../app/kernel.js';
import { loadCostData } from '../cost/cost-data-files.js';
import { COST_TABLE_DOWNLOAD, costTableLinkParams, readCostTableParams } from '../cost/cost-download.js';
import { answerCostQuestion, costOverviewCardFor, costQuestionCardFor, type CostReplyContext } from '../cost/cost-reply.js';
import { costDownload } from '../cost/cost-sheet.js';

/**
 * Cost share (issue 3): questions in chat, the question/answer/overview cards, and the cost table as .xlsx/.csv
 * behind signed links. Read-only: nothing here writes to the store, what-ifs included.
 */

/**
 * What a handler needs for this person: the data, their language, and download links if they may export — in their
 * personal chat only: cost shares are public, a download link is not.
 */
function replyContext(data: CostData, turn: Turn): CostReplyContext {
  return {
    data,
    t: turn.t,
    downloadLinks: turn.can('cost.export') && turn.audience === 'personal'
      ? (excludedPartyIds) => ({
          xlsxUrl: turn.link(COST_TABLE_DOWNLOAD, costTableLinkParams({ format: 'xlsx', excludedPartyIds, locale: turn.locale })),
          csvUrl: turn.link(COST_TABLE_DOWNLOAD, costTableLinkParams({ format: 'csv', excludedPartyIds, locale: turn.locale })),
        })
      : undefined,
  };
}

/**
 * The data files are read and checked when the feature is made (at start-up); a bad file throws with its name.
 * `dataFolder` is for tests; the bot uses the project's data/ folder.
 */
export function costFeature(options: { dataFolder?: string } = {}): BotFeature {
  const data = loadCostData(options.dataFolder);
  const period = { firstYear: data.agreement.period.firstYear, lastYear: data.agreement.period.lastYear };

  const handleChat = async (turn: Turn, asked: Outcome<CostChat, 'notAllowed'>): Promise<void> => {
    if (!asked.ok) return turn.reply(turn.t.core.notAllowed);
    const chat = asked.value;
    const ctx = replyContext(data, turn);
    switch (chat.kind) {
      case 'questionCard':
        return turn.reply(costQuestionCardFor(ctx));
      case 'overview':
        return turn.reply(costOverviewCardFor(ctx));
      case 'question': {
        const reply = answerCostQuestion(ctx, chat.question);
        return turn.reply(reply.kind === 'card' ? reply.card : reply.text);
      }
    }
  };

  /** Card actions answer with a card that replaces the clicked one. */
  const viewing =
    <D>(build: (ctx: CostReplyContext, data: D) => ReturnType<typeof costOverviewCardFor>) =>
    async (turn: Turn, parsed: D): Promise<ActionResult> =>
      turn.can('cost.view') ? { card: build(replyContext(data, turn), parsed) } : { message: turn.t.core.notAllowed };

  return {
    name: 'cost',
    help: [
      { action: 'cost.view', entry: (t) => t.cost.help, shared: true },
      { action: 'cost.view', entry: (t) => t.cost.helpOverview, shared: true },
    ],
    text: [
      textRoute({
        name: 'cost',
        // The agreement's figures are public to every party: answered where asked (without links in a group).
        visibility: 'public',
        match: (text, turn) => askCost({ organisations: data.organisations, period }, { person: turn.person, organisation: turn.organisation }, { text }, turn.now),
        handle: handleChat,
      }),
    ],
    actions: [
      actionRoute({ verb: 'cost.ask', visibility: 'public', schema: costAskDataSchema, handle: viewing(costAskCard) }),
      actionRoute({ verb: 'cost.overview', visibility: 'public', schema: costOverviewDataSchema, handle: viewing(costOverviewCardForAction) }),
      actionRoute({ verb: 'cost.form', visibility: 'public', schema: costFormDataSchema, handle: viewing(costFormCard) }),
    ],
    downloads: [
      {
        kind: COST_TABLE_DOWNLOAD,
        // The server has checked the token (signature, expiry) and that the person is still in the roster.
        produce: async ({ person, params, locale }) => {
          if (!can(person, 'cost.export')) return null;
          const link = readCostTableParams(params);
          if (!link) return null;
          return costDownload({ data, t: catalogueFor(link.lang ?? locale), format: link.format, excludedPartyIds: link.excludedPartyIds });
        },
      },
    ],
  };
}
