import { LIMITS, type MeetingType, type RsvpValue } from '../domain/meetings/meeting.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, factSet, fileAction, openUrl, plain, textBlock, userText, type AdaptiveCard, type CardElement, type FileLink } from './adaptive-card.js';
import { meetingVerbs } from './meeting-verbs.js';

/** Teams gives user-specific views to at most 60 listed users per card. */
export const MAX_REFRESH_USERS = 60;

export interface InvitationCardModel {
  meetingId: string;
  type: MeetingType;
  title: string;
  /** ISO instant of the start, sent back with an answer so an answer to an outdated card can be recognised. */
  start: string;
  /** Pre-formatted in Stockholm time in the viewer's language ("måndag 29 mars 2027 kl. 09.00–12.00"). */
  when: string;
  place?: string | undefined;
  onlineUrl?: string | undefined;
  agenda: string;
  /** Pre-formatted reply-by date. */
  rsvpBy: string;
  organiserName: string;
  status: 'scheduled' | 'cancelled';
  /** False once the reply-by day has ended. */
  answerOpen: boolean;
  /** The viewer's own state; absent on the shared (non-personal) version of the card. */
  viewer?: { answer?: { value: RsvpValue; comment?: string | undefined } | undefined; replacesName?: string | undefined } | undefined;
  /** Signed download URL of the meeting's .ics (served by the bot). */
  icsUrl?: FileLink | undefined;
  /** Who gets their own view through Universal Actions refresh; in a 1:1 chat, the recipient. */
  refreshUserIds: readonly string[];
  /** Why this card comes now (invited, moved, cancelled, answer recorded…), already escaped; not kept on refresh. */
  notice?: string | undefined;
}

const ANSWERS: readonly RsvpValue[] = ['ja', 'nej', 'kanske'];

/**
 * The invitation as each invitee sees it: details, their own current answer, Ja/Nej/Kanske with an optional comment
 * (Action.Execute), a calendar file, and — for a substitute — whom they replace. Cancelled: no answer buttons.
 */
export function meetingInvitationCard(model: InvitationCardModel, t: Catalogue): AdaptiveCard {
  const inv = t.meetings.invitation;
  const cancelled = model.status === 'cancelled';
  const body: CardElement[] = [];
  if (model.notice) body.push({ type: 'Container', style: 'emphasis', items: [textBlock(model.notice, { weight: 'Bolder' })] });
  body.push(
    textBlock(plain(`${inv.invited} · ${t.meetings.types[model.type]}`), { isSubtle: true, size: 'Small' }),
    // The title is the organiser's own text: a TextRun, never read as markdown.
    userText(model.title, { size: 'Medium', weight: 'Bolder' }),
  );
  if (cancelled) body.push(textBlock(inv.cancelled, { color: 'Attention', weight: 'Bolder', size: 'Medium' }));
  if (model.viewer?.replacesName) body.push(textBlock(plain(inv.replaces({ name: model.viewer.replacesName })), { weight: 'Bolder' }));

  const facts: [string, string][] = [[inv.when, model.when]];
  if (model.place) facts.push([inv.place, plain(model.place)]);
  if (model.onlineUrl) facts.push([inv.online, plain(model.onlineUrl)]);
  facts.push([inv.deadline, model.rsvpBy], [inv.organiser, plain(model.organiserName)]);
  body.push(factSet(facts));
  if (model.agenda) body.push(textBlock(inv.agenda, { weight: 'Bolder', spacing: 'Medium' }), userText(model.agenda));

  const answer = model.viewer?.answer;
  if (model.viewer) {
    body.push(
      answer
        ? textBlock(inv.yourAnswer({ answer: t.meetings.answers[answer.value] }), { weight: 'Bolder', color: answer.value === 'nej' ? 'Attention' : 'Good', spacing: 'Medium' })
        : textBlock(inv.noAnswerYet, { isSubtle: true, spacing: 'Medium' }),
    );
    if (answer?.comment) body.push(textBlock(inv.yourComment, { isSubtle: true, size: 'Small', spacing: 'None' }), userText(answer.comment, { isSubtle: true }));
  }

  const actions: CardElement[] = [];
  if (!cancelled && model.answerOpen) {
    body.push({
      type: 'Input.Text',
      id: 'comment',
      label: inv.comment,
      placeholder: inv.commentPlaceholder,
      isMultiline: true,
      maxLength: LIMITS.comment,
      ...(answer?.comment ? { value: answer.comment } : {}),
    });
    for (const value of ANSWERS) {
      const label = t.meetings.answers[value];
      actions.push(
        execute(answer?.value === value ? inv.chosen({ answer: label }) : label, meetingVerbs.rsvp, { meetingId: model.meetingId, answer: value, start: model.start }, value === 'ja' ? { style: 'positive' } : {}),
      );
    }
  } else if (!cancelled) {
    body.push(textBlock(inv.deadlinePassed({ date: model.rsvpBy }), { isSubtle: true }));
  }
  if (model.onlineUrl && !cancelled) actions.push(openUrl(inv.joinOnline, model.onlineUrl));
  if (model.icsUrl) actions.push(fileAction(cancelled ? inv.removeFromCalendar : inv.addToCalendar, model.icsUrl));

  const userIds = model.refreshUserIds.slice(0, MAX_REFRESH_USERS);
  return adaptiveCard(body, actions, {
    refresh: { action: execute(inv.refresh, meetingVerbs.refresh, { meetingId: model.meetingId }), ...(userIds.length > 0 ? { userIds } : {}) },
  });
}
