import { adaptiveCard, heading, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';

export interface AuditCardRow {
  /** Stockholm time, formatted. */
  when: string;
  actor: string;
  action: string;
  subject: string;
  /** "field: from → to", as recorded (may hold text people typed: shown as TextRuns, never as markdown). */
  changes: string[];
}

export interface AuditCardModel {
  title: string;
  intro: string;
  rows: readonly AuditCardRow[];
}

/** The audit record, newest first: who did what, when, and what changed ("logg", leadership only). */
export function auditCard(model: AuditCardModel): AdaptiveCard {
  const body: CardElement[] = [heading(model.title), textBlock(model.intro, { isSubtle: true, spacing: 'None' })];
  for (const row of model.rows) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        textBlock(`**${plain(row.when)}** · ${plain(row.actor)} · ${plain(row.action)}`),
        textBlock(plain(row.subject), { isSubtle: true, spacing: 'None' }),
        ...row.changes.map((c) => ({ ...userText(c, { size: 'Small' }), spacing: 'None' })),
      ],
    });
  }
  return adaptiveCard(body);
}
