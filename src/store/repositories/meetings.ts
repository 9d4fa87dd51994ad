import type { MeetingsRepository } from '../../app/repositories.js';
import type { MeetingNotice } from '../../domain/meetings/meeting.js';
import type { StoreDocument } from '../schema.js';
import type { PendingMeetingMessage } from '../sections/meetings.js';

/** The key of a card that carries the meeting's state at one SEQUENCE (the brief's `invite:<id>:<seq>:<person>`). */
export const inviteKey = (meetingId: string, sequence: number, personId: string): string => `invite:${meetingId}:${sequence}:${personId}`;

const SEQUENCED: ReadonlySet<MeetingNotice['kind']> = new Set(['invited', 'rescheduled', 'updated', 'cancelled']);

/**
 * Meetings over the store document, with their pending messages (`doc.meetings.pending`): each is rendered for its
 * recipient and handed to the outbound queue by the meetings feature (src/bot/meetings/delivery.ts `deliverPending`).
 */
export function meetingsRepository(doc: StoreDocument): MeetingsRepository {
  const m = doc.meetings;
  const push = (entries: readonly PendingMeetingMessage[]) => {
    const known = new Set(m.pending.map((p) => p.key));
    for (const entry of entries) {
      if (known.has(entry.key)) continue;
      known.add(entry.key);
      m.pending.push(entry);
    }
  };
  return {
    get: (id) => m.meetings.find((x) => x.id === id),
    all: () => m.meetings,
    put(meeting) {
      const i = m.meetings.findIndex((x) => x.id === meeting.id);
      if (i >= 0) m.meetings[i] = meeting;
      else m.meetings.push(meeting);
    },
    queueNotices({ meeting, notify, eventId, now, byEvent = false }) {
      push(
        notify.map((notice) => ({
          key: !byEvent && SEQUENCED.has(notice.kind) ? inviteKey(meeting.id, meeting.sequence, notice.personId) : `meeting:${meeting.id}:${eventId}:${notice.kind}:${notice.personId}`,
          meetingId: meeting.id,
          personId: notice.personId,
          what: { kind: 'notice', notice },
          createdAt: now.toISOString(),
        })),
      );
    },
    queueOrganiserNote({ meeting, notify, uncovered, eventId, now }) {
      const called = notify.filter((n) => n.kind === 'substituteInvited' || n.kind === 'substituteReassigned');
      if (called.length === 0 && uncovered.length === 0) return;
      push([{ key: `organiser:${meeting.id}:${eventId}`, meetingId: meeting.id, personId: meeting.organiserId, what: { kind: 'organiser', notify: called, uncovered: [...uncovered] }, createdAt: now.toISOString() }]);
    },
    queueCardUpdates({ meeting, now }) {
      const people = [...new Set(m.cards.filter((c) => c.meetingId === meeting.id && c.sequence < meeting.sequence).map((c) => c.personId))];
      push(people.map((personId) => ({ key: `replace:${meeting.id}:${meeting.sequence}:${personId}`, meetingId: meeting.id, personId, what: { kind: 'replace', sequence: meeting.sequence }, createdAt: now.toISOString() })));
    },
  };
}
