import type { AuditEntry } from '../audit.js';
import type { Meeting } from '../meetings/meeting.js';
import type { Need } from '../needs/need.js';
import type { NeedsRound } from '../needs/rounds.js';
import type { Person } from '../people.js';
import { exportSections, type ExportSection } from './inventory.js';

/**
 * "My data" (GDPR Art. 15): everything the store holds about one person, section by section (inventory.ts names the
 * sections and which record kinds feed them). The same JSON is what `npm run admin -- person export` prints; the
 * spreadsheet is the same data flattened into rows (`exportRows`).
 */
export const EXPORT_FORMAT = 'stark-personal-data';
export const EXPORT_VERSION = 1;

/** The records of the store as the export reads them: domain records where there is a domain type, else plain JSON. */
export interface StoredRecords {
  people: readonly Person[];
  needs: readonly Need[];
  rounds: readonly NeedsRound[];
  pendingNeedMessages: readonly unknown[];
  meetings: readonly Meeting[];
  reminderKeys: readonly string[];
  cadenceKeys: readonly string[];
  /** Term-end reminders sent (issue #15), one key per term, stage and recipient. */
  termReminderKeys?: readonly string[];
  pendingMeetingMessages: readonly unknown[];
  meetingCards: readonly unknown[];
  audit: readonly AuditEntry[];
  conversationRefs: Readonly<Record<string, unknown>>;
  preferences: Readonly<Record<string, unknown>>;
  outbox: readonly unknown[];
  /** Date polls (polls.polls), as stored. */
  polls: readonly unknown[];
  /** Meeting records, decisions and per capsulam procedures (records.*), as stored. */
  meetingRecords: readonly unknown[];
  actions: readonly unknown[];
  /** Delivery keys of the polls and records features. */
  otherKeys: readonly string[];
  /** The Outlook events' sync state (calendar.events): attendees by e-mail. */
  calendarEvents: readonly unknown[];
}

/**
 * The parts of a record that are about the person: a value that names them (by id or e-mail) is kept with its plain
 * fields (the record's title, dates, its own text), and of its lists and nested records only the parts that again
 * name them — so a poll shows their own answer and not their colleagues', a meeting record their own attendance
 * line. Undefined when nothing in the record names them.
 */
export function ownParts(value: unknown, keys: readonly string[]): unknown {
  const wanted = new Set(keys.filter(Boolean).map((k) => k.toLowerCase()));
  const names = (v: unknown): boolean => typeof v === 'string' && wanted.has(v.toLowerCase());
  const walk = (v: unknown): unknown => {
    if (names(v)) return v;
    if (Array.isArray(v)) {
      const kept = v.map(walk).filter((x) => x !== undefined);
      return kept.length > 0 ? kept : undefined;
    }
    if (v === null || typeof v !== 'object' || v instanceof Date) return undefined;
    const entries = Object.entries(v);
    const direct = entries.some(([, x]) => names(x));
    const nested = entries.flatMap(([k, x]) => (x !== null && typeof x === 'object' && !(x instanceof Date) ? [[k, walk(x)] as const] : [])).filter(([, x]) => x !== undefined);
    if (!direct && nested.length === 0) return undefined;
    const plain = entries.filter(([, x]) => x === null || typeof x !== 'object' || x instanceof Date);
    return Object.fromEntries([...plain, ...nested]);
  };
  return walk(value);
}

export interface PersonalDataExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  personId: string;
  generatedAt: string;
  sections: Record<ExportSection, unknown[]>;
}

/** True when any string in `value` (keys included) contains the id: how technical records (keys, queued cards) are matched. */
export function mentions(value: unknown, personId: string): boolean {
  const id = personId.toLowerCase();
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string') return v.toLowerCase().includes(id);
    if (Array.isArray(v)) return v.some(walk);
    if (v !== null && typeof v === 'object' && !(v instanceof Date)) return Object.entries(v).some(([k, item]) => k.toLowerCase().includes(id) || walk(item));
    return false;
  };
  return walk(value);
}

const summary = (need: Need) => ({ number: need.number, title: need.title, organisationId: need.organisationId, round: need.round, status: need.state.status });

