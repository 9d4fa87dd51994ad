import { inOfficeOn } from '../roster/terms.js';
import { z } from 'zod';
import { aadObjectIdSchema, type Person } from '../people.js';
import { stockholmDate, stockholmInstant } from '../time.js';
import { addLocalDays, isLocalDate } from './local-date.js';

/** Programråd dialogue, Programgrupp meeting, or the yearly meeting (årlig träff) of all directors and chairs. */
export const meetingTypeSchema = z.enum(['programrad', 'programgrupp', 'arlig-traff']);
export type MeetingType = z.infer<typeof meetingTypeSchema>;

export const rsvpValueSchema = z.enum(['ja', 'nej', 'kanske']);
export type RsvpValue = z.infer<typeof rsvpValueSchema>;

export const LIMITS = { title: 200, agenda: 4000, place: 200, link: 2000, comment: 500 } as const;

/** Instants are stored as ISO strings (UTC, from `Date#toISOString`). */
const instantSchema = z.string().datetime({ offset: true });
const personIdSchema = aadObjectIdSchema;
const localDateSchema = z.string().refine(isLocalDate, 'a date yyyy-MM-dd');

/** Ids end up in calendar UIDs and URLs, so keep them to URL-safe characters. */
export const meetingIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

export const httpsUrlSchema = z
  .string()
  .max(LIMITS.link)
  .url()
  .refine((u) => URL.canParse(u) && new URL(u).protocol === 'https:', 'an https link');

export const answerSchema = z
  .object({
    value: rsvpValueSchema,
    comment: z.string().min(1).max(LIMITS.comment).optional(),
    answeredAt: instantSchema,
  })
  .strict();
export type Answer = z.infer<typeof answerSchema>;

/**
 * How someone came to be invited: from the roster by meeting type, added by leadership, or automatically as a
 * Programråd substitute. `substituteFor` is the ordinary member they currently stand in for; it is separate from
 * `via` because a substitute leadership added by hand can also be assigned to a seat.
 */
export const inviteeSchema = z
  .object({
    personId: personIdSchema,
    via: z.enum(['roster', 'added', 'substitute']),
    addedBy: personIdSchema.optional(),
    substituteFor: personIdSchema.optional(),
    invitedAt: instantSchema,
    answer: answerSchema.optional(),
  })
  .strict();
export type Invitee = z.infer<typeof inviteeSchema>;

/** People leadership took off the list; they are never invited again automatically (e.g. as a substitute). */
export const removedInviteeSchema = z
  .object({ personId: personIdSchema, removedBy: personIdSchema, removedAt: instantSchema })
  .strict();
export type RemovedInvitee = z.infer<typeof removedInviteeSchema>;

const detailsShape = {
  type: meetingTypeSchema,
  title: z.string().trim().min(1).max(LIMITS.title),
  start: instantSchema,
  end: instantSchema,
  place: z.string().trim().min(1).max(LIMITS.place).optional(),
  onlineUrl: httpsUrlSchema.optional(),
  agenda: z.string().max(LIMITS.agenda),
  /** Last day to answer, a Stockholm date; answers are taken until that day ends. */
  rsvpBy: localDateSchema,
};

type Details = { start: string; end: string; place?: string | undefined; onlineUrl?: string | undefined; rsvpBy: string };
function refineDetails(m: Details, ctx: z.RefinementCtx): void {
  if (Date.parse(m.end) <= Date.parse(m.start)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['end'], message: 'end after start' });
  if (!m.place && !m.onlineUrl) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['place'], message: 'a place or an online link' });
  if (isLocalDate(m.rsvpBy) && rsvpClosesAtDate(m.rsvpBy).getTime() > Date.parse(m.start)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rsvpBy'], message: 'the RSVP deadline ends before the meeting starts' });
  }
}

/** What the scheduling form produces and a change replaces. */
export const meetingDraftSchema = z.object(detailsShape).strict().superRefine(refineDetails);
export type MeetingDraft = z.infer<typeof meetingDraftSchema>;

export const meetingSchema = z
  .object({
    ...detailsShape,
    id: meetingIdSchema,
    organiserId: personIdSchema,
    status: z.enum(['scheduled', 'cancelled']),
    /** RFC 5545 SEQUENCE: bumped by every change to the event itself (time, place, title, cancellation). */
    sequence: z.number().int().min(0),
    createdAt: instantSchema,
    /** When the event last changed (creation, change, cancellation). */
    updatedAt: instantSchema,
    invitees: z.array(inviteeSchema),
    removed: z.array(removedInviteeSchema),
  })
  .strict()
  .superRefine((m, ctx) => {
    refineDetails(m, ctx);
    const ids = m.invitees.map((i) => i.personId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['invitees'], message: 'an invitee is listed twice' });
    for (const r of m.removed) {
      if (ids.includes(r.personId)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['removed'], message: `${r.personId} is both invited and removed` });
    }
  });
