import { z } from 'zod';
import { isLocalDate } from '../meetings/local-date.js';
import type { MeetingType } from '../meetings/meeting.js';
import { charCount, cleanFormText } from '../needs/need-form.js';
import { aadObjectIdSchema, type Person } from '../people.js';

/**
 * Shapes shared by the meeting records (#17). Stored shapes are zod schemas whose input and output are the same
 * JSON (instants as ISO strings), so the store can parse a document and write back what it parsed.
 */

/** Instants are stored as ISO strings (UTC, from `Date#toISOString`), as meetings store theirs. */
export const instantSchema = z.string().datetime({ offset: true });
/** A Stockholm calendar date, yyyy-MM-dd. */
export const localDateSchema = z.string().refine(isLocalDate, 'a date yyyy-MM-dd');
/** Person ids are AAD object ids, lower case (as the roster and meetings keep them). */
export const personIdSchema = aadObjectIdSchema.refine((s) => s === s.toLowerCase(), 'a lower-case AAD object id');
/** Ids end up in card data, delivery keys and URLs: URL-safe characters only. */
export const recordIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
export const needNumberSchema = z.number().int().positive();

/** Text a person typed: NFC, trimmed, non-empty, at most `max` characters as people count them (an emoji is one). */
export const textSchema = (max: number) =>
  z
    .string()
    .min(1)
    .refine((s) => s === s.trim(), 'trimmed')
    .refine((s) => charCount(s) <= max, `at most ${max} characters`);

/** Like textSchema, but may be empty (notes not yet written). */
export const maybeEmptyTextSchema = (max: number) => z.string().refine((s) => charCount(s) <= max, `at most ${max} characters`);

/** Limits, in characters, of what people type into the records; the cards use the same numbers for maxLength. */
export const RECORD_LIMITS = {
  agendaTitle: 200,
  agendaDescription: 2000,
  /**
   * A notice card lists every item with its papers, and the editor adds pickers for them: 20 items and 30 papers still
   * fit Teams' card size (a Programråd agenda has five to ten items).
   */
  agendaItems: 20,
  paperTitle: 200,
  fileName: 255,
  papers: 30,
  link: 2000,
  guestName: 200,
  guestOrganisation: 200,
  // Guests are edited in one text box on the attendance card: 25 × (200 + 200) characters (å, ä, ö take two bytes
  // each) still fit one card.
  guests: 25,
  decisionText: 4000,
  /** Needs one decision links to. */
  decisionNeeds: 20,
  reason: 1000,
  actionTitle: 200,
  comment: 1000,
  minutesNotes: 4000,
  perCapsulamSeats: 40,
} as const;

export const httpsUrlSchema = z
  .string()
  .max(RECORD_LIMITS.link)
  .url()
  .refine((u) => {
    // zod runs refinements after a failed .url() too, so the parse here must not throw.
    const url = URL.canParse(u) ? new URL(u) : undefined;
    // No user:password@ in a link shown to every invitee: it is either a leaked secret or a disguised host.
    return url?.protocol === 'https:' && url.username === '' && url.password === '';
  }, 'an https link without credentials');

/**
 * The bodies whose meetings keep records and take numbered decisions. The yearly meeting of directors and chairs is a
 * meeting about how the programmes develop (the memo gives it no mandate): it keeps a record but takes no decisions.
 */
export const decisionBodySchema = z.enum(['programrad', 'programgrupp']);
export type DecisionBody = z.infer<typeof decisionBodySchema>;

/** The body that decides at a meeting of this type, or null when the meeting takes no decisions. */
export const decisionBodyOf = (type: MeetingType): DecisionBody | null => (type === 'arlig-traff' ? null : type);

/**
 * A seat as the records need it. The seat model lives elsewhere (`src/domain/bodies/`); the caller maps it onto this,
 * so the records do not depend on how seats, terms and substitutes are kept.
 */
export const seatInputSchema = z
  .object({
    seatId: recordIdSchema,
    body: decisionBodySchema,
    /** Whom the seat represents, e.g. "mdu", "vastmanland", "sormland": shown as the composition. */
    constituency: z.string().min(1).max(64),
    /** The ordinary member holding the seat; null while the seat is vacant. */
    holderId: personIdSchema.nullable(),
    /** Substitutes (ersättare) who may act for the seat, in the order they are called. */
    substituteIds: z.array(personIdSchema),
  })
  .strict();
export type SeatInput = z.infer<typeof seatInputSchema>;

/**
 * How many seats must be filled for the body to decide. The memo sets no quorum for either body: any figure is an
 * assumption programme leadership sets, and the product shows it as one (hence the literal).
 */
export const quorumPolicySchema = z.object({ minSeats: z.number().int().min(1), assumption: z.literal(true) }).strict();
export type QuorumPolicy = z.infer<typeof quorumPolicySchema>;

/** Who acts: the roster person, for permission checks and for the history. */
export type RecordActor = Pick<Person, 'aadObjectId' | 'roles' | 'organisationId'>;

/** What a person typed, cleaned (control characters out, trimmed, NFC); line breaks kept when `multiline`. */
export const cleanText = (text: unknown, { multiline = false, max }: { multiline?: boolean; max: number }): string =>
  cleanFormText(text, { multiline, keep: max * 2 });

/** '' → required, over the limit → tooLong; undefined when fine. */
export function checkText(text: string, max: number): 'required' | 'tooLong' | undefined {
  if (text === '') return 'required';
  if (charCount(text) > max) return 'tooLong';
  return undefined;
}

/** The next id in a per-record sequence: "a7", "p3"… never reused, so a removed item's id never comes back. */
export const sequenceId = (prefix: string, seq: number): string => `${prefix}${seq}`;
