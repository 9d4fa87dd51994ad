import type { DecisionRef } from '../domain/records/decision.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, heading, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { cut, refText } from './records-card-parts.js';
import { recordsVerbs } from './records-verbs.js';

export interface DecisionsListItem {
  decisionId: string;
  ref: DecisionRef;
  text: string;
  /** Pre-formatted date of the decision. */
  decidedOn: string;
  status: 'valid' | 'withdrawn' | 'superseded';
  final: boolean;
}

export interface DecisionsListCardModel {
  /** The search as typed (after the command word); '' for the whole log. */
  query: string;
  /** Every match, in the order searchDecisions gives (newest first); the card shows one page. */
  items: readonly DecisionsListItem[];
  /** 0-based page. */
  page: number;
}

/**
 * Decisions per page. A row is at most about 1.2 KB of card JSON (the excerpt is cut to 300 characters, which JSON may
 * double); ten rows stay well under Teams' card size (tested with worst-case texts in decisions-list-card.test.ts).
 */
export const DECISIONS_PAGE_SIZE = 10;
const EXCERPT_MAX = 300;

/** Search results from the decisions log: one row per decision (reference, date, status, the start of its text). */
export function decisionsListCard(model: DecisionsListCardModel, t: Catalogue): AdaptiveCard {
  const l = t.records.decisionsList;
  const pages = Math.max(1, Math.ceil(model.items.length / DECISIONS_PAGE_SIZE));
  const page = Math.min(Math.max(0, Math.trunc(model.page)), pages - 1);
  const shown = model.items.slice(page * DECISIONS_PAGE_SIZE, (page + 1) * DECISIONS_PAGE_SIZE);
  const body: CardElement[] = [heading(l.heading)];
  if (model.query.trim() !== '') body.push(textBlock(plain(l.query({ query: cut(model.query.trim(), 200) })), { isSubtle: true, spacing: 'None' }));
  body.push(textBlock(l.count({ count: model.items.length }), { spacing: 'Small' }));
  if (model.items.length === 0) body.push(textBlock(l.none, { weight: 'Bolder' }), textBlock(l.hint, { isSubtle: true, size: 'Small' }));

  for (const d of shown) {
    const status = d.status !== 'valid' ? ` · ${t.records.decisionStatus[d.status]}` : !d.final ? ` · ${t.records.preliminary}` : '';
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Small',
      selectAction: execute(t.records.decision.open, recordsVerbs.decision, { decisionId: d.decisionId }),
      items: [
        textBlock(plain(`${refText(t, d.ref)} · ${d.decidedOn}`), { weight: 'Bolder' }),
        ...(status ? [textBlock(plain(status.slice(3)), { size: 'Small', spacing: 'None', color: d.status === 'valid' ? 'Warning' : 'Attention' })] : []),
        { ...userText(cut(d.text.replace(/\s+/g, ' '), EXCERPT_MAX), d.status === 'valid' ? { isSubtle: true } : { isSubtle: true, strikethrough: true }), spacing: 'None' },
      ],
    });
  }

  const actions: CardElement[] = [];
  const query = cut(model.query.trim(), 200);
  if (page > 0) actions.push(execute(l.previous, recordsVerbs.decisions, { query, page: page - 1 }));
  if (page < pages - 1) {
    actions.push(execute(l.next, recordsVerbs.decisions, { query, page: page + 1 }));
    body.push(textBlock(l.more({ count: model.items.length - (page + 1) * DECISIONS_PAGE_SIZE }), { isSubtle: true, spacing: 'Medium' }));
  }
  return adaptiveCard(body, actions);
}
