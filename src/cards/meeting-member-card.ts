import type { MeetingType, RsvpValue } from '../domain/meetings/meeting.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, fileAction, heading, plain, textBlock, userText, type AdaptiveCard, type CardElement, type FileLink } from './adaptive-card.js';
import { meetingVerbs } from './meeting-verbs.js';

/** What every meeting list shows of a meeting, before its answers. */
export interface MeetingHeading {
  meetingId: string;
  type: MeetingType;
  title: string;
  /** Pre-formatted, Stockholm time. */
  when: string;
  rsvpBy: string;
  status: 'scheduled' | 'cancelled';
}

export interface MemberCardItem extends MeetingHeading {
  answer?: { value: RsvpValue; comment?: string | undefined } | undefined;
  substituteForName?: string | undefined;
  answerOpen: boolean;
  icsUrl?: FileLink | undefined;
}

export interface MemberCardModel {
  meetings: readonly MemberCardItem[];
}

/** A member's own upcoming meetings ("möten" for someone who is not leadership), each with their own answer. */
export function meetingMemberCard(model: MemberCardModel, t: Catalogue): AdaptiveCard {
  const mt = t.meetings.member;
  const body: CardElement[] = [heading(mt.heading)];
  if (model.meetings.length === 0) body.push(textBlock(mt.none));
  for (const m of model.meetings) {
    const cancelled = m.status === 'cancelled';
    const items: CardElement[] = [
      userText(m.title, { weight: 'Bolder', size: 'Medium' }),
      textBlock(plain(`${t.meetings.types[m.type]} · ${m.when}`), { isSubtle: true, spacing: 'None' }),
    ];
    if (cancelled) items.push(textBlock(mt.cancelledTag, { color: 'Attention', weight: 'Bolder', spacing: 'Small' }));
    if (m.substituteForName) items.push(textBlock(mt.substituteFor({ name: plain(m.substituteForName) }), { spacing: 'Small' }));
    items.push(
      m.answer
        ? textBlock(mt.yourAnswer({ answer: t.meetings.answers[m.answer.value] }), { weight: 'Bolder', color: m.answer.value === 'nej' ? 'Attention' : 'Good', spacing: 'Small' })
        : textBlock(mt.noAnswerYet, { spacing: 'Small', ...(cancelled ? { isSubtle: true } : { weight: 'Bolder' }) }),
    );
    if (m.answer?.comment) items.push({ ...userText(m.answer.comment, { isSubtle: true, italic: true }), spacing: 'None' });
    if (!cancelled) items.push(textBlock(m.answerOpen ? mt.answerBy({ date: m.rsvpBy }) : mt.closed, { isSubtle: true, size: 'Small', spacing: 'None' }));
    const actions: CardElement[] = [];
    if (!cancelled) actions.push(execute(mt.open, meetingVerbs.open, { meetingId: m.meetingId }));
    if (m.icsUrl) actions.push(fileAction(cancelled ? t.meetings.invitation.removeFromCalendar : t.meetings.invitation.addToCalendar, m.icsUrl));
    if (actions.length > 0) items.push({ type: 'ActionSet', actions });
    body.push({ type: 'Container', separator: true, spacing: 'Large', items });
  }
  return adaptiveCard(body);
}
