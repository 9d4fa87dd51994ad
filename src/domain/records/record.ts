import { z } from 'zod';
import { meetingIdSchema, meetingTypeSchema, type Meeting } from '../meetings/meeting.js';
import {
  RECORD_LIMITS,
  decisionBodySchema,
  httpsUrlSchema,
  instantSchema,
  localDateSchema,
  maybeEmptyTextSchema,
  needNumberSchema,
  personIdSchema,
  recordIdSchema,
  textSchema,
} from './common.js';

/**
 * The record of one meeting: its agenda and papers (kallelse och handlingar), the notice and the changes announced
 * after it, the attendance (närvaro) and the minutes (protokoll) with their versions and approvals. Decisions, action
 * items and per capsulam procedures are kept apart (decision.ts, action.ts, per-capsulam.ts): they are numbered and
 * followed up across meetings.
 */

export const presenterSchema = z.union([
  z.object({ personId: personIdSchema }).strict(),
  /** Someone outside the roster, e.g. a researcher presenting a study. */
  z.object({ name: textSchema(RECORD_LIMITS.guestName) }).strict(),
]);
export type Presenter = z.infer<typeof presenterSchema>;

export const agendaItemSchema = z
  .object({
    /** Stable over reordering ("a1", "a2"…), never reused: decisions and actions point at it. */
    id: recordIdSchema,
    title: textSchema(RECORD_LIMITS.agendaTitle),
    description: textSchema(RECORD_LIMITS.agendaDescription).optional(),
    presenter: presenterSchema.optional(),
  })
  .strict();
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const paperSourceSchema = z.discriminatedUnion('kind', [
  /** A file in SharePoint or Teams (or elsewhere on the web), opened in the browser. */
  z.object({ kind: z.literal('link'), url: httpsUrlSchema }).strict(),
  /** A file uploaded to the bot; the store keeps the bytes, the bot serves them through a signed link. */
  z.object({ kind: z.literal('file'), fileId: recordIdSchema, fileName: textSchema(RECORD_LIMITS.fileName) }).strict(),
]);
export type PaperSource = z.infer<typeof paperSourceSchema>;

export const paperSchema = z
  .object({
    id: recordIdSchema,
    title: textSchema(RECORD_LIMITS.paperTitle),
    source: paperSourceSchema,
    /** The agenda item the paper belongs to; none for papers to the meeting as a whole. */
    agendaItemId: recordIdSchema.optional(),
    addedAt: instantSchema,
    addedBy: personIdSchema,
  })
  .strict();
export type Paper = z.infer<typeof paperSchema>;

/** What changed in the agenda and papers since the notice (or since the last announcement of changes). */
export const noticeChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('itemAdded'), itemId: recordIdSchema, title: z.string() }).strict(),
  z.object({ kind: z.literal('itemRemoved'), itemId: recordIdSchema, title: z.string() }).strict(),
  z
    .object({
      kind: z.literal('itemChanged'),
      itemId: recordIdSchema,
      title: z.string(),
      fields: z.array(z.enum(['title', 'description', 'presenter'])).min(1),
    })
    .strict(),
  z.object({ kind: z.literal('agendaReordered') }).strict(),
  z.object({ kind: z.literal('paperAdded'), paperId: recordIdSchema, title: z.string() }).strict(),
  z.object({ kind: z.literal('paperRemoved'), paperId: recordIdSchema, title: z.string() }).strict(),
  z.object({ kind: z.literal('paperChanged'), paperId: recordIdSchema, title: z.string() }).strict(),
]);
export type NoticeChange = z.infer<typeof noticeChangeSchema>;

export const agendaSnapshotSchema = z
  .object({ revision: z.number().int().min(0), agenda: z.array(agendaItemSchema), papers: z.array(paperSchema) })
  .strict();
export type AgendaSnapshot = z.infer<typeof agendaSnapshotSchema>;

export const noticeSchema = z
  .object({
    sentAt: instantSchema,
    /** Who sent it; null when it went out on schedule. */
    sentBy: personIdSchema.nullable(),
    /** The agenda and papers as last told to the invitees: as sent, then as of the latest announcement. */
    baseline: agendaSnapshotSchema,
    announcements: z.array(z.object({ revision: z.number().int().min(1), at: instantSchema, changes: z.array(noticeChangeSchema).min(1) }).strict()),
  })
  .strict();
export type Notice = z.infer<typeof noticeSchema>;

export const attendanceStatusSchema = z.enum(['present', 'absent', 'unknown']);
export type AttendanceStatus = z.infer<typeof attendanceStatusSchema>;

