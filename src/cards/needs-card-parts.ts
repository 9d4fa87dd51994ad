import type { DecisionRef } from '../domain/records/decision.js';
import { refText } from './records-card-parts.js';
import type { NeedState, ProgrammeArea } from '../domain/needs/need.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { execute, plain, textBlock, userText, type CardElement } from './adaptive-card.js';
import { needsVerbs } from './needs-verbs.js';

/** A need as the list, similar-needs and notification cards show it; names and dates resolved by the bot. */
export interface NeedSummaryView {
  number: number;
  title: string;
  organisationName: string;
  area: ProgrammeArea;
  state: NeedState;
  round: number;
  supportCount: number;
  /** Stockholm date, yyyy-MM-dd. */
  submittedDate: string;
  /** The valid decisions that concern the need (meeting records, #17); preliminary until the minutes are approved. */
  decisions?: ReadonlyArray<{ ref: DecisionRef; final: boolean }> | undefined;
}

/** "Beslut: Programrådet 2027 § 4" (preliminary ones marked), or undefined when no decision concerns the need. */
export function decisionsText(t: Catalogue, need: Pick<NeedSummaryView, 'decisions'>): string | undefined {
  if (!need.decisions || need.decisions.length === 0) return undefined;
  return t.records.needDecisions({ refs: need.decisions.map((d) => `${refText(t, d.ref)}${d.final ? '' : ` (${t.records.preliminaryShort})`}`).join(', ') });
}

/** The status in words, with the plan's year and area or the merge target. */
export function stateText(t: Catalogue, state: NeedState): string {
  const n = t.needs;
  switch (state.status) {
    case 'ingar-i-programplan':
      return n.state.plan({ area: n.areas[state.plan.area], year: state.plan.year });
    case 'sammanslagen':
      return n.state.merged({ number: state.mergedInto });
    default:
      return n.statuses[state.status];
  }
}

/** Text cut to `max` characters (whole characters, an ellipsis added) so a card stays within Teams' size limit. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

/** "#12" and the title as typed, on one line: the title is a TextRun, so nothing in it is read as markdown. */
export function numberedTitle(t: Catalogue, number: number, title: string, options: Record<string, unknown> = {}): CardElement {
  return {
    type: 'RichTextBlock',
    inlines: [
      { type: 'TextRun', text: `${t.needs.needNumber({ number })} `, weight: 'Bolder', ...options },
      { ...(userText(title).inlines as CardElement[])[0], weight: 'Bolder', ...options },
    ],
  };
}

/** A need as a row: number and title, then organisation · status · year; clicking it opens the need. */
export function needRow(t: Catalogue, need: NeedSummaryView): CardElement {
  return {
    type: 'Container',
    separator: true,
    spacing: 'Small',
    selectAction: execute(t.needs.similar.show, needsVerbs.show, { number: need.number }),
    items: [
      numberedTitle(t, need.number, need.title),
      textBlock(plain(t.needs.list.rowMeta({ organisation: need.organisationName, status: stateText(t, need.state), round: need.round })), {
        isSubtle: true,
        size: 'Small',
        spacing: 'None',
      }),
      ...(decisionsText(t, need) ? [textBlock(plain(decisionsText(t, need) ?? ''), { size: 'Small', weight: 'Bolder', spacing: 'None' })] : []),
    ],
  };
}

/** The withdraw button: a ShowCard asking once more, whose confirm sends the withdraw verb. */
export function withdrawAction(t: Catalogue, number: number): CardElement {
  const d = t.needs.detail;
  return {
    type: 'Action.ShowCard',
    title: d.withdraw,
    card: {
      type: 'AdaptiveCard',
      body: [textBlock(d.withdrawConfirm)],
      actions: [execute(d.withdrawYes, needsVerbs.withdraw, { number, confirm: 'yes' }, { style: 'destructive' })],
    },
  };
}
