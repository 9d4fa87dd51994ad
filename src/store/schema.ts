import { z } from 'zod';
import { organisationSchema } from '../domain/organisations.js';
import { personSchema } from '../domain/people.js';
import { needsSectionSchema } from './sections/needs.js';
import { meetingsSectionSchema } from './sections/meetings.js';
import { outboxSectionSchema } from './sections/outbox.js';

/** Bump with every change of the document's shape, and add a migration from the previous version (migrations.ts). */
export const SCHEMA_VERSION = 1;

/** What the bot needs to message a person proactively: botbuilder's ConversationReference, as stored JSON. */
export const conversationRefSchema = z
  .object({
    serviceUrl: z.string().url(),
    channelId: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    bot: z.object({ id: z.string() }).passthrough(),
    user: z.object({ id: z.string() }).passthrough().optional(),
    locale: z.string().optional(),
    tenantId: z.string().optional(),
    updatedAt: z.string(),
  })
  .passthrough();
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
    /** Keys for signing download links; generated on first start, never leaves the store. */
    secrets: z.object({ linkKey: z.string().min(32) }).strict(),
    backups: z.object({ lastSnapshotDate: z.string().nullable() }).strict(),
    needs: needsSectionSchema,
    meetings: meetingsSectionSchema,
    outbox: outboxSectionSchema,
  })
  .strict();
export type StoreDocument = z.infer<typeof documentSchema>;

/** How many processed activity ids are remembered; Teams redelivers within minutes, not thousands of turns later. */
export const PROCESSED_ACTIVITY_LIMIT = 5_000;