export const attendanceEntrySchema = z
  .object({
    personId: personIdSchema,
    /** The person's organisation when attendance was recorded, so the yearly report keeps to what was true then. */
    organisationId: z.string().min(1).nullable(),
    status: attendanceStatusSchema,
    /** seatHolder: the ordinary member of `seatId`; substitute: acting for `seatId`; other: neither. */
    role: z.enum(['seatHolder', 'substitute', 'other']),
    seatId: recordIdSchema.optional(),
  })
  .strict()
  .refine((e) => (e.role === 'other') === (e.seatId === undefined), 'a seat goes with the seat holder and substitute roles');
export type AttendanceEntry = z.infer<typeof attendanceEntrySchema>;

export const guestSchema = z
  .object({ name: textSchema(RECORD_LIMITS.guestName), organisation: textSchema(RECORD_LIMITS.guestOrganisation) })
  .strict();
export type Guest = z.infer<typeof guestSchema>;

export const quorumStatusSchema = z.enum(['quorate', 'belowQuorum', 'undetermined', 'notApplicable']);
export type QuorumStatus = z.infer<typeof quorumStatusSchema>;

/** The quorum as assessed when attendance was recorded (with the policy then in force). */
export const quorumSnapshotSchema = z
  .object({
    status: quorumStatusSchema,
    seatsFilled: z.number().int().min(0),
    seatsTotal: z.number().int().min(0),
    minSeats: z.number().int().min(0),
  })
  .strict();
export type QuorumSnapshot = z.infer<typeof quorumSnapshotSchema>;

export const attendanceSchema = z
  .object({
    entries: z.array(attendanceEntrySchema),
    guests: z.array(guestSchema).max(RECORD_LIMITS.guests),
    quorum: quorumSnapshotSchema,
    /** Every time the attendance was recorded or corrected, for the audit record. */
    history: z.array(z.object({ at: instantSchema, by: personIdSchema }).strict()).min(1),
  })
  .strict();
export type Attendance = z.infer<typeof attendanceSchema>;

// ---- Minutes -------------------------------------------------------------------------------------------------

export const minutesPersonSchema = z
  .object({
    personId: personIdSchema,
    name: z.string().min(1).max(200),
    organisation: z.string().max(200),
    role: z.enum(['seatHolder', 'substitute', 'other']),
    constituency: z.string().max(64).optional(),
    /** For a substitute: the name of the seat's ordinary member they acted for (when the seat has one). */
    forName: z.string().max(200).optional(),
  })
  .strict();
export type MinutesPerson = z.infer<typeof minutesPersonSchema>;

export const minutesDecisionSchema = z
  .object({
    decisionId: recordIdSchema,
    body: decisionBodySchema,
    year: z.number().int(),
    number: z.number().int().positive(),
    text: z.string(),
    needNumbers: z.array(needNumberSchema),
    status: z.enum(['valid', 'withdrawn', 'superseded']),
  })
  .strict();
export type MinutesDecision = z.infer<typeof minutesDecisionSchema>;

export const minutesActionSchema = z
  .object({ actionId: recordIdSchema, title: z.string(), ownerId: personIdSchema, ownerName: z.string(), dueDate: localDateSchema })
  .strict();
export type MinutesAction = z.infer<typeof minutesActionSchema>;

/** The key of the minutes section for decisions and actions not tied to an agenda item. */
export const OTHER_ITEM_KEY = 'other';

export const minutesItemSchema = z
  .object({
    /** The agenda item's id, or OTHER_ITEM_KEY for what belongs to no item. */
    key: recordIdSchema,
    /** The agenda item's title; '' for the OTHER_ITEM_KEY section (the renderer names it). */
    title: z.string().max(RECORD_LIMITS.agendaTitle),
    /** What was said and done under the item, written by the secretary; kept when the draft is regenerated. */
    notes: maybeEmptyTextSchema(RECORD_LIMITS.minutesNotes),
    decisions: z.array(minutesDecisionSchema),
    actions: z.array(minutesActionSchema),
  })
  .strict();
export type MinutesItem = z.infer<typeof minutesItemSchema>;

/**
 * The minutes as a structured document: everything a renderer (card, plain text, PDF, .docx) needs, with names
 * copied in when drafted, so approved minutes say what was approved even after the roster changes.
 */
export const minutesDocumentSchema = z
  .object({
    meeting: z
      .object({
        id: meetingIdSchema,
        type: meetingTypeSchema,
        title: z.string(),
        start: instantSchema,
        end: instantSchema,
        place: z.string().optional(),
        onlineUrl: z.string().optional(),
      })
      .strict(),
    attendance: z
      .object({
        recorded: z.boolean(),
        present: z.array(minutesPersonSchema),
        absent: z.array(minutesPersonSchema),
        unknown: z.array(minutesPersonSchema),
        guests: z.array(guestSchema),
        quorum: quorumSnapshotSchema.nullable(),
      })
      .strict(),
    items: z.array(minutesItemSchema),
  })
  .strict();
