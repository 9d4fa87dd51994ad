import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecordsJob } from '../../src/bot/features/records-feature.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { needsVerbs } from '../../src/cards/needs-verbs.js';
import { recordsVerbs } from '../../src/cards/records-verbs.js';
import { stockholmInstant } from '../../src/domain/time.js';
import { validateCard } from '../helpers/card-validator.js';
import { cardNodes } from '../helpers/card-nodes.js';
import { Harness, cardOf, conversationOf, demo, invokeCard, invokeText, textOf, type TurnResult } from '../helpers/harness.js';

/*
 * Issue 17 over the Bot Framework protocol, one Programråd meeting from notice to approved minutes: leadership sets the
 * agenda and papers, the notice goes out on schedule, members answer (Erik declines, his substitute Lars steps in),
 * attendance is recorded with Lars acting for Erik's seat, two decisions (one linked to two needs), an action with its
 * reminder, minutes drafted, a change requested, approved by the chair and both adjusters, locked and sent to every
 * invitee as a file plus text; then the needs' submitters see the decision in "mina behov". Then a per capsulam
 * decision where one seat does not answer by the deadline. One bot for the whole file; the tests build on each other.
 */

type Card = Record<string, unknown>;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const LEADER = demo.leader; // Anna Provström, programme leadership; Programråd (MDU)
const ERIK = demo.vasterasDirector; // Programråd, Västmanland; declines
const MARIA = demo.regionDirector; // Programråd, Västmanland; adjuster
const LARS = demo.kopingSubstitute; // substitute (Västmanland): acts for Erik's seat
const ANDERS = demo.eskilstunaDirector; // Programråd, Sörmland; adjuster
const KARIN = demo.salaEconomist; // staff, in no body
const PROGRAMRAD = [LEADER, id(27), id(28), ERIK, MARIA, ANDERS, id(104)];

let now = stockholmInstant('2027-03-01', '10:00');
let h: Harness;
let meetingId = '';

const seen: Card[] = [];
function check(card: Card | undefined): Card {
  expect(card).toBeDefined();
  expect(validateCard(card)).toEqual([]);
  seen.push(card as Card);
  return card as Card;
}
/** The card a turn answered with (invoke response or reply), checked against Adaptive Cards 1.5. */
function answer(r: TurnResult): Card {
  const card = invokeCard(r) ?? cardOf(r.replies.at(-1));
  if (!card) throw new Error(`expected a card, got ${JSON.stringify(r.body ?? r.replies).slice(0, 500)}`);
  return check(card);
}
const nodes = (card: unknown) => cardNodes(card);
const executes = (card: unknown) => nodes(card).filter((n) => n.type === 'Action.Execute') as Array<{ title: string; verb: string; data: Record<string, unknown> }>;
function action(card: unknown, verb: string, where: (data: Record<string, unknown>) => boolean = () => true) {
  const found = executes(card).find((a) => a.verb === verb && where(a.data));
  if (!found) throw new Error(`no ${verb} action in the card: ${executes(card).map((a) => a.verb).join(', ')}`);
  return found;
}
/** What a Teams client sends for a card's inputs as they are shown (their preset values). */
const shownInputs = (card: unknown): Record<string, string> =>
  Object.fromEntries(nodes(card).flatMap((n) => (String(n.type).startsWith('Input.') && typeof n.value === 'string' ? [[String(n.id), n.value]] : [])));
/** Clicks a card's button with the inputs as shown, overridden by `inputs`. */
const click = (who: string, card: unknown, verb: string, inputs: Record<string, unknown> = {}, where?: (data: Record<string, unknown>) => boolean) => {
  const a = action(card, verb, where);
  return h.invoke(who, verb, { ...shownInputs(card), ...a.data, ...inputs });
};

/** Messages delivered to a person, in order: in their own 1:1 chat, or in the one the bot created with them. */
const inbox = (person: string) =>
  h.connector.delivered
    .filter((c) => (c.conversationId === conversationOf(person) || c.conversationId === `a:created-${person}`) && c.method === 'POST' && c.path !== '/v3/conversations')
    .map((c) => c.body);
const cardsOf = (person: string) => inbox(person).flatMap((a) => (cardOf(a) ? [cardOf(a) as Card] : []));
/** Cards a person was sent that carry a records verb with this meeting's id (or any id). */
const sentWith = (person: string, verb: string, key?: (data: Record<string, unknown>) => boolean) => cardsOf(person).filter((c) => executes(c).some((a) => a.verb === verb && (!key || key(a.data))));
/** The notice cards (kallelse) a person was sent for the meeting. */
const noticesOf = (person: string) => cardsOf(person).filter((c) => textOf(c).includes('Kallelse · Programrådsdialog') && textOf(c).includes('Vårdialog 2027'));

