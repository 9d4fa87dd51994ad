import { z } from 'zod';
import { addLocalDays, isLocalDate, stockholmAt } from '../meetings/local-date.js';
import { can } from '../permissions.js';
import { stockholmDate } from '../time.js';
import {
  RECORD_LIMITS,
  checkText,
  cleanText,
  instantSchema,
  localDateSchema,
  personIdSchema,
  recordIdSchema,
  textSchema,
  type RecordActor,
} from './common.js';
import type { Decision } from './decision.js';
import { isLocked, type MeetingRecord } from './record.js';

/**
 * Action items (åtgärder): something to do, by someone, by a date, arising from an agenda item or a decision. The
 * owner gets a card and a reminder before the due date, and marks it done with a comment; leadership follows the
 * open ones per meeting and per person.
 */

export const actionEventSchema = z
  .object({
    at: instantSchema,
    by: personIdSchema,
    event: z.enum(['created', 'completed', 'reopened', 'reassigned', 'rescheduled']),
    comment: textSchema(RECORD_LIMITS.comment).optional(),
    /** The new owner (reassigned) or due date (rescheduled). */
    ownerId: personIdSchema.optional(),
    dueDate: localDateSchema.optional(),
  })
  .strict();
export type ActionEvent = z.infer<typeof actionEventSchema>;

export const actionItemSchema = z
  .object({
    id: recordIdSchema,
    title: textSchema(RECORD_LIMITS.actionTitle),
    /** The meeting it arose at (none for an action from a per capsulam decision). */
    meetingId: recordIdSchema.optional(),
    agendaItemId: recordIdSchema.optional(),
    decisionId: recordIdSchema.optional(),
    ownerId: personIdSchema,
    /** A Stockholm date: done by the end of that day. */
    dueDate: localDateSchema,
    status: z.enum(['open', 'done']),
    /** The latest completion: when, by whom, with what comment. */
    completion: z.object({ at: instantSchema, by: personIdSchema, comment: textSchema(RECORD_LIMITS.comment).optional() }).strict().nullable(),
    createdAt: instantSchema,
    createdBy: personIdSchema,
    history: z.array(actionEventSchema).min(1),
  })
  .strict()
  .refine((a) => a.agendaItemId !== undefined || a.decisionId !== undefined, 'an action comes from an agenda item or a decision')
  .refine((a) => (a.status === 'done') === (a.completion !== null), 'done goes with its completion');
export type ActionItem = z.infer<typeof actionItemSchema>;

/** Where an action comes from; the record or decision is checked here and its meeting kept with the action. */
export type ActionSource = { kind: 'agendaItem'; record: Pick<MeetingRecord, 'meetingId' | 'agenda' | 'minutes'>; agendaItemId: string } | { kind: 'decision'; decision: Decision };

export type ActionProblem = { field: 'title' | 'dueDate' | 'ownerId'; problem: 'required' | 'tooLong' | 'invalid' | 'inPast'; max?: number };

export type CreateActionResult =
  | { ok: true; action: ActionItem }
  | { ok: false; reason: 'forbidden' | 'unknownAgendaItem' | 'decisionNotValid' | 'locked' }
  | { ok: false; reason: 'invalid'; problems: ActionProblem[] };

function checkDue(dueDate: string, now: Date): ActionProblem | undefined {
  if (dueDate === '') return { field: 'dueDate', problem: 'required' };
  if (!isLocalDate(dueDate)) return { field: 'dueDate', problem: 'invalid' };
  if (dueDate < stockholmDate(now)) return { field: 'dueDate', problem: 'inPast' };
  return undefined;
}

/**
 * Leadership creates an action with an owner from the roster (`personIds`) and a due date (today or later, Stockholm).
 * Actions from an agenda item cannot be added once the meeting's minutes are approved; decisions keep taking actions
 * as long as they are valid (follow-up outlives the minutes).
 */
