import type { RecordsRepository } from '../../app/repositories.js';
import type { StoreDocument } from '../schema.js';
import { RECORDS_SENT_KEYS_LIMIT } from '../sections/records.js';

function put<T>(list: T[], item: T, same: (x: T) => boolean): void {
  const i = list.findIndex(same);
  if (i >= 0) list[i] = item;
  else list.push(item);
}

/** The records section of the document as a repository (src/app/repositories.ts). */
export function recordsRepository(doc: StoreDocument): RecordsRepository {
  const r = doc.records;
  let sent: Set<string> | undefined;
  return {
    meeting: (id) => doc.meetings.meetings.find((m) => m.id === id),
    meetings: () => doc.meetings.meetings,
    needs: () => doc.needs.needs,
    record: (meetingId) => r.records.find((x) => x.meetingId === meetingId),
    records: () => r.records,
    putRecord: (record) => put(r.records, record, (x) => x.meetingId === record.meetingId),
    decisions: () => r.decisions,
    putDecision: (decision) => put(r.decisions, decision, (x) => x.id === decision.id),
    actions: () => r.actions,
    putAction: (action) => put(r.actions, action, (x) => x.id === action.id),
    procedures: () => r.perCapsulam,
    putProcedure: (procedure) => put(r.perCapsulam, procedure, (x) => x.id === procedure.id),
    nextId(prefix) {
      r.seq += 1;
      return `${prefix}${r.seq}`;
    },
    sentKeys: () => (sent ??= new Set(r.sentKeys)),
    markSent(keys) {
      const known = (sent ??= new Set(r.sentKeys));
      for (const k of keys) {
        if (known.has(k)) continue;
        known.add(k);
        r.sentKeys.push(k);
      }
      if (r.sentKeys.length > RECORDS_SENT_KEYS_LIMIT) r.sentKeys.splice(0, r.sentKeys.length - RECORDS_SENT_KEYS_LIMIT);
    },
  };
}
