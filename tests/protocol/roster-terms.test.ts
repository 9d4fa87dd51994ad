import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmInstant } from '../../src/domain/time.js';
import { rosterFeature } from '../../src/bot/features/roster-feature.js';
import { Harness, cardOf, conversationOf, demo, textOf } from '../helpers/harness.js';
import { cardNodes } from '../helpers/card-nodes.js';
import { validateCard } from '../helpers/card-validator.js';

/*
 * Terms of office (issue #14 point 4, issue #15 point 4) through the real HTTP entry point: Maria Exempelsson's
 * Programråd term ends on 30 June 2027 with nobody after her; a second leader's term ends too. Reminders 60 and 14
 * days before go to her and to leadership, once; after the last day she is not invited and gets a polite answer, and
 * the leader whose term ended has no leadership rights left.
 */

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const LEADER = demo.leader;
const MARIA = demo.regionDirector;
const ERIK = demo.vasterasDirector;
const OLD_LEADER = id(990);
let now = stockholmInstant('2027-04-01', '10:00');
let h: Harness;

const inbox = (person: string) =>
  h.connector.delivered
    .filter((c) => (c.conversationId === conversationOf(person) || c.conversationId === `a:created-${person}`) && c.method === 'POST' && c.path !== '/v3/conversations')
    .map((c) => String(c.body.text ?? ''));
const runJob = async () => {
  const job = rosterFeature().jobs?.[0];
  if (!job) throw new Error('no roster job');
  await job.run(h.services);
  await h.services.messenger.drain();
};

beforeAll(async () => {
  h = await Harness.start({ now: () => now });
  await h.services.store.update((doc) => {
    const maria = doc.people.find((p) => p.aadObjectId === MARIA);
    if (maria) maria.term = { start: '2025-07-01', end: '2027-06-30' };
    doc.people.push({ aadObjectId: OLD_LEADER, name: 'Olle Avgående', organisationId: doc.people.find((p) => p.aadObjectId === LEADER)?.organisationId ?? 'mdu', title: 'Biträdande programledare', roles: ['leadership'], term: { end: '2027-04-15' } });
  });
  for (const p of [LEADER, MARIA, ERIK, OLD_LEADER]) await h.say(p, 'hej');
});
afterAll(async () => {
  await h.close();
});

describe('terms of office', () => {
  it('before the 60-day mark nothing is sent about Maria; Olle, 14 days before his last day, is reminded himself', async () => {
    await runJob();
    expect(inbox(OLD_LEADER).filter((t) => t.includes('ditt uppdrag i STARK upphör 2027-04-15, om 14 dagar'))).toHaveLength(1);
    now = stockholmInstant('2027-04-30', '23:00');
    await runJob();
    expect(inbox(MARIA).filter((t) => t.includes('upphör'))).toHaveLength(0);
  });

  it('60 days before, the person and leadership are reminded once, leadership with the gap it opens; a second run sends nothing', async () => {
    now = stockholmInstant('2027-05-01', '09:05');
    await runJob();
    await runJob();
    const toMaria = inbox(MARIA).filter((t) => t.includes('upphör'));
    expect(toMaria).toEqual(['Påminnelse: ditt uppdrag i STARK upphör 2027-06-30, om 60 dagar. Efter det får du inte längre kallelser från mig. Hör av dig till programledningen om uppdraget ska förlängas.']);
    const toLeader = inbox(LEADER).filter((t) => t.includes('Maria Exempelsson'));
    expect(toLeader).toHaveLength(1);
    expect(toLeader[0]).toContain('uppdraget för Maria Exempelsson (Region Västmanland) upphör 2027-06-30, om 60 dagar');
    expect(toLeader[0]).toContain('Västmanland ska ha 2 ordinarie ledamöter: ska vara 2, är 1');
    // Olle's term ended on 15 April: he is no longer leadership and hears nothing about Maria.
    expect(inbox(OLD_LEADER).filter((t) => t.includes('Maria'))).toHaveLength(0);
    expect(inbox(ERIK).filter((t) => t.includes('upphör'))).toHaveLength(0);
  });

  it('14 days before, once more; the keys are recorded so a restart sends nothing again', async () => {
    now = stockholmInstant('2027-06-16', '09:00');
    await runJob();
    await runJob();
    expect(inbox(MARIA).filter((t) => t.includes('om 14 dagar'))).toHaveLength(1);
    expect(inbox(LEADER).filter((t) => t.includes('Maria Exempelsson') && t.includes('om 14 dagar'))).toHaveLength(1);
    expect(h.services.store.doc.roster.sentKeys.filter((k) => k.startsWith(`term-end:${MARIA}:2027-06-30:14`))).toContain(`term-end:${MARIA}:2027-06-30:14:to:${MARIA}`);
  });

  it('the composition check lists the gap the end will open', async () => {
    const card = cardOf((await h.say(LEADER, 'sammansättning')).replies[0]);
    expect(validateCard(card)).toEqual([]);
    expect(textOf(card)).toContain('Luckor som uppstår när mandat går ut:');
    expect(textOf(card)).toContain('Maria Exempelsson slutar 2027-06-30 – Programrådet: Västmanland ska ha 2 ordinarie ledamöter: ska vara 2, är 1');
  });

  it('after the last day: not invited to a meeting after it, and a polite answer instead of the bot', async () => {
    now = stockholmInstant('2027-06-20', '10:00');
    const form = cardOf((await h.say(LEADER, 'boka möte')).replies[0]);
    const draftId = String((cardNodes(form).find((n) => n.type === 'Action.Execute' && n.verb === 'meeting.schedule')?.data as { draftId?: string } | undefined)?.draftId);
    await h.invoke(LEADER, 'meeting.schedule', { draftId, type: 'programrad', title: 'Höstdialog', date: '2027-09-20', start: '09:00', end: '12:00', place: 'MDU', deadline: '2027-09-10', override: true });
    const meeting = h.services.store.doc.meetings.meetings.find((m) => m.title === 'Höstdialog');
    expect(meeting?.invitees.map((i) => i.personId)).toContain(ERIK);
    expect(meeting?.invitees.map((i) => i.personId)).not.toContain(MARIA);

    now = stockholmInstant('2027-07-01', '08:00');
    const { replies } = await h.say(MARIA, 'möten');
    expect(replies).toHaveLength(1);
    expect(cardOf(replies[0])).toBeUndefined();
    expect(String(replies[0]?.text)).toBe(`Ditt uppdrag i STARK upphörde 2027-06-30, så jag kan inte längre hjälpa dig här – tack för din tid! Frågor besvaras av ${h.services.config.accessContact}.`);
  });

  it('a leader whose term ended has no leadership rights: commands and forged card presses get the same sentence', async () => {
    const before = h.services.store.doc.meetings.meetings.length;
    const typed = await h.say(OLD_LEADER, 'boka möte');
    expect(String(typed.replies[0]?.text)).toContain('upphörde 2027-04-15');
    const forged = await h.invoke(OLD_LEADER, 'meeting.schedule', { type: 'programrad', title: 'X', date: '2027-10-01', start: '09:00', end: '10:00', place: 'MDU', deadline: '2027-09-25' });
    expect(JSON.stringify(forged.body)).toContain('upphörde 2027-04-15');
    expect(h.services.store.doc.meetings.meetings).toHaveLength(before);
    expect((await h.say(OLD_LEADER, 'logg')).replies.map((r) => String(r.text))).toEqual([expect.stringContaining('upphörde')]);
  });
});
