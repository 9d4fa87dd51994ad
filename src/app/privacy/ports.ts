import type { ErasureSubject } from '../../domain/privacy/erasure.js';

/** Rewrites the backups kept so that they no longer hold what erasure removed from the live store. */
export interface BackupEraser {
  erase(subject: ErasureSubject): Promise<{ files: number }>;
}

/** The outbound queue as erasure needs it: messages to the person that are queued in memory are dropped. */
export interface OutboundCanceller {
  forget(personId: string): Promise<number> | number;
}
