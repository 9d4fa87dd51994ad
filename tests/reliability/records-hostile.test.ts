import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecordsJob } from '../../src/bot/features/records-feature.js';
import { recordsVerbs } from '../../src/cards/records-verbs.js';
import { stockholmInstant } from '../../src/domain/time.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { Harness, demo, invokeCard, invokeText, textOf, type TurnResult } from '../helpers/harness.js';
import { validateCard } from '../helpers/card-validator.js';
import { cardNodes } from '../helpers/card-nodes.js';

/*
 * Meeting records (#17) against a hostile user: a member sending leadership's verbs, forged payloads naming another
 * meeting's ids, someone else's seat or action, over-long text and markup. Each is refused (or shown as text) and the
 * store is exactly as it was.
 */

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const LEADER = demo.leader;
const ERIK = demo.vasterasDirector;
const MARIA = demo.regionDirector;
const ANDERS = demo.eskilstunaDirector;
const KARIN = demo.salaEconomist;
const sv = catalogues.sv;

let now = stockholmInstant('2027-03-01', '10:00');
let h: Harness;
let a = ''; // Vårdialog: Maria and Anders adjust
let b = ''; // Höstdialog: the leader and Johan (027) sign
const recordsDoc = () => h.services.store.doc.records;
const snapshot = () => JSON.stringify({ records: recordsDoc(), meetings: h.services.store.doc.meetings.meetings });
const record = (meetingId: string) => recordsDoc().records.find((r) => r.meetingId === meetingId);

async function book(title: string, date: string, deadline: string): Promise<string> {
  await h.invoke(LEADER, 'meeting.schedule', { type: 'programrad', title, date, start: '09:00', end: '12:00', place: 'MDU', deadline });
  const meeting = h.services.store.doc.meetings.meetings.find((m) => m.title === title);
  if (!meeting) throw new Error(`${title} not booked`);
  return meeting.id;
}

beforeAll(async () => {
  h = await Harness.start({ now: () => now });
  for (const who of [LEADER, ERIK, MARIA, KARIN]) await h.say(who, 'hej');
  a = await book('Vårdialog 2027', '2027-04-13', '2027-04-06');
  b = await book('Höstdialog 2027', '2027-04-20', '2027-04-13');
  for (const m of [a, b]) {
    await h.invoke(LEADER, recordsVerbs.addAgendaItem, { meetingId: m, agendaTitle: 'Programplan 2028' });
    await h.invoke(LEADER, recordsVerbs.sendNotice, { meetingId: m });
  }
  // Item ids count per meeting: A's second item has an id B does not have.
  await h.invoke(LEADER, recordsVerbs.addAgendaItem, { meetingId: a, agendaTitle: 'Övriga frågor' });
  now = stockholmInstant('2027-04-21', '10:00');
  await h.invoke(LEADER, recordsVerbs.recordDecision, { meetingId: a, decisionText: 'Programrådet godkänner programplanen.', decisionItem: '', decisionNeeds: '' });
  await h.invoke(LEADER, recordsVerbs.draftMinutes, { meetingId: a });
  await h.invoke(LEADER, recordsVerbs.nameSignatories, { meetingId: a, chairId: LEADER, adjusterIds: `${MARIA},${ANDERS}` });
  await h.invoke(LEADER, recordsVerbs.draftMinutes, { meetingId: b });
  await h.invoke(LEADER, recordsVerbs.nameSignatories, { meetingId: b, chairId: LEADER, adjusterIds: id(27) });
  await h.invoke(LEADER, recordsVerbs.createAction, { decisionId: recordsDoc().decisions[0]?.id, actionTitle: 'Skicka programplanen', actionOwner: ANDERS, actionDue: '2027-05-30' });
  await h.invoke(LEADER, recordsVerbs.openPerCapsulam, { pcBody: 'programrad', pcProposal: 'Ett förslag mellan mötena.', pcNeeds: '', pcDeadlineDate: '2027-04-30', pcDeadlineTime: '12:00' });
  await runRecordsJob(h.services);
  await h.services.messenger.drain();
  expect(record(a)?.minutes?.signatories).toHaveLength(3);
  expect(record(b)?.minutes?.signatories).toHaveLength(2);
  expect(recordsDoc().perCapsulam).toHaveLength(1);
}, 60_000);
afterAll(async () => {
  await h.close();
});

