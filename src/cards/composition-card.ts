import { adaptiveCard, heading, textBlock, type AdaptiveCard } from './adaptive-card.js';

export interface CompositionCardModel {
  title: string;
  /** Empty: the roster follows the agreement. */
  deviations: string[];
  allGood: string;
  deviationsIntro: string;
}

export function compositionCard(model: CompositionCardModel): AdaptiveCard {
  if (model.deviations.length === 0) return adaptiveCard([heading(model.title), textBlock(`✅ ${model.allGood}`)]);
  return adaptiveCard([
    heading(model.title),
    textBlock(model.deviationsIntro, { color: 'Attention' }),
    ...model.deviations.map((d) => textBlock(`• ${d}`, { spacing: 'Small' })),
  ]);
}
