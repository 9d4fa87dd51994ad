import { z } from 'zod';
import type { Person } from '../people.js';
import { findInvitee, rsvpClosesAt, type Meeting, type MeetingNotice, type RsvpValue, type UncoveredSeat } from './meeting.js';
import { recordAnswer } from './rsvp.js';

/**
 * An attendee's response as Outlook reports it (Microsoft Graph `attendee.status`: `responseStatus.response` and
 * `responseStatus.time`). Graph spells the values in camelCase; `time` is UTC, and Graph sends 0001-01-01T00:00:00Z
 * for "never answered" — the calendar adapter turns that into null.
 */
export const outlookResponseValueSchema = z.enum(['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded']);
export type OutlookResponseValue = z.infer<typeof outlookResponseValueSchema>;

export const outlookAttendeeResponseSchema = z
  .object({
    email: z.string().email(),
    response: outlookResponseValueSchema,
    time: z.string().datetime({ offset: true }).nullable(),
  })
  .strict();
export type OutlookAttendeeResponse = z.infer<typeof outlookAttendeeResponseSchema>;

const RSVP_OF: Partial<Record<OutlookResponseValue, RsvpValue>> = { accepted: 'ja', declined: 'nej', tentativelyAccepted: 'kanske' };

/** Ja / Nej / Kanske for an Outlook response; none, notResponded and organizer are no answer at all. */
export const rsvpFromOutlook = (response: OutlookResponseValue): RsvpValue | undefined => RSVP_OF[response];

export interface TimedAnswer {
  value: RsvpValue;
  /** ISO instant the person gave this answer. */
  at: string;
  source: 'bot' | 'outlook';
}

/**
 * The answer that stands when a person answered in the bot and in Outlook: the later one. At the same instant the
 * bot's answer stands — it is the one the person saw confirmed in Teams, and it keeps the merge stable.
 */
export function laterAnswer(bot: TimedAnswer | undefined, outlook: TimedAnswer | undefined): TimedAnswer | undefined {
  if (!bot) return outlook;
  if (!outlook) return bot;
  return Date.parse(outlook.at) > Date.parse(bot.at) ? outlook : bot;
}

export type OutlookResponseSkip =
  /** No invitee of this meeting has that e-mail address in the roster (a forwarded invitation, a room). */
  | 'notInvited'
  /** Outlook says none / notResponded / organizer: nothing to record, and never a reason to clear a bot answer. */
  | 'noAnswer'
  /** Given before the meeting last moved in Outlook: it answered another time. */
  | 'beforeTimeChange'
  /** The answer in the bot is as recent or more recent; it stands. */
  | 'botAnswerLater'
  /** The same answer is already recorded. */
  | 'unchanged'
  /** Given after the RSVP deadline's day ended (Stockholm time), which the bot would refuse too. */
  | 'afterDeadline';

export interface OutlookResponsesInput {
  meeting: Meeting;
  /** As read from the Outlook event (the calendar's readResponses). */
  responses: readonly OutlookAttendeeResponse[];
  people: readonly Person[];
  /** The instant the Outlook event last moved: Outlook reset every response then, so older ones answered another time. */
  validFrom: string;
}

export interface OutlookMergeResult {
  meeting: Meeting;
  /** Outlook answers now recorded in the meeting, oldest first. */
  applied: Array<{ personId: string; value: RsvpValue; at: string }>;
  skipped: Array<{ email: string; reason: OutlookResponseSkip }>;
  /** As from `recordAnswer`: substitutes to call or release because of the applied answers. */
  notify: MeetingNotice[];
  uncovered: UncoveredSeat[];
}

/**
 * Brings answers given in Outlook into the meeting without ever overwriting a later answer: an Outlook response is
 * recorded only when it is newer than the person's answer in the bot, given while answers were open, and not older
 * than `validFrom` (the instant the Outlook event last moved, when Outlook reset every response). Each is recorded
 * with `recordAnswer` at the instant it was given, oldest first, so the substitute rules see the answers in the order
 * people gave them. Running it again with the same responses changes nothing.
 */
