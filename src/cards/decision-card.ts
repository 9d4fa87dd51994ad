import type { DecisionRef } from '../domain/records/decision.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, factSet, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { needsVerbs } from './needs-verbs.js';
import { cut, refText, tag } from './records-card-parts.js';

export interface DecisionCardModel {
  decisionId: string;
  ref: DecisionRef;
  text: string;
  status: 'valid' | 'withdrawn' | 'superseded';
  /** The minutes are approved (or it was decided per capsulam). */
  final: boolean;
  /** Pre-formatted date of the decision. */
  decidedOn: string;
  origin: { kind: 'meeting'; meetingTitle: string; agendaItemTitle?: string | undefined } | { kind: 'perCapsulam' };
  /** The needs it concerns, with their titles (the viewer may open those they can see). */
  needs: ReadonlyArray<{ number: number; title: string }>;
  withdrawal?: { reason: string; date: string } | undefined;
  supersededBy?: DecisionRef | undefined;
  supersedes?: DecisionRef | undefined;
  /** How many times it was corrected before it became final. */
  corrections: number;
  actions: ReadonlyArray<{ title: string; ownerName: string; due: string; done: boolean }>;
  /** Why the card comes now (e.g. to a need's submitter), already escaped. */
  notice?: string | undefined;
}

/** At most this many need buttons: Teams shows a handful of actions in a row; the rest are listed as text. */
const NEED_BUTTONS = 5;
const NEED_TITLE_MAX = 120;

/**
 * One decision, cited as "Programrådet 2027 § 4": its text, when and where it was taken, the needs it concerns (with
 * buttons to open them), whether it is final, withdrawn or superseded, and its action items.
 */
export function decisionCard(model: DecisionCardModel, t: Catalogue): AdaptiveCard {
  const d = t.records.decision;
  const body: CardElement[] = [];
  if (model.notice) body.push({ type: 'Container', style: 'emphasis', items: [textBlock(model.notice, { weight: 'Bolder' })] });
  body.push(textBlock(plain(d.heading({ ref: refText(t, model.ref) })), { size: 'Medium', weight: 'Bolder', style: 'heading' }));
  const statusColor = model.status === 'valid' ? 'Good' : 'Attention';
  body.push(tag(t.records.decisionStatus[model.status], statusColor));
  if (!model.final && model.status === 'valid') body.push(tag(t.records.preliminary, 'Warning'));
  body.push({ ...userText(model.text, model.status === 'valid' ? {} : { strikethrough: true }), spacing: 'Medium' });

  const facts: [string, string][] = [[d.decidedAt, plain(model.decidedOn)]];
  if (model.origin.kind === 'meeting') {
    facts.push([d.meeting, plain(model.origin.meetingTitle)]);
    if (model.origin.agendaItemTitle) facts.push([d.agendaItem, plain(model.origin.agendaItemTitle)]);
  } else {
    facts.push([d.meeting, d.perCapsulam]);
  }
  body.push(factSet(facts));
  // Only what people typed (and dates) is escaped; the catalogue's own wording may use markdown.
  if (model.withdrawal) body.push(textBlock(d.withdrawn({ reason: plain(model.withdrawal.reason), date: plain(model.withdrawal.date) }), { color: 'Attention' }));
  if (model.supersededBy) body.push(textBlock(d.supersededBy({ ref: refText(t, model.supersededBy) }), { color: 'Attention' }));
  if (model.supersedes) body.push(textBlock(d.supersedes({ ref: refText(t, model.supersedes) })));
  if (model.corrections > 0) body.push(textBlock(d.corrected({ count: model.corrections }), { isSubtle: true, size: 'Small' }));

  if (model.needs.length > 0) {
    body.push(textBlock(d.needs, { weight: 'Bolder', spacing: 'Medium' }));
    for (const n of model.needs) body.push(textBlock(d.need({ number: n.number, title: plain(cut(n.title, NEED_TITLE_MAX)) }), { spacing: 'None' }));
  }
  if (model.actions.length > 0) {
    body.push(textBlock(d.actions, { weight: 'Bolder', spacing: 'Medium' }));
    for (const a of model.actions) {
      const line = d.action({ title: plain(a.title), owner: plain(a.ownerName), due: plain(a.due) });
      body.push(textBlock(a.done ? `${line} (${d.actionDone})` : line, { spacing: 'None', ...(a.done ? { isSubtle: true } : {}) }));
    }
  }
  const actions = model.needs.slice(0, NEED_BUTTONS).map((n) => execute(d.showNeed({ number: n.number }), needsVerbs.show, { number: n.number }));
  return adaptiveCard(body, actions);
}
