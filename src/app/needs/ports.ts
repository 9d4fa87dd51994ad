import type { Need } from '../../domain/needs/need.js';
import type { UnitOfWork } from '../unit-of-work.js';

/**
 * The needs' similarity search (src/domain/needs/similarity.ts), kept in memory by the backend beside the store: the
 * use cases ask it before a need is saved and tell it what changed after each commit.
 */
export interface SimilarNeeds {
  find(query: { title: string; description: string; round: number }): readonly { number: number }[];
  /** After a commit: the changed needs, as now stored (a merge changes its target too). */
  changed(needs: ReadonlyArray<Need | undefined>): void;
}

/** What every needs use case needs. */
export interface NeedsDeps {
  uow: UnitOfWork;
  similar: SimilarNeeds;
}