const settle = async () => {
  await runRecordsJob(h.services);
  await h.services.messenger.drain();
};
const records = () => h.services.store.doc.records;
const record = () => records().records.find((r) => r.meetingId === meetingId);

async function submitNeed(who: string, title: string, description: string): Promise<number> {
  const form = answer(await h.say(who, 'nytt behov'));
  const submit = action(form, needsVerbs.submit);
  await h.invoke(who, submit.verb, { ...shownInputs(form), ...submit.data, title, description, area: 'framtida-valfarden', force: 'true' });
  const need = h.services.store.doc.needs.needs.find((n) => n.title === title);
  if (!need) throw new Error(`need "${title}" not stored`);
  return need.number;
}

let needErik = 0;
let needMaria = 0;

beforeAll(async () => {
  h = await Harness.start({ now: () => now });
  // Some have talked to the bot before; the others are reached through a new 1:1 chat.
  for (const who of [LEADER, ERIK, MARIA, KARIN]) await h.say(who, 'hej');
  needErik = await submitNeed(ERIK, 'Styrning i samverkan mellan kommuner', 'Hur styr vi gemensamma verksamheter över kommungränser?');
  needMaria = await submitNeed(MARIA, 'Tillitsbaserad styrning i regionen', 'Vi vill veta hur tillitsbaserad styrning fungerar i praktiken.');
  const r = await h.invoke(LEADER, 'meeting.schedule', { type: 'programrad', title: 'Vårdialog 2027', date: '2027-04-13', start: '09:00', end: '12:00', place: 'MDU, Västerås', deadline: '2027-04-12' });
  expect(invokeCard(r)).toBeDefined();
  meetingId = h.services.store.doc.meetings.meetings.at(-1)?.id ?? '';
  expect(meetingId).not.toBe('');
  await h.services.messenger.drain();
}, 60_000);
afterAll(async () => {
  for (const card of seen) expect(validateCard(card)).toEqual([]);
  await h.close();
});

describe('notice and papers (kallelse och handlingar)', () => {
  it('leadership sets the agenda and papers from "kallelse"; nothing is sent before the notice day', async () => {
    const picker = answer(await h.say(LEADER, 'kallelse'));
    expect(textOf(picker)).toContain('Vårdialog 2027');
    let agenda = answer(await click(LEADER, picker, recordsVerbs.agenda, {}, (d) => d.meetingId === meetingId));
    for (const title of ['Mötets öppnande', 'Programplan 2028', 'Behov från parterna', 'Övriga frågor']) {
      agenda = answer(await click(LEADER, agenda, recordsVerbs.addAgendaItem, { agendaTitle: title }));
    }
    expect(record()?.agenda.map((i) => i.title)).toEqual(['Mötets öppnande', 'Programplan 2028', 'Behov från parterna', 'Övriga frågor']);
    const plan = record()?.agenda[1]?.id ?? '';
    agenda = answer(await click(LEADER, agenda, recordsVerbs.addPaper, { paperTitle: 'Förslag till programplan 2028', paperUrl: 'https://mdu.sharepoint.com/sites/stark/programplan-2028.docx', paperItem: plan }));
    agenda = answer(await click(LEADER, agenda, recordsVerbs.addPaper, { paperTitle: 'Sammanställning av behov', paperUrl: 'https://mdu.sharepoint.com/sites/stark/behov.xlsx', paperItem: '' }));
    expect(textOf(agenda)).toContain('Förslag till programplan 2028');
    expect(record()?.papers).toHaveLength(2);
    expect(record()?.notice).toBeNull();

    now = stockholmInstant('2027-04-06', '08:59');
    await settle();
    for (const p of PROGRAMRAD) expect(noticesOf(p), p).toHaveLength(0);
  });

  it('on the notice day (7 days before, 09:00) every invitee gets one card with the agenda and the papers, once', async () => {
    now = stockholmInstant('2027-04-06', '09:00');
    await settle();
    await settle();
    for (const p of PROGRAMRAD) {
      const cards = noticesOf(p);
      expect(cards, p).toHaveLength(1);
      const text = textOf(check(cards[0]));
      expect(text).toContain('Vårdialog 2027');
      expect(text).toContain('Programplan 2028');
      expect(text).toContain('Förslag till programplan 2028');
    }
    expect(textOf(noticesOf(MARIA)[0])).toContain('[Förslag till programplan 2028](https://mdu.sharepoint.com/sites/stark/programplan-2028.docx)');
    expect(record()?.notice).not.toBeNull();
    // Not invited: nothing.
    expect(noticesOf(KARIN)).toHaveLength(0);
  });

  it('a paper added after the notice is marked late; the change is announced once to each invitee', async () => {
    now = stockholmInstant('2027-04-08', '14:00');
    let agenda = answer(await h.invoke(LEADER, recordsVerbs.agenda, { meetingId }));
    agenda = answer(await click(LEADER, agenda, recordsVerbs.addPaper, { paperTitle: 'Ekonomisk uppföljning 2026', paperUrl: 'https://mdu.sharepoint.com/sites/stark/ekonomi-2026.pdf', paperItem: '' }));
    expect(record()?.papers.at(-1)?.addedAt).toBe(now.toISOString());
    expect(textOf(agenda)).toContain('Sen handling');
    const announce = action(agenda, recordsVerbs.announceChanges);
    await h.invoke(LEADER, announce.verb, announce.data);
    // The same button again (a double click): nothing more goes out.
    await h.invoke(LEADER, announce.verb, announce.data);
    await settle();
    for (const p of PROGRAMRAD) {
      const cards = noticesOf(p);
      expect(cards, p).toHaveLength(2);
      expect(textOf(cards[1])).toContain('Ändrat sedan kallelsen');
      expect(textOf(cards[1])).toMatch(/Ekonomisk uppföljning 2026.*Sen handling/);
    }
  });
});

