import { z } from 'zod';
import { aadObjectIdSchema } from '../people.js';

/** The agreement's three programme areas (programområden). */
export const programmeAreaSchema = z.enum(['framtida-valfarden', 'resilienta-organisationen', 'mojliggorande-byrakratin']);
export type ProgrammeArea = z.infer<typeof programmeAreaSchema>;
export const programmeAreas = programmeAreaSchema.options;

export const urgencySchema = z.enum(['low', 'medium', 'high']);
export type Urgency = z.infer<typeof urgencySchema>;
export const urgencies = urgencySchema.options;

/**
 * inkommen → under-beredning → ingar-i-programplan | avslagen | sammanslagen; tillbakadragen (withdrawn by the
 * submitting organisation while inkommen). The slugs are the Swedish names; the catalogue has the display text.
 */
export const needStatusSchema = z.enum(['inkommen', 'under-beredning', 'ingar-i-programplan', 'avslagen', 'sammanslagen', 'tillbakadragen']);
export type NeedStatus = z.infer<typeof needStatusSchema>;
export const needStatuses = needStatusSchema.options;

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 4000;
export const NAME_MAX = 200;
/** Motivations and answer texts sent to submitters. */
export const ANSWER_MAX = 4000;

/** Programme years the product accepts anywhere; the cost decision covers 2026–2028, later agreements may follow. */
export const programmeYearSchema = z.number().int().min(2025).max(2100);

export const programmePlanSchema = z.object({ area: programmeAreaSchema, year: programmeYearSchema }).strict();
export type ProgrammePlan = z.infer<typeof programmePlanSchema>;

/** A stored instant: a Date in memory, an ISO string in the JSON document. */
export const instantSchema = z
  .union([z.string().datetime({ offset: true }), z.date()])
  .transform((v) => (typeof v === 'string' ? new Date(v) : v));

/** The status and what belongs to it: the plan for "ingår", the motivation for "avslagen", the target for "sammanslagen". */
export const needStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('inkommen') }).strict(),
  z.object({ status: z.literal('under-beredning') }).strict(),
  z.object({ status: z.literal('ingar-i-programplan'), plan: programmePlanSchema }).strict(),
  z.object({ status: z.literal('avslagen'), motivation: z.string().min(1).max(ANSWER_MAX) }).strict(),
  z.object({ status: z.literal('sammanslagen'), mergedInto: z.number().int().positive() }).strict(),
  z.object({ status: z.literal('tillbakadragen') }).strict(),
]);
export type NeedState = z.infer<typeof needStateSchema>;

export const contactPersonSchema = z
  .object({ name: z.string().min(1).max(NAME_MAX), email: z.string().email().max(320).optional() })
  .strict();
export type ContactPerson = z.infer<typeof contactPersonSchema>;

/** The fields a submitter writes (and may edit while the need is inkommen). */
export const needFieldsSchema = z
  .object({
    title: z.string().min(1).max(TITLE_MAX),
    description: z.string().min(1).max(DESCRIPTION_MAX),
    area: programmeAreaSchema,
    contact: contactPersonSchema,
    urgency: urgencySchema,
  })
  .strict();
export type NeedFields = z.infer<typeof needFieldsSchema>;

export const historyEntrySchema = z
  .object({
    at: instantSchema,
    /** aadObjectId of the person who made the change. */
    by: aadObjectIdSchema,
    /**
     * submitted: from is null. edited: the fields changed, from and to are both inkommen. transition: a status change.
     * mergedFrom: another need was merged into this one (its supporters now support this one); status unchanged.
     */
    event: z.enum(['submitted', 'edited', 'transition', 'mergedFrom']),
    from: needStatusSchema.nullable(),
    to: needStatusSchema,
    /** The answer or motivation sent to the submitter and supporters; empty when none was given. */
    text: z.string().max(ANSWER_MAX).default(''),
    /** The other need of a merge: the target for a transition to sammanslagen, the source for mergedFrom. */
    relatedNeed: z.number().int().positive().optional(),
  })
  .strict();
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const supportSchema = z
  .object({ organisationId: z.string().min(1), by: aadObjectIdSchema, at: instantSchema })
  .strict();
export type Support = z.infer<typeof supportSchema>;

export const needSchema = needFieldsSchema
  .extend({
    /** Shown as #N; sequential over all needs, never reused. */
    number: z.number().int().positive(),
    organisationId: z.string().min(1),
    submittedBy: aadObjectIdSchema,
    submittedAt: instantSchema,
    /** The programme year of the needs round the need belongs to. */
    round: programmeYearSchema,
    state: needStateSchema,
    history: z.array(historyEntrySchema),
    /** One per organisation; never the submitting organisation itself. */
    supports: z.array(supportSchema),
  })
  .strict()
  .superRefine((need, ctx) => {
    const seen = new Set<string>();
    for (const [i, s] of need.supports.entries()) {
      if (seen.has(s.organisationId) || s.organisationId === need.organisationId) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['supports', i, 'organisationId'], message: 'an organisation supports a need once, and not its own' });
      }
      seen.add(s.organisationId);
    }
    if (need.state.status === 'sammanslagen' && need.state.mergedInto === need.number) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['state', 'mergedInto'], message: 'a need cannot be merged into itself' });
    }
  });
export type Need = z.infer<typeof needSchema>;

/** The next free need number: one above the highest ever given (numbers are never reused). */
export const nextNeedNumber = (needs: Iterable<Pick<Need, 'number'>>): number => {
  let max = 0;
  for (const n of needs) if (n.number > max) max = n.number;
  return max + 1;
};

/** Statuses in which nothing more happens to a need. */
export const isClosedStatus = (status: NeedStatus): boolean =>
  status === 'ingar-i-programplan' || status === 'avslagen' || status === 'sammanslagen' || status === 'tillbakadragen';
