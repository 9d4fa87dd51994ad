import type { RosterRepository } from '../../app/repositories.js';
import type { StoreDocument } from '../schema.js';

export function rosterRepository(doc: StoreDocument): RosterRepository {
  return {
    wasSent: (key) => doc.roster.sentKeys.includes(key),
    sentKeys: () => new Set(doc.roster.sentKeys),
    markSent(key) {
      if (!doc.roster.sentKeys.includes(key)) doc.roster.sentKeys.push(key);
    },
  };
}
