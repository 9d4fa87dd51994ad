import { z } from 'zod';
import { aadObjectIdSchema, roleSchema } from '../../domain/people.js';

/**
 * What erasure leaves behind (src/domain/privacy/erasure.ts): for each erased person, the pseudonym their
 * organisation's records now carry, with the organisation and roles those records are attributed to — never a name,
 * e-mail or the erased id. And the Stockholm date the retention job last ran (it runs once a day).
 */
export const erasedPersonSchema = z
  .object({ pseudonym: aadObjectIdSchema, organisationId: z.string().min(1).max(100), roles: z.array(roleSchema).max(10), erasedAt: z.string().datetime() })
  .strict();
export type ErasedPerson = z.infer<typeof erasedPersonSchema>;

export const privacySectionSchema = z
  .object({
    erased: z.array(erasedPersonSchema).default([]),
    lastRetentionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
  })
  .strict()
  .default({});
export type PrivacySection = z.infer<typeof privacySectionSchema>;
