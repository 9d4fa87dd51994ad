import type { BotFeature } from '../feature.js';

/** The meetings feature's routes (chat text, card actions, help entries, downloads, jobs). */
export function meetingsFeature(): BotFeature {
  return { name: 'meetings' };
}
