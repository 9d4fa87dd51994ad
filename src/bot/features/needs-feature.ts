import type { BotFeature } from '../feature.js';

/** The needs feature's routes (chat text, card actions, help entries, downloads, jobs). */
export function needsFeature(): BotFeature {
  return { name: 'needs' };
}