describe('the records commands on the help card', () => {
  /** The commands a help card offers (each row runs its command). */
  const helpCommands = (r: TurnResult) => executes(answer(r)).filter((a) => a.verb === 'help.run').map((a) => String(a.data.command));
  const sv = ['kallelse', 'närvaro', 'beslut', 'åtgärder', 'protokoll'];
  const en = ['notice', 'attendance', 'decisions', 'actions', 'minutes'];

  it('leadership is offered every records command, in Swedish and in English', async () => {
    expect(helpCommands(await h.say(LEADER, 'hjälp'))).toEqual(expect.arrayContaining(sv));
    expect(helpCommands(await h.say(LEADER, 'help', { locale: 'en-GB' }))).toEqual(expect.arrayContaining(en));
  });

  it('members and staff are offered the notice, decisions, actions and minutes, not attendance (leadership records it)', async () => {
    for (const who of [ERIK, KARIN]) {
      const commands = helpCommands(await h.say(who, 'hjälp'));
      expect(commands, who).toEqual(expect.arrayContaining(['kallelse', 'beslut', 'åtgärder', 'protokoll']));
      expect(commands, who).not.toContain('närvaro');
    }
    const english = helpCommands(await h.say(ERIK, 'help', { locale: 'en-GB' }));
    expect(english).toEqual(expect.arrayContaining(['notice', 'decisions', 'actions', 'minutes']));
    expect(english).not.toContain('attendance');
  });

  it('a member typing a leadership command is refused and nothing is shown; the help card of a group chat lists none of them', async () => {
    const refused = await h.say(ERIK, 'närvaro');
    expect(cardOf(refused.replies[0])).toBeUndefined();
    expect(String(refused.replies[0]?.text)).toBe(catalogues.sv.core.notAllowed);
    const group = helpCommands(await h.say(ERIK, 'hjälp', { conversation: { id: '19:records-group@thread.v2', conversationType: 'groupChat' } }));
    for (const c of sv) expect(group).not.toContain(c);
  });

  it('someone not in the roster gets no records command at all', async () => {
    const r = await h.say(demo.stranger, 'kallelse');
    expect(r.replies.map(cardOf).filter(Boolean)).toEqual([]);
    expect(h.connector.delivered.filter((c) => c.conversationId === conversationOf(demo.stranger)).map((c) => textOf(c.body)).join(' ')).not.toContain('Vårdialog');
  });
});

