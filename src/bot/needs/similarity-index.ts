import { NeedSimilarityIndex, toSimilarityDoc } from '../../domain/needs/similarity.js';
import type { Need } from '../../domain/needs/need.js';
import type { Store } from '../../store/store.js';

/**
 * One similarity index per running bot, built from the store on first use and kept up to date by the needs
 * feature after every change (submit, edit, transition, merge — the merge target too). Keyed by the Store, so two
 * bots in one process (tests) never share an index.
 */
const indexes = new WeakMap<Store, NeedSimilarityIndex>();

export function similarityIndex(store: Store): NeedSimilarityIndex {
  let index = indexes.get(store);
  if (!index) {
    index = new NeedSimilarityIndex(store.doc.needs.needs.map(toSimilarityDoc));
    indexes.set(store, index);
  }
  return index;
}

/** After a change is applied: the changed needs' text and status, as the store now has them. */
export function reindex(store: Store, needs: ReadonlyArray<Need | undefined>): void {
  const index = indexes.get(store);
  // Not built yet: it will be built from the store, changes included, on first use.
  if (!index) return;
  for (const need of needs) if (need) index.upsert(toSimilarityDoc(need));
}
