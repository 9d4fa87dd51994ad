import type { NeedsRepository } from '../../app/repositories.js';
import type { StoreDocument } from '../schema.js';
import { SUBMISSION_LIMIT, type PendingNeedMessage } from '../sections/needs.js';

/** One message per need, change (its history entry) and person: the messenger sends a key once only. */
export const needMessageKey = (number: number, historyIndex: number, personId: string): string => `need:${number}:${historyIndex}:${personId}`;

export function needsRepository(doc: StoreDocument): NeedsRepository {
  const s = doc.needs;
  return {
    get: (number) => s.needs.find((n) => n.number === number),
    all: () => s.needs,
    put(need) {
      const i = s.needs.findIndex((n) => n.number === need.number);
      if (i >= 0) s.needs[i] = need;
      else s.needs.push(need);
    },
    rounds: () => s.rounds,
    addRound: (round) => void s.rounds.push(round),
    submission(id) {
      const seen = s.submissions.find((x) => x.id === id);
      return seen ? { number: seen.number, round: seen.round } : undefined;
    },
    recordSubmission(id, number, round) {
      s.submissions.push({ id, number, round });
      if (s.submissions.length > SUBMISSION_LIMIT) s.submissions.splice(0, s.submissions.length - SUBMISSION_LIMIT);
    },
    queueMessages(need, notify) {
      const historyIndex = need.history.length - 1;
      const messages: PendingNeedMessage[] = notify.people.map((personId) => ({ key: needMessageKey(need.number, historyIndex, personId), personId, number: need.number, historyIndex }));
      s.pending.push(...messages.filter((m) => !s.pending.some((p) => p.key === m.key)));
      return messages.length;
    },
  };
}
