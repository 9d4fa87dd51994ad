import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFeatures } from '../../src/bot/features.js';
import { can } from '../../src/domain/permissions.js';
import { roleSchema, type Person } from '../../src/domain/people.js';
import { stockholmInstant } from '../../src/domain/time.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import type { StoreDocument } from '../../src/store/schema.js';
import { demo } from '../helpers/harness.js';
import { answerCardOf, messageOf, type PostResult } from '../helpers/load-client.js';
import { BotUnderTest } from './bot-under-test.js';

/**
 * Permissions: every card action (every verb of every registered feature) and every role-gated chat command (the
 * features' help entries) tried by one person of each kind in the roster — every distinct combination of roles and
 * Programråd membership, so director, chair, staff, leadership, Programgrupp, a Programråd substitute — and by
 * someone not in the roster. Whether a person may is computed with can() from src/domain/permissions.ts for the
 * permission the verb needs (the matrix below names it, never the roles): refused attempts change nothing and
 * are answered with a message; allowed writes change the store; allowed views answer with a card.
 *
 * A verb registered without an entry in the matrix fails the "every verb has an entry" test, with what to add.
 */

const now = stockholmInstant('2027-03-01', '10:00');
let b: BotUnderTest;

interface Representative {
  label: string;
  person: Person | null;
  aad: string;
}
let representatives: Representative[] = [];

/** Needs and meetings made on demand through the bot's own verbs, by someone allowed to make them. */
class Fixture {
  private readonly needs = new Map<string, number>();
  private readonly meetings = new Map<string, string>();
  private readonly polls = new Map<string, string>();

  get doc(): Readonly<StoreDocument> {
    return b.store.doc;
  }

  /** A need of `organisationId`, status inkommen, submitted by someone of that organisation who may. */
  async need(tag: string, organisationId: string): Promise<number> {
    const key = `${tag}/${organisationId}`;
    const known = this.needs.get(key);
    if (known !== undefined) return known;
    const submitter = this.doc.people.find((p) => p.organisationId === organisationId && can(p, 'needs.submit'));
    if (!submitter) throw new Error(`no one at ${organisationId} may submit a need`);
    const title = `Behov ${key}`;
    const r = await b.client.invoke(submitter.aadObjectId, 'needs.submit', needForm(title, organisationId));
    const need = this.doc.needs.needs.find((n) => n.title === title);
    if (!need) throw new Error(`the fixture need ${title} was not stored: ${r.text.slice(0, 200)}`);
    this.needs.set(key, need.number);
    return need.number;
  }

  /** A Programråd dialogue booked by leadership (its ordinary members are invited). */
  async meeting(tag: string): Promise<string> {
    const known = this.meetings.get(tag);
    if (known) return known;
    const title = `Möte ${tag}`;
    const r = await b.client.invoke(demo.leader, 'meeting.schedule', { ...meetingForm(title), draftId: `perm-${tag}` });
    const meeting = this.doc.meetings.meetings.find((m) => m.title === title);
    if (!meeting) throw new Error(`the fixture meeting ${title} was not stored: ${r.text.slice(0, 200)}`);
    this.meetings.set(tag, meeting.id);
    return meeting.id;
  }

  /** A Programråd date poll made by leadership (its members and substitutes are asked). */
  async poll(tag: string): Promise<string> {
    const known = this.polls.get(tag);
    if (known) return known;
    const draftId = `perm-poll-${tag}`;
    const r = await b.client.invoke(demo.leader, 'poll.create', pollForm(draftId));
    if (!this.doc.polls.polls.some((p) => p.id === draftId)) throw new Error(`the fixture poll ${draftId} was not stored: ${r.text.slice(0, 200)}`);
    this.polls.set(tag, draftId);
    return draftId;
  }
}
const fx = new Fixture();

