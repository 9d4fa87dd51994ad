import { randomUUID } from 'node:crypto';
import { meetingInvitationCard } from '../../cards/meeting-invitation-card.js';
import { plain, type AdaptiveCard, type FileLink } from '../../cards/adaptive-card.js';
import { fileLink } from '../files.js';
import { findInvitee, type Meeting, type MeetingNotice } from '../../domain/meetings/meeting.js';
import type { Person } from '../../domain/people.js';
import { catalogueFor, localeFrom, type Catalogue, type Locale } from '../../i18n/catalogue.js';
import type { StoreDocument } from '../../store/schema.js';
import type { PendingMeetingMessage, SentMeetingCard } from '../../store/sections/meetings.js';
import type { Services } from '../feature.js';
import type { OutgoingMessage } from '../../outbound/messenger.js';
import { noticeMessage, organiserSubstitutionTexts } from './messages.js';
import { invitationCardModel } from './views.js';

/*
 * Proactive meeting messages. A change to a meeting and the messages it causes are written in one store update (as
 * `pending` entries); `deliverPending` then renders each for its recipient (their language, their own view, their
 * own calendar link) and hands it to the messenger's durable, paced queue, whose keys make a repeat harmless. So a
 * crash between the change and the send loses nothing, and nothing goes out twice.
 */

/** Download kind of a meeting's calendar file. */
export const ICS_KIND = 'meeting-ics';

/**
 * The right-hand side of every calendar UID. Fixed, not taken from the public URL: calendars match updates and
 * cancellations to an entry by UID, so it must outlive a move of the bot to another host. Uniqueness comes from the
 * meeting id (a random UUID); `.invalid` is reserved (RFC 2606), so we never claim a domain someone else owns.
 */
export const UID_DOMAIN = 'stark-bot.invalid';

/** The language a person reads proactive messages in: their choice in chat, else their Teams locale, else Swedish. */
export function localeOfPerson(doc: Readonly<StoreDocument>, personId: string): Locale {
  return doc.preferences[personId]?.language ?? localeFrom(doc.conversationRefs[personId]?.locale);
}

/**
 * Whether a person's invitation offers the meeting's .ics. Without Graph always. With Graph the person is an attendee
 * of the Outlook event (Exchange sends them the invitation), so a file would only make a second, unrelated calendar
 * entry — unless the roster has no e-mail address for them (they are not an attendee), or the event is stuck
 * (forbidden, rejected, deleted in Outlook: it needs a person, and until then the file is their calendar entry).
 */
export function offersCalendarFile(services: Pick<Services, 'config' | 'store'>, { meeting, personId }: { meeting: Meeting; personId: string }): boolean {
  if (services.config.calendar.backend !== 'graph') return true;
  const doc = services.store.doc;
  const email = doc.people.find((p) => p.aadObjectId === personId)?.email;
  if (!email) return true;
  return doc.calendar.events.find((e) => e.meetingId === meeting.id)?.stuck === true;
}

/**
 * The meeting's .ics for one person: in Teams a button that sends the file (file consent card), in local mode a
 * signed link that works once within ten minutes (src/bot/files.ts). A card refreshed or shown again gets a new one.
 * None when the person gets the meeting from Outlook (`offersCalendarFile`).
 */
export function icsUrl(services: Pick<Services, 'links' | 'config' | 'store'>, { meeting, personId, now }: { meeting: Meeting; personId: string; now: Date }): FileLink | undefined {
  if (!offersCalendarFile(services, { meeting, personId })) return undefined;
  return fileLink(services, { kind: ICS_KIND, params: { meetingId: meeting.id }, personId, now });
}

/** The invitation card as `personId` sees it, with an optional line saying why it comes now. */
export function invitationCardFor({
  services,
  meeting,
  personId,
  now,
  t,
  notice,
}: {
  services: Pick<Services, 'links' | 'config' | 'store'>;
  meeting: Meeting;
  personId: string;
  now: Date;
  t: Catalogue;
  notice?: string | undefined;
}): AdaptiveCard {
  const model = invitationCardModel({ meeting, viewerId: personId, people: services.store.doc.people, now, t, icsUrl: icsUrl(services, { meeting, personId, now }) });
  // Teams matches refresh `userIds` against user MRIs ("29:…"), not AAD object ids. Without one the list is left
  // out: in a 1:1 chat (under 60 people) Teams refreshes the card for everyone anyway.
  const mri = services.store.doc.conversationRefs[personId]?.user?.id;
  const refreshUserIds = model.refreshUserIds.length > 0 && mri?.startsWith('29:') ? [mri] : [];
  return meetingInvitationCard({ ...model, refreshUserIds, ...(notice ? { notice } : {}) }, t);
}

