/**
 * Shared shapes and small builders for Adaptive Cards. Teams renders schema 1.5 at most
 * (see docs/teams-platform notes), so every card declares 1.5.
 */
export const CARD_VERSION = '1.5';

export interface CardElement {
  type: string;
  [key: string]: unknown;
}

export interface ExecuteAction extends CardElement {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: typeof CARD_VERSION;
  body: CardElement[];
  actions?: CardElement[];
  /** Universal Actions refresh: Teams asks the bot for each listed user's own view (at most 60 ids). */
  refresh?: { action: ExecuteAction; userIds?: string[] };
  msteams?: { width?: 'Full' };
}

export function adaptiveCard(body: CardElement[], actions: CardElement[] = [], extra: Pick<AdaptiveCard, 'refresh'> = {}): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...extra,
  };
}

/**
 * Escapes text so Teams' TextBlock markdown shows it literally. Use for anything a person typed
 * (need titles, comments, names) that lands in a TextBlock or FactSet.
 */
export function plain(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/([\\`*_{}[\]()#|~<>])/g, '\\$1')
    .replace(/^([ \t]*)([-+]|\d+\.)([ \t])/gm, (_m, sp: string, marker: string, after: string) =>
      `${sp}${marker.endsWith('.') ? `${marker.slice(0, -1)}\\.` : `\\${marker}`}${after}`,
    );
}

export const textBlock = (text: string, options: Record<string, unknown> = {}): CardElement => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...options,
});

export const heading = (text: string): CardElement => textBlock(text, { size: 'Medium', weight: 'Bolder', style: 'heading' });

/** A person's own text as a TextRun: TextRuns are never parsed as markdown, so nothing they typed is interpreted. */
export const userText = (text: string, options: Record<string, unknown> = {}): CardElement => ({
  type: 'RichTextBlock',
  inlines: [{ type: 'TextRun', text: text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''), ...options }],
});

export const factSet = (facts: ReadonlyArray<readonly [string, string]>): CardElement => ({
  type: 'FactSet',
  facts: facts.map(([title, value]) => ({ title, value })),
});

export const execute = (title: string, verb: string, data: Record<string, unknown> = {}, options: Record<string, unknown> = {}): ExecuteAction => ({
  type: 'Action.Execute',
  title,
  verb,
  data: { ...data, verb },
  ...options,
});

export const openUrl = (title: string, url: string): CardElement => ({ type: 'Action.OpenUrl', title, url });

/**
 * A file the bot offers: a URL (a signed link that works once, opened in the browser: local mode and the Agents
 * Playground) or a button that asks the bot to send the file into the personal chat (Teams: the file consent card).
 */
export type FileLink = string | { verb: string; data: Record<string, string> };

export const fileAction = (title: string, link: FileLink): CardElement => (typeof link === 'string' ? openUrl(title, link) : execute(title, link.verb, link.data));

/** An inline message shown at the top of a returned form: what went wrong, in the person's words. */
export const errorBlock = (text: string): CardElement => textBlock(text, { color: 'Attention', weight: 'Bolder' });
