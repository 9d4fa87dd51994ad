import { z } from 'zod';
import { availabilitySchema } from '../bodies/coverage.js';
import { holdersOnAny, localDateSchema, personIdSchema, type BodySeat } from '../bodies/seats.js';
import { isLocalTime, tryStockholmInstant } from '../meetings/local-date.js';
import { defaultInviteeIds, httpsUrlSchema, LIMITS, meetingTypeSchema, rsvpClosesAtDate, type MeetingType } from '../meetings/meeting.js';
import type { Person } from '../people.js';

/**
 * A date poll ("tidsförslag", issue #16): leadership proposes 2–8 times for a meeting of a body, the body's members
 * and substitutes answer each time yes / if need be / no until a deadline, and the time that covers the most seats
 * becomes the meeting.
 */
export const POLL_LIMITS = {
  minSlots: 2,
  /** Eight proposals keep the answer card (three choices each, plus coverage) well inside Teams' card size. */
  maxSlots: 8,
  comment: LIMITS.comment,
  title: LIMITS.title,
  place: LIMITS.place,
  link: LIMITS.link,
  agenda: LIMITS.agenda,
  /** The yearly meeting invites every director and chair of the parties (about 45 today); room to grow. */
  invitees: 500,
} as const;

/** Slots are numbered in time order when the poll is made: s1 is the earliest. */
export const SLOT_IDS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'] as const;
export const slotIdSchema = z.enum(SLOT_IDS);
export type SlotId = z.infer<typeof slotIdSchema>;

export const pollIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const instantSchema = z.string().datetime({ offset: true });
const timeSchema = z.string().refine(isLocalTime, 'a time HH:mm');

const timesShape = { date: localDateSchema, start: timeSchema, end: timeSchema };
function refineTimes(s: { date: string; start: string; end: string }, ctx: z.RefinementCtx): void {
  const start = tryStockholmInstant(s.date, s.start);
  const end = tryStockholmInstant(s.date, s.end);
  if (!start || !end) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['start'], message: 'a time that exists in Stockholm that day' });
  else if (end.getTime() <= start.getTime()) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['end'], message: 'end after start' });
}

/** A proposed time: a Stockholm date with a start and end time that day. */
export const slotTimesSchema = z.object(timesShape).strict().superRefine(refineTimes);
export type SlotTimes = z.infer<typeof slotTimesSchema>;

export const pollSlotSchema = z.object({ id: slotIdSchema, ...timesShape }).strict().superRefine(refineTimes);
export type PollSlot = z.infer<typeof pollSlotSchema>;

/** Open: members see who answered what. Anonymous: members see their own answers and per-time counts only. */
export const pollVisibilitySchema = z.enum(['open', 'anonymous']);
export type PollVisibility = z.infer<typeof pollVisibilitySchema>;

/**
 * What happens at the deadline: nothing (leadership decides), or finalise on its own when exactly one time covers
 * every seat, or when at least one does (then the best ranked of them). Seats only exist for the Programråd and the
 * Programgrupp, so the yearly meeting is always decided by leadership.
 */
export const autoFinaliseSchema = z.enum(['off', 'whenExactlyOneCoversAll', 'whenAnyCoversAll']);
export type AutoFinalise = z.infer<typeof autoFinaliseSchema>;

export const pollResponseSchema = z
  .object({
    personId: personIdSchema,
    /** Per slot; a slot left out has not been answered. */
    answers: z.record(slotIdSchema, availabilitySchema),
    comment: z.string().min(1).max(POLL_LIMITS.comment).optional(),
    /** First answer. */
    answeredAt: instantSchema,
    /** Latest change. */
    updatedAt: instantSchema,
  })
  .strict();
export type PollResponse = z.infer<typeof pollResponseSchema>;

const draftShape = {
  type: meetingTypeSchema,
  title: z.string().trim().min(1).max(POLL_LIMITS.title),
  place: z.string().trim().min(1).max(POLL_LIMITS.place).optional(),
  onlineUrl: httpsUrlSchema.optional(),
  agenda: z.string().max(POLL_LIMITS.agenda),
  /** Last day to answer, a Stockholm date; answers are taken until that day ends. */
  answerBy: localDateSchema,
  visibility: pollVisibilitySchema,
  autoFinalise: autoFinaliseSchema,
};

