/**
 * Every record kind the store keeps, with the privacy decision taken for it: whether it holds personal data, what
 * for, how long it is kept, what "my data" shows of it and what erasure does to it. One list: a test walks the store
 * document's schema and fails for any array or record section that has no entry here, so a new section cannot ship
 * without a decision (src/store/privacy-inventory.test.ts).
 *
 * `section` is the section's path in the store document (dots between levels); the domain does not import the store,
 * so the paths are data here and the test ties them to the schema.
 */

/** How long a record is kept (src/domain/privacy/retention.ts has the windows; README › Personal data the table). */
export type RetentionRule =
  /** Kept while the person is in the roster; erasure or leaving removes it. */
  | 'whileInRoster'
  /** Cleared a configurable number of days after its event (retention.ts `RetentionKind`). */
  | { window: RetentionKind }
  /** Kept as a public record of the collaboration (meetings, needs, decisions); personal parts per the other rules. */
  | 'publicRecord'
  /** Kept for accountability (the audit record): erasure pseudonymises the person in it. */
  | 'accountability'
  /** Short-lived technical state: bounded in size, or pruned by its feature once its meeting or message is done. */
  | 'technical';

/** What erasure (Art. 17) does to the records of the person erased. */
export type ErasureRule =
  /** The person's records are deleted. */
  | 'delete'
  /** The record stays (it is the organisation's); the person's id becomes a pseudonym, their name, e-mail and comments go. */
  | 'pseudonymise'
  /** Nothing about a person in it. */
  | 'none';

export const retentionKinds = ['rsvpComments', 'deliveryLog', 'closedNeedContacts', 'formerMembers'] as const;
export type RetentionKind = (typeof retentionKinds)[number];

export interface RecordKind {
  section: string;
  /** Personal data in it: what (for the privacy notice and README), or null for none. */
  personalData: readonly PersonalField[] | null;
  purpose: Purpose;
  retention: RetentionRule;
  erasure: ErasureRule;
  /** The part of the "my data" export that shows this person's records of this kind; null when it holds nothing of them. */
  export: ExportSection | null;
}

export type PersonalField = 'aadObjectId' | 'name' | 'email' | 'title' | 'roles' | 'comment' | 'freeText' | 'conversation' | 'language' | 'answer';
export type Purpose = 'roster' | 'contact' | 'needs' | 'meetings' | 'delivery' | 'accountability' | 'technical' | 'erasure';

export const exportSections = [
  'roster',
  'needsSubmitted',
  'needsSupported',
  'needsHandled',
  'needsRoundsOpened',
  'pendingNeedMessages',
  'meetingsInvited',
  'meetingsOrganised',
  'remindersSent',
  'pendingMeetingMessages',
  'meetingCards',
  'auditAsActor',
  'auditAsSubject',
  'conversationReference',
  'preferences',
  'outbox',
  'pollAnswers',
  'meetingRecords',
  'actions',
  'calendarEvents',
] as const;
export type ExportSection = (typeof exportSections)[number];

