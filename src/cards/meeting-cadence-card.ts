import type { CadenceSlot } from '../domain/meetings/cadence.js';
import type { MeetingType } from '../domain/meetings/meeting.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, heading, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { meetingVerbs } from './meeting-verbs.js';

export type CadenceState = 'scheduled' | 'held' | 'toSchedule' | 'missed';

export interface CadenceCardModel {
  year: number;
  entries: ReadonlyArray<{ slot: CadenceSlot; state: CadenceState; meetings: ReadonlyArray<{ title: string; when: string }> }>;
  complete: boolean;
  /** Leadership sees a "book" button for each slot still to schedule. */
  canSchedule: boolean;
}

const inlinesOf = (e: CardElement): CardElement[] => (Array.isArray(e.inlines) ? (e.inlines as CardElement[]) : []);
const ICON: Record<CadenceState, string> = { scheduled: '✅', held: '✅', toSchedule: '⚠️', missed: '❌' };
const TYPE_OF: Record<CadenceSlot, MeetingType> = { programradSpring: 'programrad', programradAutumn: 'programrad', yearlyMeeting: 'arlig-traff' };

/**
 * "Mötesplan 2027": whether the agreement's two Programråd dialogues and the yearly meeting are scheduled. The
 * spring/autumn reading of "twice a year" is ours, so the card says so.
 */
export function meetingCadenceCard(model: CadenceCardModel, t: Catalogue): AdaptiveCard {
  const c = t.meetings.cadence;
  const body: CardElement[] = [heading(c.heading({ year: model.year })), textBlock(c.intro, { isSubtle: true, spacing: 'None' })];
  for (const e of model.entries) {
    const items: CardElement[] = [
      textBlock(`${ICON[e.state]} **${c.slots[e.slot]}**: ${c.states[e.state]}`),
      ...e.meetings.map((m): CardElement => ({
        type: 'RichTextBlock',
        spacing: 'None',
        inlines: [
          ...inlinesOf(userText(m.title)),
          { type: 'TextRun', text: ` · ${m.when}`, isSubtle: true },
        ],
      })),
    ];
    if (model.canSchedule && e.state === 'toSchedule') items.push({ type: 'ActionSet', actions: [execute(c.book, meetingVerbs.form, { type: TYPE_OF[e.slot] })] });
    body.push({ type: 'Container', separator: true, items });
  }
  if (model.complete) body.push(textBlock(`✅ ${c.complete}`, { spacing: 'Medium' }));
  body.push(textBlock(c.assumption, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  return adaptiveCard(body);
}
