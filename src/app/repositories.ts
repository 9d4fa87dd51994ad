import type { CalendarSyncState } from '../calendar/calendar-sync.js';
import type { AuditEntry } from '../domain/audit.js';
import type { Meeting, MeetingNotice, UncoveredSeat } from '../domain/meetings/meeting.js';
import type { Poll } from '../domain/polls/poll.js';
import type { Organisation } from '../domain/organisations.js';
import type { Person } from '../domain/people.js';
import type { ErasureCounts, ErasureSubject } from '../domain/privacy/erasure.js';
import type { StoredRecords } from '../domain/privacy/export.js';
import type { RetentionCounts, RetentionPolicy } from '../domain/privacy/retention.js';
import type { Need } from '../domain/needs/need.js';
import type { NeedsRound, RoundAssignment } from '../domain/needs/rounds.js';
import type { NeedNotification } from '../domain/needs/transitions.js';
import type { ActionItem } from '../domain/records/action.js';
import type { Decision } from '../domain/records/decision.js';
import type { PerCapsulam } from '../domain/records/per-capsulam.js';
import type { MeetingRecord } from '../domain/records/record.js';
import type { AuditNote } from './kernel.js';

/**
 * The record kinds use cases read and change, one repository per kind. The file backend implements them over the
 * store document (src/store/repositories/); a feature adds its repository here and its implementation there.
 */
export interface PeopleRepository {
  get(aadObjectId: string): Person | undefined;
  all(): readonly Person[];
  /** Adds or replaces the person with this aadObjectId. */
  put(person: Person): void;
  remove(aadObjectId: string): boolean;
}

export interface OrganisationsRepository {
  get(id: string): Organisation | undefined;
  all(): readonly Organisation[];
}

export interface AuditRepository {
  append(note: AuditNote): AuditEntry;
  entries(): readonly AuditEntry[];
}

/** An erased person as their organisation's records now name them: a pseudonym, the organisation and the roles. */
export interface ErasedPersonRecord {
  pseudonym: string;
  organisationId: string;
  roles: readonly string[];
  erasedAt: string;
}

/**
 * Personal data across every record kind (src/domain/privacy/inventory.ts): what one person's export reads, erasure,
 * and the retention rules. A backend implements it over all of its record kinds at once, so nothing is missed.
 */
export interface PrivacyRepository {
  /** The records the export selects from (src/domain/privacy/export.ts). */
  records(): StoredRecords;
  /**
   * Erases the subject everywhere (src/domain/privacy/erasure.ts) and notes the pseudonym with the organisation and
   * roles; `attribution` names an organisation where a contact person was. Returns counts by kind.
   */
  erase(subject: ErasureSubject, erased: ErasedPersonRecord, attribution: (organisationId: string) => string, now: Date): ErasureCounts;
  /** Clears what is outside its retention window (src/domain/privacy/retention.ts) and notes today's run. */
  applyRetention(policy: RetentionPolicy, now: Date, attribution: (organisationId: string) => string): RetentionCounts;
  /** The Stockholm date the retention rules last ran, or null. */
  lastRetentionDate(): string | null;
  erased(): readonly ErasedPersonRecord[];
}

/**
 * Meeting records (#17). The meetings and needs it reads are read-only views here (their own features change them),
 * so the records feature depends on them through this narrow seam only.
 */
export interface RecordsRepository {
  meeting(id: string): Meeting | undefined;
  meetings(): readonly Meeting[];
  needs(): readonly Need[];
  record(meetingId: string): MeetingRecord | undefined;
  records(): readonly MeetingRecord[];
  /** Adds or replaces the record of its meeting. */
  putRecord(record: MeetingRecord): void;
  decisions(): readonly Decision[];
  /** Adds or replaces the decision with its id. */
  putDecision(decision: Decision): void;
  actions(): readonly ActionItem[];
  putAction(action: ActionItem): void;
  procedures(): readonly PerCapsulam[];
  putProcedure(procedure: PerCapsulam): void;
  /** A fresh id with this prefix ("d", "x", "pc"), never handed out before. */
  nextId(prefix: string): string;
  /** Keys of messages already handed to the messenger. */
  sentKeys(): ReadonlySet<string>;
  markSent(keys: readonly string[]): void;
}

