import type { DecisionRef } from '../domain/records/decision.js';
import { RECORD_LIMITS } from '../domain/records/common.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, errorBlock, execute, plain, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { cut, refText } from './records-card-parts.js';
import { decisionInputIds, recordsVerbs } from './records-verbs.js';

export interface DecisionFormCardModel {
  meetingId: string;
  meetingTitle: string;
  /** Pre-formatted, Stockholm time. */
  when: string;
  /** The number the next decision will get (nextDecisionNumber), so the secretary can cite it. */
  next: DecisionRef;
  agendaItems: ReadonlyArray<{ itemId: string; title: string }>;
  /** Decisions already recorded at the meeting, with a button to add an action to each. */
  taken: ReadonlyArray<{ decisionId: string; ref: DecisionRef; text: string; status: 'valid' | 'withdrawn' | 'superseded' }>;
  /** What was typed, kept when the form comes back with a problem. */
  values?: { text?: string | undefined; item?: string | undefined; needs?: string | undefined } | undefined;
  problems?: readonly string[] | undefined;
  notice?: string | undefined;
}

/** Decisions listed under the form, newest last; the excerpt keeps the form within Teams' card size. */
const TAKEN_MAX = 12;
const EXCERPT = 120;

/**
 * Leadership records a decision taken at the meeting: its text, the agenda item and the needs it concerns (by number).
 * The form says which number the decision will get; below it, the decisions already recorded, each with a button for
 * a new action.
 */
export function decisionFormCard(model: DecisionFormCardModel, t: Catalogue): AdaptiveCard {
  const f = t.records.decisionForm;
  const v = model.values ?? {};
  const body: CardElement[] = [];
  if (model.notice) body.push({ type: 'Container', style: 'emphasis', items: [textBlock(model.notice, { weight: 'Bolder' })] });
  body.push(textBlock(f.heading, { size: 'Medium', weight: 'Bolder', style: 'heading' }));
  body.push(textBlock(plain(f.meeting({ title: model.meetingTitle, when: model.when })), { isSubtle: true, spacing: 'None' }));
  body.push(textBlock(f.next({ ref: refText(t, model.next) }), { spacing: 'Small' }));
  for (const p of model.problems ?? []) body.push(errorBlock(p));
  const items = [{ title: f.noItem, value: '' }, ...model.agendaItems.map((a, i) => ({ title: `${i + 1}. ${cut(a.title, 60)}`, value: a.itemId }))];
  body.push(
    { type: 'Input.Text', id: decisionInputIds.text, label: f.text, placeholder: f.textPlaceholder, isMultiline: true, maxLength: RECORD_LIMITS.decisionText, ...(v.text ? { value: v.text } : {}) },
    { type: 'Input.ChoiceSet', id: decisionInputIds.item, label: f.item, style: items.length > 15 ? 'filtered' : 'compact', value: v.item ?? '', choices: items },
    { type: 'Input.Text', id: decisionInputIds.needs, label: f.needs, maxLength: 200, ...(v.needs ? { value: v.needs } : {}) },
  );
  const actions: CardElement[] = [execute(f.submit, recordsVerbs.recordDecision, { meetingId: model.meetingId }, { style: 'positive' })];

  const taken = model.taken.slice(-TAKEN_MAX);
  if (taken.length > 0) body.push(textBlock(f.taken, { weight: 'Bolder', spacing: 'Large', separator: true }));
  for (const d of taken) {
    const struck = d.status !== 'valid';
    body.push({
      type: 'Container',
      spacing: 'Small',
      items: [
        {
          type: 'RichTextBlock',
          inlines: [
            { type: 'TextRun', text: `${refText(t, d.ref)}${struck ? ` (${t.records.decisionStatus[d.status]})` : ''}: `, weight: 'Bolder' },
            { type: 'TextRun', text: cut(d.text.replace(/\s+/g, ' '), EXCERPT), ...(struck ? { strikethrough: true } : {}) },
          ],
        },
        {
          type: 'ActionSet',
          actions: [
            execute(t.records.decision.open, recordsVerbs.decision, { decisionId: d.decisionId }),
            ...(struck ? [] : [execute(f.newAction, recordsVerbs.actionForm, { decisionId: d.decisionId })]),
          ],
        },
      ],
    });
  }
  return adaptiveCard(body, actions);
}
