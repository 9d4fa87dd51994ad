import type { RsvpValue } from '../domain/meetings/meeting.js';
import type { County } from '../domain/organisations.js';
import type { Seat } from '../domain/people.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, heading, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { meetingVerbs } from './meeting-verbs.js';
import type { MeetingHeading } from './meeting-member-card.js';

export interface OverviewPerson {
  name: string;
  organisation: string;
  comment?: string | undefined;
  /** Name of the ordinary member this person stands in for. */
  substituteForName?: string | undefined;
}

export interface OverviewCardItem extends MeetingHeading {
  tally: Record<RsvpValue, number> & { ejSvarat: number };
  answered: Record<RsvpValue, readonly OverviewPerson[]>;
  notAnswered: readonly OverviewPerson[];
  representation: {
    /** Party names with a Ja. */
    parties: readonly string[];
    partiesWithoutJa: readonly string[];
    counties: Record<County, boolean>;
    mdu: boolean;
    seats?: Record<Seat, number> | undefined;
  };
  uncovered: ReadonlyArray<{ name: string; seat: Seat }>;
  /** For the meeting being managed: whom leadership can add (not invited) and remove (invited), as picker choices. */
  manage?: { invitable: readonly PersonChoice[]; invited: readonly PersonChoice[] } | undefined;
}

export interface PersonChoice {
  id: string;
  /** "Name, Organisation" as shown in the picker (plain text, never markdown). */
  label: string;
}

export interface OverviewCardModel {
  meetings: readonly OverviewCardItem[];
  /** Meetings left off the card (it shows the earliest few). */
  more: number;
  /** The meeting whose answers are listed person by person (one at a time keeps the card under Teams' size limit). */
  expandedId?: string | undefined;
  /** The meeting whose "cancel" was clicked once: ask before cancelling. */
  confirmCancelId?: string | undefined;
  /**
   * The meeting whose invitee list is being changed: pickers to add and remove people take the place of the answers
   * (both at once would not fit Teams' card size for a large meeting and roster).
   */
  manageId?: string | undefined;
  /** What just happened (booked, changed, cancelled, who could not be reached), already escaped. */
  notices?: readonly string[] | undefined;
}

/**
 * Comments share a budget so that a large meeting still fits in one card (Teams' limit, see card-validator): with few
 * comments each is shown whole (≤ 500), with many each is cut, but never below a readable minimum.
 */
export const OVERVIEW_COMMENT_BUDGET = 5000;
export const OVERVIEW_COMMENT_MIN = 80;
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const inlinesOf = (e: CardElement): CardElement[] => (Array.isArray(e.inlines) ? (e.inlines as CardElement[]) : []);

/** Add or remove one person at a time; the pickers type-ahead ("filtered") since the roster has more than 15. */
function manageInvitees(meetingId: string, manage: NonNullable<OverviewCardItem['manage']>, t: Catalogue): CardElement[] {
  const o = t.meetings.overview;
  const picker = (id: string, label: string, people: readonly PersonChoice[]): CardElement => ({
    type: 'Input.ChoiceSet',
    id,
    label,
    style: 'filtered',
    placeholder: o.pickPerson,
    choices: people.map((p) => ({ title: p.label, value: p.id })),
  });
  const out: CardElement[] = [textBlock(o.manage, { weight: 'Bolder', spacing: 'Large' })];
  if (manage.invitable.length > 0) {
    out.push(picker('addPersonId', o.addLabel, manage.invitable), { type: 'ActionSet', actions: [execute(o.add, meetingVerbs.invitees, { meetingId, op: 'add' })] });
  }
  if (manage.invited.length > 0) {
    out.push(picker('removePersonId', o.removeLabel, manage.invited), { type: 'ActionSet', actions: [execute(o.remove, meetingVerbs.invitees, { meetingId, op: 'remove' })] });
  }
  return out;
}

/**
 * Leadership's overview of upcoming meetings: per meeting the tally (ja / nej / kanske / ej svarat), representation
 * among the Ja (parties, both counties, MDU, Programråd seats), declined seats without a substitute, and — for the
 * expanded meeting — who answered what, with comments, and who has not answered.
 */
