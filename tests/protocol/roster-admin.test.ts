import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmInstant } from '../../src/domain/time.js';
import { Harness, cardOf, conversationOf, demo, invokeCard, invokeText, textOf } from '../helpers/harness.js';
import { cardNodes } from '../helpers/card-nodes.js';
import { validateCard } from '../helpers/card-validator.js';

/*
 * Roster administration (issue #15 point 3) through the real HTTP entry point: leadership's roster card, a seat
 * handed over to a successor with its pending invitation following, and the same verbs tried by a member, with a
 * forged payload and from a tenant the bot does not serve.
 */

const LEADER = demo.leader;
const MARIA = demo.regionDirector; // Programråd ordinary, Västmanland
const KARIN = demo.salaEconomist; // staff, in no body: Maria's successor
const ERIK = demo.vasterasDirector;
let now = stockholmInstant('2027-03-01', '10:00');
let h: Harness;
let meetingId = '';

const inbox = (person: string) =>
  h.connector.delivered.filter((c) => (c.conversationId === conversationOf(person) || c.conversationId === `a:created-${person}`) && c.method === 'POST' && c.path !== '/v3/conversations').map((c) => c.body);

beforeAll(async () => {
  h = await Harness.start({ now: () => now });
  for (const p of [LEADER, MARIA, KARIN, ERIK]) await h.say(p, 'hej');
  const form = cardOf((await h.say(LEADER, 'boka möte')).replies[0]);
  const draftId = String((cardNodes(form).find((n) => n.type === 'Action.Execute' && n.verb === 'meeting.schedule')?.data as { draftId?: string } | undefined)?.draftId);
  await h.invoke(LEADER, 'meeting.schedule', { draftId, type: 'programrad', title: 'Vårdialog 2027', date: '2027-04-20', start: '09:00', end: '12:00', place: 'MDU', deadline: '2027-04-10', override: true });
  meetingId = h.services.store.doc.meetings.meetings[0]?.id ?? '';
  await h.services.messenger.drain();
});
afterAll(async () => {
  await h.close();
});

describe('roster administration', () => {
  it('leadership gets the roster by body and organisation, with the form to end or hand over a seat', async () => {
    const { replies } = await h.say(LEADER, 'ledamöter');
    const card = cardOf(replies[0]);
    expect(validateCard(card)).toEqual([]);
    const text = textOf(card);
    expect(text).toContain('Programrådet');
    expect(text).toContain('Region Västmanland');
    expect(text).toContain('Maria Exempelsson – ');
    expect(text).toContain('ordinarie Västmanland');
    expect(cardNodes(card).filter((n) => n.type === 'Action.Execute').map((n) => n.verb)).toEqual(['roster.end', 'roster.handover']);
    expect(textOf(cardOf((await h.say(LEADER, 'roster', { locale: 'en-GB' })).replies[0]))).toContain('Members of STARK');
  });

  it('a member typing it, or forging the card press, is refused and nothing changes', async () => {
    const before = JSON.stringify(h.services.store.doc.people);
    expect(String((await h.say(ERIK, 'ledamöter')).replies[0]?.text)).toBe('Det är bara programledningen som ändrar förteckningen.');
    const forged = await h.invoke(ERIK, 'roster.handover', { personId: MARIA, successorId: ERIK, lastDay: '2027-03-31', confirm: 'yes' });
    expect(invokeText(forged)).toBe('Det är bara programledningen som ändrar förteckningen.');
    const garbage = await h.invoke(LEADER, 'roster.end', { personId: '../../etc', lastDay: 'tomorrow', confirm: 'yes' });
    expect(invokeText(garbage)).toContain('kunde jag inte läsa');
    const outsider = await h.post({ ...h.activity(LEADER, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'roster.end', data: { personId: MARIA, lastDay: '2027-03-31', confirm: 'yes' } } } }, { tenantId: 'cccccccc-0000-4000-8000-00000000000c' }) });
    expect(JSON.stringify(outsider.body)).toContain('din organisation är inte ansluten');
    expect(JSON.stringify(h.services.store.doc.people)).toBe(before);
  });

  it('a handover asks first; confirmed, the successor takes the seat from the next day, the invitation follows, and it is audited', async () => {
    const ask = invokeCard(await h.invoke(LEADER, 'roster.handover', { personId: MARIA, successorId: KARIN, lastDay: '2027-03-31' }));
    expect(validateCard(ask)).toEqual([]);
    expect(textOf(ask)).toContain('Lämna över uppdraget?');
    expect(h.services.store.doc.people.find((p) => p.aadObjectId === MARIA)?.term).toBeUndefined();
    const confirm = cardNodes(ask).find((n) => n.type === 'Action.Execute' && (n.data as { confirm?: string }).confirm === 'yes')?.data as Record<string, unknown>;
    const r = await h.invoke(LEADER, 'roster.handover', confirm);
    expect(invokeText(r)).toBe('Karin Fiktivén tar över efter Maria Exempelsson från 2027-04-01. 1 kallelse(r) har flyttats. Ändringen är loggad.');
    const people = h.services.store.doc.people;
    expect(people.find((p) => p.aadObjectId === MARIA)?.term?.end).toBe('2027-03-31');
    expect(people.find((p) => p.aadObjectId === KARIN)?.programrad).toEqual({ membership: 'ordinary', seat: 'vastmanland' });
    const meeting = h.services.store.doc.meetings.meetings.find((m) => m.id === meetingId);
    expect(meeting?.invitees.map((i) => i.personId)).toContain(KARIN);
    expect(meeting?.invitees.map((i) => i.personId)).not.toContain(MARIA);
    await h.services.messenger.drain();
    expect(inbox(KARIN).some((a) => textOf(cardOf(a)).includes('Vårdialog 2027'))).toBe(true);
    const audit = h.services.store.doc.audit.entries.at(-1);
    expect(audit).toMatchObject({ actorId: LEADER, action: 'roster.changed', subject: { kind: 'roster', id: MARIA } });
    expect(audit?.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'successor', to: KARIN })]));
  });

  it('after the handover day Maria gets the polite answer; Karin is invited as the seat holder', async () => {
    now = stockholmInstant('2027-04-01', '10:00');
    expect(String((await h.say(MARIA, 'möten')).replies[0]?.text)).toContain('upphörde 2027-03-31');
    expect(invokeText(await h.invoke(LEADER, 'roster.end', { personId: MARIA, lastDay: '2027-03-01', confirm: 'yes' }))).toBe('Sista dagen kan inte ligga före i dag.');
  });
});
