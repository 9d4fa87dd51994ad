import type { CalendarRepository, MeetingsRepository, PollsRepository } from '../../app/repositories.js';
import type { MeetingNotice } from '../../domain/meetings/meeting.js';
import type { StoreDocument } from '../schema.js';
import type { PendingMeetingMessage } from '../sections/meetings.js';

/** How many sent-once keys are remembered per list; older ones belong to polls long closed. */
const SENT_KEYS_LIMIT = 20_000;

export function pollsRepository(doc: StoreDocument): PollsRepository {
  const s = doc.polls;
  return {
    get: (id) => s.polls.find((p) => p.id === id),
    all: () => s.polls,
    put(poll) {
      const i = s.polls.findIndex((p) => p.id === poll.id);
      if (i >= 0) s.polls[i] = poll;
      else s.polls.push(poll);
    },
    wasSent: (key) => s.sentReminderKeys.includes(key) || s.leadershipKeys.includes(key),
    sentKeys: (prefix) => new Set([...s.sentReminderKeys, ...s.leadershipKeys].filter((k) => k.startsWith(prefix))),
    markSent(key) {
      const list = key.includes(':reminder:') ? s.sentReminderKeys : s.leadershipKeys;
      if (list.includes(key)) return;
      list.push(key);
      if (list.length > SENT_KEYS_LIMIT) list.splice(0, list.length - SENT_KEYS_LIMIT);
    },
  };
}

// The same keys as the meetings feature's noticeEntries (src/bot/meetings/delivery.ts): an invitation, move, change
// or cancellation by the meeting's SEQUENCE, anything else by the event that caused it.
const SEQUENCED: ReadonlySet<MeetingNotice['kind']> = new Set(['invited', 'rescheduled', 'updated', 'cancelled']);

export function meetingsRepository(doc: StoreDocument): MeetingsRepository {
  const m = doc.meetings;
  return {
    get: (id) => m.meetings.find((x) => x.id === id),
    all: () => m.meetings,
    put(meeting) {
      const i = m.meetings.findIndex((x) => x.id === meeting.id);
      if (i >= 0) m.meetings[i] = meeting;
      else m.meetings.push(meeting);
    },
    queueNotices({ meeting, notify, eventId, now }) {
      const known = new Set(m.pending.map((p) => p.key));
      for (const notice of notify) {
        const key = SEQUENCED.has(notice.kind) ? `invite:${meeting.id}:${meeting.sequence}:${notice.personId}` : `meeting:${meeting.id}:${eventId}:${notice.kind}:${notice.personId}`;
        if (known.has(key)) continue;
        known.add(key);
        const entry: PendingMeetingMessage = { key, meetingId: meeting.id, personId: notice.personId, what: { kind: 'notice', notice }, createdAt: now.toISOString() };
        m.pending.push(entry);
      }
    },
  };
}

export function calendarRepository(doc: StoreDocument): CalendarRepository {
  const c = doc.calendar;
  return {
    get: (meetingId) => c.events.find((e) => e.meetingId === meetingId),
    all: () => c.events,
    put(entry) {
      const i = c.events.findIndex((e) => e.meetingId === entry.meetingId);
      if (i >= 0) c.events[i] = entry;
      else c.events.push(entry);
    },
  };
}
