import type { CalendarRepository, PollsRepository } from '../../app/repositories.js';
import type { StoreDocument } from '../schema.js';

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
