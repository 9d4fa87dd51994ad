import type { SimilarNeeds } from '../app/needs/ports.js';
import { NeedSimilarityIndex, toSimilarityDoc } from '../domain/needs/similarity.js';
import type { Store } from './store.js';

/**
 * One similarity index per running bot, built from the store on first use and kept up to date by the needs use cases
 * after every change (submit, edit, transition, merge — the merge target too). Keyed by the Store, so two bots in one
 * process (tests) never share an index.
 */
const indexes = new WeakMap<Store, NeedSimilarityIndex>();

function similarityIndex(store: Store): NeedSimilarityIndex {
  let index = indexes.get(store);
  if (!index) {
    index = new NeedSimilarityIndex(store.doc.needs.needs.map(toSimilarityDoc));
    indexes.set(store, index);
  }
  return index;
}

/** The needs' similarity search over this store (src/app/needs/ports.ts). */
export function similarNeedsOf(store: Store): SimilarNeeds {
  return {
    find: (query) => similarityIndex(store).findSimilar(query),
    changed(needs) {
      const index = indexes.get(store);
      // Not built yet: it will be built from the store, changes included, on first use.
      if (!index) return;
      for (const need of needs) if (need) index.upsert(toSimilarityDoc(need));
    },
  };
}