export const privacyInventory: readonly RecordKind[] = [
  { section: 'organisations', personalData: null, purpose: 'roster', retention: 'publicRecord', erasure: 'none', export: null },
  { section: 'people', personalData: ['aadObjectId', 'name', 'email', 'title', 'roles'], purpose: 'roster', retention: 'whileInRoster', erasure: 'delete', export: 'roster' },
  { section: 'conversationRefs', personalData: ['aadObjectId', 'name', 'conversation'], purpose: 'contact', retention: { window: 'formerMembers' }, erasure: 'delete', export: 'conversationReference' },
  { section: 'processedActivities', personalData: null, purpose: 'technical', retention: 'technical', erasure: 'none', export: null },
  { section: 'preferences', personalData: ['aadObjectId', 'language'], purpose: 'contact', retention: { window: 'formerMembers' }, erasure: 'delete', export: 'preferences' },
  { section: 'links.used', personalData: null, purpose: 'technical', retention: 'technical', erasure: 'none', export: null },
  { section: 'audit.entries', personalData: ['aadObjectId', 'freeText'], purpose: 'accountability', retention: 'accountability', erasure: 'pseudonymise', export: 'auditAsActor' },
  { section: 'needs.needs', personalData: ['aadObjectId', 'name', 'email', 'freeText'], purpose: 'needs', retention: { window: 'closedNeedContacts' }, erasure: 'pseudonymise', export: 'needsSubmitted' },
  { section: 'needs.rounds', personalData: ['aadObjectId'], purpose: 'needs', retention: 'publicRecord', erasure: 'pseudonymise', export: 'needsRoundsOpened' },
  { section: 'needs.submissions', personalData: null, purpose: 'technical', retention: 'technical', erasure: 'none', export: null },
  { section: 'needs.pending', personalData: ['aadObjectId'], purpose: 'delivery', retention: 'technical', erasure: 'delete', export: 'pendingNeedMessages' },
  { section: 'meetings.meetings', personalData: ['aadObjectId', 'answer', 'comment'], purpose: 'meetings', retention: { window: 'rsvpComments' }, erasure: 'pseudonymise', export: 'meetingsInvited' },
  { section: 'meetings.sentReminderKeys', personalData: ['aadObjectId'], purpose: 'delivery', retention: 'technical', erasure: 'pseudonymise', export: 'remindersSent' },
  { section: 'meetings.sentCadenceKeys', personalData: ['aadObjectId'], purpose: 'delivery', retention: 'technical', erasure: 'pseudonymise', export: 'remindersSent' },
  { section: 'meetings.pending', personalData: ['aadObjectId'], purpose: 'delivery', retention: 'technical', erasure: 'delete', export: 'pendingMeetingMessages' },
  { section: 'meetings.cards', personalData: ['aadObjectId'], purpose: 'delivery', retention: 'technical', erasure: 'delete', export: 'meetingCards' },
  { section: 'outbox.entries', personalData: ['aadObjectId', 'name', 'conversation', 'freeText'], purpose: 'delivery', retention: { window: 'deliveryLog' }, erasure: 'delete', export: 'outbox' },
  { section: 'records.records', personalData: ['aadObjectId', 'name'], purpose: 'meetings', retention: 'publicRecord', erasure: 'pseudonymise', export: 'meetingRecords' },
  { section: 'records.decisions', personalData: ['aadObjectId'], purpose: 'meetings', retention: 'publicRecord', erasure: 'pseudonymise', export: 'meetingRecords' },
  { section: 'records.perCapsulam', personalData: ['aadObjectId', 'answer'], purpose: 'meetings', retention: 'publicRecord', erasure: 'pseudonymise', export: 'meetingRecords' },
  { section: 'records.actions', personalData: ['aadObjectId', 'comment'], purpose: 'meetings', retention: 'publicRecord', erasure: 'pseudonymise', export: 'actions' },
  { section: 'records.sentKeys', personalData: ['aadObjectId'], purpose: 'delivery', retention: 'technical', erasure: 'pseudonymise', export: 'remindersSent' },
  { section: 'polls.polls', personalData: ['aadObjectId', 'answer', 'comment'], purpose: 'meetings', retention: { window: 'rsvpComments' }, erasure: 'pseudonymise', export: 'pollAnswers' },
  { section: 'polls.sentReminderKeys', personalData: ['aadObjectId'], purpose: 'delivery', retention: 'technical', erasure: 'pseudonymise', export: 'remindersSent' },
  { section: 'polls.leadershipKeys', personalData: ['aadObjectId'], purpose: 'delivery', retention: 'technical', erasure: 'pseudonymise', export: 'remindersSent' },
  { section: 'calendar.events', personalData: ['email'], purpose: 'meetings', retention: 'technical', erasure: 'pseudonymise', export: 'calendarEvents' },
  { section: 'roster.sentKeys', personalData: ['aadObjectId'], purpose: 'delivery', retention: 'technical', erasure: 'pseudonymise', export: 'remindersSent' },
  { section: 'privacy.erased', personalData: null, purpose: 'erasure', retention: 'accountability', erasure: 'none', export: null },
];

/** The export sections a person who has every kind of record gets filled (a section can be fed by several kinds). */
export const exportedSections = (): readonly ExportSection[] => [...new Set(privacyInventory.flatMap((k) => (k.export ? [k.export] : [])))];
