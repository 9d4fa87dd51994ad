import type { CalendarSyncState } from '../calendar/calendar-sync.js';
import type { AuditEntry } from '../domain/audit.js';
import type { Meeting, MeetingNotice } from '../domain/meetings/meeting.js';
import type { Poll } from '../domain/polls/poll.js';
import type { Organisation } from '../domain/organisations.js';
import type { Person } from '../domain/people.js';
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

export interface Repositories {
  people: PeopleRepository;
  organisations: OrganisationsRepository;
  audit: AuditRepository;
  polls: PollsRepository;
  meetings: MeetingsRepository;
  calendar: CalendarRepository;
}
