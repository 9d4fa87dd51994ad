import { refused, type Outcome } from '../kernel.js';
import type { Repositories } from '../repositories.js';
import type { RecordsDeps } from './common.js';
import { DEFAULT_RECORDS_CONFIG, pendingRecordNotices, type RecordsConfig } from './deliveries.js';

export interface RecordsWriteDeps extends RecordsDeps {
  config?: RecordsConfig | undefined;
}

/** Carries a refusal out of a write, so that nothing `fn` touched before refusing (an id drawn, say) is committed. */
class RefusedWrite {
  constructor(readonly refusal: { ok: false }) {}
}

/**
 * One commit of a records use case: `fn` decides and changes; on success the outcome carries every message the
 * records now owe (pendingRecordNotices, from the state just written). A refusal commits nothing at all (the unit of
 * work undoes a write that throws). A repeated activity id changes nothing and is answered 'duplicate' (the channel
 * shows the current state).
 */
export async function recordsWrite<V, R extends string, F extends { ok: false; reason: R } = { ok: false; reason: R }>(
  deps: RecordsWriteDeps,
  activityId: string | undefined,
  now: Date,
  fn: (repos: Repositories) => { ok: true; value: V } | F,
): Promise<Outcome<V, R | 'duplicate'> | F> {
  let written;
  try {
    written = await deps.uow.write(activityId, (repos): Outcome<V, R> => {
      const r = fn(repos);
      if (!r.ok) throw new RefusedWrite(r);
      return { ok: true, value: r.value, notices: pendingRecordNotices(repos, now, deps.config ?? DEFAULT_RECORDS_CONFIG) };
    });
  } catch (err) {
    if (err instanceof RefusedWrite) return err.refusal as F;
    throw err;
  }
  if (written.duplicate) return refused('duplicate');
  return written.result;
}

export const ok = <V>(value: V): { ok: true; value: V } => ({ ok: true, value });
