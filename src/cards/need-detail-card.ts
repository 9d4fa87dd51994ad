import type { HistoryEntry, NeedStatus, Urgency } from '../domain/needs/need.js';
import { ANSWER_MAX, programmeAreas } from '../domain/needs/need.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { MAX_CARD_BYTES } from './needs-card-limits.js';
import { adaptiveCard, execute, factSet, heading, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { clip, decisionsText, stateText, withdrawAction, type NeedSummaryView } from './needs-card-parts.js';
import { needsVerbs, reviewInputIds } from './needs-verbs.js';

export type ReviewTarget = 'under-beredning' | 'ingar-i-programplan' | 'avslagen' | 'sammanslagen';
const reviewTargets: readonly ReviewTarget[] = ['under-beredning', 'ingar-i-programplan', 'avslagen', 'sammanslagen'];

export interface NeedDetailView extends NeedSummaryView {
  /** What just happened, shown at the top when the card answers a click ("Er organisation står nu bakom …"). */
  notice?: string;
  description: string;
  urgency: Urgency;
  contact: { name: string; email?: string };
  submittedByName: string;
  /** Motivation of a rejection (also in the history). */
  motivation?: string;
  supports: ReadonlyArray<{ organisationName: string; byName: string; date: string }>;
  /** Oldest first; dates as "yyyy-MM-dd HH:mm" Stockholm. */
  history: ReadonlyArray<{ date: string; byName: string; event: HistoryEntry['event']; from: NeedStatus | null; to: NeedStatus; text: string; relatedNeed?: number }>;
  /** What this viewer may do here. */
  viewer: {
    canSupport: boolean;
    alreadySupported: boolean;
    /** Edit and withdraw: the submitting organisation, while inkommen. */
    canEdit: boolean;
    /** The review moves this viewer may make now (empty unless Programgrupp or leadership). */
    review: readonly NeedStatus[];
    /** Programme years offered for "ingår i programplan". */
    planYears: readonly number[];
  };
}

interface Fit {
  description: number;
  historyEntries: number;
  historyText: number;
}
// Tried in order until the card is within Teams' size limit: full texts first, then shorter ones.
const FITS: readonly Fit[] = [
  { description: 4000, historyEntries: 12, historyText: 1000 },
  { description: 2000, historyEntries: 8, historyText: 300 },
  { description: 1000, historyEntries: 5, historyText: 120 },
  { description: 400, historyEntries: 3, historyText: 60 },
];

function historyWhat(t: Catalogue, h: NeedDetailView['history'][number]): string {
  const d = t.needs.detail.history;
  switch (h.event) {
    case 'submitted':
      return d.submitted;
    case 'edited':
      return d.edited;
    case 'mergedFrom':
      return d.mergedFrom({ number: h.relatedNeed ?? 0 });
    case 'transition':
      return h.to === 'sammanslagen' && h.relatedNeed !== undefined
        ? d.mergedInto({ number: h.relatedNeed })
        : d.transition({ from: h.from ? t.needs.statuses[h.from] : '–', to: t.needs.statuses[h.to] });
  }
}

function reviewAction(t: Catalogue, view: NeedDetailView, to: ReviewTarget): CardElement {
  const r = t.needs.detail.review;
  const body: CardElement[] = [];
  if (to === 'ingar-i-programplan') {
    body.push(
      {
        type: 'Input.ChoiceSet',
        id: reviewInputIds.planArea,
        label: r.planArea,
        isRequired: true,
        errorMessage: t.needs.refusals.planRequired,
        value: view.area,
        choices: programmeAreas.map((a) => ({ title: t.needs.areas[a], value: a })),
      },
      {
        type: 'Input.ChoiceSet',
        id: reviewInputIds.planYear,
        label: r.planYear,
        isRequired: true,
        errorMessage: t.needs.refusals.planRequired,
        ...(view.viewer.planYears.includes(view.round) ? { value: String(view.round) } : {}),
        choices: view.viewer.planYears.map((y) => ({ title: String(y), value: String(y) })),
      },
    );
  }
  if (to === 'sammanslagen') {
    body.push({ type: 'Input.Number', id: reviewInputIds.mergeInto, label: r.mergeInto, placeholder: r.mergePlaceholder, min: 1, isRequired: true, errorMessage: t.needs.refusals.mergeTargetRequired });
  }
  const motivation = to === 'avslagen';
  body.push({
    type: 'Input.Text',
    id: reviewInputIds.text(to),
    label: motivation ? r.motivation : r.answer,
    placeholder: r.answerPlaceholder,
    isMultiline: true,
    maxLength: ANSWER_MAX,
    ...(motivation ? { isRequired: true, errorMessage: t.needs.refusals.motivationRequired } : {}),
  });
  return {
    type: 'Action.ShowCard',
    title: r.to[to],
    card: { type: 'AdaptiveCard', body, actions: [execute(r.confirm, needsVerbs.review, { number: view.number, to }, { style: to === 'avslagen' ? 'destructive' : 'positive' })] },
  };
}

function build(view: NeedDetailView, t: Catalogue, fit: Fit): AdaptiveCard {
  const d = t.needs.detail;
  let clipped = false;
  const cut = (s: string, max: number) => {
    const c = clip(s, max);
    if (c !== s) clipped = true;
    return c;
  };
  const contact = view.contact.email ? `${view.contact.name} (${view.contact.email})` : view.contact.name;
  const body: CardElement[] = [
    ...(view.notice ? [textBlock(view.notice, { color: 'Good', weight: 'Bolder' })] : []),
    heading(d.heading({ number: view.number })),
    // The heading names the number already; the title as typed, a TextRun (never markdown).
    { ...userText(view.title, { size: 'Medium', weight: 'Bolder' }), spacing: 'Small' },
    ...(decisionsText(t, view) ? [textBlock(plain(decisionsText(t, view) ?? ''), { weight: 'Bolder', color: 'Accent' })] : []),
    factSet([
      [d.status, plain(stateText(t, view.state))],
      [d.area, t.needs.areas[view.area]],
      [d.organisation, plain(view.organisationName)],
      [d.round, String(view.round)],
      [d.urgency, t.needs.urgencies[view.urgency]],
      [d.contact, plain(contact)],
      [d.submitted, plain(view.submittedDate)],
      [d.submittedBy, plain(view.submittedByName)],
    ]),
  ];
  if (view.motivation) body.push(textBlock(d.motivation, { weight: 'Bolder', spacing: 'Medium' }), userText(cut(view.motivation, fit.description)));
  body.push(textBlock(d.description, { weight: 'Bolder', spacing: 'Medium' }), userText(cut(view.description, fit.description)));

  body.push(textBlock(d.supportsHeading({ count: view.supports.length }), { weight: 'Bolder', spacing: 'Medium' }));
  if (view.supports.length === 0) body.push(textBlock(d.noSupports, { isSubtle: true, spacing: 'None' }));
  for (const s of view.supports) body.push(textBlock(plain(d.supportLine({ organisation: s.organisationName, name: s.byName, date: s.date })), { spacing: 'None', size: 'Small' }));

  body.push(textBlock(d.historyHeading, { weight: 'Bolder', spacing: 'Medium' }));
  const shown = view.history.slice(-fit.historyEntries);
  if (shown.length < view.history.length) body.push(textBlock(d.olderHistory({ count: view.history.length - shown.length }), { isSubtle: true, size: 'Small', spacing: 'None' }));
  for (const h of shown) {
    body.push(textBlock(plain(d.historyLine({ date: h.date, name: h.byName, what: historyWhat(t, h) })), { size: 'Small', spacing: 'Small' }));
    if (h.text) body.push({ ...userText(cut(h.text, fit.historyText), { isSubtle: true, size: 'Small' }), spacing: 'None' });
  }

  const review = reviewTargets.filter((to) => view.viewer.review.includes(to));
  if (review.length > 0) {
    body.push(textBlock(d.review.heading, { weight: 'Bolder', spacing: 'Medium' }), { type: 'ActionSet', actions: review.map((to) => reviewAction(t, view, to)) });
  }
  if (clipped) body.push(textBlock(d.clipped, { isSubtle: true, size: 'Small', spacing: 'Medium' }));

  const actions: CardElement[] = [];
  if (view.viewer.canSupport) actions.push(execute(d.support, needsVerbs.support, { number: view.number }, { style: 'positive' }));
  else if (view.viewer.alreadySupported) body.push(textBlock(d.alreadySupported, { color: 'Good', size: 'Small' }));
  if (view.viewer.canEdit) actions.push(execute(d.edit, needsVerbs.form, { number: view.number }), withdrawAction(t, view.number));
  return adaptiveCard(body, actions);
}

/**
 * A need in full: title, status, facts, description, supporting organisations, history (who, when, from → to, the
 * answer), and what the viewer may do: support it, edit or withdraw it (the submitting organisation while
 * inkommen), or review it (Programgrupp and leadership: under beredning, ingår i programplan with area and year,
 * avslagen with a motivation, sammanslagen med #N). Everything a person typed is a TextRun or escaped. Long texts
 * are shortened, and older history left out, only as far as needed to stay within Teams' card size.
 */
export function needDetailCard(view: NeedDetailView, t: Catalogue): AdaptiveCard {
  let card = build(view, t, FITS[0]!);
  for (const fit of FITS.slice(1)) {
    if (Buffer.byteLength(JSON.stringify(card), 'utf8') <= MAX_CARD_BYTES) break;
    card = build(view, t, fit);
  }
  return card;
}
