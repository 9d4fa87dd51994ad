import { z } from 'zod';
import { auditEntrySchema, type AuditEntry, type AuditEvent } from '../../domain/audit.js';

/** The audit record (src/domain/audit.ts): append-only, never pruned, never rewritten. */
export const auditSectionSchema = z
  .object({ entries: z.array(auditEntrySchema).default([]) })
  .strict()
  .superRefine((s, ctx) => {
    s.entries.forEach((e, i) => {
      if (e.seq !== i + 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['entries', i, 'seq'], message: `entry ${i + 1} has seq ${e.seq}: the record was edited` });
    });
  })
  .default({});
export type AuditSection = z.infer<typeof auditSectionSchema>;

/**
 * Appends an event to the record, inside the same store mutation as the change it describes (so the change and its
 * entry are written together, or neither is). The only way entries get into the record.
 */
export function appendAudit(section: AuditSection, event: AuditEvent): AuditEntry {
  const entry: AuditEntry = { seq: section.entries.length + 1, ...event, changes: event.changes.map((c) => ({ ...c })) };
  section.entries.push(entry);
  return entry;
}
