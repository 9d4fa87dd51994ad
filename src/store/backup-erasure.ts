import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupEraser } from '../app/privacy/ports.js';
import { scrubDeep, type ErasureSubject } from '../domain/privacy/erasure.js';
import { DurableJsonFile } from './durable-file.js';
import { STORE_FILE_NAME } from './store.js';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The daily snapshots (backups/stark-YYYY-MM-DD.json) and the copies kept before a migration (stark.json.vN.bak). */
export async function backupFiles(dataDir: string): Promise<string[]> {
  const snapshots = await readdir(join(dataDir, 'backups')).catch(() => [] as string[]);
  const top = await readdir(dataDir).catch(() => [] as string[]);
  const migrationCopy = new RegExp(`^${STORE_FILE_NAME.replace('.', '\\.')}\\.v\\d+\\.bak$`);
  return [
    ...snapshots.filter((f) => /^stark-\d{4}-\d{2}-\d{2}\.json$/.test(f)).map((f) => join(dataDir, 'backups', f)),
    ...top.filter((f) => migrationCopy.test(f)).map((f) => join(dataDir, f)),
  ];
}

/**
 * A backup as erasure leaves it: the person's roster entry, conversation reference, language choice, the comments of
 * their answers and messages queued to them are gone, and every other string is scrubbed of their id, name, e-mail and
 * comment texts (as in the live store). Works on a backup of any schema version: it reads the document as JSON.
 */
export function eraseInBackup(raw: unknown, subject: ErasureSubject): { doc: unknown; changed: boolean } {
  if (!isRecord(raw)) return { doc: raw, changed: false };
  const id = subject.personId;
  const doc: Record<string, unknown> = { ...raw };
  const comments = new Set(subject.comments);
  if (Array.isArray(doc.people)) doc.people = doc.people.filter((p) => !(isRecord(p) && typeof p.aadObjectId === 'string' && p.aadObjectId.toLowerCase() === id));
  for (const key of ['conversationRefs', 'preferences'] as const) {
    const section = doc[key];
    if (isRecord(section)) doc[key] = Object.fromEntries(Object.entries(section).filter(([k]) => k.toLowerCase() !== id));
  }
  const meetings = isRecord(doc.meetings) ? doc.meetings : null;
  if (meetings && Array.isArray(meetings.meetings)) {
    // An older backup can hold a comment the person later changed: found here, scrubbed everywhere in this file.
    for (const m of meetings.meetings) {
      if (!isRecord(m) || !Array.isArray(m.invitees)) continue;
      for (const i of m.invitees) if (isRecord(i) && i.personId === id && isRecord(i.answer) && typeof i.answer.comment === 'string') comments.add(i.answer.comment);
    }
  }
  const outbox = isRecord(doc.outbox) ? doc.outbox : null;
  if (outbox && Array.isArray(outbox.entries)) {
    outbox.entries = outbox.entries.filter((e) => !(isRecord(e) && ((typeof e.key === 'string' && e.key.toLowerCase().includes(id)) || (isRecord(e.payload) && e.payload.personId === id))));
    doc.outbox = { ...outbox };
  }
  const scrubbed = scrubDeep(doc, { ...subject, comments: [...comments] });
  return { doc: scrubbed.value, changed: true };
}

/** The file store's backups, erased in place (written whole: temp file, fsync, rename) after the live store was. */
export function fileBackupEraser({ dataDir, quiet, rewriteLive }: { dataDir: string; quiet?: () => Promise<void>; rewriteLive?: () => Promise<void> }): BackupEraser {
  return {
    async erase(subject) {
      // The live store's journal still holds the commits from before the erasure: write the store whole first.
      await rewriteLive?.();
      // A snapshot being copied now could carry the document from before the erasure: wait for it first.
      await quiet?.();
      let rewritten = 0;
      const needles = [subject.personId, subject.email?.toLowerCase(), subject.name?.toLowerCase()].filter((s): s is string => Boolean(s));
      for (const file of await backupFiles(dataDir)) {
        const text = await readFile(file, 'utf8').catch(() => null);
        if (text === null) continue;
        const lower = text.toLowerCase();
        if (!needles.some((n) => lower.includes(n)) && !subject.comments.some((c) => text.includes(JSON.stringify(c).slice(1, -1)))) continue;
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          // A torn file is no backup: it cannot be restored from, and it must not keep what was erased.
          await new DurableJsonFile(file).writeText('{}');
          rewritten++;
          continue;
        }
        const out = eraseInBackup(raw, subject);
        if (out.changed) {
          await new DurableJsonFile(file).writeText(JSON.stringify(out.doc));
          rewritten++;
        }
      }
      return { files: rewritten };
    },
  };
}
