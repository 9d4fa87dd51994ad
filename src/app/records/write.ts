import { refused, type Outcome } from '../kernel.js';
import type { Repositories } from '../repositories.js';
import type { RecordsDeps } from './common.js';
import { DEFAULT_RECORDS_CONFIG, pendingRecordNotices, type RecordsConfig } from './deliveries.js';

export interface RecordsWriteDeps extends RecordsDeps {
  config?: RecordsConfig | undefined;
}

/**
 * One commit of a records use case: `fn` decides and changes; on success the outcome carries every message the
 * records now owe (pendingRecordNotices, from the state just written). A repeated activity id changes nothing and is
 * answered 'duplicate' (the channel shows the current state).
 */
export async function recordsWrite<V, R extends string>(
  deps: RecordsWriteDeps,
  activityId: string | undefined,
  now: Date,
  fn: (repos: Repositories) => { ok: true; value: V } | { ok: false; reason: R },
): Promise<Outcome<V, R | 'duplicate'>> {
  const written = await deps.uow.write(activityId, (repos): Outcome<V, R> => {
    const r = fn(repos);
    if (!r.ok) return r;
    return { ok: true, value: r.value, notices: pendingRecordNotices(repos, now, deps.config ?? DEFAULT_RECORDS_CONFIG) };
  });
  if (written.duplicate) return refused('duplicate');
  return written.result;
}

export const ok = <V>(value: V): { ok: true; value: V } => ({ ok: true, value });