export type MinutesDocument = z.infer<typeof minutesDocumentSchema>;

export const signatorySchema = z
  .object({ personId: personIdSchema, name: z.string().min(1).max(200), role: z.enum(['chair', 'adjuster']) })
  .strict();
export type Signatory = z.infer<typeof signatorySchema>;

export const minutesEventKindSchema = z.enum(['drafted', 'regenerated', 'edited', 'signatoriesNamed', 'approved', 'changeRequested', 'justerat']);
export type MinutesEventKind = z.infer<typeof minutesEventKindSchema>;

/** One entry of the minutes' history, in the order it happened: what the audit record shows. */
export const minutesEventSchema = z
  .object({
    at: instantSchema,
    by: personIdSchema,
    kind: minutesEventKindSchema,
    /** The version the event concerns (the version approved, the one a change was asked for, the one created). */
    version: z.number().int().min(1),
    comment: textSchema(RECORD_LIMITS.comment).optional(),
  })
  .strict();
export type MinutesEvent = z.infer<typeof minutesEventSchema>;

export const minutesVersionSchema = z
  .object({ version: z.number().int().min(1), document: minutesDocumentSchema, at: instantSchema, by: personIdSchema })
  .strict();
export type MinutesVersion = z.infer<typeof minutesVersionSchema>;

export const minutesSchema = z
  .object({
    status: z.enum(['draft', 'justerat']),
    /** Every version ever made, oldest first; the last is current. */
    versions: z.array(minutesVersionSchema).min(1),
    /** The chair (ordförande) and one or two adjusters (justerare); empty until leadership names them. */
    signatories: z.array(signatorySchema).max(3),
    events: z.array(minutesEventSchema),
    justerat: z
      .object({ at: instantSchema, /** Stockholm date of justering. */ date: localDateSchema, version: z.number().int().min(1), signatories: z.array(signatorySchema).min(2) })
      .strict()
      .nullable(),
  })
  .strict()
  .superRefine((m, ctx) => {
    m.versions.forEach((v, i) => {
      if (v.version !== i + 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['versions', i, 'version'], message: 'versions run 1, 2, 3…' });
    });
    if ((m.status === 'justerat') !== (m.justerat !== null)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['justerat'], message: 'justerat goes with its date and names' });
  });
export type Minutes = z.infer<typeof minutesSchema>;

// ---- The record ----------------------------------------------------------------------------------------------

export const meetingRecordSchema = z
  .object({
    meetingId: meetingIdSchema,
    meetingType: meetingTypeSchema,
    /** Counter for agenda item and paper ids ("a1", "p2"): ids are never reused, so a diff never confuses two items. */
    seq: z.number().int().min(0),
    /** Goes up with every change to the agenda or papers; change announcements are keyed by it. */
    revision: z.number().int().min(0),
    agenda: z.array(agendaItemSchema).max(RECORD_LIMITS.agendaItems),
    papers: z.array(paperSchema).max(RECORD_LIMITS.papers),
    notice: noticeSchema.nullable(),
    attendance: attendanceSchema.nullable(),
    minutes: minutesSchema.nullable(),
    createdAt: instantSchema,
    updatedAt: instantSchema,
  })
  .strict()
  .superRefine((r, ctx) => {
    const ids = [...r.agenda.map((a) => a.id), ...r.papers.map((p) => p.id)];
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['agenda'], message: 'an id is used twice' });
    const items = new Set(r.agenda.map((a) => a.id));
    r.papers.forEach((p, i) => {
      if (p.agendaItemId !== undefined && !items.has(p.agendaItemId)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['papers', i, 'agendaItemId'], message: 'a paper belongs to an item on the agenda' });
      }
    });
  });
export type MeetingRecord = z.infer<typeof meetingRecordSchema>;

/** An empty record for a meeting; the store creates it the first time leadership touches the meeting's record. */
export function createRecord({ meeting, now }: { meeting: Pick<Meeting, 'id' | 'type'>; now: Date }): MeetingRecord {
  const at = now.toISOString();
  return {
    meetingId: meeting.id,
    meetingType: meeting.type,
    seq: 0,
    revision: 0,
    agenda: [],
    papers: [],
    notice: null,
    attendance: null,
    minutes: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** Approved (justerade) minutes lock the whole record: agenda, papers, attendance and the minutes themselves. */
export const isLocked = (record: Pick<MeetingRecord, 'minutes'>): boolean => record.minutes?.status === 'justerat';

/** A paper added after the notice went out is a late paper (sen handling). */
export const isLatePaper = ({ record, paper }: { record: Pick<MeetingRecord, 'notice'>; paper: Pick<Paper, 'addedAt'> }): boolean =>
  record.notice !== null && Date.parse(paper.addedAt) > Date.parse(record.notice.sentAt);
