import { z } from 'zod';
import { organisationSchema } from '../domain/organisations.js';
import { personSchema } from '../domain/people.js';
import { needsSectionSchema } from './sections/needs.js';
import { meetingsSectionSchema } from './sections/meetings.js';
import { outboxSectionSchema } from './sections/outbox.js';
import { auditSectionSchema } from './sections/audit.js';
import { linksSectionSchema } from './sections/links.js';
import { privacySectionSchema } from './sections/privacy.js';
import { recordsSectionSchema } from './sections/records.js';
import { pollsSectionSchema } from './sections/polls.js';
import { calendarSectionSchema } from './sections/calendar.js';
import { rosterSectionSchema } from './sections/roster.js';

/** Bump with every change of the document's shape, and add a migration from the previous version (migrations.ts). */
export const SCHEMA_VERSION = 2;

/** Names from Teams are kept for nothing but display; 200 characters is more than any real one. */
export const STORED_NAME_MAX = 200;

const account = z
  .object({ id: z.string().min(1).max(256), name: z.string().max(STORED_NAME_MAX).optional(), aadObjectId: z.string().max(64).optional() })
  .strip();

/**
 * What the bot needs to message a person proactively, and nothing else: the parsed fields of botbuilder's
 * ConversationReference. Unknown keys are dropped (`strip`), so whatever else an activity carried is never stored.
 */
export const conversationRefSchema = z
  .object({
    serviceUrl: z.string().url().max(2_048),
    channelId: z.string().min(1).max(64),
    conversation: z
      .object({ id: z.string().min(1).max(1_024), conversationType: z.string().max(32).optional(), tenantId: z.string().max(64).optional() })
      .strip(),
    bot: account,
    user: account.optional(),
    locale: z.string().max(32).optional(),
    tenantId: z.string().max(64).optional(),
    updatedAt: z.string().max(40),
  })
  .strip();
export type StoredConversationRef = z.infer<typeof conversationRefSchema>;

export const documentSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    createdAt: z.string(),
    organisations: z.array(organisationSchema),
    people: z.array(personSchema),
    /** Keyed by the person's aadObjectId (lower case). */
    conversationRefs: z.record(z.string(), conversationRefSchema),
    /** Ids of activities whose effects are recorded, newest last (bounded): a redelivered activity records nothing. */
    processedActivities: z.array(z.string()),
    /** Choices a person made in chat, keyed by aadObjectId: the language they want, whatever their Teams locale. */
    preferences: z.record(z.string(), z.object({ language: z.enum(['sv', 'en']).optional() }).strict()).default({}),
    /** Ids of download links already used (single use), until they would have expired. */
    links: linksSectionSchema,
    /** Append-only record of leadership actions (src/domain/audit.ts). */
    audit: auditSectionSchema,
    backups: z.object({ lastSnapshotDate: z.string().nullable() }).strict(),
    needs: needsSectionSchema,
    meetings: meetingsSectionSchema,
    outbox: outboxSectionSchema,
    /** Pseudonyms of erased people and the retention job's last run (src/domain/privacy). */
    privacy: privacySectionSchema,
    /** Meeting records (#17): agenda and papers, notice, attendance, decisions, actions, minutes, per capsulam. */
    records: recordsSectionSchema,
    /** Date polls (issue #16). */
    polls: pollsSectionSchema,
    /** Outlook events of meetings, with Graph credentials (issue #16). */
    calendar: calendarSectionSchema,
    /** The roster's own records (issue #15): term-end reminders sent. */
    roster: rosterSectionSchema,
  })
  .strict();
export type StoreDocument = z.infer<typeof documentSchema>;

/** How many processed activity ids are remembered; Teams redelivers within minutes, not thousands of turns later. */
export const PROCESSED_ACTIVITY_LIMIT = 5_000;