const nameList = (t: Catalogue, people: readonly Person[], ids: readonly string[]): string => {
  const byId = new Map(people.map((p) => [p.aadObjectId, p.name]));
  return ids.map((id) => plain(byId.get(id) ?? t.meetings.unknownPerson)).join(', ');
};

interface Outgoing {
  message: OutgoingMessage;
  /** The pending entries this message settles. */
  settles: string[];
  card?: SentMeetingCard;
}

/**
 * Renders and queues pending meeting messages: all of them (`includeWaiting` also those for people the bot could
 * not reach before), or one person's (when they talk to the bot). Returns the entries whose person the bot still
 * cannot reach; they stay pending, marked waiting.
 */
export async function deliverPending(services: Services, options: { personId?: string; includeWaiting?: boolean } = {}): Promise<{ unreachable: PendingMeetingMessage[] }> {
  const { store, messenger } = services;
  const doc = store.doc;
  const selected = doc.meetings.pending.filter((p) => (options.personId === undefined || p.personId === options.personId) && (options.includeWaiting || !p.waiting));
  if (selected.length === 0) return { unreachable: [] };
  const now = services.now();
  const people = doc.people;
  const meetingsById = new Map(doc.meetings.meetings.map((m) => [m.id, m]));

  const groups = new Map<string, PendingMeetingMessage[]>();
  for (const p of selected) {
    const id = `${p.meetingId}|${p.personId}`;
    groups.set(id, [...(groups.get(id) ?? []), p]);
  }

  const outgoing: Outgoing[] = [];
  const settled: string[] = [];
  for (const group of groups.values()) {
    const { meetingId, personId } = group[0] as PendingMeetingMessage;
    const meeting = meetingsById.get(meetingId);
    if (!meeting || Date.parse(meeting.end) <= now.getTime()) {
      settled.push(...group.map((p) => p.key));
      continue;
    }
    const t = catalogueFor(localeOfPerson(doc, personId));
    const cardsBefore = doc.meetings.cards.filter((c) => c.meetingId === meetingId && c.personId === personId);
    let hasCard = cardsBefore.length > 0;
    let freshCard = false;
    const card = (key: string, notice?: string): Pick<Outgoing, 'message' | 'card'> => ({
      message: { key, personId, message: invitationCardFor({ services, meeting, personId, now, t, notice }) },
      card: { key, meetingId, personId, sequence: meeting.sequence, at: now.toISOString() },
    });

    for (const entry of group) {
      const what = entry.what;
      switch (what.kind) {
        case 'organiser': {
          const texts = organiserSubstitutionTexts({ t, notify: what.notify as MeetingNotice[], uncovered: what.uncovered, people });
          if (texts.length === 0) settled.push(entry.key);
          else outgoing.push({ message: { key: entry.key, personId, message: texts.map((text) => t.meetings.organiser.regarding({ title: plain(meeting.title), text })).join('\n\n') }, settles: [entry.key] });
          break;
        }
        case 'undelivered':
          outgoing.push({
            message: { key: entry.key, personId, message: t.meetings.organiser.undelivered({ title: plain(meeting.title), names: nameList(t, people, what.personIds) }) },
            settles: [entry.key],
          });
          break;
        case 'replace': {
          const old = cardsBefore.filter((c) => c.sequence < what.sequence);
          // A card still in the queue has no activity id yet: wait for it (the job comes back every minute).
          if (old.some((c) => messenger.stateOf(c.key) === 'pending')) break;
          const replacements = old.flatMap((c) => {
            const activityId = messenger.activityIdOf(c.key);
            return activityId ? [{ key: `${c.key}:r${what.sequence}`, personId, message: invitationCardFor({ services, meeting, personId, now, t }), replaces: activityId }] : [];
          });
          if (replacements.length === 0) settled.push(entry.key);
          replacements.forEach((message, i) => outgoing.push({ message, settles: i === 0 ? [entry.key] : [] }));
          break;
        }
        case 'notice': {
          if (freshCard) {
            // The card just made shows the meeting as it is now; later news in this batch is already in it.
            settled.push(entry.key);
            break;
          }
          if (!hasCard) {
            // The person has no card for this meeting yet (first invitation, or they were out of reach until now):
            // one card with the meeting as it stands, or nothing if they are no longer invited.
            const invitee = findInvitee(meeting, personId);
            if (!invitee || meeting.status === 'cancelled') {
              settled.push(entry.key);
              break;
            }
            const notice: MeetingNotice = invitee.substituteFor ? { kind: 'substituteInvited', personId, replaces: invitee.substituteFor } : { kind: 'invited', personId };
            outgoing.push({ ...card(entry.key, noticeMessage({ t, notice, meeting, people }).text), settles: [entry.key] });
            hasCard = true;
            freshCard = true;
            break;
          }
          const m = noticeMessage({ t, notice: what.notice as MeetingNotice, meeting, people });
          if (m.withCard) outgoing.push({ ...card(entry.key, m.text), settles: [entry.key] });
          else outgoing.push({ message: { key: entry.key, personId, message: m.text }, settles: [entry.key] });
          break;
        }
      }
    }
  }

  const report = outgoing.length > 0 ? await messenger.send(outgoing.map((o) => o.message)) : { queued: [], unreachable: [] };
  const unreachable = new Set(report.unreachable);
  const queued = new Set(report.queued);
  const done = new Set(settled);
  const waiting = new Set<string>();
  const cards: SentMeetingCard[] = [];
  for (const o of outgoing) {
    if (unreachable.has(o.message.personId)) o.settles.forEach((k) => waiting.add(k));
    else if (queued.has(o.message.key)) {
      o.settles.forEach((k) => done.add(k));
      if (o.card) cards.push(o.card);
    }
  }
  if (done.size > 0 || waiting.size > 0 || cards.length > 0) {
    await store.update((d) => {
      d.meetings.pending = d.meetings.pending.filter((p) => !done.has(p.key));
      for (const p of d.meetings.pending) if (waiting.has(p.key)) p.waiting = true;
      const known = new Set(d.meetings.cards.map((c) => c.key));
      for (const c of cards) if (!known.has(c.key)) d.meetings.cards.push(c);
    });
  }
  return { unreachable: selected.filter((p) => waiting.has(p.key)) };
}