/** Where two snapshots first differ (for the failure message). */
function firstDifference(x: string, y: string): string {
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return `…${x.slice(Math.max(0, i - 150), i + 150)}\n  became\n…${y.slice(Math.max(0, i - 150), i + 150)}`;
}
const expectUnchanged = (before: string) => {
  const after = snapshot();
  if (after !== before) throw new Error(`the store changed: ${firstDifference(before, after)}`);
};

/** The answer is a refusal or a card, never an error; returns the text the person reads. */
function readable(r: TurnResult): string {
  expect(r.status).toBe(200);
  const card = invokeCard(r);
  if (card) {
    expect(validateCard(card)).toEqual([]);
    return textOf(card);
  }
  const text = invokeText(r);
  expect(text).toBeDefined();
  expect(text).not.toContain('Något gick fel');
  return text ?? '';
}

describe('a member sending leadership verbs', () => {
  it('every change a member forges is refused and nothing is stored', async () => {
    const before = snapshot();
    const forged: Array<[string, Record<string, unknown>]> = [
      [recordsVerbs.agenda, { meetingId: a }],
      [recordsVerbs.addAgendaItem, { meetingId: a, agendaTitle: 'Min egen punkt' }],
      [recordsVerbs.removeAgendaItem, { meetingId: a, agendaItem: record(a)?.agenda[0]?.id }],
      [recordsVerbs.addPaper, { meetingId: a, paperTitle: 'Falsk handling', paperUrl: 'https://example.com/x.pdf', paperItem: '' }],
      [recordsVerbs.sendNotice, { meetingId: b }],
      [recordsVerbs.announceChanges, { meetingId: a, revision: record(a)?.revision }],
      [recordsVerbs.attendance, { meetingId: a }],
      [recordsVerbs.saveAttendance, { meetingId: a, page: '0', personIds: ERIK, [`att-${ERIK}`]: 'present' }],
      [recordsVerbs.decisionForm, { meetingId: a }],
      [recordsVerbs.recordDecision, { meetingId: a, decisionText: 'Falskt beslut.', decisionItem: '', decisionNeeds: '' }],
      [recordsVerbs.actionForm, { decisionId: recordsDoc().decisions[0]?.id }],
      [recordsVerbs.createAction, { decisionId: recordsDoc().decisions[0]?.id, actionTitle: 'Falsk åtgärd', actionOwner: ERIK, actionDue: '2027-06-01' }],
      [recordsVerbs.draftMinutes, { meetingId: a }],
      [recordsVerbs.saveMinutesNotes, { meetingId: a, itemKey: record(a)?.agenda[0]?.id, version: '1', minutesNotes: 'Falska anteckningar.' }],
      [recordsVerbs.nameSignatories, { meetingId: a, chairId: ERIK, adjusterIds: KARIN }],
      [recordsVerbs.perCapsulamForm, {}],
      [recordsVerbs.openPerCapsulam, { pcBody: 'programrad', pcProposal: 'Falskt förslag.', pcNeeds: '', pcDeadlineDate: '2027-05-30', pcDeadlineTime: '12:00' }],
    ];
    for (const [verb, data] of forged) {
      expect(readable(await h.invoke(ERIK, verb, data)), verb).toBe(sv.core.notAllowed);
    }
    expectUnchanged(before);
  });
});

