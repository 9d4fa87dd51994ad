import type { Catalogue } from '../catalogue.js';

/** English strings for the meetings feature; same keys as the Swedish section. */
export const meetings: Catalogue['meetings'] = {
  placeholder: '',
};