type DraftLike = { type: MeetingType; place?: string | undefined; onlineUrl?: string | undefined; answerBy: string; autoFinalise: AutoFinalise; slots: readonly SlotTimes[] };
function refineDraft(d: DraftLike, ctx: z.RefinementCtx): void {
  if (!d.place && !d.onlineUrl) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['place'], message: 'a place or an online link' });
  if (d.type === 'arlig-traff' && d.autoFinalise !== 'off') ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['autoFinalise'], message: 'the yearly meeting has no seats to cover' });
  const starts = d.slots.map((s) => tryStockholmInstant(s.date, s.start)?.getTime() ?? Infinity);
  if (rsvpClosesAtDate(d.answerBy).getTime() > Math.min(...starts)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['answerBy'], message: 'answers close before the earliest proposed time' });
  }
  const keys = d.slots.map((s) => `${s.date} ${s.start} ${s.end}`);
  if (new Set(keys).size !== keys.length) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['slots'], message: 'a time is proposed twice' });
}

/** What the poll form produces (validated by `validatePollForm`). */
export const pollDraftSchema = z
  .object({ ...draftShape, slots: z.array(slotTimesSchema).min(POLL_LIMITS.minSlots).max(POLL_LIMITS.maxSlots) })
  .strict()
  .superRefine(refineDraft);
export type PollDraft = z.infer<typeof pollDraftSchema>;

/** How a poll ended in a time: chosen by someone in leadership, or automatically at the deadline. */
export const pollFinalisationSchema = z.union([
  z.object({ slotId: slotIdSchema, at: instantSchema, by: personIdSchema }).strict(),
  z.object({ slotId: slotIdSchema, at: instantSchema, auto: z.literal(true) }).strict(),
]);
export type PollFinalisation = z.infer<typeof pollFinalisationSchema>;

export const pollSchema = z
  .object({
    ...draftShape,
    id: pollIdSchema,
    slots: z.array(pollSlotSchema).min(POLL_LIMITS.minSlots).max(POLL_LIMITS.maxSlots),
    status: z.enum(['open', 'finalised', 'cancelled']),
    organiserId: personIdSchema,
    createdAt: instantSchema,
    updatedAt: instantSchema,
    /** Who was asked, fixed when the poll was made: the body's members and substitutes on the proposed dates. */
    inviteeIds: z.array(personIdSchema).max(POLL_LIMITS.invitees),
    responses: z.array(pollResponseSchema).max(POLL_LIMITS.invitees),
    /** When the last invitee answered every time; leadership is told once. */
    everyoneAnsweredAt: instantSchema.optional(),
    finalised: pollFinalisationSchema.optional(),
    /** The meeting made from the chosen time, once it exists. */
    meetingId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
    cancelled: z.object({ at: instantSchema, by: personIdSchema }).strict().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    refineDraft(p, ctx);
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    const slotIds = p.slots.map((s) => s.id);
    if (new Set(slotIds).size !== slotIds.length) issue(['slots'], 'slot ids are unique');
    if (new Set(p.inviteeIds).size !== p.inviteeIds.length) issue(['inviteeIds'], 'an invitee is listed twice');
    const invited = new Set(p.inviteeIds);
    const answered = new Set<string>();
    p.responses.forEach((r, i) => {
      if (!invited.has(r.personId)) issue(['responses', i, 'personId'], 'only invitees answer');
      if (answered.has(r.personId)) issue(['responses', i, 'personId'], 'one response per person');
      answered.add(r.personId);
      for (const slotId of Object.keys(r.answers)) if (!slotIds.includes(slotId as SlotId)) issue(['responses', i, 'answers', slotId], 'an answer to a time that is not proposed');
    });
    if ((p.status === 'finalised') !== (p.finalised !== undefined)) issue(['finalised'], 'a finalised poll records its time, and only then');
    if ((p.status === 'cancelled') !== (p.cancelled !== undefined)) issue(['cancelled'], 'a cancelled poll records who cancelled it, and only then');
    if (p.finalised && !slotIds.includes(p.finalised.slotId)) issue(['finalised', 'slotId'], 'the chosen time is one of the proposals');
  });
export type Poll = z.infer<typeof pollSchema>;

/** The instant answers close: the start of the day after `answerBy`, Stockholm time. */
export const pollClosesAt = (poll: Pick<Poll, 'answerBy'>): Date => rsvpClosesAtDate(poll.answerBy);

/** Answers are taken while the poll is open and its deadline's day has not ended. */
export const isPollAnswerOpen = ({ poll, now }: { poll: Pick<Poll, 'status' | 'answerBy'>; now: Date }): boolean =>
  poll.status === 'open' && now.getTime() < pollClosesAt(poll).getTime();

