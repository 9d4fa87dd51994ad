import { z } from 'zod';
import { ANSWER_MAX, DESCRIPTION_MAX, NAME_MAX, TITLE_MAX, needStatusSchema, programmeAreaSchema, type NeedStatus, type ProgrammePlan } from '../../domain/needs/need.js';
import type { NeedFilter } from '../../domain/needs/lists.js';
import { countySchema } from '../../domain/organisations.js';
import { listFilterInputIds, overviewRoundInputId, reviewInputIds } from '../../cards/needs-verbs.js';
import { submissionIdSchema } from '../../store/sections/needs.js';

/**
 * Zod schemas for the data of the needs cards' Action.Execute verbs (see src/cards/needs-verbs.ts). Card inputs
 * arrive as strings (Input.Number sometimes as a number), so values are coerced here. The form fields' content is
 * not checked here: parseNeedForm / parseRoundForm do that and give per-field errors with the text kept. What our
 * cards can never send (an input that is not text, a malformed number or submission id, an unknown list scope)
 * is refused here, so the person is told it could not be read and nothing is stored.
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

/** A button's yes/no in its data: 'true' / 'false' (or a boolean); missing is no. */
const flag = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .optional()
  .transform((v) => v === true || v === 'true');

/**
 * A text input of a card, as sent: a string. Text a little over a field's limit is the form parser's to name (the
 * person sees it again with the limit stated); twice the limit or more is refused here, at the edge: the card's own
 * maxLength never lets that through, so it was not typed into our card.
 */
const inputText = (max: number) => z.string().max(2 * max).optional();
/** The need form's inputs (src/domain/needs/need-form.ts needFormFields). */
const needFormInputs = {
  title: inputText(TITLE_MAX),
  description: inputText(DESCRIPTION_MAX),
  area: inputText(100),
  organisationId: inputText(100),
  contactName: inputText(NAME_MAX),
  contactEmail: inputText(320),
  urgency: inputText(100),
};

/** needs.show, needs.support: `{ number }`. */
export const needNumberPayloadSchema = z.object({ number: positiveInt }).passthrough();

/** needs.withdraw: `{ number, confirm: 'yes' }` (the second click). */
export const withdrawPayloadSchema = z.object({ number: positiveInt, confirm: z.literal('yes') }).passthrough();

/**
 * needs.form: an empty form, the edit form of `number`, or the form again with a draft (the form fields) and its
 * submission id.
 */
export const formPayloadSchema = z
  .object({ ...needFormInputs, number: positiveInt.optional(), submissionId: submissionIdSchema.optional() })
  .passthrough()
  .transform((d) => ({ number: d.number, submissionId: d.submissionId, draft: d as Record<string, unknown> }));

/**
 * needs.submit / needs.save: the form fields (checked by parseNeedForm), `force` to skip the similar-needs step,
 * `number` when saving, the form's `submissionId`.
 */
export const submitPayloadSchema = z
  .object({ ...needFormInputs, force: flag, number: positiveInt.optional(), submissionId: submissionIdSchema.optional() })
  .passthrough()
  .transform((d) => ({ force: d.force, number: d.number, submissionId: d.submissionId, fields: d as Record<string, unknown> }));

const reviewTargetSchema = z.enum(['under-beredning', 'ingar-i-programplan', 'avslagen', 'sammanslagen']);

/** needs.review: `{ number, to }` and the inputs of the chosen ShowCard. */
export const reviewPayloadSchema = z
  .object({ number: positiveInt, to: reviewTargetSchema })
  .passthrough()
  // The answer to the submitter: over the limit it is the domain's to name, far over it is refused here.
  .refine((d) => Object.values(d).every((v) => typeof v !== 'string' || v.length <= 2 * ANSWER_MAX), { message: 'text too long' })
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
const filterValue = z.union([z.string().max(100), z.number()]).optional();
export const listPayloadSchema = z
  .object({
    scope: z.enum(['mine', 'all']),
    token: z.string().max(40).optional(),
    apply: flag,
    // Filter values that are not an area, county, status or year are ignored (the list shows more, not nothing).
    area: filterValue,
    county: filterValue,
    status: filterValue,
    round: filterValue,
    [listFilterInputIds.area]: filterValue,
    [listFilterInputIds.county]: filterValue,
    [listFilterInputIds.status]: filterValue,
    [listFilterInputIds.round]: filterValue,
  })
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

/** needs.openRound: the round form's inputs (checked by parseRoundForm); a year and a date are short. */
export const openRoundPayloadSchema = z.object({}).catchall(z.unknown().refine((v) => typeof v !== 'string' || v.length <= 40, 'too long'));
