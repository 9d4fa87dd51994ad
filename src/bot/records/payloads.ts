import { z } from 'zod';
import { RECORD_LIMITS } from '../../domain/records/common.js';
import { actionInputIds, agendaInputIds, decisionInputIds, minutesInputIds, perCapsulamInputIds } from '../../cards/records-verbs.js';

/*
 * The data each records card sends with its Action.Execute verb (src/cards/records-verbs.ts). Card inputs arrive as
 * strings and anyone can craft an invoke, so every payload is parsed here; a little over the domain's limits is let
 * through (the domain names the problem), far over is refused at the edge. The domain decides the rest.
 */

const id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const text = (max: number) => z.string().max(max * 2);
const optionalText = (max: number) => text(max).optional();

export const meetingRef = z.object({ meetingId: id });
export const agendaItemPayload = meetingRef.extend({
  [agendaInputIds.title]: optionalText(RECORD_LIMITS.agendaTitle),
  [agendaInputIds.description]: optionalText(RECORD_LIMITS.agendaDescription),
  [agendaInputIds.presenterName]: optionalText(RECORD_LIMITS.guestName),
});
export const agendaPickPayload = meetingRef.extend({ [agendaInputIds.item]: id, direction: z.enum(['up', 'down']).optional() });
export const paperPayload = meetingRef.extend({
  [agendaInputIds.paperTitle]: optionalText(RECORD_LIMITS.paperTitle),
  [agendaInputIds.paperUrl]: optionalText(RECORD_LIMITS.link),
  [agendaInputIds.paperItem]: z.union([id, z.literal('')]).optional(),
});
export const paperPickPayload = meetingRef.extend({ [agendaInputIds.paper]: id });
export const announcePayload = meetingRef.extend({ revision: z.coerce.number().int().min(0).max(1_000_000) });

export const attendanceViewPayload = meetingRef.extend({ page: z.coerce.number().int().min(0).max(100).optional() });
const status = z.enum(['present', 'absent', 'unknown']);
/** The page's people and their inputs (`att-<id>`, `seat-<id>`); unknown keys are dropped, at most a page of people. */
export const saveAttendancePayload = meetingRef
  .extend({
    page: z.coerce.number().int().min(0).max(100),
    personIds: z.string().max(40 * 40).regex(/^[0-9a-f,-]*$/),
    goTo: z.coerce.number().int().min(0).max(100).optional(),
    guests: optionalText((RECORD_LIMITS.guestName + RECORD_LIMITS.guestOrganisation + 2) * RECORD_LIMITS.guests),
  })
  .catchall(z.unknown())
  .transform((d, ctx) => {
    const ids = d.personIds.split(',').filter(Boolean);
    if (ids.length > 40) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'too many people' });
    const lines = [];
    for (const personId of ids) {
      const s = status.safeParse(d[`att-${personId}`]);
      if (!s.success) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'a status' });
        return z.NEVER;
      }
      const seat = d[`seat-${personId}`];
      if (seat !== undefined && seat !== '' && !id.safeParse(seat).success) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'a seat id' });
        return z.NEVER;
      }
      lines.push({ personId, status: s.data, ...(typeof seat === 'string' && seat !== '' ? { actingForSeatId: seat } : {}) });
    }
    return { meetingId: d.meetingId, page: d.page, goTo: d.goTo, guests: d.guests, lines };
  });

export const decisionPayload = meetingRef.extend({
  [decisionInputIds.text]: optionalText(RECORD_LIMITS.decisionText),
  [decisionInputIds.item]: z.union([id, z.literal('')]).optional(),
  [decisionInputIds.needs]: optionalText(200),
});
export const decisionRefPayload = z.object({ decisionId: id });
export const decisionsPayload = z.object({ query: z.string().max(200).default(''), page: z.coerce.number().int().min(0).max(1000).default(0) });

export const actionFormPayload = z.union([z.object({ decisionId: id }), z.object({ meetingId: id, itemId: id })]);
export const createActionPayload = z
  .object({
    decisionId: id.optional(),
    meetingId: id.optional(),
    itemId: id.optional(),
    [actionInputIds.title]: optionalText(RECORD_LIMITS.actionTitle),
    [actionInputIds.owner]: z.string().max(64).optional(),
    [actionInputIds.due]: z.string().max(20).optional(),
  })
  .refine((d) => d.decisionId !== undefined || (d.meetingId !== undefined && d.itemId !== undefined), 'a decision or an agenda item');
export const actionRefPayload = z.object({ actionId: id, [actionInputIds.comment]: optionalText(RECORD_LIMITS.comment) });
export const actionsPayload = z.object({ scope: z.enum(['mine', 'meeting', 'person']) });

const flag = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');
export const minutesViewPayload = meetingRef.extend({ edit: flag.optional(), signatories: flag.optional(), [minutesInputIds.editKey]: id.optional() });
export const minutesNotesPayload = meetingRef.extend({ itemKey: id, version: z.coerce.number().int().min(1).max(10_000), [minutesInputIds.notes]: text(RECORD_LIMITS.minutesNotes).default('') });
export const signatoriesPayload = meetingRef.extend({ [minutesInputIds.chair]: z.string().max(64).default(''), [minutesInputIds.adjusters]: z.string().max(64 * 4).default('') });
export const minutesAnswerPayload = meetingRef.extend({ version: z.coerce.number().int().min(1).max(10_000), [minutesInputIds.changeComment]: optionalText(RECORD_LIMITS.comment) });

export const perCapsulamOpenPayload = z.object({
  [perCapsulamInputIds.body]: z.enum(['programrad', 'programgrupp']),
  [perCapsulamInputIds.proposal]: optionalText(RECORD_LIMITS.decisionText),
  [perCapsulamInputIds.needs]: optionalText(200),
  [perCapsulamInputIds.deadlineDate]: z.string().max(20).default(''),
  [perCapsulamInputIds.deadlineTime]: z.string().max(10).default(''),
});
export const perCapsulamRefPayload = z.object({ procedureId: id });
export const perCapsulamAnswerPayload = perCapsulamRefPayload.extend({ seatId: id, value: z.enum(['yes', 'no']) });
export const refreshPayload = z.object({ kind: z.enum(['minutes', 'perCapsulam']), id });
