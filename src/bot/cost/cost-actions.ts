import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { WHOLE_PERIOD } from '../../cards/cost-question-card.js';
import { costAnswerCardFor, costOverviewCardFor, costQuestionCardFor, type CostReplyContext } from './cost-reply.js';

/**
 * The cost cards' Action.Execute payloads (inputs arrive as strings) and what each returns. Verbs:
 * `cost.ask` (question card), `cost.overview` and `cost.form` (answer card's buttons).
 */

const id = z.string().trim().min(1).max(100);

/** `cost.ask`: the party picked and "period" or a year. */
export const costAskDataSchema = z
  .object({
    partyId: id.optional(),
    year: z
      .string()
      .trim()
      .regex(new RegExp(`^(${WHOLE_PERIOD}|\\d{4})$`))
      .optional(),
  })
  .passthrough()
  .transform((d) => ({ partyId: d.partyId ?? null, year: d.year === undefined || d.year === WHOLE_PERIOD ? null : Number(d.year) }));
export type CostAskData = z.output<typeof costAskDataSchema>;

/** `cost.overview`: an optional what-if, as comma-separated party ids. */
export const costOverviewDataSchema = z
  .object({ excluded: z.string().max(2000).optional() })
  .passthrough()
  .transform((d) => ({ excludedPartyIds: (d.excluded ?? '').split(',').map((s) => s.trim()).filter(Boolean) }));
export type CostOverviewData = z.output<typeof costOverviewDataSchema>;

/** `cost.form`: the party to preselect, if any. */
export const costFormDataSchema = z
  .object({ partyId: id.optional() })
  .passthrough()
  .transform((d) => ({ partyId: d.partyId ?? null }));
export type CostFormData = z.output<typeof costFormDataSchema>;

/** The answer to a submitted question card; a missing or unknown party returns the form with a message. */
export function costAskCard(ctx: CostReplyContext, data: CostAskData): AdaptiveCard {
  const known = data.partyId !== null && ctx.data.organisations.some((o) => o.id === data.partyId);
  if (!known || data.partyId === null) return costQuestionCardFor(ctx, { selectedYear: data.year, error: ctx.t.cost.question.partyRequired });
  return costAnswerCardFor(ctx, { partyId: data.partyId, year: data.year }) ?? costQuestionCardFor(ctx, { error: ctx.t.cost.question.partyRequired });
}

/** The overview, for the agreement or a what-if; ids that are not parties are dropped (a card can be stale). */
export function costOverviewCardForAction(ctx: CostReplyContext, data: CostOverviewData): AdaptiveCard {
  const known = new Set(ctx.data.organisations.map((o) => o.id));
  return costOverviewCardFor(ctx, { excludedPartyIds: data.excludedPartyIds.filter((x) => known.has(x)) });
}

export function costFormCard(ctx: CostReplyContext, data: CostFormData): AdaptiveCard {
  return costQuestionCardFor(ctx, { selectedPartyId: data.partyId });
}
