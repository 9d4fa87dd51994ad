import { adaptiveCard, heading, textBlock, type AdaptiveCard } from './adaptive-card.js';

export interface PrivacyNoticeModel {
  title: string;
  /** Catalogue paragraphs (markdown from the catalogue, nothing typed by a person). */
  paragraphs: readonly string[];
}

/** "Integritet": what the bot stores, why, for how long, the person's rights and whom to ask. Public. */
export function privacyNoticeCard(model: PrivacyNoticeModel): AdaptiveCard {
  return adaptiveCard([heading(model.title), ...model.paragraphs.map((p) => textBlock(p))]);
}