export function mergeOutlookResponses({
  meeting,
  responses,
  people,
  validFrom,
}: OutlookResponsesInput): OutlookMergeResult {
  const result: OutlookMergeResult = { meeting, applied: [], skipped: [], notify: [], uncovered: [] };
  if (meeting.status === 'cancelled') return result;
  const byEmail = new Map(people.flatMap((p) => (p.email ? [[p.email.toLowerCase(), p.aadObjectId] as const] : [])));
  const closes = rsvpClosesAt(meeting).getTime();
  const from = Date.parse(validFrom);

  const candidates: Array<{ email: string; personId: string; value: RsvpValue; at: string }> = [];
  for (const r of responses) {
    const email = r.email.toLowerCase();
    const personId = byEmail.get(email);
    if (personId === undefined || !findInvitee(meeting, personId)) {
      result.skipped.push({ email, reason: 'notInvited' });
      continue;
    }
    const value = rsvpFromOutlook(r.response);
    if (value === undefined || r.time === null) {
      result.skipped.push({ email, reason: 'noAnswer' });
      continue;
    }
    candidates.push({ email, personId, value, at: new Date(r.time).toISOString() });
  }
  candidates.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.personId.localeCompare(b.personId));

  let current = meeting;
  for (const c of candidates) {
    const at = Date.parse(c.at);
    const bot = findInvitee(current, c.personId)?.answer;
    const reason: OutlookResponseSkip | undefined =
      at < from
        ? 'beforeTimeChange'
        : bot && Date.parse(bot.answeredAt) >= at
          ? 'botAnswerLater'
          : bot?.value === c.value
            ? 'unchanged'
            : at >= closes
              ? 'afterDeadline'
              : undefined;
    if (reason) {
      result.skipped.push({ email: c.email, reason });
      continue;
    }
    const recorded = recordAnswer({ meeting: current, personId: c.personId, value: c.value, people, now: new Date(at) });
    if (!recorded.ok) {
      // The checks above mirror recordAnswer's; a refusal here means an invitee vanished mid-merge, which it cannot.
      throw new Error(`an Outlook answer the merge accepted was refused: ${recorded.reason}`);
    }
    current = recorded.meeting;
    result.applied.push({ personId: c.personId, value: c.value, at: c.at });
    result.notify.push(...recorded.notify);
    result.uncovered = recorded.uncovered;
  }
  result.meeting = current;
  return result;
}

/**
 * Per invitee, the answer in the bot beside the response in Outlook, and which of them stands (for the overview).
 * Outlook responses from before `validFrom` answered an earlier time of the meeting and are left out.
 */
export function answersBeside({
  meeting,
  responses,
  people,
  validFrom,
}: OutlookResponsesInput): Array<{ personId: string; bot?: TimedAnswer; outlook?: TimedAnswer; standing?: TimedAnswer }> {
  const emailOf = new Map(people.flatMap((p) => (p.email ? [[p.aadObjectId, p.email.toLowerCase()] as const] : [])));
  const outlookOf = new Map<string, TimedAnswer>();
  const from = Date.parse(validFrom);
  for (const r of responses) {
    const value = rsvpFromOutlook(r.response);
    if (value !== undefined && r.time !== null && Date.parse(r.time) >= from) outlookOf.set(r.email.toLowerCase(), { value, at: new Date(r.time).toISOString(), source: 'outlook' });
  }
  return meeting.invitees.map((i) => {
    const email = emailOf.get(i.personId);
    const outlook = email === undefined ? undefined : outlookOf.get(email);
    const bot: TimedAnswer | undefined = i.answer ? { value: i.answer.value, at: i.answer.answeredAt, source: 'bot' } : undefined;
    const standing = laterAnswer(bot, outlook);
    return { personId: i.personId, ...(bot ? { bot } : {}), ...(outlook ? { outlook } : {}), ...(standing ? { standing } : {}) };
  });
}
