import type { ErasedPersonRecord, PrivacyRepository } from '../../app/repositories.js';
import { eraseInMeeting, eraseInNeed, eraseInRound, scrubDeep, type ErasureCounts } from '../../domain/privacy/erasure.js';
import { mentions } from '../../domain/privacy/export.js';
import {
  deliveryEntryExpired,
  formerMemberExpired,
  noRetentionCounts,
  retainMeetingComments,
  retainNeedContact,
  retainPollComments,
} from '../../domain/privacy/retention.js';
import { stockholmDate } from '../../domain/time.js';
import type { StoreDocument } from '../schema.js';

/** The sections erasure scrubs last, key by key: every section of the document but the pseudonym list itself. */
const scrubbedSections = (doc: StoreDocument) => (Object.keys(doc) as Array<keyof StoreDocument>).filter((k) => k !== 'privacy' && k !== 'schemaVersion' && k !== 'createdAt');

/** Personal data across the whole file document (src/domain/privacy): export, erasure, retention. */
export function privacyRepository(doc: StoreDocument): PrivacyRepository {
  return {
    records: () => ({
      people: doc.people,
      needs: doc.needs.needs,
      rounds: doc.needs.rounds,
      pendingNeedMessages: doc.needs.pending,
      meetings: doc.meetings.meetings,
      reminderKeys: doc.meetings.sentReminderKeys,
      cadenceKeys: doc.meetings.sentCadenceKeys,
      termReminderKeys: doc.roster.sentKeys,
      pendingMeetingMessages: doc.meetings.pending,
      meetingCards: doc.meetings.cards,
      audit: doc.audit.entries,
      conversationRefs: doc.conversationRefs,
      preferences: doc.preferences,
      outbox: doc.outbox.entries,
      polls: doc.polls.polls,
      meetingRecords: [...doc.records.records, ...doc.records.decisions, ...doc.records.perCapsulam],
      actions: doc.records.actions,
      otherKeys: [...doc.records.sentKeys, ...doc.polls.sentReminderKeys, ...doc.polls.leadershipKeys],
      calendarEvents: doc.calendar.events,
    }),

    erase(subject, erased, attribution, now) {
      const id = subject.personId;
      const counts: ErasureCounts = { roster: 0, conversationReference: 0, preferences: 0, needs: 0, meetings: 0, pendingMessages: 0, outbox: 0, scrubbedStrings: 0 };
      const at = doc.people.findIndex((p) => p.aadObjectId === id);
      if (at >= 0) {
        doc.people.splice(at, 1);
        counts.roster = 1;
      }
      const conversationId = doc.conversationRefs[id]?.conversation.id;
      if (doc.conversationRefs[id]) {
        delete doc.conversationRefs[id];
        counts.conversationReference = 1;
      }
      if (doc.preferences[id]) {
        delete doc.preferences[id];
        counts.preferences = 1;
      }
      doc.needs.needs.forEach((need, i) => {
        const out = eraseInNeed({ need, subject, attribution: attribution(need.organisationId) });
        if (out.changed) {
          doc.needs.needs[i] = out.need;
          counts.needs++;
        }
      });
      doc.needs.rounds.forEach((round, i) => {
        if (round.openedBy === id) doc.needs.rounds[i] = eraseInRound(round, subject);
      });
      doc.meetings.meetings.forEach((meeting, i) => {
        const out = eraseInMeeting({ meeting, subject, now });
        if (out.changed) {
          doc.meetings.meetings[i] = out.meeting;
          counts.meetings++;
        }
      });
      // Messages to them that were not sent yet are dropped; those to others that name them are scrubbed below.
      const needsPending = doc.needs.pending.filter((p) => p.personId !== id);
      const meetingsPending = doc.meetings.pending.filter((p) => p.personId !== id);
      counts.pendingMessages = doc.needs.pending.length - needsPending.length + (doc.meetings.pending.length - meetingsPending.length);
      if (needsPending.length !== doc.needs.pending.length) doc.needs.pending = needsPending;
      if (meetingsPending.length !== doc.meetings.pending.length) doc.meetings.pending = meetingsPending;
      const cards = doc.meetings.cards.filter((c) => c.personId !== id);
      if (cards.length !== doc.meetings.cards.length) doc.meetings.cards = cards;
      const toThem = (e: StoreDocument['outbox']['entries'][number]) =>
        (conversationId !== undefined && e.conversationKey === conversationId) || e.conversationKey === `new:${id}` || mentions(e.key, id) || (e.payload !== null && typeof e.payload === 'object' && (e.payload as { personId?: unknown }).personId === id);
      const outbox = doc.outbox.entries.filter((e) => !toThem(e));
      counts.outbox = doc.outbox.entries.length - outbox.length;
      if (counts.outbox > 0) doc.outbox.entries = outbox;
      for (const key of scrubbedSections(doc)) {
        const out = scrubDeep(doc[key], subject);
        if (out.changed > 0) {
          (doc as Record<string, unknown>)[key] = out.value;
          counts.scrubbedStrings += out.changed;
        }
      }
      doc.privacy.erased.push({ ...erased, roles: [...erased.roles] } as StoreDocument['privacy']['erased'][number]);
      return counts;
    },

    applyRetention(policy, now, attribution) {
      const counts = noRetentionCounts();
      doc.meetings.meetings.forEach((meeting, i) => {
        const out = retainMeetingComments({ meeting, policy, now });
        if (out.cleared > 0) {
          doc.meetings.meetings[i] = out.meeting;
          counts.rsvpComments += out.cleared;
        }
      });
      doc.polls.polls.forEach((poll, i) => {
        const out = retainPollComments({ poll, policy, now });
        if (out.cleared > 0) {
          doc.polls.polls[i] = out.poll;
          counts.rsvpComments += out.cleared;
        }
      });
      doc.needs.needs.forEach((need, i) => {
        const out = retainNeedContact({ need, policy, now, attribution: attribution(need.organisationId) });
        if (out.cleared) {
          doc.needs.needs[i] = out.need;
          counts.closedNeedContacts++;
        }
      });
      const kept = doc.outbox.entries.filter((entry) => !deliveryEntryExpired({ entry, policy, now }));
      counts.deliveryLog = doc.outbox.entries.length - kept.length;
      if (counts.deliveryLog > 0) doc.outbox.entries = kept;
      const inRoster = new Set(doc.people.map((p) => p.aadObjectId));
      for (const [id, ref] of Object.entries(doc.conversationRefs)) {
        if (formerMemberExpired({ inRoster: inRoster.has(id), lastSeen: new Date(ref.updatedAt), policy, now })) {
          delete doc.conversationRefs[id];
          if (doc.preferences[id]) delete doc.preferences[id];
          counts.formerMembers++;
        }
      }
      for (const id of Object.keys(doc.preferences)) {
        if (!doc.conversationRefs[id] && formerMemberExpired({ inRoster: inRoster.has(id), lastSeen: null, policy, now })) {
          delete doc.preferences[id];
          counts.formerMembers++;
        }
      }
      const today = stockholmDate(now);
      if (doc.privacy.lastRetentionDate !== today) doc.privacy.lastRetentionDate = today;
      return counts;
    },

    lastRetentionDate: () => doc.privacy.lastRetentionDate,
    erased: (): readonly ErasedPersonRecord[] => doc.privacy.erased,
  };
}
