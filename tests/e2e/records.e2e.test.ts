import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsVerbs } from '../../src/cards/records-verbs.js';
import { stockholmDate } from '../../src/domain/time.js';
import { docsScreenshotDir, PlaygroundSession, requireBrowserOrSkip } from '../helpers/playground.js';

/*
 * Meeting records (#17) in the Agents Playground, chatting as the programme leader (Anna Provström): the notice she
 * gets as a Programråd member, the attendance form, a decision and the approved minutes, each saved as a screenshot
 * for the README (docs/screenshots/records-*.png). The bot's clock is moved past the meeting between the notice and
 * the attendance; the other members' answers and approvals are posted as Teams would post them from their own chats.
 */

const run = requireBrowserOrSkip();
const DAY = 24 * 60 * 60 * 1000;
const ANNA = { aadObjectId: '00000000-0000-0000-0000-000000000021', id: 'demo-user-021', name: 'Anna Provström' };
const person = (n: number, name: string) => ({ aadObjectId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`, id: `demo-user-${String(n).padStart(3, '0')}`, name });
const ERIK = person(20, 'Erik Demoberg');
const MARIA = person(22, 'Maria Exempelsson');
const LARS = person(23, 'Lars Testlund');
const ANDERS = person(25, 'Anders Låtsasgren');

let offset = 0;
const now = () => new Date(Date.now() + offset);

describe.runIf(run)('meeting records in the Agents Playground', () => {
  let s: PlaygroundSession;
  beforeAll(async () => {
    s = await PlaygroundSession.start({ as: ANNA.aadObjectId, now });
  });
  afterAll(async () => {
    await s?.close();
  });

  const text = (t: string) => s.page.getByText(t, { exact: false });
  const shown = (t: string, timeout = 20_000) => expect.poll(() => text(t).count(), { timeout }).toBeGreaterThan(0);
  /** Anna's card actions, posted in her Playground chat (so her chat stays the one the bot writes to). */
  const asAnna = async (verb: string, data: Record<string, unknown>) => {
    const res = await s.invokeAs(ANNA, verb, data, { inPlayground: true });
    expect(res.status).toBe(200);
    return JSON.stringify(await res.json());
  };
  const as = async (who: typeof ERIK, verb: string, data: Record<string, unknown>) => {
    const res = await s.invokeAs(who, verb, data);
    expect(res.status).toBe(200);
    return JSON.stringify(await res.json());
  };
  const meeting = () => s.bot.services.store.doc.meetings.meetings[0];
  const record = () => s.bot.services.store.doc.records.records[0];

  it('the notice, the attendance, a decision and the approved minutes, as the programme leader sees them', async () => {
    await expect.poll(() => Boolean(s.bot.services.store.doc.conversationRefs[ANNA.aadObjectId]), { timeout: 30_000 }).toBe(true);
    await s.say('svenska');
    await shown('Jag svarar dig på svenska');

    // A Programråd dialogue ten days ahead, with an agenda and papers.
    const day = new Date(now().getTime() + 10 * DAY);
    const booked = await asAnna('meeting.schedule', {
      type: 'programrad',
      title: 'Dialog med programledningen',
      date: stockholmDate(day),
      start: '09:00',
      end: '12:00',
      place: 'MDU, Västerås',
      deadline: stockholmDate(new Date(day.getTime() - 3 * DAY)),
      override: true, // whatever weekday the date falls on
      draftId: randomUUID(),
    });
    expect(booked).toContain('är bokat');
    const meetingId = meeting()?.id ?? '';
    const year = stockholmDate(day).slice(0, 4); // decisions are numbered per body and the meeting's year
    for (const title of ['Mötets öppnande', 'Programplan 2028', 'Behov från parterna', 'Övriga frågor']) {
      await asAnna(recordsVerbs.addAgendaItem, { meetingId, agendaTitle: title });
    }
    const [, plan, needs] = record()?.agenda ?? [];
    await asAnna(recordsVerbs.addPaper, { meetingId, paperTitle: 'Förslag till programplan 2028', paperUrl: 'https://mdu.sharepoint.com/sites/stark/programplan-2028.docx', paperItem: plan?.id ?? '' });
    await asAnna(recordsVerbs.addPaper, { meetingId, paperTitle: 'Sammanställning av behov 2026', paperUrl: 'https://mdu.sharepoint.com/sites/stark/behov-2026.xlsx', paperItem: needs?.id ?? '' });
    await asAnna(recordsVerbs.addPaper, { meetingId, paperTitle: 'Verksamhetsberättelse 2026', paperUrl: 'https://mdu.sharepoint.com/sites/stark/vb-2026.pdf', paperItem: '' });

    // Leadership sends the notice now: Anna, a member too, gets it in her chat.
    expect(await asAnna(recordsVerbs.sendNotice, { meetingId })).toContain('Kallelsen är skickad');
    await shown('Kallelse · Programrådsdialog', 30_000);
    await shown('Förslag till programplan 2028');
    await text('Kallelse · Programrådsdialog').last().scrollIntoViewIfNeeded();
    await s.screenshot('records-notice', { dir: docsScreenshotDir });

    // Answers: Erik cannot come, his substitute Lars can.
    const start = meeting()?.start;
    for (const [who, answer] of [[MARIA, 'ja'], [ANDERS, 'ja'], [ERIK, 'nej'], [person(27, 'Johan'), 'ja'], [person(104, 'Olof'), 'ja']] as const) {
      await as(who, 'meeting.rsvp', { meetingId, answer, start });
    }
    await asAnna('meeting.rsvp', { meetingId, answer: 'ja', start });
    await expect.poll(() => meeting()?.invitees.some((i) => i.personId === LARS.aadObjectId), { timeout: 10_000 }).toBe(true);
    await as(LARS, 'meeting.rsvp', { meetingId, answer: 'ja', start });

    // The meeting is held. Attendance, pre-filled from the answers, with Lars acting for Erik's seat.
    offset = 10 * DAY + 6 * 60 * 60 * 1000;
    await s.say('närvaro');
    await shown('Välj möte.');
    await s.page.getByRole('button', { name: 'Närvaro', exact: true }).last().click();
    await shown('Förifyllt från svaren på inbjudan', 30_000);
    await shown('Beslutsförhet:');
    await text('Förifyllt från svaren på inbjudan').last().scrollIntoViewIfNeeded();
    await s.screenshot('records-attendance', { dir: docsScreenshotDir });
    await s.page.getByRole('button', { name: 'Spara närvaron' }).last().click();
    await expect.poll(() => record()?.attendance?.entries.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(record()?.attendance?.entries.find((e) => e.personId === LARS.aadObjectId)).toMatchObject({ status: 'present', role: 'substitute' });

    // Two decisions, the first at the needs item.
    await asAnna(recordsVerbs.recordDecision, { meetingId, decisionText: 'Programrådet ställer sig bakom att behoven om styrning i samverkan tas in i programplanen för 2028.', decisionItem: needs?.id ?? '', decisionNeeds: '' });
    await asAnna(recordsVerbs.recordDecision, { meetingId, decisionText: 'Programrådet godkänner förslaget till programplan 2028.', decisionItem: plan?.id ?? '', decisionNeeds: '' });
    const decision = s.bot.services.store.doc.records.decisions[0];
    await asAnna(recordsVerbs.createAction, { decisionId: decision?.id, actionTitle: 'Ta fram underlag om styrning i samverkan', actionOwner: MARIA.aadObjectId, actionDue: stockholmDate(new Date(now().getTime() + 30 * DAY)) });
    await s.say(`beslut ${year}`);
    await shown(`Programrådet ${year} § 2`);
    await s.page.getByText(`Programrådet ${year} § 1`, { exact: false }).last().click();
    await shown('Ta fram underlag om styrning i samverkan', 30_000);
    await text('Beslutsdatum').last().scrollIntoViewIfNeeded();
    await s.screenshot('records-decision', { dir: docsScreenshotDir });

    // Minutes: drafted, Anna chairs, Maria and Anders adjust; all approve and the minutes come to Anna's chat.
    await asAnna(recordsVerbs.draftMinutes, { meetingId });
    await asAnna(recordsVerbs.saveMinutesNotes, { meetingId, itemKey: plan?.id, version: 1, minutesNotes: 'Anna Provström föredrog förslaget. Ledamöterna diskuterade tidplanen för hösten.' });
    await asAnna(recordsVerbs.nameSignatories, { meetingId, chairId: ANNA.aadObjectId, adjusterIds: `${MARIA.aadObjectId},${ANDERS.aadObjectId}` });
    const version = record()?.minutes?.versions.length;
    await asAnna(recordsVerbs.approveMinutes, { meetingId, version });
    await as(MARIA, recordsVerbs.approveMinutes, { meetingId, version });
    await as(ANDERS, recordsVerbs.approveMinutes, { meetingId, version });
    expect(record()?.minutes?.status).toBe('justerat');
    await shown('Protokollet är justerat. Här är det slutliga protokollet.', 30_000);
    await text('Protokollet är justerat. Här är det slutliga protokollet.').last().scrollIntoViewIfNeeded();
    await s.screenshot('records-minutes', { dir: docsScreenshotDir });
  }, 180_000);
});
