import type { DecisionRef } from '../domain/records/decision.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { plain as plainText, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';

/**
 * Pieces shared by the meeting-records cards. Teams takes card payloads of about 28 KB on its strictest clients (the
 * figure the test validator checks); the records cards aim below it with room for what Teams wraps around a card.
 */
export const RECORDS_CARD_BYTES = 27 * 1024;

export const cardBytes = (card: unknown): number => new TextEncoder().encode(JSON.stringify(card)).length;

/** "Programrådet 2027 § 4" in the viewer's language. */
export const refText = (t: Catalogue, ref: DecisionRef): string =>
  t.records.decisionRef({ body: t.records.bodies[ref.body], year: ref.year, number: ref.number });

/** A constituency's display name ("Västmanland"), or the key itself when the catalogue does not know it. */
export const constituencyName = (t: Catalogue, constituency: string): string => t.records.constituencies[constituency] ?? constituency;

/** Cuts text to `max` characters (not UTF-16 units), with an ellipsis when cut. */
export function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, Math.max(1, max - 1)).join('')}…` : text;
}

/** A small bold label, e.g. "Sen handling". */
export const tag = (text: string, color: 'Attention' | 'Good' | 'Warning' | 'Accent' | 'Default' = 'Attention'): CardElement =>
  textBlock(text, { size: 'Small', weight: 'Bolder', color, spacing: 'None' });

/**
 * Builds a card at the first level of detail that keeps it under RECORDS_CARD_BYTES: levels run from the most text
 * (whole texts) to the least; the last level is used when none fits (the tests check that it does for the worst case
 * the limits allow). `build` says whether it left anything out, so the card can say so.
 */
export function fitCard<L>(levels: readonly L[], build: (level: L) => { card: AdaptiveCard; shortened: boolean }): { card: AdaptiveCard; shortened: boolean } {
  if (levels.length === 0) throw new Error('fitCard needs at least one level');
  let built = build(levels[0] as L);
  for (let i = 1; i < levels.length && cardBytes(built.card) > RECORDS_CARD_BYTES; i++) built = build(levels[i] as L);
  return built;
}

/** Markdown link text in a TextBlock: the title escaped, the URL with the characters that would end the link encoded. */
export const markdownLink = (title: string, url: string): string =>
  // encodeURIComponent leaves ( ) alone, and they would end the link: encode those by hand.
  `[${plainText(title)}](${url.replace(/[\s()<>[\]\\"`]/gu, (c) => (/\s/u.test(c) ? encodeURIComponent(c) : `%${c.charCodeAt(0).toString(16).toUpperCase()}`))})`;