describe('answers and attendance (närvaro)', () => {
  it('the members answer; Erik declines and his substitute Lars is invited in his place', async () => {
    now = stockholmInstant('2027-04-09', '10:00');
    const start = h.services.store.doc.meetings.meetings.find((m) => m.id === meetingId)?.start;
    for (const [who, value] of [[LEADER, 'ja'], [MARIA, 'ja'], [ANDERS, 'ja'], [id(27), 'ja'], [id(28), 'nej'], [id(104), 'ja'], [ERIK, 'nej']] as const) {
      const r = await h.invoke(who, 'meeting.rsvp', { meetingId, answer: value, start });
      expect(textOf(answer(r))).toContain(`Ditt svar: ${value === 'ja' ? 'Ja' : 'Nej'}`);
    }
    await h.services.messenger.drain();
    const lars = await h.invoke(LARS, 'meeting.rsvp', { meetingId, answer: 'ja', start });
    expect(textOf(answer(lars))).toContain('Ditt svar: Ja');
    const meeting = h.services.store.doc.meetings.meetings.find((m) => m.id === meetingId);
    expect(meeting?.invitees.find((i) => i.personId === LARS)?.answer?.value).toBe('ja');
    // The substitute invited late gets the notice as it is now (the late paper in it), once, and no announcement
    // of changes he never saw the earlier version of.
    await settle();
    await settle();
    expect(noticesOf(LARS)).toHaveLength(1);
    expect(textOf(noticesOf(LARS)[0])).toContain('Ekonomisk uppföljning 2026');
    expect(textOf(noticesOf(LARS)[0])).not.toContain('Ändrat sedan kallelsen');
  });

  it('attendance is pre-filled from the answers; saved with Lars acting for Erik\'s seat, the meeting is quorate', async () => {
    // Not before the meeting has begun.
    now = stockholmInstant('2027-04-13', '08:00');
    expect(invokeText(await h.invoke(LEADER, recordsVerbs.attendance, { meetingId }))).toBe(catalogues.sv.records.messages.nothingToAttend);
    now = stockholmInstant('2027-04-13', '12:30');
    const picker = answer(await h.say(LEADER, 'närvaro'));
    const form = answer(await click(LEADER, picker, recordsVerbs.attendance, {}, (d) => d.meetingId === meetingId));
    const inputs = shownInputs(form);
    expect(inputs[`att-${MARIA}`]).toBe('present');
    expect(inputs[`att-${ERIK}`]).toBe('absent');
    expect(inputs[`att-${id(28)}`]).toBe('absent');
    expect(inputs[`att-${LARS}`]).toBe('present');
    const erikSeat = inputs[`seat-${LARS}`];
    expect(erikSeat).toMatch(/\S/); // pre-filled: the seat Erik holds
    const saved = answer(await click(LEADER, form, recordsVerbs.saveAttendance, { guests: 'Karl Gäst, Länsstyrelsen i Södermanlands län' }));
    const text = textOf(saved);
    expect(text).toContain('Beslutsfört');
    expect(text).toContain('Lars Testlund');
    const entries = record()?.attendance?.entries ?? [];
    const lars = entries.find((e) => e.personId === LARS);
    expect(lars).toMatchObject({ status: 'present', role: 'substitute', seatId: erikSeat });
    expect(entries.find((e) => e.personId === ERIK)?.status).toBe('absent');
    expect(record()?.attendance?.guests).toEqual([expect.objectContaining({ name: 'Karl Gäst' })]);
  });

  it('a member cannot open or save attendance, not even with a forged payload', async () => {
    expect(invokeText(await h.invoke(MARIA, recordsVerbs.attendance, { meetingId }))).toBe(catalogues.sv.core.notAllowed);
    const before = JSON.stringify(record()?.attendance);
    const forged = await h.invoke(MARIA, recordsVerbs.saveAttendance, { meetingId, page: '0', personIds: MARIA, [`att-${MARIA}`]: 'absent' });
    expect(invokeText(forged)).toBe(catalogues.sv.core.notAllowed);
    expect(JSON.stringify(record()?.attendance)).toBe(before);
  });
});

let decisionLinked = '';
let actionId = '';

