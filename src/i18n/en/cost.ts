import type { Catalogue } from '../catalogue.js';

/** English strings for the cost feature; same keys as the Swedish section. */
export const cost: Catalogue['cost'] = {
  placeholder: '',
};