export function meetingOverviewCard(model: OverviewCardModel, t: Catalogue): AdaptiveCard {
  const o = t.meetings.overview;
  const body: CardElement[] = [heading(o.heading)];
  if (model.notices && model.notices.length > 0) {
    body.push({ type: 'Container', style: 'emphasis', items: model.notices.map((n) => textBlock(n, { weight: 'Bolder', spacing: 'Small' })) });
  }
  if (model.meetings.length === 0) body.push(textBlock(o.none));

  for (const m of model.meetings) {
    const items: CardElement[] = [
      userText(m.title, { weight: 'Bolder', size: 'Medium' }),
      textBlock(plain(`${t.meetings.types[m.type]} · ${m.when}`), { isSubtle: true, spacing: 'None' }),
    ];
    if (m.status === 'cancelled') items.push(textBlock(o.cancelledTag, { color: 'Attention', weight: 'Bolder', spacing: 'Small' }));
    items.push(
      textBlock(o.tally(m.tally), { weight: 'Bolder', spacing: 'Small' }),
      textBlock(o.deadline({ date: m.rsvpBy }), { isSubtle: true, size: 'Small', spacing: 'None' }),
    );

    const r = m.representation;
    const counties = (['vastmanland', 'sormland'] as const).filter((c) => r.counties[c]);
    const countyLine =
      counties.length === 2 ? o.bothCounties : counties[0] ? o.oneCounty({ county: t.core.counties[counties[0]] }) : o.noCounty;
    items.push(
      textBlock(o.representation, { weight: 'Bolder', spacing: 'Medium' }),
      textBlock(`${counties.length === 2 ? '✅' : '⚠️'} ${countyLine}`, { spacing: 'Small' }),
      textBlock(`${r.mdu ? '✅' : '⚠️'} ${r.mdu ? o.mduYes : o.mduNo}`, { spacing: 'None' }),
    );
    if (r.seats) items.push(textBlock(o.seats(r.seats), { spacing: 'None' }));
    items.push(textBlock(`${o.parties}: ${r.parties.length > 0 ? plain(r.parties.join(', ')) : o.noParties}`, { spacing: 'Small' }));
    if (r.partiesWithoutJa.length > 0) items.push(textBlock(`${o.partiesWithoutJa}: ${plain(r.partiesWithoutJa.join(', '))}`, { isSubtle: true, spacing: 'None' }));
    for (const u of m.uncovered) items.push(textBlock(o.uncovered({ name: plain(u.name), seat: t.core.counties[u.seat] }), { color: 'Attention', spacing: 'Small' }));

    const managing = model.manageId === m.meetingId && m.manage !== undefined && m.status === 'scheduled';
    if (managing && m.manage) items.push(...manageInvitees(m.meetingId, m.manage, t));
    else if (model.expandedId === m.meetingId) {
      const everyone = [...m.answered.ja, ...m.answered.nej, ...m.answered.kanske, ...m.notAnswered];
      const commenters = everyone.filter((p) => p.comment).length;
      const perComment = Math.max(OVERVIEW_COMMENT_MIN, Math.floor(OVERVIEW_COMMENT_BUDGET / Math.max(1, commenters)));
      // One RichTextBlock per person: name and organisation, then their comment; TextRuns show what people typed as is.
      const line = (p: OverviewPerson): CardElement => ({
        type: 'RichTextBlock',
        spacing: 'None',
        inlines: [
          ...inlinesOf(userText(`${p.name}, ${p.organisation}${p.substituteForName ? ` – ${o.substituteFor({ name: p.substituteForName })}` : ''}`)),
          ...(p.comment ? inlinesOf(userText(`: ${cut(p.comment, perComment)}`, { isSubtle: true, italic: true })) : []),
        ],
      });
      const group = (label: string, people: readonly OverviewPerson[]): CardElement[] => [
        textBlock(`${label} (${people.length})`, { weight: 'Bolder', spacing: 'Medium' }),
        ...(people.length === 0 ? [textBlock(o.nobody, { spacing: 'None' })] : people.map(line)),
      ];
      items.push(
        ...group(t.meetings.answers.ja, m.answered.ja),
        ...group(t.meetings.answers.nej, m.answered.nej),
        ...group(t.meetings.answers.kanske, m.answered.kanske),
        ...group(t.meetings.notAnswered, m.notAnswered),
      );
    }

    if (m.status === 'scheduled') {
      const buttons: CardElement[] =
        model.confirmCancelId === m.meetingId
          ? [
              execute(o.confirmCancelYes, meetingVerbs.cancel, { meetingId: m.meetingId, confirm: 'yes' }, { style: 'destructive' }),
              execute(o.confirmCancelNo, meetingVerbs.overview, { meetingId: m.meetingId }),
            ]
          : [
              ...(model.expandedId === m.meetingId && !managing ? [] : [execute(o.showAnswers, meetingVerbs.overview, { meetingId: m.meetingId })]),
              ...(managing ? [] : [execute(o.manageButton, meetingVerbs.overview, { meetingId: m.meetingId, manage: 'yes' })]),
              execute(o.change, meetingVerbs.form, { meetingId: m.meetingId }),
              execute(o.cancel, meetingVerbs.cancel, { meetingId: m.meetingId }),
            ];
      if (model.confirmCancelId === m.meetingId) items.push(textBlock(plain(o.confirmCancel({ title: m.title })), { color: 'Attention', weight: 'Bolder' }));
      items.push({ type: 'ActionSet', actions: buttons });
    }
    body.push({ type: 'Container', separator: true, spacing: 'Large', items });
  }
  if (model.more > 0) body.push(textBlock(o.more({ count: model.more }), { isSubtle: true }));
  return adaptiveCard(body);
}
