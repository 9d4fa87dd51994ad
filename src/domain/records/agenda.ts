import { can } from '../permissions.js';
import { RECORD_LIMITS, checkText, cleanText, httpsUrlSchema, personIdSchema, recordIdSchema, sequenceId, type RecordActor } from './common.js';
import { isLocked, type AgendaItem, type MeetingRecord, type Paper, type PaperSource, type Presenter } from './record.js';

/**
 * Leadership builds the agenda (dagordning) and attaches papers (handlingar). Every change raises the record's
 * revision, so changes made after the notice can be announced (notice.ts). Nothing changes once the minutes are
 * approved (justerade).
 */

export type RecordEditRefusal = 'forbidden' | 'locked';

/** An agenda item as typed into a card: strings, cleaned and checked here. */
export interface AgendaItemInput {
  title: string;
  description?: string | undefined;
  /** A roster person presenting the item … */
  presenterId?: string | undefined;
  /** … or someone outside the roster, by name. When both are given the roster person wins. */
  presenterName?: string | undefined;
}

export type FieldProblem = { field: string; problem: 'required' | 'tooLong' | 'invalid'; max?: number };

export type AgendaItemResult =
  | { ok: true; record: MeetingRecord; item: AgendaItem }
  | { ok: false; reason: RecordEditRefusal | 'tooManyItems' | 'itemNotFound' }
  | { ok: false; reason: 'invalid'; errors: FieldProblem[] };

function guard(record: MeetingRecord, actor: RecordActor): RecordEditRefusal | undefined {
  if (!can(actor, 'records.manage')) return 'forbidden';
  if (isLocked(record)) return 'locked';
  return undefined;
}

const touched = (record: MeetingRecord, now: Date): Pick<MeetingRecord, 'revision' | 'updatedAt'> => ({
  revision: record.revision + 1,
  updatedAt: now.toISOString(),
});

function parseItem(input: AgendaItemInput): { ok: true; value: Omit<AgendaItem, 'id'> } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const title = cleanText(input.title, { max: RECORD_LIMITS.agendaTitle });
  const titleProblem = checkText(title, RECORD_LIMITS.agendaTitle);
  if (titleProblem) errors.push({ field: 'title', problem: titleProblem, ...(titleProblem === 'tooLong' ? { max: RECORD_LIMITS.agendaTitle } : {}) });
  const description = cleanText(input.description ?? '', { multiline: true, max: RECORD_LIMITS.agendaDescription });
  if (checkText(description, RECORD_LIMITS.agendaDescription) === 'tooLong') errors.push({ field: 'description', problem: 'tooLong', max: RECORD_LIMITS.agendaDescription });

  let presenter: Presenter | undefined;
  const presenterId = (input.presenterId ?? '').trim().toLowerCase();
  if (presenterId !== '') {
    if (personIdSchema.safeParse(presenterId).success) presenter = { personId: presenterId };
    else errors.push({ field: 'presenterId', problem: 'invalid' });
  } else {
    const name = cleanText(input.presenterName ?? '', { max: RECORD_LIMITS.guestName });
    if (checkText(name, RECORD_LIMITS.guestName) === 'tooLong') errors.push({ field: 'presenterName', problem: 'tooLong', max: RECORD_LIMITS.guestName });
    else if (name !== '') presenter = { name };
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { title, ...(description !== '' ? { description } : {}), ...(presenter ? { presenter } : {}) } };
}

/** Adds an item at the end of the agenda, or at `position` (0-based). */
export function addAgendaItem({
  record,
  item,
  position,
  actor,
  now,
}: {
  record: MeetingRecord;
  item: AgendaItemInput;
  position?: number | undefined;
  actor: RecordActor;
  now: Date;
}): AgendaItemResult {
  const refusal = guard(record, actor);
  if (refusal) return { ok: false, reason: refusal };
  if (record.agenda.length >= RECORD_LIMITS.agendaItems) return { ok: false, reason: 'tooManyItems' };
  const parsed = parseItem(item);
  if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
  const seq = record.seq + 1;
  const added: AgendaItem = { id: sequenceId('a', seq), ...parsed.value };
  const at = Math.max(0, Math.min(position ?? record.agenda.length, record.agenda.length));
  const agenda = [...record.agenda.slice(0, at), added, ...record.agenda.slice(at)];
  return { ok: true, record: { ...record, seq, agenda, ...touched(record, now) }, item: added };
}