describe('decisions (beslut)', () => {
  it('leadership records two decisions at the meeting, one linked to two needs; numbered per body and year', async () => {
    const picker = answer(await h.say(LEADER, 'kallelse'));
    let form = answer(await click(LEADER, picker, recordsVerbs.decisionForm, {}, (d) => d.meetingId === meetingId));
    const needsItem = record()?.agenda[2]?.id ?? '';
    form = answer(await click(LEADER, form, recordsVerbs.recordDecision, { decisionText: 'Programrådet ställer sig bakom att behoven om styrning i samverkan och tillitsbaserad styrning tas in i programplanen för 2028.', decisionItem: needsItem, decisionNeeds: `${needErik}, ${needMaria}` }));
    expect(textOf(form)).toContain('Beslutet är registrerat som Programrådet 2027 § 1.');
    const planItem = record()?.agenda[1]?.id ?? '';
    form = answer(await click(LEADER, form, recordsVerbs.recordDecision, { decisionText: 'Programrådet godkänner förslaget till programplan 2028.', decisionItem: planItem, decisionNeeds: '' }));
    expect(textOf(form)).toContain('Programrådet 2027 § 2');
    const decisions = records().decisions;
    expect(decisions.map((d) => [d.body, d.year, d.number, d.needNumbers])).toEqual([
      ['programrad', 2027, 1, [needErik, needMaria]],
      ['programrad', 2027, 2, []],
    ]);
    decisionLinked = decisions[0]?.id ?? '';
  });

  it('a need that does not exist is refused with its number; nothing is recorded', async () => {
    const r = await h.invoke(LEADER, recordsVerbs.recordDecision, { meetingId, decisionText: 'Ett beslut om ett behov som inte finns.', decisionItem: '', decisionNeeds: '9999' });
    expect(textOf(answer(r))).toContain('Behoven finns inte: #9999.');
    expect(records().decisions).toHaveLength(2);
  });

  it('anyone registered finds the decisions with "beslut 2027" and "beslut om tillitsbaserad"; they are preliminary until the minutes are approved', async () => {
    const all = textOf(answer(await h.say(KARIN, 'beslut 2027')));
    expect(all).toContain('Programrådet 2027 § 1');
    expect(all).toContain('Programrådet 2027 § 2');
    const about = textOf(answer(await h.say(KARIN, 'beslut om tillitsbaserad')));
    expect(about).toContain('Programrådet 2027 § 1');
    expect(about).not.toContain('§ 2');
    const one = textOf(answer(await h.invoke(KARIN, recordsVerbs.decision, { decisionId: decisionLinked })));
    expect(one).toContain(catalogues.sv.records.preliminary);
    expect(one).toContain(`#${needErik} Styrning i samverkan mellan kommuner`);
    // The submitters are told once the decision is final (the minutes approved), not before.
    await settle();
    expect(cardsOf(ERIK).filter((c) => textOf(c).includes('gäller ert behov'))).toHaveLength(0);
  });

  it('a member cannot record a decision, not even with a forged payload', async () => {
    const r = await h.invoke(MARIA, recordsVerbs.recordDecision, { meetingId, decisionText: 'Falskt beslut.', decisionItem: '', decisionNeeds: '' });
    expect(invokeText(r)).toBe(catalogues.sv.core.notAllowed);
    expect(invokeText(await h.invoke(MARIA, recordsVerbs.decisionForm, { meetingId }))).toBe(catalogues.sv.core.notAllowed);
    expect(records().decisions).toHaveLength(2);
  });
});

describe('actions (åtgärder)', () => {
  it('an action from the decision: its owner gets a card, a reminder 3 days before the due date (once) and marks it done', async () => {
    const decisions = answer(await h.invoke(LEADER, recordsVerbs.decisionForm, { meetingId }));
    const form = answer(await click(LEADER, decisions, recordsVerbs.actionForm, {}, (d) => d.decisionId === decisionLinked));
    const created = answer(await click(LEADER, form, recordsVerbs.createAction, { actionTitle: 'Ta fram underlag om styrning i samverkan till programgruppen', actionOwner: MARIA, actionDue: '2027-05-14' }));
    expect(textOf(created)).toContain(catalogues.sv.records.messages.actionCreated);
    actionId = records().actions.at(-1)?.id ?? '';
    expect(records().actions.at(-1)).toMatchObject({ ownerId: MARIA, dueDate: '2027-05-14', decisionId: decisionLinked, status: 'open' });
    await settle();
    const assigned = sentWith(MARIA, recordsVerbs.completeAction, (d) => d.actionId === actionId);
    expect(assigned).toHaveLength(1);
    expect(textOf(check(assigned[0]))).toContain('Ta fram underlag om styrning i samverkan');

    // "åtgärder": Maria sees hers; leadership sees the open actions per meeting.
    expect(textOf(answer(await h.say(MARIA, 'åtgärder')))).toContain('Ta fram underlag');
    expect(textOf(answer(await h.say(LEADER, 'åtgärder')))).toContain('Vårdialog 2027');
    // Someone else cannot mark it done.
    expect(invokeText(await h.invoke(ANDERS, recordsVerbs.completeAction, { actionId }))).toBe(catalogues.sv.core.notAllowed);

    now = stockholmInstant('2027-05-11', '08:59');
    await settle();
    expect(sentWith(MARIA, recordsVerbs.completeAction, (d) => d.actionId === actionId)).toHaveLength(1);
    now = stockholmInstant('2027-05-11', '09:00');
    await settle();
    await settle();
    const cards = sentWith(MARIA, recordsVerbs.completeAction, (d) => d.actionId === actionId);
    expect(cards).toHaveLength(2);
    expect(textOf(check(cards[1]))).toContain('Påminnelse');

    const done = answer(await click(MARIA, cards[1], recordsVerbs.completeAction, { actionComment: 'Underlaget skickat till programgruppen.' }));
    expect(textOf(done)).toContain(catalogues.sv.records.messages.actionDone);
    expect(records().actions.find((a) => a.id === actionId)?.status).toBe('done');
  });
});