const needForm = (title: string, organisationId: string) => ({ title, description: `Beskrivning: ${title}.`, area: 'framtida-valfarden', organisationId, contactName: 'Test', urgency: 'medium', force: 'true', submissionId: `perm-${Math.random().toString(36).slice(2, 12)}` });
const pollForm = (draftId: string) => ({ draftId, type: 'programrad', title: `Tidsförslag ${draftId}`, place: 'MDU, Västerås', deadline: '2027-03-22', slot1Date: '2027-03-30', slot1Start: '09:00', slot1End: '12:00', slot2Date: '2027-03-31', slot2Start: '13:00', slot2End: '15:00' });
const pollInvitees = (pollId: unknown) => ({ inviteeIds: fx.doc.polls.polls.find((p) => p.id === pollId)?.inviteeIds ?? [] });
const meetingForm = (title: string) => ({ type: 'programrad', title, date: '2027-03-30', start: '13:00', end: '15:00', place: 'MDU, Västerås', agenda: 'Läget', deadline: '2027-03-22' });

interface Attempt {
  person: Person;
  /** This representative's place in the list: gives each attempt its own values where the domain wants unique ones. */
  index: number;
}
interface Variant {
  name: string;
  data(a: Attempt): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** From can(), with the resource as it is when the attempt is made. */
  allowed(a: Attempt, data: Record<string, unknown>): boolean;
  /** writes: an allowed attempt changes the store. reads: an allowed attempt answers with a card. either: only "refused → nothing changed". */
  effect: 'writes' | 'reads' | 'either';
}

const needOf = (number: unknown) => fx.doc.needs.needs.find((n) => n.number === number);
const editResource = (number: unknown) => ({ organisationId: needOf(number)?.organisationId, needStatus: needOf(number)?.state.status });
const invitees = (meetingId: unknown) => ({ inviteeIds: fx.doc.meetings.meetings.find((m) => m.id === meetingId)?.invitees.map((i) => i.personId) ?? [] });
/** Some other organisation than the person's, whose need they could stand behind. */
const otherOrganisation = (p: Person) => (p.organisationId === 'vasteras' ? 'eskilstuna' : 'vasteras');
const registered = () => true;

