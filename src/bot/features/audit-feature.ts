import { ADMIN_ACTOR, latestEntries, type AuditEntry } from '../../domain/audit.js';
import { formatStockholm } from '../../domain/time.js';
import { auditCard } from '../../cards/audit-card.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import type { Person } from '../../domain/people.js';
import { textRoute, type BotFeature, type Turn } from '../feature.js';

const AUDIT = /^(logg|loggen|log|audit|audit log|granskningslogg)$/i;
/** A card of 25 entries stays well under Teams' card size; older ones are in `npm run admin -- audit`. */
const SHOWN = 25;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
/** A recorded value as leadership reads it: instants in Stockholm time, anything else as recorded. */
const shown = (value: string | undefined): string => (value === undefined ? '–' : INSTANT.test(value) ? formatStockholm(new Date(value), 'yyyy-MM-dd HH:mm') : value);

/** One entry as the card shows it; values as recorded (instants in Stockholm time), the actor by name. */
export function auditRow(t: Catalogue, entry: AuditEntry, people: readonly Person[]) {
  const actor = entry.actorId === ADMIN_ACTOR ? t.core.audit.admin : (people.find((p) => p.aadObjectId === entry.actorId)?.name ?? t.core.audit.unknownActor);
  return {
    when: formatStockholm(new Date(entry.at), 'yyyy-MM-dd HH:mm'),
    actor,
    action: t.core.audit.actions[entry.action],
    subject: `${entry.subject.kind} ${entry.subject.id}`,
    changes: entry.changes.map((c) => `${c.field}: ${shown(c.from)} → ${shown(c.to)}`),
  };
}

function showAudit(turn: Turn): Promise<void> {
  if (!turn.can('audit.view')) return turn.reply(turn.t.core.notAllowed);
  const doc = turn.services.store.doc;
  const entries = latestEntries(doc.audit.entries, { limit: SHOWN });
  if (entries.length === 0) return turn.reply(turn.t.core.audit.none);
  return turn.reply(
    auditCard({
      title: turn.t.core.audit.title,
      intro: turn.t.core.audit.intro({ count: entries.length, total: doc.audit.entries.length }),
      rows: entries.map((e) => auditRow(turn.t, e, doc.people)),
    }),
  );
}

/**
 * "logg": the audit record for programme leadership, in personal chat only (it names people and what they did). The
 * same record, read-only and in full, is `npm run admin -- audit`.
 */
export function auditFeature(): BotFeature {
  return {
    name: 'audit',
    help: [{ action: 'audit.view', entry: (t) => t.core.audit.help }],
    text: [textRoute({ name: 'audit', visibility: 'personal', match: (text) => AUDIT.test(text), handle: showAudit })],
  };
}