export function createAction({
  id,
  title,
  source,
  ownerId,
  dueDate,
  personIds,
  actor,
  now,
}: {
  id: string;
  title: string;
  source: ActionSource;
  ownerId: string;
  dueDate: string;
  /** Everyone in the roster: the owner must be one of them. */
  personIds: ReadonlySet<string>;
  actor: RecordActor;
  now: Date;
}): CreateActionResult {
  if (!can(actor, 'records.manage')) return { ok: false, reason: 'forbidden' };
  let where: Pick<ActionItem, 'meetingId' | 'agendaItemId' | 'decisionId'>;
  if (source.kind === 'agendaItem') {
    if (isLocked(source.record)) return { ok: false, reason: 'locked' };
    if (!source.record.agenda.some((a) => a.id === source.agendaItemId)) return { ok: false, reason: 'unknownAgendaItem' };
    where = { meetingId: source.record.meetingId, agendaItemId: source.agendaItemId };
  } else {
    if (source.decision.status !== 'valid') return { ok: false, reason: 'decisionNotValid' };
    const o = source.decision.origin;
    where = { decisionId: source.decision.id, ...(o.kind === 'meeting' ? { meetingId: o.meetingId, ...(o.agendaItemId ? { agendaItemId: o.agendaItemId } : {}) } : {}) };
  }
  const problems: ActionProblem[] = [];
  const cleanTitle = cleanText(title, { max: RECORD_LIMITS.actionTitle });
  const titleProblem = checkText(cleanTitle, RECORD_LIMITS.actionTitle);
  if (titleProblem) problems.push({ field: 'title', problem: titleProblem, ...(titleProblem === 'tooLong' ? { max: RECORD_LIMITS.actionTitle } : {}) });
  const owner = ownerId.trim().toLowerCase();
  if (owner === '') problems.push({ field: 'ownerId', problem: 'required' });
  else if (!personIds.has(owner)) problems.push({ field: 'ownerId', problem: 'invalid' });
  const due = dueDate.trim();
  const dueProblem = checkDue(due, now);
  if (dueProblem) problems.push(dueProblem);
  if (problems.length > 0) return { ok: false, reason: 'invalid', problems };
  const at = now.toISOString();
  return {
    ok: true,
    action: {
      id,
      title: cleanTitle,
      ...where,
      ownerId: owner,
      dueDate: due,
      status: 'open',
      completion: null,
      createdAt: at,
      createdBy: actor.aadObjectId,
      history: [{ at, by: actor.aadObjectId, event: 'created', ownerId: owner, dueDate: due }],
    },
  };
}

export type ActionUpdateResult =
  | { ok: true; outcome: 'changed' | 'unchanged'; action: ActionItem }
  | { ok: false; reason: 'forbidden' | 'alreadyDone' | 'notDone' | 'commentTooLong' }
  | { ok: false; reason: 'invalid'; problems: ActionProblem[] };

function cleanComment(comment: string | undefined): { ok: true; comment: string | undefined } | { ok: false } {
  const c = cleanText(comment ?? '', { multiline: true, max: RECORD_LIMITS.comment });
  if (checkText(c, RECORD_LIMITS.comment) === 'tooLong') return { ok: false };
  return { ok: true, comment: c === '' ? undefined : c };
}

/** The owner (or leadership) marks the action done, with an optional comment. */
export function completeAction({ action, comment, actor, now }: { action: ActionItem; comment?: string | undefined; actor: RecordActor; now: Date }): ActionUpdateResult {
  if (!can(actor, 'records.completeAction', { ownerId: action.ownerId })) return { ok: false, reason: 'forbidden' };
  if (action.status === 'done') return { ok: false, reason: 'alreadyDone' };
  const c = cleanComment(comment);
  if (!c.ok) return { ok: false, reason: 'commentTooLong' };
  const at = now.toISOString();
  const withComment = c.comment !== undefined ? { comment: c.comment } : {};
  return {
    ok: true,
    outcome: 'changed',
    action: {
      ...action,
      status: 'done',
      completion: { at, by: actor.aadObjectId, ...withComment },
      history: [...action.history, { at, by: actor.aadObjectId, event: 'completed', ...withComment }],
    },
  };
}

/** The owner (or leadership) reopens a done action, e.g. when it turned out not to be done after all. */
export function reopenAction({ action, comment, actor, now }: { action: ActionItem; comment?: string | undefined; actor: RecordActor; now: Date }): ActionUpdateResult {
  if (!can(actor, 'records.completeAction', { ownerId: action.ownerId })) return { ok: false, reason: 'forbidden' };
  if (action.status !== 'done') return { ok: false, reason: 'notDone' };
  const c = cleanComment(comment);
  if (!c.ok) return { ok: false, reason: 'commentTooLong' };
  const at = now.toISOString();
  return {
    ok: true,
    outcome: 'changed',
    action: {
      ...action,
      status: 'open',
      completion: null,
      history: [...action.history, { at, by: actor.aadObjectId, event: 'reopened', ...(c.comment !== undefined ? { comment: c.comment } : {}) }],
    },
  };
}