describe('minutes and approval (protokoll och justering)', () => {
  const approvalsOf = (person: string) => sentWith(person, recordsVerbs.approveMinutes, (d) => d.meetingId === meetingId);
  let minutesCard: Card = {};

  it('leadership drafts the minutes from agenda, attendance, decisions and actions, and names the chair and two adjusters', async () => {
    now = stockholmInstant('2027-04-14', '10:00');
    const picker = answer(await h.say(LEADER, 'protokoll'));
    minutesCard = answer(await click(LEADER, picker, recordsVerbs.minutes, {}, (d) => d.meetingId === meetingId));
    const text = textOf(minutesCard);
    expect(text).toContain(catalogues.sv.records.messages.minutesDrafted);
    expect(text).toContain('Utkast – inte justerat');
    expect(text).toContain('Programrådet 2027 § 1');
    expect(text).toContain('Programrådet 2027 § 2');
    expect(text).toContain('Lars Testlund');
    expect(text).toContain('Ta fram underlag om styrning i samverkan');
    const pick = answer(await click(LEADER, minutesCard, recordsVerbs.minutes, {}, (d) => d.signatories === true));
    minutesCard = answer(await click(LEADER, pick, recordsVerbs.nameSignatories, { chairId: LEADER, adjusterIds: `${MARIA},${ANDERS}` }));
    expect(textOf(minutesCard)).toContain(catalogues.sv.records.messages.signatoriesNamed);
    expect(record()?.minutes?.signatories.map((s) => [s.personId, s.role])).toEqual([[LEADER, 'chair'], [MARIA, 'adjuster'], [ANDERS, 'adjuster']]);
    await settle();
    for (const p of [LEADER, MARIA, ANDERS]) expect(approvalsOf(p), p).toHaveLength(1);
    // Invitees who do not sign see nothing yet.
    expect(invokeText(await h.invoke(id(27), recordsVerbs.minutes, { meetingId }))).toBe(catalogues.sv.records.messages.noMinutesForYou);
  });

  it('an adjuster asks for a change; leadership is told, edits the notes, and the new version goes to the signatories', async () => {
    const request = approvalsOf(MARIA)[0];
    const changed = answer(await click(MARIA, request, recordsVerbs.requestMinutesChange, { changeComment: 'Under punkt 3 ska det stå att Region Västmanland bidrar med underlag.' }));
    expect(textOf(changed)).toContain(catalogues.sv.records.messages.changeRequested);
    await settle();
    const told = inbox(LEADER).filter((a) => typeof a.text === 'string' && a.text.includes('Region Västmanland bidrar med underlag'));
    expect(told).toHaveLength(1);

    const needsItem = record()?.agenda[2]?.id ?? '';
    const edit = answer(await h.invoke(LEADER, recordsVerbs.minutes, { meetingId, edit: true, editKey: needsItem }));
    const saved = answer(await click(LEADER, edit, recordsVerbs.saveMinutesNotes, { minutesNotes: 'Region Västmanland bidrar med underlag om tillitsbaserad styrning.' }));
    expect(textOf(saved)).toContain('Region Västmanland bidrar med underlag om tillitsbaserad styrning.');
    expect(record()?.minutes?.versions).toHaveLength(2);
    await settle();
    await settle();
    for (const p of [LEADER, MARIA, ANDERS]) {
      const requests = approvalsOf(p);
      expect(requests, p).toHaveLength(2);
      expect(action(requests[1], recordsVerbs.approveMinutes).data.version).toBe(2);
    }
  });

  it('approving an old version does not count; the chair and both adjusters approve version 2 and the minutes are justerat and locked', async () => {
    const old = await click(ANDERS, approvalsOf(ANDERS)[0], recordsVerbs.approveMinutes);
    expect(record()?.minutes?.status).toBe('draft');
    expect(textOf(answer(old))).not.toContain(catalogues.sv.records.messages.approved);
    for (const p of [LEADER, MARIA]) {
      const r = answer(await click(p, approvalsOf(p)[1], recordsVerbs.approveMinutes));
      expect(textOf(r)).toContain(catalogues.sv.records.messages.approved);
      expect(record()?.minutes?.status).toBe('draft');
    }
    const last = answer(await click(ANDERS, approvalsOf(ANDERS)[1], recordsVerbs.approveMinutes));
    expect(textOf(last)).toContain(catalogues.sv.records.messages.justerat);
    const minutes = record()?.minutes;
    expect(minutes?.status).toBe('justerat');
    expect(minutes?.justerat).toMatchObject({ date: '2027-04-14', version: 2 });
    expect(minutes?.justerat?.signatories.map((s) => s.personId)).toEqual([LEADER, MARIA, ANDERS]);
    // Who approved what is in the audit record.
    const audited = h.services.store.doc.audit.entries.filter((e) => e.subject.id === meetingId && e.action.startsWith('records.minutes'));
    expect(audited.map((e) => e.actorId)).toEqual(expect.arrayContaining([LEADER, MARIA, ANDERS]));
    // Locked: nothing of the record changes any more.
    const before = JSON.stringify(record());
    for (const [verb, data] of [
      [recordsVerbs.addAgendaItem, { meetingId, agendaTitle: 'Efterhandspunkt' }],
      [recordsVerbs.saveAttendance, { meetingId, page: '0', personIds: ERIK, [`att-${ERIK}`]: 'present' }],
      [recordsVerbs.recordDecision, { meetingId, decisionText: 'Ett sent beslut.', decisionItem: '', decisionNeeds: '' }],
      [recordsVerbs.saveMinutesNotes, { meetingId, itemKey: record()?.agenda[0]?.id ?? 'x', version: '2', minutesNotes: 'Ändrat i efterhand.' }],
      [recordsVerbs.draftMinutes, { meetingId }],
    ] as const) {
      const r = await h.invoke(LEADER, verb, data);
      expect(r.status, verb).toBe(200);
    }
    expect(JSON.stringify(record())).toBe(before);
    expect(records().decisions).toHaveLength(2);
  });

  it('the approved minutes go to every invitee once, as text on the card plus a .docx and a .txt file', async () => {
    await settle();
    await settle();
    const invitees = h.services.store.doc.meetings.meetings.find((m) => m.id === meetingId)?.invitees.map((i) => i.personId) ?? [];
    expect(invitees).toEqual(expect.arrayContaining([...PROGRAMRAD, LARS]));
    for (const p of invitees) {
      const cards = cardsOf(p).filter((c) => textOf(c).includes(catalogues.sv.records.messages.minutesJusteratIntro));
      expect(cards, p).toHaveLength(1);
      const text = textOf(check(cards[0]));
      expect(text).toContain('Justerat');
      expect(text).toContain('Region Västmanland bidrar med underlag om tillitsbaserad styrning.');
      expect(executes(cards[0]).filter((a) => a.verb === 'file.send').map((a) => a.data.format)).toEqual(['docx', 'txt']);
    }
    // Erik (absent) opens the Word file from his card: a signed download link, a real .docx with the minutes in it.
    const card = cardsOf(ERIK).find((c) => textOf(c).includes(catalogues.sv.records.messages.minutesJusteratIntro));
    const docx = await download(ERIK, action(card, 'file.send', (d) => d.format === 'docx').data);
    expect(docx.type).toContain('wordprocessingml');
    const xml = zipEntry(docx.body, 'word/document.xml');
    expect(xml).toContain('Vårdialog 2027');
    expect(xml).toContain('Programrådet 2027 § 1');
    const txt = await download(ERIK, action(card, 'file.send', (d) => d.format === 'txt').data);
    expect(txt.type).toContain('text/plain');
    expect(txt.body.toString('utf8')).toContain('Region Västmanland bidrar med underlag om tillitsbaserad styrning.');
    // Someone not invited gets no file.
    const stranger = await h.invoke(KARIN, 'file.send', action(card, 'file.send', (d) => d.format === 'docx').data);
    expect(JSON.stringify(stranger.body)).not.toContain('/downloads/');
  });
});

