import { adaptiveCard, heading, textBlock, type AdaptiveCard } from './adaptive-card.js';

export interface CompositionCardModel {
  title: string;
  /** Empty: the roster follows the agreement. */
  deviations: string[];
  allGood: string;
  deviationsIntro: string;
  /** Gaps that terms of office ending soon will open (issue #15), one line each; with their heading. */
  upcoming?: { intro: string; lines: string[] };
}

export function compositionCard(model: CompositionCardModel): AdaptiveCard {
  const upcoming = model.upcoming && model.upcoming.lines.length > 0
    ? [textBlock(model.upcoming.intro, { color: 'Warning' }), ...model.upcoming.lines.map((d) => textBlock(`• ${d}`, { spacing: 'Small' }))]
    : [];
  if (model.deviations.length === 0) return adaptiveCard([heading(model.title), textBlock(`✅ ${model.allGood}`), ...upcoming]);
  return adaptiveCard([
    heading(model.title),
    textBlock(model.deviationsIntro, { color: 'Attention' }),
    ...model.deviations.map((d) => textBlock(`• ${d}`, { spacing: 'Small' })),
    ...upcoming,
  ]);
}