/** Leadership gives an open action another owner or due date (each change is kept in the history). */
export function updateAction({
  action,
  ownerId,
  dueDate,
  personIds,
  actor,
  now,
}: {
  action: ActionItem;
  ownerId?: string | undefined;
  dueDate?: string | undefined;
  personIds: ReadonlySet<string>;
  actor: RecordActor;
  now: Date;
}): ActionUpdateResult {
  if (!can(actor, 'records.manage')) return { ok: false, reason: 'forbidden' };
  if (action.status === 'done') return { ok: false, reason: 'alreadyDone' };
  const problems: ActionProblem[] = [];
  const owner = ownerId?.trim().toLowerCase();
  if (owner !== undefined && !personIds.has(owner)) problems.push({ field: 'ownerId', problem: 'invalid' });
  const due = dueDate?.trim();
  const dueProblem = due !== undefined && due !== action.dueDate ? checkDue(due, now) : undefined;
  if (dueProblem) problems.push(dueProblem);
  if (problems.length > 0) return { ok: false, reason: 'invalid', problems };
  const at = now.toISOString();
  const history = [...action.history];
  let next = action;
  if (owner !== undefined && owner !== action.ownerId) {
    next = { ...next, ownerId: owner };
    history.push({ at, by: actor.aadObjectId, event: 'reassigned', ownerId: owner });
  }
  if (due !== undefined && due !== action.dueDate) {
    next = { ...next, dueDate: due };
    history.push({ at, by: actor.aadObjectId, event: 'rescheduled', dueDate: due });
  }
  if (next === action) return { ok: true, outcome: 'unchanged', action };
  return { ok: true, outcome: 'changed', action: { ...next, history } };
}

export const actionReminderConfigSchema = z
  .object({
    /** The reminder goes out this many days before the due date. */
    daysBefore: z.number().int().min(0).max(60).default(3),
    timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('09:00'),
  })
  .strict();
export type ActionReminderConfig = z.infer<typeof actionReminderConfigSchema>;
export const DEFAULT_ACTION_REMINDER_CONFIG: ActionReminderConfig = actionReminderConfigSchema.parse({});

export interface ActionReminder {
  /** Names the owner and due date: a new owner or a new date gets a fresh reminder; the same one never comes twice. */
  key: string;
  actionId: string;
  ownerId: string;
  dueDate: string;
  /** When it was scheduled for (ISO); sent at the first check at or after it. */
  at: string;
}

/** Stable key of an action's reminder. */
export const actionReminderKey = (a: Pick<ActionItem, 'id' | 'ownerId' | 'dueDate'>): string => `${a.id}:action-due:${a.dueDate}:${a.ownerId}`;

/**
 * The reminders to send now: to the owner of each open action, from `daysBefore` days before its due date (at
 * `timeOfDay`, Stockholm) until the due date ends. A reminder missed while the bot was down goes out at the next
 * check. An action created or handed over after the reminder's moment gets none: its fresh card is reminder enough.
 */
export function dueActionReminders({
  actions,
  now,
  sentKeys,
  config = DEFAULT_ACTION_REMINDER_CONFIG,
}: {
  actions: readonly ActionItem[];
  now: Date;
  sentKeys: ReadonlySet<string>;
  config?: ActionReminderConfig;
}): ActionReminder[] {
  const out: ActionReminder[] = [];
  for (const a of actions) {
    if (a.status !== 'open') continue;
    const from = stockholmAt(addLocalDays(a.dueDate, -config.daysBefore), config.timeOfDay).getTime();
    const until = stockholmAt(addLocalDays(a.dueDate, 1), '00:00').getTime();
    if (now.getTime() < from || now.getTime() >= until) continue;
    // The moment the current owner got the action (created, or reassigned to them).
    const handedOver = [...a.history].reverse().find((e) => e.event === 'created' || e.event === 'reassigned');
    if (handedOver && Date.parse(handedOver.at) > from) continue;
    const key = actionReminderKey(a);
    if (sentKeys.has(key)) continue;
    out.push({ key, actionId: a.id, ownerId: a.ownerId, dueDate: a.dueDate, at: new Date(from).toISOString() });
  }
  return out;
}

/** Open actions, earliest due first (then by id, so the order is stable). */
const openByDue = (actions: readonly ActionItem[]): ActionItem[] =>
  actions.filter((a) => a.status === 'open').sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id, 'en', { numeric: true }));

/** Open actions grouped by meeting (actions without a meeting under ''), each group earliest due first. */
export function openActionsByMeeting({ actions }: { actions: readonly ActionItem[] }): Map<string, ActionItem[]> {
  const out = new Map<string, ActionItem[]>();
  for (const a of openByDue(actions)) {
    const key = a.meetingId ?? '';
    out.set(key, [...(out.get(key) ?? []), a]);
  }
  return out;
}

/** Open actions grouped by owner, each group earliest due first. */
export function openActionsByPerson({ actions }: { actions: readonly ActionItem[] }): Map<string, ActionItem[]> {
  const out = new Map<string, ActionItem[]>();
  for (const a of openByDue(actions)) out.set(a.ownerId, [...(out.get(a.ownerId) ?? []), a]);
  return out;
}

/** Whether an open action's due date has passed (Stockholm). */
export const isOverdue = ({ action, now }: { action: Pick<ActionItem, 'status' | 'dueDate'>; now: Date }): boolean =>
  action.status === 'open' && action.dueDate < stockholmDate(now);