describe('forged payloads with another meeting\'s or person\'s ids', () => {
  it('an adjuster of one meeting cannot approve or ask to change the minutes of another', async () => {
    const before = snapshot();
    readable(await h.invoke(MARIA, recordsVerbs.approveMinutes, { meetingId: b, version: '1' }));
    readable(await h.invoke(MARIA, recordsVerbs.requestMinutesChange, { meetingId: b, version: '1', changeComment: 'Ändra allt.' }));
    // Not even leadership approves on someone else's behalf: the leader signs B, not A.
    readable(await h.invoke(id(27), recordsVerbs.approveMinutes, { meetingId: a, version: '1' }));
    expectUnchanged(before);
  });

  it('a member cannot answer per capsulam for a seat that is not theirs, nor complete another person\'s action', async () => {
    const procedure = recordsDoc().perCapsulam[0];
    const olofSeat = procedure?.seats.find((s) => s.holderId === id(104))?.seatId;
    const before = snapshot();
    expect(readable(await h.invoke(MARIA, recordsVerbs.answerPerCapsulam, { procedureId: procedure?.id, seatId: olofSeat, value: 'no' }))).toBe(sv.core.notAllowed);
    expect(readable(await h.invoke(KARIN, recordsVerbs.answerPerCapsulam, { procedureId: procedure?.id, seatId: 'programgrupp-mdu-1', value: 'yes' }))).not.toContain(sv.records.messages.answerRecorded);
    const action = recordsDoc().actions[0];
    expect(readable(await h.invoke(MARIA, recordsVerbs.completeAction, { actionId: action?.id, actionComment: 'Klart (inte mitt).' }))).toBe(sv.core.notAllowed);
    expect(readable(await h.invoke(MARIA, recordsVerbs.action, { actionId: action?.id }))).toBe(sv.core.notAllowed);
    expectUnchanged(before);
  });

  it('leadership\'s payloads naming one meeting\'s agenda item under another meeting are refused', async () => {
    const itemOfA = record(a)?.agenda[1]?.id;
    expect(record(b)?.agenda.some((i) => i.id === itemOfA)).toBe(false);
    const before = snapshot();
    readable(await h.invoke(LEADER, recordsVerbs.recordDecision, { meetingId: b, decisionText: 'Beslut på fel punkt.', decisionItem: itemOfA, decisionNeeds: '' }));
    readable(await h.invoke(LEADER, recordsVerbs.createAction, { meetingId: b, itemId: itemOfA, actionTitle: 'Åtgärd på fel punkt', actionOwner: MARIA, actionDue: '2027-06-01' }));
    readable(await h.invoke(LEADER, recordsVerbs.saveMinutesNotes, { meetingId: b, itemKey: itemOfA, version: '1', minutesNotes: 'Anteckning på fel möte.' }));
    readable(await h.invoke(LEADER, recordsVerbs.removeAgendaItem, { meetingId: b, agendaItem: itemOfA }));
    // An invitee said to act for a seat of the other body.
    readable(await h.invoke(LEADER, recordsVerbs.saveAttendance, { meetingId: a, page: '0', personIds: ERIK, [`att-${ERIK}`]: 'present', [`seat-${ERIK}`]: 'programgrupp-mdu-1' }));
    expectUnchanged(before);
    // Someone who was not invited, in a forged attendance line: left out; the invitees' lines are saved as shown.
    readable(await h.invoke(LEADER, recordsVerbs.saveAttendance, { meetingId: a, page: '0', personIds: `${demo.kopingSubstitute},${MARIA}`, [`att-${demo.kopingSubstitute}`]: 'present', [`seat-${demo.kopingSubstitute}`]: 'programgrupp-mdu-1', [`att-${MARIA}`]: 'present' }));
    const entries = record(a)?.attendance?.entries ?? [];
    expect(entries.find((e) => e.personId === MARIA)?.status).toBe('present');
    expect(entries.some((e) => e.personId === demo.kopingSubstitute)).toBe(false);
    expect(entries.some((e) => String(e.seatId ?? '').startsWith('programgrupp'))).toBe(false);
  });

  it('someone not invited reads neither the notice nor the minutes of a meeting, by any verb', async () => {
    for (const [verb, data] of [
      [recordsVerbs.notice, { meetingId: a }],
      [recordsVerbs.minutes, { meetingId: a }],
      [recordsVerbs.refresh, { kind: 'minutes', id: a }],
      [recordsVerbs.perCapsulam, { procedureId: recordsDoc().perCapsulam[0]?.id }],
    ] as const) {
      const text = readable(await h.invoke(KARIN, verb, data));
      expect(text, verb).not.toContain('Programplan 2028');
      expect(text, verb).not.toContain('Ett förslag mellan mötena');
    }
    const file = await h.invoke(KARIN, 'file.send', { file: 'records-minutes', meetingId: a, format: 'docx' });
    expect(JSON.stringify(file.body)).not.toContain('/downloads/');
  });
});