export function assembleExport({ personId, records, now }: { personId: string; records: StoredRecords; now: Date }): PersonalDataExport {
  const id = personId.toLowerCase();
  const person = records.people.find((p) => p.aadObjectId === id);
  const sections = Object.fromEntries(exportSections.map((s) => [s, [] as unknown[]])) as Record<ExportSection, unknown[]>;
  if (person) sections.roster.push(person);
  for (const need of records.needs) {
    if (need.submittedBy === id) sections.needsSubmitted.push(need);
    else if (person && (need.contact.name === person.name || (person.email && need.contact.email === person.email))) sections.needsSubmitted.push(need);
    const support = need.supports.find((s) => s.by === id);
    if (support) sections.needsSupported.push({ ...summary(need), support });
    const handled = need.history.filter((h) => h.by === id && h.event !== 'submitted');
    if (handled.length > 0) sections.needsHandled.push({ ...summary(need), history: handled });
  }
  sections.needsRoundsOpened.push(...records.rounds.filter((r) => r.openedBy === id));
  sections.pendingNeedMessages.push(...records.pendingNeedMessages.filter((m) => mentions(m, id)));
  for (const m of records.meetings) {
    const invitee = m.invitees.find((i) => i.personId === id);
    const removed = m.removed.find((r) => r.personId === id);
    if (invitee || removed) sections.meetingsInvited.push({ meetingId: m.id, type: m.type, title: m.title, start: m.start, end: m.end, status: m.status, ...(invitee ? { invitation: invitee } : {}), ...(removed ? { removedFromList: removed } : {}) });
    if (m.organiserId === id || m.invitees.some((i) => i.addedBy === id) || m.removed.some((r) => r.removedBy === id)) {
      sections.meetingsOrganised.push({ meetingId: m.id, title: m.title, start: m.start, organiser: m.organiserId === id, added: m.invitees.filter((i) => i.addedBy === id).length, removed: m.removed.filter((r) => r.removedBy === id).length });
    }
  }
  sections.remindersSent.push(...[...records.reminderKeys, ...records.cadenceKeys, ...(records.termReminderKeys ?? [])].filter((k) => mentions(k, id)).map((key) => ({ key })));
  sections.pendingMeetingMessages.push(...records.pendingMeetingMessages.filter((m) => mentions(m, id)));
  sections.meetingCards.push(...records.meetingCards.filter((c) => mentions(c, id)));
  for (const e of records.audit) {
    if (e.actorId === id) sections.auditAsActor.push(e);
    else if (e.subject.id.toLowerCase() === id || e.changes.some((c) => mentions(c, id) || (person !== undefined && [c.from, c.to].some((v) => v?.includes(person.name))))) sections.auditAsSubject.push(e);
  }
  const ref = records.conversationRefs[id];
  if (ref !== undefined) sections.conversationReference.push(ref);
  const prefs = records.preferences[id];
  if (prefs !== undefined) sections.preferences.push(prefs);
  sections.outbox.push(...records.outbox.filter((e) => mentions(e, id)));
  const theirs = [id, ...(person?.email ? [person.email] : [])];
  const own = (list: readonly unknown[]) => list.map((r) => ownParts(r, theirs)).filter((r) => r !== undefined);
  sections.pollAnswers.push(...own(records.polls));
  sections.meetingRecords.push(...own(records.meetingRecords));
  sections.actions.push(...own(records.actions));
  sections.calendarEvents.push(...own(records.calendarEvents));
  sections.remindersSent.push(...records.otherKeys.filter((k) => mentions(k, id)).map((key) => ({ key })));
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, personId: id, generatedAt: now.toISOString(), sections };
}

export interface ExportRow {
  section: ExportSection;
  /** 1-based: the record's place in its section. */
  item: number;
  /** The field's path in the record, e.g. "invitation.answer.comment". */
  field: string;
  value: string;
}

/** The export as rows for a spreadsheet: one row per leaf value, instants and all as they are stored. */
export function exportRows(data: PersonalDataExport): ExportRow[] {
  const rows: ExportRow[] = [];
  for (const section of exportSections) {
    data.sections[section].forEach((record, i) => {
      const walk = (v: unknown, path: string) => {
        if (v === undefined) return;
        if (v === null || typeof v !== 'object' || v instanceof Date) {
          rows.push({ section, item: i + 1, field: path || '(value)', value: v instanceof Date ? v.toISOString() : String(v) });
          return;
        }
        const entries = Array.isArray(v) ? v.map((x, j) => [String(j + 1), x] as const) : Object.entries(v);
        for (const [k, x] of entries) walk(x, path ? `${path}.${k}` : k);
      };
      walk(record, '');
    });
  }
  return rows;
}
