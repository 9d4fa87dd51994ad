import type { BotFeature } from '../feature.js';

/** The cost feature's routes (chat text, card actions, help entries, downloads, jobs). */
export function costFeature(): BotFeature {
  return { name: 'cost' };
}
