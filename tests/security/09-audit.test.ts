import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, cardOf, demo, groupChat, invokeText, textOf } from '../helpers/harness.js';
import { cardNodes } from '../helpers/card-nodes.js';
import { validateCard } from '../helpers/card-validator.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { STORE_FILE_NAME } from '../../src/store/store.js';
import type { AuditEntry } from '../../src/domain/audit.js';
import { NOW, meetingForm, submitNeed } from './security-fixtures.js';
import { storeOnDisk } from '../helpers/on-disk.js';

/*
 * Issue 11, point 9: every leadership action — booking, changing and cancelling a meeting, changing who is invited,
 * reviewing and merging needs, opening a needs round, exporting the needs — is recorded with who, when and what
 * changed, in an append-only record that leadership can read ("logg" in personal chat, `npm run admin -- audit`), and
 * in the structured log by person id, never with what anyone typed.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const sv = catalogues.sv.core;
let h: Harness;
let dataDir: string;
let meetingId: string;
const TITLE = 'Höstdialog om styrning';
const ANSWER = 'Vi bereder det här tillsammans med Eskilstuna.';
const chair = () => h.services.store.doc.people.find((p) => p.roles.includes('chair'))!.aadObjectId;
const entries = (): AuditEntry[] => h.services.store.doc.audit.entries;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'stark-audit-'));
  h = await Harness.start({ now: () => NOW, dataDir });
  await h.say(demo.leader, 'hej');
});
afterAll(async () => {
  await h.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('9. the audit record', () => {
  it('each leadership action leaves one entry, in order: who, when, what and what changed; a refused attempt leaves none', async () => {
    const draftId = 'audit-meeting';
    await h.invoke(demo.leader, 'meeting.schedule', meetingForm(TITLE, { draftId }));
    meetingId = draftId;
    await h.invoke(demo.leader, 'meeting.schedule', { ...meetingForm(TITLE), draftId: undefined, meetingId, place: 'Eskilstuna stadshus' });
    await h.invoke(demo.leader, 'meeting.invitees', { meetingId, op: 'add', addPersonId: chair() });
    await h.invoke(demo.leader, 'meeting.invitees', { meetingId, op: 'remove', removePersonId: chair() });
    const a = await submitNeed(h, demo.vasterasDirector, 'Behov som bereds', 'vasteras');
    const b = await submitNeed(h, demo.vasterasDirector, 'Behov som slås samman', 'vasteras');
    // Anders is in the Programgrupp: reviewing is his to do too, and it is recorded under his name.
    await h.invoke(demo.eskilstunaDirector, 'needs.review', { number: a, to: 'under-beredning', 'reviewText-under-beredning': ANSWER });
    await h.invoke(demo.leader, 'needs.review', { number: b, to: 'sammanslagen', mergeInto: String(a), 'reviewText-sammanslagen': '' });
    await h.invoke(demo.leader, 'needs.openRound', { year: '2028', closingDate: '2027-09-30' });
    const card = cardOf((await h.say(demo.leader, 'behovsöversikt')).replies[0]);
    const link = cardNodes(card).find((n) => n.type === 'Action.OpenUrl')!.url as string;
    expect((await fetch(`${h.bot.url}${new URL(link).pathname}`)).status).toBe(200);
    // Refused: not leadership. Nothing recorded.
    expect(invokeText(await h.invoke(demo.salaEconomist, 'meeting.cancel', { meetingId, confirm: 'yes' }))).toContain('programledningen');
    await h.invoke(demo.leader, 'meeting.cancel', { meetingId, confirm: 'yes' });

    const got = entries().map((e) => [e.seq, e.actorId, e.action, `${e.subject.kind}:${e.subject.id}`]);
    expect(got).toEqual([
      [1, demo.leader, 'meeting.scheduled', `meeting:${meetingId}`],
      [2, demo.leader, 'meeting.changed', `meeting:${meetingId}`],
      [3, demo.leader, 'meeting.inviteeAdded', `meeting:${meetingId}`],
      [4, demo.leader, 'meeting.inviteeRemoved', `meeting:${meetingId}`],
      [5, demo.eskilstunaDirector, 'need.reviewed', `need:#${a}`],
      [6, demo.leader, 'need.merged', `need:#${b}`],
      [7, demo.leader, 'needs.roundOpened', 'needsRound:2028'],
      [8, demo.leader, 'export.downloaded', 'export:needs-export'],
      [9, demo.leader, 'meeting.cancelled', `meeting:${meetingId}`],
    ]);
    for (const e of entries()) expect(e.at).toBe(NOW.toISOString());
    const [scheduled, changed, added, removed, reviewed, merged] = entries();
    expect(scheduled!.changes).toContainEqual({ field: 'title', to: TITLE });
    expect(changed!.changes).toEqual([{ field: 'place', from: 'MDU, Västerås', to: 'Eskilstuna stadshus' }]);
    expect(added!.changes).toEqual([{ field: 'invitee', to: chair() }]);
    expect(removed!.changes).toEqual([{ field: 'invitee', from: chair() }]);
    expect(reviewed!.changes).toEqual([{ field: 'status', from: 'inkommen', to: 'under-beredning' }, { field: 'answer', to: ANSWER }]);
    expect(merged!.changes).toEqual([{ field: 'status', from: 'inkommen', to: `sammanslagen (#${a})` }]);
    expect(entries()[8]!.changes).toEqual([{ field: 'status', from: 'scheduled', to: 'cancelled' }]);
  });

  it('is append-only: later actions leave earlier entries as they were, and a store file whose record was edited is refused at start', async () => {
    const earlier = JSON.stringify(entries());
    await h.invoke(demo.leader, 'meeting.schedule', meetingForm('Ännu ett möte'));
    expect(entries().length).toBe(10);
    expect(JSON.stringify(entries().slice(0, 9))).toBe(earlier);

    const copy = await mkdtemp(join(tmpdir(), 'stark-audit-edited-'));
    try {
      await h.services.store.flush();
      const doc = (await storeOnDisk(dataDir)) as { audit: { entries: AuditEntry[] } };
      doc.audit.entries.splice(2, 1); // someone removes an entry by hand
      await writeFile(join(copy, STORE_FILE_NAME), JSON.stringify(doc));
      await expect(Harness.start({ now: () => NOW, dataDir: copy })).rejects.toThrow(/audit\.entries\.2\.seq/);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('"logg": leadership reads the latest entries by name in personal chat; in a group it goes to personal chat; others are refused', async () => {
    const card = cardOf((await h.say(demo.leader, 'logg')).replies[0]);
    expect(validateCard(card)).toEqual([]);
    const text = textOf(card);
    expect(text).toContain('Anna Provström');
    expect(text).toContain('Anders Låtsasgren');
    expect(text).toContain(sv.audit.actions['meeting.cancelled']);
    // Newest first: the cancellation (#9) comes before the export (#8) and the round (#7).
    expect(text.indexOf(sv.audit.actions['meeting.cancelled'])).toBeLessThan(text.indexOf(sv.audit.actions['export.downloaded']));
    expect(text.indexOf(sv.audit.actions['export.downloaded'])).toBeLessThan(text.indexOf(sv.audit.actions['needs.roundOpened']));
    expect(textOf(cardOf((await h.say(demo.leader, 'log', { locale: 'en-US' })).replies[0]))).toContain(catalogues.en.core.audit.actions['need.merged']);
    expect((await h.say(demo.leader, 'logg', { conversation: groupChat })).replies.map((r) => r.text)).toEqual([sv.scope.answeredInPersonalChat]);
    for (const who of [demo.salaEconomist, demo.eskilstunaDirector]) expect((await h.say(who, 'logg')).replies.map((r) => r.text)).toEqual([sv.notAllowed]);
  });

  it('`npm run admin -- audit` prints the record, newest first, and changes nothing', async () => {
    await h.services.messenger.drain();
    await h.services.store.flush();
    const file = join(dataDir, STORE_FILE_NAME);
    const before = await readFile(file, 'utf8');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', 'audit', '--limit', '3'], { cwd: root, env: { PATH: process.env.PATH ?? '', STARK_DATA_DIR: dataDir } });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^#10 .*Anna Provström.*meeting\.scheduled/);
    expect(lines[1]).toMatch(/^#9 .*meeting\.cancelled/);
    expect(lines[3]).toBe('(3 of 10; --limit 10 shows all)');
    const json = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', 'audit', '--json'], { cwd: root, env: { PATH: process.env.PATH ?? '', STARK_DATA_DIR: dataDir } });
    expect(json.stdout.trim().split('\n').map((l) => (JSON.parse(l) as AuditEntry).seq)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('the structured log has one line per entry, by person id and field names, never what anyone typed', () => {
    const lines = h.log.entries.filter((e) => e.event === 'audit');
    expect(lines.map((l) => [l.seq, l.actorId, l.action])).toEqual(entries().map((e) => [e.seq, e.actorId, e.action]));
    expect(lines[1]).toMatchObject({ subject: `meeting:${meetingId}`, fields: ['place'] });
    const log = JSON.stringify(h.log.entries);
    for (const typed of [TITLE, ANSWER, 'Eskilstuna stadshus', 'Behov som bereds']) expect(log, typed).not.toContain(typed);
  });
});