/** The permission each verb needs, and data that makes an allowed attempt do its thing. */
const matrix: Record<string, Variant[]> = {
  'core.language': [{ name: 'the other language', data: ({ person }) => ({ language: fx.doc.preferences[person.aadObjectId]?.language === 'en' ? 'sv' : 'en' }), allowed: registered, effect: 'writes' }],
  'help.run': [{ name: 'help', data: () => ({ command: 'hjälp' }), allowed: registered, effect: 'either' }],
  'cost.ask': [{ name: 'a party and year', data: () => ({ partyId: 'koping', year: '2027' }), allowed: ({ person }) => can(person, 'cost.view'), effect: 'reads' }],
  'cost.overview': [{ name: 'all parties', data: () => ({}), allowed: ({ person }) => can(person, 'cost.view'), effect: 'reads' }],
  'cost.form': [{ name: 'the question form', data: () => ({ partyId: 'koping' }), allowed: ({ person }) => can(person, 'cost.view'), effect: 'reads' }],
  'needs.form': [{ name: 'an empty form', data: () => ({}), allowed: ({ person }) => can(person, 'needs.submit'), effect: 'reads' }],
  'needs.submit': [
    { name: 'a need for their organisation', data: ({ person, index }) => needForm(`Nytt behov ${index}`, person.organisationId), allowed: ({ person }) => can(person, 'needs.submit'), effect: 'writes' },
  ],
  'needs.save': [
    {
      name: 'their organisation\'s need, retitled',
      data: async ({ person, index }) => ({ ...needForm(`Ändrat ${index}`, person.organisationId), number: await ownNeed('save', person) }),
      allowed: ({ person }, d) => can(person, 'needs.edit', editResource(d.number)),
      effect: 'writes',
    },
  ],
  'needs.withdraw': [
    {
      name: 'their organisation\'s need',
      data: async ({ person }) => ({ number: await ownNeed('withdraw', person), confirm: 'yes' }),
      allowed: ({ person }, d) => can(person, 'needs.edit', editResource(d.number)),
      effect: 'writes',
    },
  ],
  'needs.support': [
    {
      name: 'another organisation\'s need',
      data: async ({ person, index }) => ({ number: await fx.need(`support-${index}`, otherOrganisation(person)) }),
      allowed: ({ person }) => can(person, 'needs.support'),
      effect: 'writes',
    },
  ],
  'needs.review': [
    {
      name: 'to under beredning',
      data: async ({ index }) => ({ number: await fx.need(`review-${index}`, 'vasteras'), to: 'under-beredning', 'reviewText-under-beredning': 'Vi tittar på det.' }),
      allowed: ({ person }) => can(person, 'needs.review'),
      effect: 'writes',
    },
  ],
  // Who sees a need in full is the handler's rule over several permissions; only "refused → nothing changed" here.
  'needs.show': [{ name: 'a need', data: async () => ({ number: await fx.need('show', 'vasteras') }), allowed: registered, effect: 'either' }],
  'needs.list': [
    { name: 'their own', data: () => ({ scope: 'mine' }), allowed: ({ person }) => can(person, 'needs.viewOwn'), effect: 'reads' },
    { name: 'all', data: () => ({ scope: 'all' }), allowed: ({ person }) => can(person, 'needs.viewAll'), effect: 'reads' },
  ],
  'needs.overview': [{ name: 'all years', data: () => ({}), allowed: ({ person }) => can(person, 'needs.export'), effect: 'reads' }],
  'needs.openRound': [
    {
      name: 'the next year without a round',
      data: () => ({ year: String([2027, 2028, 2029, 2030].find((y) => !fx.doc.needs.rounds.some((r) => r.year === y))), closingDate: '2027-12-31' }),
      allowed: ({ person }) => can(person, 'needs.manageRounds'),
      effect: 'writes',
    },
  ],
  'meeting.form': [{ name: 'a new booking', data: () => ({}), allowed: ({ person }) => can(person, 'meetings.schedule'), effect: 'reads' }],
  'meeting.schedule': [{ name: 'a Programråd dialogue', data: ({ index }) => ({ ...meetingForm(`Bokat ${index}`), draftId: `book-${index}` }), allowed: ({ person }) => can(person, 'meetings.schedule'), effect: 'writes' }],
  'meeting.rsvp': [
    { name: 'yes to a Programråd dialogue', data: async () => ({ meetingId: await fx.meeting('rsvp'), answer: 'ja' }), allowed: ({ person }, d) => can(person, 'meetings.rsvp', invitees(d.meetingId)), effect: 'writes' },
  ],
  'meeting.cancel': [
    {
      name: 'a meeting of their own to cancel',
      // Each person who may cancel gets a meeting of their own (a cancelled meeting cannot be cancelled again).
      data: async ({ person, index }) => ({ meetingId: await fx.meeting(can(person, 'meetings.schedule') ? `cancel-${index}` : 'cancel'), confirm: 'yes' }),
      allowed: ({ person }) => can(person, 'meetings.schedule'),
      effect: 'writes',
    },
  ],
  'meeting.invitees': [
    {
      name: 'add a chair',
      data: async ({ person, index }) => ({ meetingId: await fx.meeting(can(person, 'meetings.schedule') ? `invitees-${index}` : 'invitees'), op: 'add', addPersonId: '00000000-0000-0000-0000-000000000103' }),
      allowed: ({ person }) => can(person, 'meetings.schedule'),
      effect: 'writes',
    },
  ],
  'meeting.refresh': [{ name: 'an invitation', data: async () => ({ meetingId: await fx.meeting('view') }), allowed: registered, effect: 'either' }],
  'meeting.open': [{ name: 'an invitation', data: async () => ({ meetingId: await fx.meeting('view') }), allowed: registered, effect: 'either' }],
  // Leadership gets the overview; everyone else their own member card: both are cards.
  'meeting.overview': [{ name: 'the overview', data: () => ({}), allowed: registered, effect: 'either' }],
  'poll.form': [{ name: 'a new poll', data: () => ({}), allowed: ({ person }) => can(person, 'polls.manage'), effect: 'reads' }],
  'poll.create': [{ name: 'a Programråd poll', data: ({ index }) => pollForm(`create-${index}`), allowed: ({ person }) => can(person, 'polls.manage'), effect: 'writes' }],
  'poll.answer': [
    { name: 'yes to both times', data: async () => ({ pollId: await fx.poll('answer'), 'answer-s1': 'yes', 'answer-s2': 'yes' }), allowed: ({ person }, d) => can(person, 'polls.answer', pollInvitees(d.pollId)), effect: 'writes' },
  ],
  'poll.refresh': [{ name: 'an answer card', data: async () => ({ pollId: await fx.poll('view') }), allowed: registered, effect: 'either' }],
  'poll.open': [{ name: 'an answer card', data: async () => ({ pollId: await fx.poll('view') }), allowed: registered, effect: 'either' }],
  'poll.overview': [{ name: 'the overview', data: async () => ({ pollId: await fx.poll('view') }), allowed: ({ person }) => can(person, 'polls.manage'), effect: 'reads' }],
  'poll.finalise': [
    {
      name: 'a poll of their own to finalise',
      data: async ({ person, index }) => ({ pollId: await fx.poll(can(person, 'polls.manage') ? `finalise-${index}` : 'finalise'), slotId: 's1', confirm: 'yes' }),
      allowed: ({ person }) => can(person, 'polls.manage'),
      effect: 'writes',
    },
  ],
  'poll.cancel': [
    {
      name: 'a poll of their own to call off',
      data: async ({ person, index }) => ({ pollId: await fx.poll(can(person, 'polls.manage') ? `cancel-${index}` : 'cancel'), confirm: 'yes' }),
      allowed: ({ person }) => can(person, 'polls.manage'),
      effect: 'writes',
    },
  ],
  // A file offered through a button (Teams: the file consent card; local mode: a single-use link as a message).
  'file.send': [{ name: 'the needs export', data: () => ({ file: 'needs-export', format: 'csv', round: 'all' }), allowed: ({ person }) => can(person, 'needs.export'), effect: 'either' }],
  // Issue #15: far-off last days (a new one per attempt), so nobody's rights change during the run.
  'roster.end': [
    { name: 'a staff member\'s term, confirmed', data: ({ index }) => ({ personId: '00000000-0000-0000-0000-000000000024', lastDay: `2099-01-${String(index + 1).padStart(2, '0')}`, confirm: 'yes' }), allowed: ({ person }) => can(person, 'roster.manage'), effect: 'writes' },
  ],
  'roster.handover': [
    {
      name: 'a staff member\'s place to another, confirmed',
      data: ({ index }) => ({ personId: '00000000-0000-0000-0000-000000000024', successorId: '00000000-0000-0000-0000-000000000023', lastDay: `2098-01-${String(index + 1).padStart(2, '0')}`, confirm: 'yes' }),
      allowed: ({ person }) => can(person, 'roster.manage'),
      effect: 'writes',
    },
  ],
};

