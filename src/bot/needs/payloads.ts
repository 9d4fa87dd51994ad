import { z } from 'zod';
import { needStatusSchema, programmeAreaSchema, type NeedStatus, type ProgrammePlan } from '../../domain/needs/need.js';
import type { NeedFilter } from '../../domain/needs/lists.js';
import { countySchema } from '../../domain/organisations.js';
import { listFilterInputIds, overviewRoundInputId, reviewInputIds } from '../../cards/needs-verbs.js';
import { submissionIdSchema } from '../../store/sections/needs.js';

/**
 * Zod schemas for the data of the needs cards' Action.Execute verbs (see src/cards/needs-verbs.ts). Card inputs
 * arrive as strings (Input.Number sometimes as a number), so values are coerced here. The form fields themselves
 * are not checked here: parseNeedForm / parseRoundForm do that and give per-field errors with the text kept.
 */

const positiveInt = z
  .union([z.number(), z.string().trim().regex(/^#?\d{1,9}$/)])
  .transform((v) => Number(typeof v === 'string' ? v.replace('#', '') : v))
  .pipe(z.number().int().positive());

/** A value that may be missing, empty or malformed: then undefined (a filter or option that does not apply). */
const optional = <T extends z.ZodTypeAny>(schema: T) => z.unknown().transform((v): z.infer<T> | undefined => {
  if (v === '' || v === undefined || v === null) return undefined;
  const r = schema.safeParse(v);
  return r.success ? (r.data as z.infer<T>) : undefined;
});

const flag = z.unknown().transform((v) => v === true || v === 'true');

/** needs.show, needs.support: `{ number }`. */
export const needNumberPayloadSchema = z.object({ number: positiveInt }).passthrough();

/** needs.withdraw: `{ number, confirm: 'yes' }` (the second click). */
export const withdrawPayloadSchema = z.object({ number: positiveInt, confirm: z.literal('yes') }).passthrough();

/**
 * needs.form: an empty form, the edit form of `number`, or the form again with a draft (the form fields) and its
 * submission id.
 */
export const formPayloadSchema = z
  .object({ number: optional(positiveInt), submissionId: optional(submissionIdSchema) })
  .passthrough()
  .transform((d) => ({ number: d.number, submissionId: d.submissionId, draft: d as Record<string, unknown> }));

/**
 * needs.submit / needs.save: the form fields (checked by parseNeedForm), `force` to skip the similar-needs step,
 * `number` when saving, the form's `submissionId` (a malformed one is ignored: the activity id still dedupes).
 */
export const submitPayloadSchema = z
  .object({ force: flag, number: optional(positiveInt), submissionId: optional(submissionIdSchema) })
  .passthrough()
  .transform((d) => ({ force: d.force, number: d.number, submissionId: d.submissionId, fields: d as Record<string, unknown> }));

const reviewTargetSchema = z.enum(['under-beredning', 'ingar-i-programplan', 'avslagen', 'sammanslagen']);

/** needs.review: `{ number, to }` and the inputs of the chosen ShowCard. */
export const reviewPayloadSchema = z
  .object({ number: positiveInt, to: reviewTargetSchema })
  .passthrough()
  .transform((d) => {
    const data = d as Record<string, unknown>;
    const text = data[reviewInputIds.text(d.to)];
    const area = optional(programmeAreaSchema).parse(data[reviewInputIds.planArea]);
    const year = optional(positiveInt).parse(data[reviewInputIds.planYear]);
    const plan: ProgrammePlan | undefined = d.to === 'ingar-i-programplan' && area && year !== undefined ? { area, year } : undefined;
    return {
      number: d.number,
      to: d.to as NeedStatus,
      text: typeof text === 'string' ? text : '',
      plan,
      mergeInto: d.to === 'sammanslagen' ? optional(positiveInt).parse(data[reviewInputIds.mergeInto]) : undefined,
    };
  });

const filterFrom = (area: unknown, county: unknown, status: unknown, round: unknown): NeedFilter => {
  const f: NeedFilter = {};
  const a = optional(programmeAreaSchema).parse(area);
  const c = optional(countySchema).parse(county);
  const s = optional(needStatusSchema).parse(status);
  const r = optional(positiveInt).parse(round);
  if (a) f.area = a;
  if (c) f.county = c;
  if (s) f.status = s;
  if (r !== undefined) f.round = r;
  return f;
};

/**
 * needs.list: `{ scope, token?, area?, county?, status?, round? }` from the paging buttons (the filter in force),
 * or `apply: 'true'` with the filter inputs (a new selection starts on the first page).
 */
export const listPayloadSchema = z
  .object({ scope: z.enum(['mine', 'all']).catch('mine'), token: optional(z.string().max(40)), apply: flag })
  .passthrough()
  .transform((d) => {
    const data = d as Record<string, unknown>;
    const filter = d.apply
      ? filterFrom(data[listFilterInputIds.area], data[listFilterInputIds.county], data[listFilterInputIds.status], data[listFilterInputIds.round])
      : filterFrom(data.area, data.county, data.status, data.round);
    return { scope: d.scope, token: d.apply ? undefined : d.token, filter };
  });

/** needs.overview: `{ round? }` or the year input (empty: all years). */
export const overviewPayloadSchema = z
  .object({})
  .passthrough()
  .transform((d) => {
    const data = d as Record<string, unknown>;
    const input = data[overviewRoundInputId];
    return { round: optional(positiveInt).parse(input !== undefined ? input : data.round) };
  });

/** needs.openRound: the round form's inputs (checked by parseRoundForm). */
export const openRoundPayloadSchema = z.object({}).passthrough();