export type Meeting = z.infer<typeof meetingSchema>;

/** Something the bot must tell a person after a change; the bot turns it into a card or catalogue text. */
export type MeetingNotice =
  | { kind: 'invited'; personId: string }
  /** A Programråd substitute newly invited (or already on the list and now assigned) to stand in for `replaces`. */
  | { kind: 'substituteInvited'; personId: string; replaces: string }
  /** A substitute who stood in for `previously` now stands in for `replaces` (same seat, see rsvp.ts). */
  | { kind: 'substituteReassigned'; personId: string; replaces: string; previously: string }
  /** The ordinary member `replaced` is coming after all; the substitute is no longer needed. */
  | { kind: 'substituteNotNeeded'; personId: string; replaced: string }
  | { kind: 'removed'; personId: string }
  /** Title, place, link, agenda or deadline changed; answers stand. */
  | { kind: 'updated'; personId: string }
  /** The time moved; answers were reset and everyone must answer again. */
  | { kind: 'rescheduled'; personId: string }
  | { kind: 'cancelled'; personId: string };

/** An ordinary Programråd member who declined and for whom no substitute is available. */
export interface UncoveredSeat {
  personId: string;
  seat: string;
  /** The seat has no substitute in the roster, or every one is already standing in, removed, or said Nej. */
  reason: 'noSubstituteForSeat' | 'substitutesUnavailable';
}

/** The editable part of a meeting, e.g. to prefill the scheduling form for a change. */
export function draftOf(meeting: Meeting): MeetingDraft {
  const { type, title, start, end, place, onlineUrl, agenda, rsvpBy } = meeting;
  return { type, title, start, end, ...(place !== undefined ? { place } : {}), ...(onlineUrl !== undefined ? { onlineUrl } : {}), agenda, rsvpBy };
}

/** The instant the RSVP deadline passes: the start of the day after `rsvpBy`, Stockholm time. */
export function rsvpClosesAtDate(rsvpBy: string): Date {
  return stockholmInstant(addLocalDays(rsvpBy, 1), '00:00');
}
export const rsvpClosesAt = (meeting: Pick<Meeting, 'rsvpBy'>): Date => rsvpClosesAtDate(meeting.rsvpBy);

export const isAnswerOpen = ({ meeting, now }: { meeting: Pick<Meeting, 'rsvpBy' | 'status'>; now: Date }): boolean =>
  meeting.status === 'scheduled' && now.getTime() < rsvpClosesAt(meeting).getTime();

export const findInvitee = (meeting: Pick<Meeting, 'invitees'>, personId: string): Invitee | undefined =>
  meeting.invitees.find((i) => i.personId === personId.toLowerCase());

/** The Stockholm calendar date a meeting is held on. */
export const meetingDate = (meeting: Pick<Meeting, 'start'>): string => stockholmDate(new Date(meeting.start));

/**
 * Who a meeting type invites from the roster. Programråd: its ordinary members, MDU's included (substitutes come
 * only when someone declines). Programgrupp: its members. Yearly meeting: every director (kommundirektör/kommunchef,
 * regiondirektör, länsråd) and every chair (KSO/RSO). The organiser is not added automatically.
 */
export function defaultInviteeIds({ type, people, on }: { type: MeetingType; people: readonly Person[]; on?: string }): string[] {
  const pick = (p: Person): boolean => {
    // Nobody whose term of office does not cover the meeting's day is invited (issue #14 point 4).
    if (on !== undefined && !inOfficeOn({ person: p, date: on })) return false;
    switch (type) {
      case 'programrad':
        return p.programrad?.membership === 'ordinary';
      case 'programgrupp':
        return p.roles.includes('programgrupp');
      case 'arlig-traff':
        return p.roles.includes('director') || p.roles.includes('chair');
    }
  };
  return people.filter(pick).map((p) => p.aadObjectId);
}

/** A new meeting from a validated draft, with the roster's invitees for its type. */
export function createMeeting({
  id,
  draft,
  organiserId,
  people,
  now,
}: {
  id: string;
  draft: MeetingDraft;
  organiserId: string;
  people: readonly Person[];
  now: Date;
}): { meeting: Meeting; notify: MeetingNotice[] } {
  const at = now.toISOString();
  const invitees: Invitee[] = defaultInviteeIds({ type: draft.type, people, on: stockholmDate(new Date(draft.start)) }).map((personId) => ({ personId, via: 'roster', invitedAt: at }));
  const meeting = meetingSchema.parse({
    ...draft,
    id,
    organiserId: organiserId.toLowerCase(),
    status: 'scheduled',
    sequence: 0,
    createdAt: at,
    updatedAt: at,
    invitees,
    removed: [],
  });
  return { meeting, notify: invitees.map((i) => ({ kind: 'invited', personId: i.personId })) };
}