/** A need of the person's own organisation, made for them (someone there may submit); or another's when none may. */
async function ownNeed(tag: string, person: Person): Promise<number> {
  const submitter = fx.doc.people.some((p) => p.organisationId === person.organisationId && can(p, 'needs.submit'));
  return fx.need(`${tag}-${person.aadObjectId}`, submitter ? person.organisationId : 'vasteras');
}

const snapshot = () => JSON.stringify(b.store.doc);
/** Where two snapshots differ (top-level sections, then the first differing entry), for a readable failure. */
function difference(before: string, after: string): string {
  const a = JSON.parse(before) as Record<string, unknown>;
  const c = JSON.parse(after) as Record<string, unknown>;
  const keys = Object.keys({ ...a, ...c }).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(c[k]));
  return keys.map((k) => `${k}: ${JSON.stringify(a[k]).slice(0, 300)} → ${JSON.stringify(c[k]).slice(0, 300)}`).join('\n');
}
const somethingWentWrong = [catalogues.sv.core.somethingWentWrong, catalogues.en.core.somethingWentWrong];
const unknownText = (r: PostResult, replies: string[]) => `${messageOf(r.body) ?? ''}${replies.join('')}`;

beforeAll(async () => {
  b = await BotUnderTest.start({ now: () => now });
  // One person of each kind: every distinct combination of roles and Programråd membership in the roster.
  const kinds = new Map<string, Person>();
  for (const p of b.store.doc.people) {
    const kind = [...p.roles].sort().join('+') + (p.programrad ? `(${p.programrad.membership})` : '');
    if (!kinds.has(kind)) kinds.set(kind, p);
  }
  representatives = [...kinds].map(([label, person]) => ({ label, person, aad: person.aadObjectId }));
  representatives.push({ label: 'not in the roster', person: null, aad: demo.stranger });
  // Everyone has talked once, so an attempt has nothing of its own to store (the conversation is known).
  for (const r of representatives) await b.client.say(r.aad, 'hej');
  await b.settle();
});
afterAll(async () => {
  await b?.close();
});

