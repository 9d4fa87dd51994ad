import { adaptiveCard, execute, heading, plain, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';

export interface HelpCardModel {
  title: string;
  intro: string;
  /** Who the person is (personal chat only; a group's help card names no one). */
  roles?: string | undefined;
  entries: ReadonlyArray<{ command: string; text: string }>;
  footer: string;
  /** The button that switches the bot to the other language. */
  otherLanguage: { title: string; language: 'sv' | 'en' };
}

/** What this person can do, given their roles: one row per command, each a button that runs it. */
export function helpCard(model: HelpCardModel): AdaptiveCard {
  const rows: CardElement[] = model.entries.map((e) => ({
    type: 'ColumnSet',
    spacing: 'Small',
    selectAction: execute(e.command, 'help.run', { command: e.command }),
    columns: [
      { type: 'Column', width: 'auto', items: [textBlock(`**${plain(e.command)}**`)] },
      { type: 'Column', width: 'stretch', items: [textBlock(plain(e.text), { isSubtle: true })] },
    ],
  }));
  return adaptiveCard([heading(plain(model.title)), ...(model.roles ? [textBlock(plain(model.roles), { isSubtle: true, spacing: 'None' })] : []), textBlock(model.intro), ...rows, textBlock(model.footer, { isSubtle: true, size: 'Small', spacing: 'Medium' })], [
    execute(model.otherLanguage.title, 'core.language', { language: model.otherLanguage.language }),
  ]);
}
