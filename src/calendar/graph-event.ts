import { createHash } from 'node:crypto';
import { z } from 'zod';
import { formatStockholm } from '../domain/time.js';
import type { CalendarAttendee, CalendarEventTarget, SyncedEvent } from './calendar-sync.js';
import { agendaHtml, bodyDigest } from './graph-body.js';

// Pure translation between a CalendarEventTarget and Microsoft Graph's event resource (v1.0): the request bodies we
// send, the part of the event we read back, and what a PATCH must change. No I/O here.

/**
 * Graph's dateTimeTimeZone takes "any of the time zones supported by Windows" plus a listed set of IANA names;
 * Europe/Stockholm is not on that list. "W. Europe Standard Time" is Windows' zone for Stockholm (Amsterdam, Berlin,
 * Bern, Rome, Stockholm, Vienna): the same offsets and EU daylight-saving rules, and what Outlook shows Swedish users.
 */
export const GRAPH_TIME_ZONE = 'W. Europe Standard Time';

/**
 * Our tag on the events we create: a string extended property holding the meeting id, so that a create whose answer
 * was lost can be found again ($filter on singleValueExtendedProperties). The GUID is this application's own.
 */
export const MEETING_ID_PROPERTY = 'String {6c0f5d3e-2a7b-4c1e-9f4d-5b8a1e2c7d90} Name StarkMeetingId';

export interface GraphDateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}
export interface GraphAttendee {
  emailAddress: { address: string; name: string };
  type: 'required' | 'optional';
}
export interface GraphEventPatch {
  subject?: string;
  start?: GraphDateTimeTimeZone;
  end?: GraphDateTimeTimeZone;
  location?: { displayName: string };
  attendees?: GraphAttendee[];
  body?: { contentType: 'html'; content: string };
}
export interface GraphEventCreate extends Required<Pick<GraphEventPatch, 'subject' | 'start' | 'end' | 'attendees' | 'body'>> {
  location?: { displayName: string };
  isOnlineMeeting: true;
  onlineMeetingProvider: 'teamsForBusiness';
  /** Times come from the programme's calendar, not from attendees' proposals. */
  allowNewTimeProposals: false;
  responseRequested: true;
  transactionId: string;
  singleValueExtendedProperties: Array<{ id: string; value: string }>;
}

/** An instant as Stockholm wall-clock time in Graph's form (no offset; the zone says which). */
export const graphDateTime = (instant: string): GraphDateTimeTimeZone => ({
  dateTime: formatStockholm(new Date(instant), "yyyy-MM-dd'T'HH:mm:ss"),
  timeZone: GRAPH_TIME_ZONE,
});

/**
 * A fixed transactionId per meeting (and generation), shaped as a GUID: Graph uses it to avoid a second event when a
 * create is retried after the first attempt's answer was lost. It cannot change after creation.
 */
export function transactionIdOf(meetingId: string, generation: number): string {
  const h = createHash('sha256').update(`stark-meeting:${meetingId}:${generation}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const graphAttendees = (attendees: readonly CalendarAttendee[]): GraphAttendee[] =>
  attendees.map((a) => ({ emailAddress: { address: a.email, name: a.name }, type: a.type }));

export function createRequestOf({ target, generation }: { target: CalendarEventTarget; generation: number }): GraphEventCreate {
  return {
    subject: target.subject,
    body: { contentType: 'html', content: agendaHtml(target) },
    start: graphDateTime(target.start),
    end: graphDateTime(target.end),
    ...(target.location !== undefined ? { location: { displayName: target.location } } : {}),
    attendees: graphAttendees(target.attendees),
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    allowNewTimeProposals: false,
    responseRequested: true,
    transactionId: transactionIdOf(target.meetingId, generation),
    singleValueExtendedProperties: [{ id: MEETING_ID_PROPERTY, value: target.meetingId }],
  };
}

export const syncedOf = (target: CalendarEventTarget): SyncedEvent => ({
  subject: target.subject,
  start: target.start,
  end: target.end,
  ...(target.location !== undefined ? { location: target.location } : {}),
  attendees: target.attendees.map(({ email, type }) => ({ email, type })).sort((a, b) => a.email.localeCompare(b.email)),
  bodyDigest: bodyDigest(target),
});

/** The part of a Graph event we read (requested with $select, times in GRAPH_TIME_ZONE via the Prefer header). */
export const liveEventSchema = z.object({
  id: z.string().min(1),
  subject: z.string().nullish(),
  isCancelled: z.boolean().nullish(),
  start: z.object({ dateTime: z.string(), timeZone: z.string() }).nullish(),
  end: z.object({ dateTime: z.string(), timeZone: z.string() }).nullish(),
  location: z.object({ displayName: z.string().nullish() }).passthrough().nullish(),
  body: z.object({ contentType: z.string(), content: z.string() }).nullish(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).passthrough().nullish(),
  attendees: z
    .array(
      z
        .object({
          type: z.string().nullish(),
          emailAddress: z.object({ address: z.string().nullish(), name: z.string().nullish() }).passthrough().nullish(),
          status: z.object({ response: z.string().nullish(), time: z.string().nullish() }).passthrough().nullish(),
        })
        .passthrough(),
    )
    .nullish(),
});
export type LiveEvent = z.infer<typeof liveEventSchema>;

/** Graph writes 2027-03-29T09:00:00.0000000; compare to the second. */
const wallClock = (dt: GraphDateTimeTimeZone | null | undefined): string => (dt ? `${dt.dateTime.slice(0, 19)} ${dt.timeZone}` : '');
const attendeeKey = (list: ReadonlyArray<{ email: string; type: string }>): string =>
  list
    .map((a) => `${a.email.toLowerCase()}:${a.type}`)
    .sort()
    .join(',');
const liveAttendees = (live: LiveEvent): Array<{ email: string; type: string }> =>
  (live.attendees ?? []).flatMap((a) => (a.emailAddress?.address ? [{ email: a.emailAddress.address, type: a.type ?? 'required' }] : []));

/**
 * What a PATCH must change so that the live event matches the target. Subject, times, place and attendees are
 * compared with the live event (so a hand edit in Outlook is put right); the body with the digest of what was last
 * written, because Exchange rewrites the HTML. `body` is left to the caller (graph-body.ts decides how to write it).
 */
export function patchOf({ target, live, synced }: { target: CalendarEventTarget; live: LiveEvent; synced: SyncedEvent | undefined }): {
  patch: Omit<GraphEventPatch, 'body'>;
  bodyChanged: boolean;
  timeChanged: boolean;
} {
  const patch: Omit<GraphEventPatch, 'body'> = {};
  if ((live.subject ?? '') !== target.subject) patch.subject = target.subject;
  const start = graphDateTime(target.start);
  const end = graphDateTime(target.end);
  const timeChanged = wallClock(live.start) !== wallClock(start) || wallClock(live.end) !== wallClock(end);
  if (timeChanged) {
    patch.start = start;
    patch.end = end;
  }
  // Without a place Exchange labels an online meeting's location itself ("Microsoft Teams Meeting"); leave that alone
  // unless the meeting just lost the place we had written, which only an empty display name clears.
  const livePlace = live.location?.displayName ?? '';
  if (target.location !== undefined ? livePlace !== target.location : synced?.location !== undefined && livePlace === synced.location) {
    patch.location = { displayName: target.location ?? '' };
  }
  if (attendeeKey(liveAttendees(live)) !== attendeeKey(target.attendees)) patch.attendees = graphAttendees(target.attendees);
  return { patch, bodyChanged: synced?.bodyDigest !== bodyDigest(target), timeChanged };
}
