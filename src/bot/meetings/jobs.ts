import { DEFAULT_CADENCE_REMINDER_CONFIG, dueCadenceReminders, type CadenceReminderConfig } from '../../domain/meetings/cadence.js';
import { DEFAULT_REMINDER_CONFIG, dueReminders, type ReminderConfig } from '../../domain/meetings/reminders.js';
import { stockholmYear } from '../../domain/time.js';
import { catalogueFor } from '../../i18n/catalogue.js';
import type { SentMeetingCard } from '../../store/sections/meetings.js';
import type { Services } from '../feature.js';
import type { OutgoingMessage } from '../../outbound/messenger.js';
import { deliverPending, invitationCardFor, localeOfPerson, noticeUndelivered } from './delivery.js';
import { cadenceReminderText, reminderText } from './messages.js';

export interface MeetingJobOptions {
  reminders?: ReminderConfig;
  cadence?: CadenceReminderConfig;
}

/** Cards and reminder keys of meetings that ended this long ago are dropped: nothing can happen to them any more. */
const KEEP_AFTER_END_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Invitees' reminders (not answered before the deadline; Ja/Kanske before the meeting), each with the person's own
 * card. A key is recorded once the messenger has queued it (its queue is durable and idempotent by key), so a
 * restart neither loses a reminder nor sends one twice. People out of reach stay due until they can be reached.
 */
export async function sendReminders(services: Services, config: ReminderConfig = DEFAULT_REMINDER_CONFIG): Promise<number> {
  const { store, messenger } = services;
  const now = services.now();
  const doc = store.doc;
  const due = dueReminders({ meetings: doc.meetings.meetings, now, sentKeys: new Set(doc.meetings.sentReminderKeys), config });
  if (due.length === 0) return 0;
  const byId = new Map(doc.meetings.meetings.map((m) => [m.id, m]));
  const messages: OutgoingMessage[] = [];
  const cards: SentMeetingCard[] = [];
  for (const reminder of due) {
    const meeting = byId.get(reminder.meetingId);
    if (!meeting) continue;
    const t = catalogueFor(localeOfPerson(doc, reminder.personId));
    const key = `reminder:${reminder.key}`;
    const notice = reminderText({ t, reminder, meeting });
    messages.push({ key, personId: reminder.personId, message: invitationCardFor({ services, meeting, personId: reminder.personId, now, t, notice }) });
    cards.push({ key, meetingId: meeting.id, personId: reminder.personId, sequence: meeting.sequence, at: now.toISOString() });
  }
  const queued = new Set((await messenger.send(messages)).queued);
  const sent = due.filter((r) => queued.has(`reminder:${r.key}`));
  if (sent.length > 0) {
    await store.update((d) => {
      const known = new Set(d.meetings.sentReminderKeys);
      for (const r of sent) if (!known.has(r.key)) d.meetings.sentReminderKeys.push(r.key);
      const knownCards = new Set(d.meetings.cards.map((c) => c.key));
      for (const c of cards) if (queued.has(c.key) && !knownCards.has(c.key)) d.meetings.cards.push(c);
    });
  }
  return sent.length;
}

/** Leadership is reminded of the agreement's meetings not yet scheduled this year (see cadence.ts). */
export async function sendCadenceReminders(services: Services, config: CadenceReminderConfig = DEFAULT_CADENCE_REMINDER_CONFIG): Promise<number> {
  const { store, messenger } = services;
  const now = services.now();
  const doc = store.doc;
  const due = dueCadenceReminders({ meetings: doc.meetings.meetings, people: doc.people, now, sentKeys: new Set(doc.meetings.sentCadenceKeys), config });
  if (due.length === 0) return 0;
  const messages = due.map((reminder) => ({ key: reminder.key, personId: reminder.personId, message: cadenceReminderText({ t: catalogueFor(localeOfPerson(doc, reminder.personId)), reminder }) }));
  const queued = new Set((await messenger.send(messages)).queued);
  const sent = due.filter((r) => queued.has(r.key));
  if (sent.length > 0) {
    await store.update((d) => {
      const known = new Set(d.meetings.sentCadenceKeys);
      for (const r of sent) if (!known.has(r.key)) d.meetings.sentCadenceKeys.push(r.key);
    });
  }
  return sent.length;
}

/**
 * Forgets what no longer matters: messages still waiting for someone who never came back once their meeting is over,
 * cards and reminder keys of meetings long over, cadence keys of earlier years.
 */
async function prune(services: Services): Promise<void> {
  const { store } = services;
  const now = services.now();
  const m = store.doc.meetings;
  const over = new Set(m.meetings.filter((x) => Date.parse(x.end) + KEEP_AFTER_END_MS < now.getTime()).map((x) => x.id));
  const ended = new Set(m.meetings.filter((x) => Date.parse(x.end) <= now.getTime()).map((x) => x.id));
  const stale = (p: { meetingId: string }) => ended.has(p.meetingId) || !m.meetings.some((x) => x.id === p.meetingId);
  const year = stockholmYear(now);
  const oldCadence = (k: string) => Number(k.split(':')[1]) < year;
  const isOver = (meetingId: string) => over.has(meetingId);
  const reminderMeeting = (k: string) => k.split(':')[0] ?? '';
  if (!m.pending.some(stale) && !m.cards.some((c) => isOver(c.meetingId)) && !m.sentReminderKeys.some((k) => isOver(reminderMeeting(k))) && !m.sentCadenceKeys.some(oldCadence)) return;
  await store.update((d) => {
    d.meetings.pending = d.meetings.pending.filter((p) => !stale(p));
    d.meetings.cards = d.meetings.cards.filter((c) => !isOver(c.meetingId));
    d.meetings.sentReminderKeys = d.meetings.sentReminderKeys.filter((k) => !isOver(reminderMeeting(k)));
    d.meetings.sentCadenceKeys = d.meetings.sentCadenceKeys.filter((k) => !oldCadence(k));
  });
}

/**
 * The meetings feature's minute job: notice invitations that could not be delivered, queue what is pending (those
 * notices, and anything a crash left behind), send due reminders, and tidy up.
 */
export async function runMeetingJob(services: Services, options: MeetingJobOptions = {}): Promise<void> {
  await noticeUndelivered(services);
  await deliverPending(services);
  await sendReminders(services, options.reminders);
  await sendCadenceReminders(services, options.cadence);
  await prune(services);
}
