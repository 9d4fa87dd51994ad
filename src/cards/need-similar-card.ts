import type { NeedFormValues } from '../domain/needs/need-form.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, heading, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { clip, needRow, type NeedSummaryView } from './needs-card-parts.js';
import { MAX_CARD_BYTES } from './needs-card-limits.js';
import { needsVerbs } from './needs-verbs.js';

export interface SimilarNeedView extends NeedSummaryView {
  /** The start of its description, to tell the needs apart. */
  excerpt: string;
  /** Whether this person's organisation may stand behind it now (not its own, not already, not closed). */
  canSupport: boolean;
  alreadySupported: boolean;
  ownOrganisation: boolean;
}

export interface NeedSimilarCardModel {
  /** The need being submitted, as the form sent it: carried in "submit anyway" and "edit" so nothing is lost. */
  draft: NeedFormValues;
  /** At most three, best first. */
  similar: readonly SimilarNeedView[];
  /** The form's submission id, carried on so "skicka ändå" clicked twice stores one need. */
  submissionId?: string;
}

const EXCERPT_MAX = 200;

/**
 * Before a new need is saved: up to three existing needs that resemble it, each with "ställ er bakom" (support it
 * instead), and "skicka ändå" (submit anyway, with the draft carried along) or back to the form with it.
 * The draft travels in the buttons' data; should a draft of extreme length not fit twice within Teams' card
 * size, the excerpts go first and then the way back to the form ("skicka ändå" always stays: after submitting,
 * the need can be edited while inkommen).
 */
export function needSimilarCard(model: NeedSimilarCardModel, t: Catalogue): AdaptiveCard {
  for (const fit of [{ excerpts: true, edit: true }, { excerpts: false, edit: true }]) {
    const card = build(model, t, fit);
    if (Buffer.byteLength(JSON.stringify(card), 'utf8') <= MAX_CARD_BYTES) return card;
  }
  return build(model, t, { excerpts: false, edit: false });
}

function build(model: NeedSimilarCardModel, t: Catalogue, fit: { excerpts: boolean; edit: boolean }): AdaptiveCard {
  const s = t.needs.similar;
  const body: CardElement[] = [
    heading(s.heading),
    textBlock(s.intro, { spacing: 'Small' }),
    textBlock(s.yourNeed, { weight: 'Bolder', size: 'Small', isSubtle: true }),
    userText(model.draft.title, { weight: 'Bolder' }),
  ];
  for (const need of model.similar.slice(0, 3)) {
    const row = needRow(t, need);
    const items = [...(row.items as CardElement[])];
    if (fit.excerpts && need.excerpt) items.push({ ...userText(clip(need.excerpt, EXCERPT_MAX), { isSubtle: true, size: 'Small' }), spacing: 'Small' });
    items.push(textBlock(plain(t.needs.supportCount({ count: need.supportCount })), { size: 'Small', spacing: 'None' }));
    if (need.canSupport) {
      items.push({ type: 'ActionSet', actions: [execute(s.support, needsVerbs.support, { number: need.number }, { style: 'positive' })] });
    } else if (need.alreadySupported || need.ownOrganisation) {
      items.push(textBlock(need.ownOrganisation ? s.ownNeed : s.alreadySupported, { size: 'Small', color: 'Good' }));
    }
    body.push({ ...row, style: 'emphasis', items });
  }
  const draft: Record<string, string> = { ...model.draft, ...(model.submissionId ? { submissionId: model.submissionId } : {}) };
  const actions = [execute(s.submitAnyway, needsVerbs.submit, { ...draft, force: 'true' })];
  if (fit.edit) actions.push(execute(s.edit, needsVerbs.form, draft));
  return adaptiveCard(body, actions);
}
