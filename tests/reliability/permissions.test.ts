import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFeatures } from '../../src/bot/features.js';
import { addLocalDays } from '../../src/domain/meetings/local-date.js';
import { can } from '../../src/domain/permissions.js';
import { roleSchema, type Person } from '../../src/domain/people.js';
import { OTHER_ITEM_KEY } from '../../src/domain/records/record.js';
import { seatAnswerers } from '../../src/domain/records/per-capsulam.js';
import { stockholmDate, stockholmInstant } from '../../src/domain/time.js';
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
/**
 * The bot's clock: starts at `now` and only moves forward, a day at a time, when the fixture needs a meeting that has
 * been held (attendance, decisions and minutes are for meetings that have started; a meeting cannot be booked in the
 * past). Every attempt is made at the clock as it is then.
 */
let clock = now;
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

  // ---- Meeting records (#17), each made through the records verbs by leadership ----

  private readonly made = new Map<string, string>();
  /** Makes (once per key) what `make` returns; later calls get the same. */
  private async once(key: string, make: () => Promise<string>): Promise<string> {
    const known = this.made.get(key);
    if (known !== undefined) return known;
    const value = await make();
    this.made.set(key, value);
    return value;
  }
  async lead(verb: string, data: Record<string, unknown>): Promise<string> {
    const r = await b.client.invoke(demo.leader, verb, data);
    await b.settle();
    return r.text.slice(0, 300);
  }
  recordOf(meetingId: unknown) {
    return this.doc.records.records.find((r) => r.meetingId === meetingId);
  }

  /**
   * A Programråd dialogue that has been held: booked for tomorrow by leadership, then the clock moves past it.
   */
  async heldMeeting(tag: string): Promise<string> {
    return this.once(`held/${tag}`, async () => {
      const today = stockholmDate(clock);
      const day = addLocalDays(today, 1);
      const title = `Hållet möte ${tag}`;
      const r = await this.lead('meeting.schedule', { ...meetingForm(title), date: day, start: '09:00', end: '11:00', deadline: today, override: 'true', draftId: `perm-held-${tag}` });
      const meeting = this.doc.meetings.meetings.find((m) => m.title === title);
      if (!meeting) throw new Error(`the held meeting ${title} was not stored: ${r}`);
      clock = stockholmInstant(day, '12:00');
      return meeting.id;
    });
  }

  /** An agenda item `title` on the (future) meeting `meetingTag`. */
  async agendaItem(meetingTag: string, title: string): Promise<{ meetingId: string; itemId: string }> {
    const meetingId = await this.meeting(meetingTag);
    const itemId = await this.once(`item/${meetingTag}/${title}`, async () => {
      const r = await this.lead('records.addAgendaItem', { meetingId, agendaTitle: title });
      const item = this.recordOf(meetingId)?.agenda.find((a) => a.title === title);
      if (!item) throw new Error(`the agenda item ${title} was not stored: ${r}`);
      return item.id;
    });
    return { meetingId, itemId };
  }

  /** A paper `title` (a link) on the meeting `meetingTag`. */
  async paper(meetingTag: string, title: string): Promise<{ meetingId: string; paperId: string }> {
    const meetingId = await this.meeting(meetingTag);
    const paperId = await this.once(`paper/${meetingTag}/${title}`, async () => {
      const r = await this.lead('records.addPaper', { meetingId, paperTitle: title, paperUrl: 'https://example.org/handling.pdf', paperItem: '' });
      const paper = this.recordOf(meetingId)?.papers.find((x) => x.title === title);
      if (!paper) throw new Error(`the paper ${title} was not stored: ${r}`);
      return paper.id;
    });
    return { meetingId, paperId };
  }

  /** A meeting with an agenda whose notice has gone out to the invitees. */
  async noticeSent(tag: string): Promise<string> {
    const { meetingId } = await this.agendaItem(tag, 'Läget');
    return this.once(`notice/${tag}`, async () => {
      const r = await this.lead('records.sendNotice', { meetingId });
      if (!this.recordOf(meetingId)?.notice) throw new Error(`the notice of ${tag} was not sent: ${r}`);
      return meetingId;
    });
  }

  /** A decision recorded at a held meeting. */
  async decision(tag: string): Promise<string> {
    return this.once(`decision/${tag}`, async () => {
      const meetingId = await this.heldMeeting(`decision-${tag}`);
      const text = `Programrådet beslutar ${tag}.`;
      const r = await this.lead('records.recordDecision', { meetingId, decisionText: text });
      const decision = this.doc.records.decisions.find((d) => d.text === text);
      if (!decision) throw new Error(`the decision ${text} was not stored: ${r}`);
      return decision.id;
    });
  }

  /** An open action from an agenda item, owned by `ownerId`. */
  async action(tag: string, ownerId: string): Promise<string> {
    const { meetingId, itemId } = await this.agendaItem('actions', 'Uppföljning');
    return this.once(`action/${tag}`, async () => {
      const title = `Åtgärd ${tag}`;
      const r = await this.lead('records.createAction', { meetingId, itemId, actionTitle: title, actionOwner: ownerId, actionDue: '2027-06-30' });
      const action = this.doc.records.actions.find((a) => a.title === title);
      if (!action) throw new Error(`the action ${title} was not stored: ${r}`);
      return action.id;
    });
  }

  /** An action owned by `ownerId` that has been marked done. */
  async doneAction(tag: string, ownerId: string): Promise<string> {
    const actionId = await this.action(tag, ownerId);
    return this.once(`done/${tag}`, async () => {
      const r = await this.lead('records.completeAction', { actionId, actionComment: 'Klart.' });
      if (this.doc.records.actions.find((a) => a.id === actionId)?.status !== 'done') throw new Error(`the action ${tag} was not marked done: ${r}`);
      return actionId;
    });
  }

  /** Minutes drafted for a held meeting, with `signatories` (chair first) named when given. */
  async minutes(tag: string, signatories?: () => string[]): Promise<string> {
    const meetingId = await this.heldMeeting(`minutes-${tag}`);
    return this.once(`minutes/${tag}`, async () => {
      let r = await this.lead('records.draftMinutes', { meetingId });
      if (!this.recordOf(meetingId)?.minutes) throw new Error(`the minutes of ${tag} were not drafted: ${r}`);
      if (signatories) {
        const [chairId, ...adjusters] = signatories();
        r = await this.lead('records.nameSignatories', { meetingId, chairId, adjusterIds: adjusters.join(',') });
        if (this.recordOf(meetingId)?.minutes?.signatories.length !== 1 + adjusters.length) throw new Error(`the signatories of ${tag} were not named: ${r}`);
      }
      return meetingId;
    });
  }

  /** A Programråd question per capsulam, open until the summer. */
  async perCapsulam(tag: string): Promise<string> {
    return this.once(`pc/${tag}`, async () => {
      const proposal = `Programrådet föreslås besluta ${tag}.`;
      const r = await this.lead('records.openPerCapsulam', perCapsulamForm(proposal));
      const procedure = this.doc.records.perCapsulam.find((p) => p.proposal === proposal);
      if (!procedure) throw new Error(`the per capsulam ${tag} was not stored: ${r}`);
      return procedure.id;
    });
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

const perCapsulamForm = (proposal: string) => ({ pcBody: 'programrad', pcProposal: proposal, pcNeeds: '', pcDeadlineDate: '2027-06-30', pcDeadlineTime: '12:00' });
const manage = ({ person }: Attempt) => can(person, 'records.manage');
/** Actions are given to a director who is in no leadership: the owner is then someone other than leadership. */
const actionOwner = demo.vasterasDirector;
const actionOf = (actionId: unknown) => fx.doc.records.actions.find((a) => a.id === actionId);
const minutesOf = (meetingId: unknown) => fx.recordOf(meetingId)?.minutes ?? undefined;
const minutesVersion = (meetingId: unknown) => minutesOf(meetingId)?.versions.length ?? 0;
const signatoryIds = (meetingId: unknown) => ({ signatoryIds: minutesOf(meetingId)?.signatories.map((s) => s.personId) ?? [] });
/** Chair: a Programråd member who is none of the people tried; adjusters: two directors who are. */
const signatories = () => {
  const chair = fx.doc.people.find((p) => p.programrad?.membership === 'ordinary' && !p.roles.includes('leadership') && !representatives.some((r) => r.aad === p.aadObjectId));
  if (!chair) throw new Error('no Programråd member to chair');
  return [chair.aadObjectId, demo.vasterasDirector, demo.eskilstunaDirector];
};
/** Who reads minutes (src/bot/records/handlers.ts): leadership, the signatories, and once justerade every invitee. */
const mayReadMinutes = (person: Person, meetingId: unknown) =>
  can(person, 'records.manage') || can(person, 'records.approveMinutes', signatoryIds(meetingId)) || (minutesOf(meetingId)?.status === 'justerat' && can(person, 'meetings.rsvp', invitees(meetingId)));
const procedureOf = (procedureId: unknown) => fx.doc.records.perCapsulam.find((p) => p.id === procedureId);
/** Who reads a question per capsulam: leadership, and whoever answers for one of its seats. */
const mayReadPerCapsulam = (person: Person, procedureId: unknown) =>
  can(person, 'records.manage') || (procedureOf(procedureId)?.seats ?? []).some((s) => can(person, 'records.answerPerCapsulam', { seatPersonIds: seatAnswerers(s) }));
/** The seat a person answers for in a procedure, else its first seat (so a refusal is about the person, not the seat). */
const seatFor = (person: Person, procedureId: unknown) => {
  const seats = procedureOf(procedureId)?.seats ?? [];
  return (seats.find((s) => seatAnswerers(s).includes(person.aadObjectId)) ?? seats[0])?.seatId;
};
const seatOf = (procedureId: unknown, seatId: unknown) => procedureOf(procedureId)?.seats.find((s) => s.seatId === seatId);

/**
 * People who may be taken off the roster by the privacy verbs: none of the people tried, nobody the tests name, no
 * leadership; a fixed list (taken once), so each attempt's person stays the same whatever was removed before.
 */
let removable: string[] | undefined;
function removablePerson(n: number): string {
  removable ??= fx.doc.people
    .filter((p) => !representatives.some((r) => r.aad === p.aadObjectId) && !(Object.values(demo) as string[]).includes(p.aadObjectId) && !p.roles.includes('leadership'))
    .map((p) => p.aadObjectId)
    .sort();
  const id = removable[n];
  if (!id) throw new Error(`only ${removable.length} people may be removed; wanted number ${n}`);
  return id;
}

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
  // ---- Meeting records (#17). Leadership runs the records; invitees read the notice; signatories approve minutes. ----
  'records.agenda': [{ name: 'a meeting\'s agenda', data: async () => ({ meetingId: await fx.meeting('records-agenda') }), allowed: manage, effect: 'reads' }],
  'records.addAgendaItem': [{ name: 'an item', data: async ({ index }) => ({ meetingId: await fx.meeting('records-add-item'), agendaTitle: `Punkt ${index}` }), allowed: manage, effect: 'writes' }],
  'records.removeAgendaItem': [
    { name: 'an item of its own', data: async ({ index }) => { const { meetingId, itemId } = await fx.agendaItem('records-remove-item', `Stryk ${index}`); return { meetingId, agendaItem: itemId }; }, allowed: manage, effect: 'writes' },
  ],
  'records.moveAgendaItem': [
    {
      name: 'the last item, up',
      data: async ({ index }) => {
        await fx.agendaItem('records-move-item', 'Först');
        const { meetingId, itemId } = await fx.agendaItem('records-move-item', `Flytta ${index}`);
        return { meetingId, agendaItem: itemId, direction: 'up' };
      },
      allowed: manage,
      effect: 'writes',
    },
  ],
  'records.addPaper': [{ name: 'a link to the meeting', data: async ({ index }) => ({ meetingId: await fx.meeting('records-add-paper'), paperTitle: `Handling ${index}`, paperUrl: 'https://example.org/handling.pdf', paperItem: '' }), allowed: manage, effect: 'writes' }],
  'records.removePaper': [
    { name: 'a paper of its own', data: async ({ index }) => { const { meetingId, paperId } = await fx.paper('records-remove-paper', `Gammal handling ${index}`); return { meetingId, agendaPaper: paperId }; }, allowed: manage, effect: 'writes' },
  ],
  'records.notice': [
    {
      name: 'a notice sent',
      data: async () => ({ meetingId: await fx.noticeSent('records-notice') }),
      // Leadership, and the invitees once the notice has gone out.
      allowed: ({ person }, d) => can(person, 'records.manage') || (Boolean(fx.recordOf(d.meetingId)?.notice) && can(person, 'meetings.rsvp', invitees(d.meetingId))),
      effect: 'reads',
    },
  ],
  'records.sendNotice': [
    {
      name: 'a meeting of their own with an agenda',
      // Each person who may send gets a meeting of their own (a notice goes out once).
      data: async ({ person, index }) => ({ meetingId: (await fx.agendaItem(can(person, 'records.manage') ? `records-send-${index}` : 'records-send', 'Läget')).meetingId }),
      allowed: manage,
      effect: 'writes',
    },
  ],
  'records.announceChanges': [
    {
      name: 'an item added after the notice',
      data: async ({ index }) => {
        const meetingId = await fx.noticeSent('records-announce');
        await fx.lead('records.addAgendaItem', { meetingId, agendaTitle: `Tillägg ${index}` });
        return { meetingId, revision: fx.recordOf(meetingId)?.revision };
      },
      allowed: manage,
      effect: 'writes',
    },
  ],
  'records.attendance': [{ name: 'a held meeting', data: async () => ({ meetingId: await fx.heldMeeting('attendance') }), allowed: manage, effect: 'reads' }],
  'records.saveAttendance': [
    { name: 'leadership present', data: async () => ({ meetingId: await fx.heldMeeting('attendance'), page: '0', personIds: demo.leader, [`att-${demo.leader}`]: 'present' }), allowed: manage, effect: 'writes' },
  ],
  'records.decisionForm': [{ name: 'a Programråd meeting', data: async () => ({ meetingId: await fx.meeting('records-decision-form') }), allowed: manage, effect: 'reads' }],
  'records.recordDecision': [{ name: 'at a held meeting', data: async ({ index }) => ({ meetingId: await fx.heldMeeting('decisions'), decisionText: `Programrådet beslutar ${index}.` }), allowed: manage, effect: 'writes' }],
  // records.viewDecisions: the decisions of the bodies are open to everyone registered.
  'records.decision': [{ name: 'a decision', data: async () => ({ decisionId: await fx.decision('view') }), allowed: registered, effect: 'reads' }],
  'records.decisions': [{ name: 'all', data: () => ({ query: '', page: '0' }), allowed: registered, effect: 'reads' }],
  'records.actionForm': [{ name: 'from an agenda item', data: async () => fx.agendaItem('actions', 'Uppföljning'), allowed: manage, effect: 'reads' }],
  'records.createAction': [
    {
      name: 'from an agenda item',
      data: async ({ index }) => ({ ...(await fx.agendaItem('actions', 'Uppföljning')), actionTitle: `Ny åtgärd ${index}`, actionOwner: actionOwner, actionDue: '2027-06-30' }),
      allowed: manage,
      effect: 'writes',
    },
  ],
  'records.action': [
    {
      name: 'a director\'s action',
      data: async () => ({ actionId: await fx.action('view', actionOwner) }),
      // Its owner, and leadership.
      allowed: ({ person }, d) => actionOf(d.actionId)?.ownerId === person.aadObjectId || can(person, 'records.manage'),
      effect: 'reads',
    },
  ],
  'records.completeAction': [
    {
      name: 'an open action of its own',
      data: async ({ index }) => ({ actionId: await fx.action(`complete-${index}`, actionOwner), actionComment: 'Klart.' }),
      allowed: ({ person }, d) => can(person, 'records.completeAction', { ownerId: actionOf(d.actionId)?.ownerId }),
      effect: 'writes',
    },
  ],
  'records.reopenAction': [
    {
      name: 'a done action of its own',
      data: async ({ index }) => ({ actionId: await fx.doneAction(`reopen-${index}`, actionOwner), actionComment: 'Inte klart ändå.' }),
      allowed: ({ person }, d) => can(person, 'records.completeAction', { ownerId: actionOf(d.actionId)?.ownerId }),
      effect: 'writes',
    },
  ],
  // Everyone gets a list: leadership the one asked for, anyone else their own.
  'records.actions': [{ name: 'by meeting', data: () => ({ scope: 'meeting' }), allowed: registered, effect: 'reads' }],
  'records.minutes': [{ name: 'minutes with signatories', data: async () => ({ meetingId: await fx.minutes('view', signatories) }), allowed: ({ person }, d) => mayReadMinutes(person, d.meetingId), effect: 'reads' }],
  'records.draftMinutes': [
    {
      name: 'a held meeting, a decision added each time',
      data: async ({ index }) => {
        const meetingId = await fx.heldMeeting('draft');
        // Once drafted, a new decision makes the next draft differ (a draft the same as before is not a change).
        if (fx.recordOf(meetingId)?.minutes) await fx.lead('records.recordDecision', { meetingId, decisionText: `Tillägg ${index}.` });
        return { meetingId };
      },
      allowed: manage,
      effect: 'writes',
    },
  ],
  'records.saveMinutesNotes': [
    {
      name: 'notes outside the agenda',
      data: async ({ index }) => {
        const meetingId = await fx.minutes('notes');
        return { meetingId, itemKey: OTHER_ITEM_KEY, version: minutesVersion(meetingId), minutesNotes: `Anteckning ${index}.` };
      },
      allowed: manage,
      effect: 'writes',
    },
  ],
  'records.nameSignatories': [
    {
      name: 'a chair and two adjusters',
      data: async () => {
        const [chairId, ...adjusters] = signatories();
        return { meetingId: await fx.minutes('signatories'), chairId, adjusterIds: adjusters.join(',') };
      },
      allowed: manage,
      effect: 'writes',
    },
  ],
  'records.approveMinutes': [
    {
      name: 'the version shown',
      data: async () => {
        const meetingId = await fx.minutes('approve', signatories);
        return { meetingId, version: minutesVersion(meetingId) };
      },
      // Only the named chair and adjusters, not leadership.
      allowed: ({ person }, d) => can(person, 'records.approveMinutes', signatoryIds(d.meetingId)),
      effect: 'writes',
    },
  ],
  'records.requestMinutesChange': [
    {
      name: 'a change to the version shown',
      data: async () => {
        const meetingId = await fx.minutes('request', signatories);
        return { meetingId, version: minutesVersion(meetingId), changeComment: 'Rätta namnet i § 1.' };
      },
      allowed: ({ person }, d) => can(person, 'records.approveMinutes', signatoryIds(d.meetingId)),
      effect: 'writes',
    },
  ],
  'records.perCapsulamForm': [{ name: 'a new question', data: () => ({}), allowed: manage, effect: 'reads' }],
  'records.openPerCapsulam': [{ name: 'to the Programråd', data: ({ index }) => perCapsulamForm(`Förslag ${index}`), allowed: manage, effect: 'writes' }],
  'records.perCapsulam': [{ name: 'an open question', data: async () => ({ procedureId: await fx.perCapsulam('view') }), allowed: ({ person }, d) => mayReadPerCapsulam(person, d.procedureId), effect: 'reads' }],
  'records.answerPerCapsulam': [
    {
      name: 'yes for their seat',
      data: async ({ person }) => {
        const procedureId = await fx.perCapsulam('answer');
        return { procedureId, seatId: seatFor(person, procedureId), value: 'yes' };
      },
      // The seat's holder, or a substitute of a vacant seat.
      allowed: ({ person }, d) => can(person, 'records.answerPerCapsulam', { seatPersonIds: seatAnswerers(seatOf(d.procedureId, d.seatId) ?? { holderId: null, substituteIds: [] }) }),
      effect: 'writes',
    },
  ],
  'records.refresh': [
    { name: 'minutes', data: async () => ({ kind: 'minutes', id: await fx.minutes('view', signatories) }), allowed: ({ person }, d) => mayReadMinutes(person, d.id), effect: 'reads' },
    { name: 'a question per capsulam', data: async () => ({ kind: 'perCapsulam', id: await fx.perCapsulam('view') }), allowed: ({ person }, d) => mayReadPerCapsulam(person, d.id), effect: 'reads' },
  ],
  // ---- Personal data (#14): leadership takes people off the roster. ----
  'privacy.pick': [{ name: 'someone from the roster', data: () => ({ personId: removablePerson(32) }), allowed: ({ person }) => can(person, 'roster.remove'), effect: 'reads' }],
  'privacy.remove': [
    { name: 'remove only', data: ({ index }) => ({ personId: removablePerson(index), mode: 'remove' }), allowed: ({ person }) => can(person, 'roster.remove'), effect: 'writes' },
    { name: 'remove and erase', data: ({ index }) => ({ personId: removablePerson(20 + index), mode: 'erase' }), allowed: ({ person }) => can(person, 'privacy.erase'), effect: 'writes' },
  ],
  // "Avbryt" on the confirmation: a message that nothing changed, for whoever presses it.
  'privacy.cancel': [{ name: 'the confirmation', data: () => ({}), allowed: registered, effect: 'either' }],
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
  b = await BotUnderTest.start({ now: () => clock });
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

  it('a refused completion of an action, approval of minutes or answer per capsulam records nothing at all, not even its activity id', async () => {
    // Staff own no action, sign no minutes and answer for no seat: each is refused on the resource as stored.
    const actionId = await fx.action('trace', actionOwner);
    const meetingId = await fx.minutes('trace', signatories);
    const procedureId = await fx.perCapsulam('trace');
    const seatId = procedureOf(procedureId)?.seats[0]?.seatId;
    for (const [verb, data] of [
      ['records.completeAction', { actionId, actionComment: 'Klart.' }],
      ['records.reopenAction', { actionId }],
      ['records.approveMinutes', { meetingId, version: minutesVersion(meetingId) }],
      ['records.requestMinutesChange', { meetingId, version: minutesVersion(meetingId), changeComment: 'Fel.' }],
      ['records.answerPerCapsulam', { procedureId, seatId, value: 'yes' }],
    ] as const) {
      await b.settle();
      const before = JSON.stringify(b.store.doc);
      const activity = b.client.invokeActivity(staff, verb, data);
      const r = await b.client.post(activity);
      await b.settle();
      expect([catalogues.sv.core.notAllowed, catalogues.en.core.notAllowed], verb).toContain(messageOf(r.body));
      expect(b.store.doc.processedActivities, verb).not.toContain(activity.id);
      expect(JSON.stringify(b.store.doc), verb).toBe(before);
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