export const slotStart = (slot: SlotTimes): Date => {
  const at = tryStockholmInstant(slot.date, slot.start);
  if (!at) throw new Error(`no such Stockholm time: ${slot.date} ${slot.start}`);
  return at;
};
export const slotEnd = (slot: SlotTimes): Date => {
  const at = tryStockholmInstant(slot.date, slot.end);
  if (!at) throw new Error(`no such Stockholm time: ${slot.date} ${slot.end}`);
  return at;
};

export const findSlot = (poll: Pick<Poll, 'slots'>, slotId: string): PollSlot | undefined => poll.slots.find((s) => s.id === slotId);
export const responseOf = (poll: Pick<Poll, 'responses'>, personId: string): PollResponse | undefined =>
  poll.responses.find((r) => r.personId === personId.toLowerCase());

/** Has the person answered every proposed time? */
export const hasAnsweredAll = (poll: Pick<Poll, 'slots' | 'responses'>, personId: string): boolean => {
  const r = responseOf(poll, personId);
  return r !== undefined && poll.slots.every((s) => r.answers[s.id] !== undefined);
};

/**
 * Who is asked. Programråd and Programgrupp: everyone holding one of the body's seats or substitutes' places on any
 * proposed date (a successor whose term starts before a proposed time is asked; someone whose term ends before all of
 * them is not). Yearly meeting: every director and chair, as for the meeting itself.
 */
export function pollInviteeIds({ type, slots, seats, people }: { type: MeetingType; slots: readonly SlotTimes[]; seats: readonly BodySeat[]; people: readonly Person[] }): string[] {
  if (type === 'arlig-traff') return defaultInviteeIds({ type, people }).map((id) => id.toLowerCase());
  return holdersOnAny({ seats, body: type, dates: [...new Set(slots.map((s) => s.date))] });
}

/** Something the bot must tell a person about a poll; it turns each into a card or catalogue text. */
export type PollNotice =
  | { kind: 'pollInvited'; personId: string }
  /** The time is set. `role`: said yes and is recorded as coming; gets the meeting's invitation to answer; or is not needed (a substitute whose seat's holder comes). */
  | { kind: 'pollFinalised'; personId: string; slotId: SlotId; role: 'coming' | 'invited' | 'notNeeded' }
  | { kind: 'pollCancelled'; personId: string };

/** Makes a poll from a validated draft; slots are numbered in time order. */
export function createPoll({
  id,
  draft,
  organiserId,
  seats,
  people,
  now,
}: {
  id: string;
  draft: PollDraft;
  organiserId: string;
  seats: readonly BodySeat[];
  people: readonly Person[];
  now: Date;
}): { ok: true; poll: Poll; notify: PollNotice[] } | { ok: false; reason: 'noInvitees' } {
  const inviteeIds = pollInviteeIds({ type: draft.type, slots: draft.slots, seats, people });
  if (inviteeIds.length === 0) return { ok: false, reason: 'noInvitees' };
  const ordered = [...draft.slots].sort((a, b) => slotStart(a).getTime() - slotStart(b).getTime() || a.end.localeCompare(b.end));
  const at = now.toISOString();
  const poll = pollSchema.parse({
    ...draft,
    id,
    slots: ordered.map((s, i) => ({ id: SLOT_IDS[i], date: s.date, start: s.start, end: s.end })),
    status: 'open',
    organiserId: organiserId.toLowerCase(),
    createdAt: at,
    updatedAt: at,
    inviteeIds,
    responses: [],
  });
  return { ok: true, poll, notify: inviteeIds.map((personId) => ({ kind: 'pollInvited', personId })) };
}

/**
 * Brings an open poll's invitees up to date with the seats — a successor appointed, a substitute added, for the yearly
 * meeting a new director — so that they can answer too (issue #15: a seat's open actions follow its handover).
 * Nobody is removed: someone whose term ended keeps the answers they gave, and leadership still sees them. Nothing
 * changes once answers have closed.
 */
export function addNewInvitees({ poll, seats, people, now }: { poll: Poll; seats: readonly BodySeat[]; people: readonly Person[]; now: Date }): { poll: Poll; notify: PollNotice[] } {
  if (!isPollAnswerOpen({ poll, now })) return { poll, notify: [] };
  const current = new Set(poll.inviteeIds);
  const added = pollInviteeIds({ type: poll.type, slots: poll.slots, seats, people }).filter((id) => !current.has(id));
  if (added.length === 0) return { poll, notify: [] };
  const next = pollSchema.parse({ ...poll, inviteeIds: [...poll.inviteeIds, ...added], updatedAt: now.toISOString() });
  return { poll: next, notify: added.map((personId) => ({ kind: 'pollInvited', personId })) };
}