describe('over-long text and markup', () => {
  it('text a little over a limit comes back with the limit named; far over is refused at the edge; nothing is stored', async () => {
    const before = snapshot();
    const over = (n: number) => 'å'.repeat(n);
    expect(readable(await h.invoke(LEADER, recordsVerbs.recordDecision, { meetingId: b, decisionText: over(4001), decisionItem: '', decisionNeeds: '' }))).toContain('4000');
    expect(readable(await h.invoke(LEADER, recordsVerbs.recordDecision, { meetingId: b, decisionText: over(200_000), decisionItem: '', decisionNeeds: '' }))).toBe(sv.core.invalidInput);
    expect(readable(await h.invoke(LEADER, recordsVerbs.addAgendaItem, { meetingId: b, agendaTitle: over(201) }))).toContain('200');
    readable(await h.invoke(LEADER, recordsVerbs.addAgendaItem, { meetingId: b, agendaTitle: over(50_000) }));
    readable(await h.invoke(LEADER, recordsVerbs.saveAttendance, { meetingId: b, page: '0', personIds: '', guests: `${over(500)}, MDU` }));
    readable(await h.invoke(MARIA, recordsVerbs.requestMinutesChange, { meetingId: a, version: '1', changeComment: over(5_000) }));
    readable(await h.invoke(ANDERS, recordsVerbs.completeAction, { actionId: recordsDoc().actions[0]?.id, actionComment: over(5_000) }));
    readable(await h.invoke(LEADER, recordsVerbs.createAction, { decisionId: recordsDoc().decisions[0]?.id, actionTitle: over(201), actionOwner: MARIA, actionDue: '2027-06-01' }));
    expect(readable(await h.invoke(ERIK, recordsVerbs.decisions, { query: over(201), page: '0' }))).toBeDefined();
    expectUnchanged(before);
    // Long chat text: the search is cut, nothing breaks.
    const r = await h.say(ERIK, `beslut om ${'(['.repeat(3000)}`);
    expect(r.status).toBe(200);
  });

  it('a paper link must be https; titles with markdown are shown as typed, never as links or formatting', async () => {
    const before = snapshot();
    for (const url of ['javascript:alert(1)', 'http://example.com/x.pdf', 'data:text/html,<script>alert(1)</script>', 'https://']) {
      readable(await h.invoke(LEADER, recordsVerbs.addPaper, { meetingId: b, paperTitle: 'Handling', paperUrl: url, paperItem: '' }));
    }
    expectUnchanged(before);
    await h.invoke(LEADER, recordsVerbs.addAgendaItem, { meetingId: b, agendaTitle: '**Viktigt** [klicka här](https://evil.example)' });
    await h.invoke(LEADER, recordsVerbs.addPaper, { meetingId: b, paperTitle: 'Budget](https://evil.example) [x', paperUrl: 'https://mdu.sharepoint.com/budget.xlsx', paperItem: '' });
    const notice = invokeCard(await h.invoke(LEADER, recordsVerbs.notice, { meetingId: b }));
    expect(validateCard(notice)).toEqual([]);
    // Markdown is read in TextBlocks (and FactSets) only: there, what was typed is escaped; the agenda title is a
    // TextRun, which Teams never reads as markdown.
    const markdown = cardNodes(notice).filter((n) => n.type === 'TextBlock').map((n) => String(n.text));
    expect(markdown.filter((t) => /[^\\]\]\(https:\/\/evil/.test(t) || /(^|[^\\])\*\*Viktigt/.test(t))).toEqual([]);
    expect(markdown.some((t) => t.includes('(https://mdu.sharepoint.com/budget.xlsx)'))).toBe(true);
    const run = cardNodes(notice).find((n) => n.type === 'TextRun' && String(n.text).includes('Viktigt'));
    expect(run?.text).toBe('**Viktigt** [klicka här](https://evil.example)');
  });
});