describe('who is tried', () => {
  it('one person of every role, a Programråd substitute and someone not in the roster', () => {
    const people = representatives.flatMap((r) => (r.person ? [r.person] : []));
    for (const role of roleSchema.options) expect(people.some((p) => p.roles.includes(role)), role).toBe(true);
    expect(people.some((p) => p.programrad?.membership === 'substitute')).toBe(true);
    expect(representatives.some((r) => r.person === null)).toBe(true);
  });

  it('every verb of every registered feature has an entry in the permission matrix', () => {
    const verbs = allFeatures().flatMap((f) => (f.actions ?? []).map((a) => a.verb));
    const missing = verbs.filter((v) => !(v in matrix));
    expect(missing, `add these verbs to the matrix in tests/reliability/permissions.test.ts (which permission they need, data that works)`).toEqual([]);
  });
});

describe('card actions', () => {
  const verbs = allFeatures().flatMap((f) => (f.actions ?? []).map((a) => a.verb));
  for (const verb of verbs) {
    for (const variant of matrix[verb] ?? []) {
      it(`${verb} (${variant.name}) by every kind of person: only those allowed by can() change anything`, async () => {
        const allowedSeen: boolean[] = [];
        for (const [index, rep] of representatives.entries()) {
          const attempt: Attempt = { person: rep.person ?? representatives[0]!.person!, index };
          const data = await variant.data(attempt);
          await b.settle();
          const before = snapshot();
          const mark = b.log.entries.length;
          const allowed = rep.person !== null && variant.allowed(attempt, data);
          allowedSeen.push(allowed);
          const r = await b.client.invoke(rep.aad, verb, data);
          await b.settle();
          const after = snapshot();
          const changed = after !== before;
          const what = `${verb} (${variant.name}) by ${rep.label}: ${r.status} ${r.text.slice(0, 160)}${changed && !allowed ? `\n${difference(before, after)}` : ''}`;
          expect(r.status, what).toBe(200);
          expect(somethingWentWrong, what).not.toContain(messageOf(r.body));
          expect(b.log.entries.slice(mark).filter((e) => e.level === 'error'), what).toEqual([]);
          if (rep.person === null) {
            expect(unknownText(r, []), what).toContain('inte registrerad');
            expect(changed, `${what}: someone not in the roster changed the store`).toBe(false);
          } else if (!allowed) {
            expect(changed, `${what}: refused, yet the store changed`).toBe(false);
            if (variant.effect !== 'either') expect(answerCardOf(r.body), `${what}: a refusal is a message`).toBeUndefined();
          } else if (variant.effect === 'writes') {
            expect(changed, `${what}: allowed, yet nothing was stored`).toBe(true);
          } else if (variant.effect === 'reads') {
            expect(answerCardOf(r.body), `${what}: allowed, yet no card`).toBeDefined();
          }
        }
        // The matrix must not make every attempt one kind: then it would test nothing.
        if (variant.allowed !== registered) expect(new Set(allowedSeen).size, `${verb}: allowed for everyone or no one`).toBe(2);
      });
    }
  }
});