/** Date polls (issue #16), with what was sent about them once. */
export interface PollsRepository {
  get(id: string): Poll | undefined;
  all(): readonly Poll[];
  /** Adds or replaces the poll with this id. */
  put(poll: Poll): void;
  /** Keys of things sent once (reminders by person and day, leadership's notices). */
  wasSent(key: string): boolean;
  sentKeys(prefix: string): ReadonlySet<string>;
  markSent(key: string): void;
}

/**
 * Meetings, with the messages a change to one owes its people: queued in the same commit as the change (the store's
 * pending meeting messages) and delivered by the meetings feature afterwards, so a crash between the change and the
 * send loses nothing and nothing goes out twice.
 */
export interface MeetingsRepository {
  get(id: string): Meeting | undefined;
  all(): readonly Meeting[];
  /** Adds or replaces the meeting with this id. */
  put(meeting: Meeting): void;
  /**
   * `eventId` names the change that causes the notices (message keys). An invitation, move, change or cancellation is
   * keyed by the meeting's SEQUENCE, unless `byEvent` (people added or removed without a change to the event).
   */
  queueNotices(input: { meeting: Meeting; notify: readonly MeetingNotice[]; eventId: string; now: Date; byEvent?: boolean }): void;
  /** For the organiser after an answer or a change of invitees: the substitutes it called in and the seats left empty. */
  queueOrganiserNote(input: { meeting: Meeting; notify: readonly MeetingNotice[]; uncovered: readonly UncoveredSeat[]; eventId: string; now: Date }): void;
  /** After a change or cancellation: every earlier card of the meeting in the chats is brought up to date. */
  queueCardUpdates(input: { meeting: Meeting; now: Date }): void;
}

/** Per meeting: its Outlook event's sync state and retry schedule (issue #16). */
export interface CalendarEntryRecord {
  meetingId: string;
  state: CalendarSyncState | null;
  attempt: number;
  nextAttemptAt?: string;
  lastFailure?: string;
  stuck?: boolean;
  readAt?: string;
}
export interface CalendarRepository {
  get(meetingId: string): CalendarEntryRecord | undefined;
  all(): readonly CalendarEntryRecord[];
  put(entry: CalendarEntryRecord): void;
}

/** The roster's own records (issue #15): what was sent once about terms of office. */
export interface RosterRepository {
  wasSent(key: string): boolean;
  sentKeys(): ReadonlySet<string>;
  markSent(key: string): void;
}

/** Needs (behov), the rounds they are put into, form submissions stored once, and the messages a change owes. */
export interface NeedsRepository {
  get(number: number): Need | undefined;
  all(): readonly Need[];
  /** Adds or replaces the need with its number. */
  put(need: Need): void;
  rounds(): readonly NeedsRound[];
  addRound(round: NeedsRound): void;
  /** What a form submission (its id) became, remembered for a while so a double click stores one need. */
  submission(id: string): { number: number; round: RoundAssignment } | undefined;
  recordSubmission(id: string, number: number, round: RoundAssignment): void;
  /**
   * The messages a change causes (one per person told), kept in the same commit as the change and delivered by the
   * needs feature afterwards, so a crash between the change and the send loses nothing. Returns how many.
   */
  queueMessages(need: Need, notify: NeedNotification): number;
}

export interface Repositories {
  roster: RosterRepository;
  people: PeopleRepository;
  organisations: OrganisationsRepository;
  audit: AuditRepository;
  privacy: PrivacyRepository;
  records: RecordsRepository;
  polls: PollsRepository;
  meetings: MeetingsRepository;
  calendar: CalendarRepository;
  needs: NeedsRepository;
}