/** Changes an item's title, description or presenter. Saving it unchanged changes nothing (no new revision). */
export function updateAgendaItem({
  record,
  itemId,
  item,
  actor,
  now,
}: {
  record: MeetingRecord;
  itemId: string;
  item: AgendaItemInput;
  actor: RecordActor;
  now: Date;
}): AgendaItemResult {
  const refusal = guard(record, actor);
  if (refusal) return { ok: false, reason: refusal };
  const old = record.agenda.find((a) => a.id === itemId);
  if (!old) return { ok: false, reason: 'itemNotFound' };
  const parsed = parseItem(item);
  if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
  const updated: AgendaItem = { id: old.id, ...parsed.value };
  if (JSON.stringify(updated) === JSON.stringify(old)) return { ok: true, record, item: old };
  return { ok: true, record: { ...record, agenda: record.agenda.map((a) => (a.id === itemId ? updated : a)), ...touched(record, now) }, item: updated };
}

/**
 * Removes an item. An item a decision or an action points at stays (`referenced`): the decision log must keep
 * saying where a decision was taken. An item with papers stays until its papers are removed or moved.
 */
export function removeAgendaItem({
  record,
  itemId,
  referencedItemIds,
  actor,
  now,
}: {
  record: MeetingRecord;
  itemId: string;
  /** From agendaItemReferences(): items that decisions or actions point at. */
  referencedItemIds: ReadonlySet<string>;
  actor: RecordActor;
  now: Date;
}): { ok: true; record: MeetingRecord } | { ok: false; reason: RecordEditRefusal | 'itemNotFound' | 'referenced' | 'hasPapers' } {
  const refusal = guard(record, actor);
  if (refusal) return { ok: false, reason: refusal };
  if (!record.agenda.some((a) => a.id === itemId)) return { ok: false, reason: 'itemNotFound' };
  if (referencedItemIds.has(itemId)) return { ok: false, reason: 'referenced' };
  if (record.papers.some((p) => p.agendaItemId === itemId)) return { ok: false, reason: 'hasPapers' };
  return { ok: true, record: { ...record, agenda: record.agenda.filter((a) => a.id !== itemId), ...touched(record, now) } };
}

/** Moves an item to `to` (0-based, clamped to the agenda). Moving it where it already is changes nothing. */
export function moveAgendaItem({
  record,
  itemId,
  to,
  actor,
  now,
}: {
  record: MeetingRecord;
  itemId: string;
  to: number;
  actor: RecordActor;
  now: Date;
}): { ok: true; record: MeetingRecord } | { ok: false; reason: RecordEditRefusal | 'itemNotFound' } {
  const refusal = guard(record, actor);
  if (refusal) return { ok: false, reason: refusal };
  const from = record.agenda.findIndex((a) => a.id === itemId);
  if (from < 0) return { ok: false, reason: 'itemNotFound' };
  const target = Math.max(0, Math.min(Math.trunc(to), record.agenda.length - 1));
  if (target === from) return { ok: true, record };
  const agenda = record.agenda.filter((a) => a.id !== itemId);
  agenda.splice(target, 0, record.agenda[from] as AgendaItem);
  return { ok: true, record: { ...record, agenda, ...touched(record, now) } };
}

/** A paper as typed into a card: a title and either a link or an uploaded file the bot already stored. */
export interface PaperInput {
  title: string;
  url?: string | undefined;
  file?: { fileId: string; fileName: string } | undefined;
  agendaItemId?: string | undefined;
}

export type PaperResult =
  | { ok: true; record: MeetingRecord; paper: Paper; late: boolean }
  | { ok: false; reason: RecordEditRefusal | 'tooManyPapers' | 'itemNotFound' }
  | { ok: false; reason: 'invalid'; errors: FieldProblem[] };

