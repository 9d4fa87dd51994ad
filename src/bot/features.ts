import type { BotFeature } from './feature.js';
import { coreFeature } from './features/core-feature.js';

/** Every feature of the bot, in the order their text routes are tried. */
export function allFeatures(): BotFeature[] {
  const features: BotFeature[] = [];
  const core = coreFeature(
    () => features.flatMap((f) => f.help ?? []),
    () => features.flatMap((f) => f.text ?? []),
  );
  features.push(core);
  return features;
}