/** One file of a zip archive (a .docx is one), read through its local header. */
function zipEntry(zip: Buffer, name: string): string {
  for (let at = zip.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0; at = zip.indexOf('PK\x03\x04', at + 4, 'latin1')) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extra = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 30, at + 30 + nameLength) !== name) continue;
    const data = zip.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
  }
  throw new Error(`${name} is not in the archive`);
}

/** Presses a download button (local mode answers with a signed link) and fetches the file. */
async function download(who: string, data: Record<string, unknown>): Promise<{ type: string; body: Buffer }> {
  const r = await h.invoke(who, 'file.send', data);
  const link = JSON.stringify(r.body).match(/https?:\/\/[^"\\)]*\/downloads\/[^"\\)\s]+/)?.[0];
  if (!link) throw new Error(`no download link: ${JSON.stringify(r.body).slice(0, 400)}`);
  const res = await fetch(`${h.bot.url}${new URL(link).pathname}`);
  expect(res.status).toBe(200);
  return { type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

describe('the submitters see the decision', () => {
  it('once the minutes are justerat, the needs\' submitters are told, and "mina behov" shows the decision', async () => {
    for (const [who, need] of [[ERIK, needErik], [MARIA, needMaria]] as const) {
      const told = cardsOf(who).filter((c) => textOf(c).includes('gäller ert behov'));
      expect(told, who).toHaveLength(1);
      // As the reader sees it: markdown escapes taken out.
      expect(textOf(check(told[0])).replace(/\\(.)/g, '$1')).toContain(`Beslut Programrådet 2027 § 1 gäller ert behov #${need}.`);
      const mine = textOf(answer(await h.say(who, 'mina behov')));
      expect(mine, who).toContain('Programrådet 2027 § 1');
    }
    expect(textOf(answer(await h.invoke(KARIN, recordsVerbs.decision, { decisionId: decisionLinked })))).not.toContain(catalogues.sv.records.preliminary);
  });
});

describe('per capsulam', () => {
  const questionsOf = (person: string, procedureId: string) => sentWith(person, recordsVerbs.answerPerCapsulam, (d) => d.procedureId === procedureId);

  it('a proposal between meetings: every Programråd seat answers by the deadline except one; the result is recorded with the seat that did not answer', async () => {
    now = stockholmInstant('2027-05-17', '10:00');
    const form = answer(await h.say(LEADER, 'per capsulam'));
    const opened = answer(
      await click(LEADER, form, recordsVerbs.openPerCapsulam, { pcBody: 'programrad', pcProposal: 'Programrådet utser Maria Exempelsson till kontaktperson för nätverket om tillitsbaserad styrning.', pcNeeds: String(needMaria), pcDeadlineDate: '2027-05-24', pcDeadlineTime: '12:00' }),
    );
    const procedure = records().perCapsulam.at(-1);
    expect(procedure?.seats).toHaveLength(7);
    expect(textOf(opened)).toContain('Beslut per capsulam – Programrådet');
    const procedureId = procedure?.id ?? '';
    await settle();
    // Each seat holder is asked, once; Erik's seat is held by Erik (his substitute is not asked while he holds it).
    for (const p of PROGRAMRAD) expect(questionsOf(p, procedureId), p).toHaveLength(1);
    expect(questionsOf(LARS, procedureId)).toHaveLength(0);

    // Six seats answer (one changes its mind); Olof (Sörmland, 104) does not.
    for (const [who, value] of [[LEADER, 'yes'], [id(27), 'yes'], [id(28), 'no'], [ERIK, 'yes'], [MARIA, 'yes'], [ANDERS, 'no'], [ANDERS, 'yes']] as const) {
      const q = questionsOf(who, procedureId)[0];
      const r = answer(await click(who, q, recordsVerbs.answerPerCapsulam, {}, (d) => d.value === value));
      expect(textOf(r)).toContain(catalogues.sv.records.messages.answerRecorded);
    }
    // Someone answering for a seat that is not theirs is refused; the answer does not count.
    const olofs = questionsOf(id(104), procedureId)[0];
    const forged = await click(KARIN, olofs, recordsVerbs.answerPerCapsulam, {}, (d) => d.value === 'no');
    expect(invokeText(forged)).toBe(catalogues.sv.core.notAllowed);

    // The day before, the seat that has not answered is reminded (once); the others are not.
    now = stockholmInstant('2027-05-23', '12:00');
    await settle();
    await settle();
    expect(questionsOf(id(104), procedureId)).toHaveLength(2);
    expect(textOf(questionsOf(id(104), procedureId)[1])).toContain('Påminnelse: svara på förslaget senast');
    for (const p of [LEADER, ERIK, MARIA]) expect(questionsOf(p, procedureId), p).toHaveLength(1);

    // The deadline passes without Olof's answer.
    now = stockholmInstant('2027-05-24', '12:01');
    await settle();
    await settle();
    const closed = records().perCapsulam.find((p) => p.id === procedureId);
    const olofSeat = closed?.seats.find((s) => s.holderId === id(104))?.seatId;
    expect(closed?.result).toMatchObject({ outcome: 'adopted', notAnswered: [olofSeat] });
    expect([closed?.result?.yes.length, closed?.result?.no.length]).toEqual([5, 1]);
    const decision = records().decisions.at(-1);
    expect(decision).toMatchObject({ body: 'programrad', year: 2027, number: 3, origin: { kind: 'perCapsulam', procedureId }, needNumbers: [needMaria] });
    // Leadership gets the result, with the seat that did not answer named.
    const results = cardsOf(LEADER).filter((c) => textOf(c).includes('Svarade inte:'));
    expect(results).toHaveLength(1);
    const text = textOf(check(results[0]));
    expect(text).toContain('Antaget: Programrådet 2027 § 3.');
    expect(text).toContain('Ja 5 · Nej 1 · Ej svarat 1');
    expect(text).toContain('Olof');
    // A late answer changes nothing.
    const late = await click(id(104), olofs, recordsVerbs.answerPerCapsulam, {}, (d) => d.value === 'no');
    expect(textOf(answer(late))).toContain('Resultatet är redan fastställt.');
    expect(records().perCapsulam.find((p) => p.id === procedureId)?.result).toEqual(closed?.result);
    // The decision is in the log, per capsulam, found by "beslut per capsulam"-less search too.
    expect(textOf(answer(await h.say(KARIN, 'beslut 2027')))).toContain('Programrådet 2027 § 3');
  });
});