describe('chat commands from the help entries', () => {
  const entries = allFeatures().flatMap((f) => (f.help ?? []).map((h) => ({ feature: f.name, action: h.action, command: h.entry(catalogues.sv).command, english: h.entry(catalogues.en).command })));

  it('there are role-gated commands to try', () => {
    expect(new Set(entries.map((e) => e.action)).size).toBeGreaterThan(5);
  });

  for (const entry of entries) {
    it(`"${entry.command}" / "${entry.english}" (${entry.action}) by every kind of person: refused ones get text only and change nothing`, async () => {
      for (const rep of representatives) {
        // One Teams locale throughout: a changed locale would rewrite the conversation reference (a legitimate write).
        for (const [text, locale] of [
          [entry.command, 'sv-SE'],
          [entry.english, 'sv-SE'],
        ] as const) {
          await b.settle();
          const before = snapshot();
          const mark = b.connector.delivered.length;
          const r = await b.client.say(rep.aad, text, { locale });
          await b.settle();
          const replies = b.connector.delivered.slice(mark).filter((c) => c.conversationId === `a:personal-${rep.aad}` && c.method === 'POST');
          const cards = replies.filter((c) => (c.body.attachments as unknown[] | undefined)?.length);
          const changed = snapshot() !== before;
          const what = `"${text}" by ${rep.label}`;
          expect(r.status, what).toBe(200);
          expect(replies.length, `${what}: no answer`).toBeGreaterThan(0);
          expect(replies.map((c) => c.body.text).filter((t) => somethingWentWrong.includes(String(t))), what).toEqual([]);
          if (rep.person === null) {
            expect(unknownText(r, replies.map((c) => String(c.body.text))), what).toMatch(/inte registrerad|not registered/);
            expect(changed, what).toBe(false);
          } else if (!can(rep.person, entry.action)) {
            expect(cards, `${what}: refused, yet answered with a card`).toEqual([]);
            expect(changed, `${what}: refused, yet the store changed`).toBe(false);
          } else {
            expect(cards.length > 0 || changed, `${what}: allowed, yet neither a card nor a change`).toBe(true);
          }
        }
      }
      // Leave each person's language as it was (the "english" command stores a choice).
      for (const rep of representatives) if (rep.person && b.store.doc.preferences[rep.aad]?.language) await b.client.say(rep.aad, 'svenska');
    });
  }
});

describe('refused attempts leave no trace', () => {
  const staff = '00000000-0000-0000-0000-000000000024'; // Sala kommun, staff: may neither support nor withdraw
  it('a refused support is answered "not allowed" and stores no need change', async () => {
    const number = await fx.need('trace', 'vasteras');
    await b.settle();
    const before = JSON.stringify(b.store.doc.needs);
    const r = await b.client.invoke(staff, 'needs.support', { number });
    expect(messageOf(r.body)).toBeDefined();
    expect(JSON.stringify(b.store.doc.needs)).toBe(before);
  });

  it('a refused support or withdrawal records nothing at all, not even its activity id', async () => {
    const number = await fx.need('trace', 'vasteras');
    for (const [verb, data] of [
      ['needs.support', { number }],
      ['needs.withdraw', { number, confirm: 'yes' }],
    ] as const) {
      await b.settle();
      const before = JSON.stringify(b.store.doc);
      const activity = b.client.invokeActivity(staff, verb, data);
      await b.client.post(activity);
      await b.settle();
      expect(b.store.doc.processedActivities).not.toContain(activity.id);
      expect(JSON.stringify(b.store.doc)).toBe(before);
    }
  });

  it('a refused support or withdrawal delivered again (same activity id) is refused again, never answered with the need in full', async () => {
    const number = await fx.need('trace', 'vasteras');
    const show = await b.client.invoke(staff, 'needs.show', { number });
    expect(answerCardOf(show.body), 'staff of another organisation may not see this need').toBeUndefined();
    for (const [verb, data] of [
      ['needs.support', { number }],
      ['needs.withdraw', { number, confirm: 'yes' }],
    ] as const) {
      const activity = b.client.invokeActivity(staff, verb, data);
      const first = await b.client.post(activity);
      const again = await b.client.post(activity);
      expect(answerCardOf(first.body)).toBeUndefined();
      expect(answerCardOf(again.body), `${verb} redelivered`).toBeUndefined();
    }
  });
});
