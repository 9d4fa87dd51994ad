import type { CalendarSyncState } from '../calendar/calendar-sync.js';
import type { AuditEntry } from '../domain/audit.js';
import type { Meeting, MeetingNotice } from '../domain/meetings/meeting.js';
import type { Poll } from '../domain/polls/poll.js';
import type { Organisation } from '../domain/organisations.js';
import type { Person } from '../domain/people.js';
import type { ErasureCounts, ErasureSubject } from '../domain/privacy/erasure.js';
import type { StoredRecords } from '../domain/privacy/export.js';
import type { RetentionCounts, RetentionPolicy } from '../domain/privacy/retention.js';
import type { Need } from '../domain/needs/need.js';
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
 * Meetings, as far as the poll and calendar use cases need them: read, store, and queue a domain notice to an invitee
 * through the meetings' pending messages (delivered by the meetings feature, exactly as for a meeting booked by hand).
 */
export interface MeetingsRepository {
  get(id: string): Meeting | undefined;
  all(): readonly Meeting[];
  /** Adds or replaces the meeting with this id. */
  put(meeting: Meeting): void;
  /** `eventId` names the change that causes the notices (message keys); an invitation is keyed by sequence. */
  queueNotices(input: { meeting: Meeting; notify: readonly MeetingNotice[]; eventId: string; now: Date }): void;
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
}
