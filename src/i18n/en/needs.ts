import type { Catalogue } from '../catalogue.js';

/** English strings for the needs feature; same keys as the Swedish section. */
export const needs: Catalogue['needs'] = {
  placeholder: '',
};