/**
 * Attaches a paper. One added after the notice was sent is late (sen handling): the cards mark it, and it is
 * announced with the other changes.
 */
export function addPaper({ record, paper, actor, now }: { record: MeetingRecord; paper: PaperInput; actor: RecordActor; now: Date }): PaperResult {
  const refusal = guard(record, actor);
  if (refusal) return { ok: false, reason: refusal };
  if (record.papers.length >= RECORD_LIMITS.papers) return { ok: false, reason: 'tooManyPapers' };
  const agendaItemId = (paper.agendaItemId ?? '').trim();
  if (agendaItemId !== '' && !record.agenda.some((a) => a.id === agendaItemId)) return { ok: false, reason: 'itemNotFound' };

  const errors: FieldProblem[] = [];
  const title = cleanText(paper.title, { max: RECORD_LIMITS.paperTitle });
  const titleProblem = checkText(title, RECORD_LIMITS.paperTitle);
  if (titleProblem) errors.push({ field: 'title', problem: titleProblem, ...(titleProblem === 'tooLong' ? { max: RECORD_LIMITS.paperTitle } : {}) });
  let source: PaperSource | undefined;
  const url = (paper.url ?? '').trim();
  if (paper.file) {
    const fileName = cleanText(paper.file.fileName, { max: RECORD_LIMITS.fileName });
    if (!recordIdSchema.safeParse(paper.file.fileId).success || checkText(fileName, RECORD_LIMITS.fileName)) errors.push({ field: 'file', problem: 'invalid' });
    else source = { kind: 'file', fileId: paper.file.fileId, fileName };
  } else if (url === '') {
    errors.push({ field: 'url', problem: 'required' });
  } else if (!httpsUrlSchema.safeParse(url).success) {
    errors.push({ field: 'url', problem: 'invalid' });
  } else {
    source = { kind: 'link', url };
  }
  if (errors.length > 0 || !source) return { ok: false, reason: 'invalid', errors };

  const seq = record.seq + 1;
  const added: Paper = {
    id: sequenceId('p', seq),
    title,
    source,
    ...(agendaItemId !== '' ? { agendaItemId } : {}),
    addedAt: now.toISOString(),
    addedBy: actor.aadObjectId,
  };
  const late = record.notice !== null;
  return { ok: true, record: { ...record, seq, papers: [...record.papers, added], ...touched(record, now) }, paper: added, late };
}

/** Takes a paper off the meeting (announced as removed if the notice had it). */
export function removePaper({
  record,
  paperId,
  actor,
  now,
}: {
  record: MeetingRecord;
  paperId: string;
  actor: RecordActor;
  now: Date;
}): { ok: true; record: MeetingRecord } | { ok: false; reason: RecordEditRefusal | 'paperNotFound' } {
  const refusal = guard(record, actor);
  if (refusal) return { ok: false, reason: refusal };
  if (!record.papers.some((p) => p.id === paperId)) return { ok: false, reason: 'paperNotFound' };
  return { ok: true, record: { ...record, papers: record.papers.filter((p) => p.id !== paperId), ...touched(record, now) } };
}

/** The agenda items of a meeting that decisions or actions point at (they cannot be removed). */
export function agendaItemReferences({
  meetingId,
  decisions,
  actions,
}: {
  meetingId: string;
  decisions: ReadonlyArray<{ origin: { kind: string; meetingId?: string; agendaItemId?: string | undefined } }>;
  actions: ReadonlyArray<{ meetingId?: string | undefined; agendaItemId?: string | undefined }>;
}): Set<string> {
  const out = new Set<string>();
  for (const d of decisions) if (d.origin.kind === 'meeting' && d.origin.meetingId === meetingId && d.origin.agendaItemId) out.add(d.origin.agendaItemId);
  for (const a of actions) if (a.meetingId === meetingId && a.agendaItemId) out.add(a.agendaItemId);
  return out;
}

/** The papers of one agenda item, or (with `agendaItemId` undefined) those for the meeting as a whole. */
export const papersOf = (record: Pick<MeetingRecord, 'papers'>, agendaItemId: string | undefined): Paper[] =>
  record.papers.filter((p) => p.agendaItemId === agendaItemId);
