import { sv } from './sv.js';
import { en } from './en.js';
import type { Catalogue } from './shape.js';

/**
 * Every user-facing string lives in one catalogue per language (sv.ts, en.ts), assembled from one
 * section per feature. Swedish is the default; English when the Teams locale starts with "en".
 */
export type { Catalogue };
export type Locale = 'sv' | 'en';

export const catalogues: Record<Locale, Catalogue> = { sv, en };

export function localeFrom(activityLocale: string | undefined | null): Locale {
  return activityLocale?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}

export const catalogueFor = (locale: Locale): Catalogue => catalogues[locale];
