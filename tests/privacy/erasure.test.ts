import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminCaller, personCaller } from '../../src/app/privacy/caller.js';
import { erasePerson } from '../../src/app/privacy/erase-person.js';
import { exportPersonData } from '../../src/app/privacy/export-person-data.js';
import { exportSections } from '../../src/domain/privacy/inventory.js';
import { fileBackupEraser } from '../../src/store/backup-erasure.js';
import { serializeDocument } from '../../src/store/serialize.js';
import { Store, STORE_FILE_NAME } from '../../src/store/store.js';
import { fileUnitOfWork } from '../../src/store/unit-of-work.js';
import { leader, other, storeWithEverything, subject } from '../fixtures/privacy-person.js';

const NOW = new Date('2027-06-01T10:00:00Z');
const PSEUDONYM = 'abcdef01-2345-4678-9abc-def012345678';
let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stark-privacy-'));
  const doc = await storeWithEverything();
  await writeFile(join(dir, STORE_FILE_NAME), serializeDocument(doc));
  // Backups: yesterday's, holding an older comment Erik later changed; and the copy kept before a migration.
  await mkdir(join(dir, 'backups'));
  const older = JSON.parse(serializeDocument(doc)) as { meetings: { meetings: Array<{ invitees: Array<{ personId: string; answer?: { comment?: string } }> }> } };
  for (const m of older.meetings.meetings) for (const i of m.invitees) if (i.personId === subject.id && i.answer) i.answer.comment = subject.comments[2];
  await writeFile(join(dir, 'backups', 'stark-2027-05-31.json'), JSON.stringify(older));
  await writeFile(join(dir, `${STORE_FILE_NAME}.v1.bak`), serializeDocument(doc));
  store = await Store.open({ dataDir: dir, seed: () => Promise.reject(new Error('no seed')), now: () => NOW, backupsToKeep: 0 });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const leaderActor = () => {
  const person = store.doc.people.find((p) => p.aadObjectId === leader)!;
  return personCaller({ person, organisation: store.doc.organisations.find((o) => o.id === person.organisationId)! });
};

describe('my data (Art. 15)', () => {
  it('contains every kind of record for a person who has all of them', () => {
    const out = exportPersonData({ uow: fileUnitOfWork(store) }, adminCaller, { personId: subject.id }, NOW);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    for (const section of exportSections) expect(out.value.sections[section].length, section).toBeGreaterThan(0);
    const text = JSON.stringify(out.value);
    for (const c of subject.comments.slice(0, 2)) expect(text).toContain(c);
    expect(text).toContain(subject.email);
    // Nothing of another person's answer.
    expect(text).not.toContain(other.comment);
  });

  it('is refused to anyone asking for someone else', () => {
    const out = exportPersonData({ uow: fileUnitOfWork(store) }, leaderActor(), { personId: subject.id }, NOW);
    expect(out).toEqual({ ok: false, reason: 'notAllowed' });
  });
});

