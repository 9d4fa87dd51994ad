import type { Messenger, OutgoingMessage, SendReport } from './messenger.js';
import type { TeamsTransport } from './teams-transport.js';
import type { Logger } from './logger.js';

/** Sends at once, one after the other (replaced by the paced, persistent outbound queue). */
export function createMessenger({ transport, log }: { transport: TeamsTransport; log: Logger }): Messenger & { drain(): Promise<void>; stop(): Promise<void> } {
  return {
    canReach: (personId) => transport.canReach(personId),
    async send(messages: OutgoingMessage[]): Promise<SendReport> {
      const report: SendReport = { queued: [], unreachable: [] };
      for (const m of messages) {
        if (!transport.canReach(m.personId)) {
          report.unreachable.push(m.personId);
          continue;
        }
        try {
          await transport.deliver(m.personId, m.message);
          report.queued.push(m.key);
        } catch (err) {
          log.warn('messenger.failed', { key: m.key, error: err instanceof Error ? err.name : 'unknown' });
          report.unreachable.push(m.personId);
        }
      }
      return report;
    },
    drain: async () => undefined,
    stop: async () => undefined,
  };
}
