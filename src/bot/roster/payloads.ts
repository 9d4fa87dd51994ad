import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const personId = z.string().regex(/^[0-9a-fA-F-]{36}$/).transform((s) => s.toLowerCase());

/** The roster card's form (inputs arrive as strings); `confirm` comes from the confirmation card. */
export const rosterChangePayloadSchema = z
  .object({
    personId,
    lastDay: date,
    successorId: z.union([personId, z.literal('')]).optional(),
    confirm: z.enum(['yes', 'no']).optional(),
  })
  .passthrough();
export type RosterChangePayload = z.infer<typeof rosterChangePayloadSchema>;