describe('erasure (Art. 17)', () => {
  const erase = (caller = leaderActor()) =>
    erasePerson({ uow: fileUnitOfWork(store), newId: () => PSEUDONYM, backups: fileBackupEraser({ dataDir: dir, quiet: () => store.snapshotsSettled(), rewriteLive: () => store.rewriteWhole() }) }, caller, { personId: subject.id, activityId: 'act-1' }, NOW);

  it('leaves neither their name, e-mail, id nor comments in the store file, the backups or the queue; the organisation keeps its needs', async () => {
    // Erik switches his language just before he is erased: the journal now holds that commit, with his id.
    await store.update((doc) => {
      doc.preferences[subject.id] = { language: 'sv' };
    });
    const journal = join(dir, STORE_FILE_NAME.replace(/\.json$/, '.journal'));
    expect((await readFile(journal, 'utf8')).includes(subject.id), 'the change is in the journal before the erasure').toBe(true);
    const out = await erase();
    expect(out.ok).toBe(true);
    await store.flush();
    const files = [join(dir, STORE_FILE_NAME), journal, join(dir, `${STORE_FILE_NAME}.v1.bak`), ...(await readdir(join(dir, 'backups'))).map((f) => join(dir, 'backups', f))];
    expect(files).toHaveLength(4);
    for (const file of files) {
      const text = (await readFile(file, 'utf8').catch(() => '')).toLowerCase();
      for (const needle of [subject.name, subject.email, subject.id, ...subject.comments]) expect(text.includes(needle.toLowerCase()), `${needle} in ${file}`).toBe(false);
      // What is not theirs stays: another person's name and comment (the journal, rewritten, holds no record yet).
      if (file !== journal) expect(text).toContain(other.comment.toLowerCase());
    }
    const doc = store.doc;
    expect(doc.needs.needs.map((n) => [n.number, n.organisationId])).toEqual([[1, 'vasteras'], [2, 'region-vastmanland'], [3, 'region-vastmanland']]);
    expect(doc.needs.needs[0]!.contact).toEqual({ name: 'Västerås stad' });
    expect(doc.needs.needs[0]!.submittedBy).toBe(PSEUDONYM);
    expect(doc.needs.needs[1]!.supports[0]).toMatchObject({ organisationId: 'vasteras', by: PSEUDONYM });
    // The past meeting keeps the answer (the count), without the comment; the coming one no longer lists them.
    const past = doc.meetings.meetings.find((m) => m.id === 'm-past')!;
    expect(past.invitees.find((i) => i.personId === PSEUDONYM)?.answer).toEqual({ value: 'nej', answeredAt: '2026-03-05T09:00:00.000Z' });
    expect(doc.meetings.meetings.find((m) => m.id === 'm-next')!.invitees.some((i) => i.personId === PSEUDONYM)).toBe(false);
    // Pending messages to them are gone; the one to the organiser stays, scrubbed.
    expect(doc.outbox.entries.map((e) => e.key)).toEqual(['organiser:m-next:1']);
    expect(doc.privacy.erased).toEqual([{ pseudonym: PSEUDONYM, organisationId: 'vasteras', roles: ['director', 'programrad'], erasedAt: NOW.toISOString() }]);
  });

  it('records the erasure in the audit record without the erased data', async () => {
    await erase();
    const entry = store.doc.audit.entries.at(-1)!;
    expect(entry).toMatchObject({ actorId: leader, action: 'person.erased', subject: { kind: 'roster', id: PSEUDONYM } });
    const text = JSON.stringify(entry).toLowerCase();
    for (const needle of [subject.name, subject.email, subject.id]) expect(text).not.toContain(needle.toLowerCase());
    expect(entry.changes.find((c) => c.field === 'needs')?.to).toBe('3');
    // The record is still whole (seq 1..n).
    expect(store.doc.audit.entries.map((e) => e.seq)).toEqual(store.doc.audit.entries.map((_, i) => i + 1));
  });

  it('erasing twice finds nothing the second time and changes nothing', async () => {
    expect((await erase()).ok).toBe(true);
    // Everything but the ids of the activities seen (each press is remembered, so a redelivery records nothing).
    const content = () => serializeDocument({ ...store.doc, processedActivities: [] });
    const before = content();
    const again = await erasePerson({ uow: fileUnitOfWork(store), newId: () => PSEUDONYM }, leaderActor(), { personId: subject.id, activityId: 'act-2' }, NOW);
    expect(again).toEqual({ ok: false, reason: 'notFound' });
    // The same press redelivered: recorded once.
    const repeat = await erasePerson({ uow: fileUnitOfWork(store), newId: () => PSEUDONYM }, leaderActor(), { personId: subject.id, activityId: 'act-1' }, NOW);
    expect(repeat).toEqual({ ok: false, reason: 'duplicate' });
    expect(content()).toBe(before);
  });

  it('is refused to someone without the right, and to a leader erasing themselves; nothing changes', async () => {
    const before = serializeDocument(store.doc);
    const director = store.doc.people.find((p) => p.aadObjectId === other.id)!;
    const asDirector = personCaller({ person: director, organisation: store.doc.organisations.find((o) => o.id === director.organisationId)! });
    expect(await erase(asDirector)).toEqual({ ok: false, reason: 'notAllowed' });
    const self = await erasePerson({ uow: fileUnitOfWork(store), newId: () => PSEUDONYM }, leaderActor(), { personId: leader }, NOW);
    expect(self).toEqual({ ok: false, reason: 'self' });
    expect(serializeDocument(store.doc)).toBe(before);
  });
});