/**
 * Invitations the connector refused for good (the person blocked the bot, or Teams would not open a chat with them):
 * the organiser hears whom they did not reach, and the person gets the invitation the next time they talk to the bot.
 */
export async function noticeUndelivered(services: Services): Promise<void> {
  const { store, messenger } = services;
  const failed = store.doc.meetings.cards.filter((c) => messenger.stateOf(c.key) === 'failed');
  if (failed.length === 0) return;
  const now = services.now();
  await store.update((doc) => {
    const failedKeys = new Set(failed.map((c) => c.key));
    doc.meetings.cards = doc.meetings.cards.filter((c) => !failedKeys.has(c.key));
    const byMeeting = new Map<string, string[]>();
    for (const c of failed) {
      const meeting = doc.meetings.meetings.find((m) => m.id === c.meetingId);
      if (!meeting || meeting.status !== 'scheduled' || Date.parse(meeting.end) <= now.getTime() || !findInvitee(meeting, c.personId)) continue;
      // Another card of this meeting reached them after all: nothing to do.
      if (doc.meetings.cards.some((k) => k.meetingId === c.meetingId && k.personId === c.personId)) continue;
      if (doc.meetings.pending.some((p) => p.meetingId === c.meetingId && p.personId === c.personId && p.what.kind === 'notice')) continue;
      doc.meetings.pending.push({
        key: `retry:${c.meetingId}:${c.personId}:${randomUUID()}`,
        meetingId: c.meetingId,
        personId: c.personId,
        what: { kind: 'notice', notice: { kind: 'invited', personId: c.personId } },
        createdAt: now.toISOString(),
        waiting: true,
      });
      byMeeting.set(c.meetingId, [...(byMeeting.get(c.meetingId) ?? []), c.personId]);
    }
    for (const [meetingId, personIds] of byMeeting) {
      const meeting = doc.meetings.meetings.find((m) => m.id === meetingId);
      if (!meeting) continue;
      doc.meetings.pending.push({
        key: `undelivered:${meetingId}:${randomUUID()}`,
        meetingId,
        personId: meeting.organiserId,
        what: { kind: 'undelivered', personIds: [...new Set(personIds)] },
        createdAt: now.toISOString(),
      });
    }
  });
}
