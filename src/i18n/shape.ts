import type { sv } from './sv.js';

/**
 * The shape of every catalogue: the Swedish one's. In its own file so that the language files (en.ts, en/*.ts) are
 * typed by it without importing catalogue.ts, which imports them (no import cycles, see docs/CONVENTIONS.md).
 */
export type Catalogue = typeof sv;
