// The needs and meetings of a benchmark document, built as the domain's own values (validated with needSchema and
// meetingSchema) and placed into the store sections that hold them.
import { needSchema, programmeAreas, urgencies, type Need } from '../src/domain/needs/need.js';
import { defaultInviteeIds, meetingSchema, type Meeting, type RsvpValue } from '../src/domain/meetings/meeting.js';
import { stockholmDate } from '../src/domain/time.js';
import type { Person } from '../src/domain/people.js';
import type { StoreDocument } from '../src/store/schema.js';
import { documentSchema } from '../src/store/schema.js';
import { reminderKey } from '../src/domain/meetings/reminders.js';
import { needsRoundSchema, roundClosesAt, type NeedsRound } from '../src/domain/needs/rounds.js';
import { SUBMISSION_LIMIT } from '../src/store/sections/needs.js';
import { seatsFromRoster } from '../src/domain/bodies/seats-from-roster.js';
import type { Availability } from '../src/domain/bodies/coverage.js';
import { answerPoll } from '../src/domain/polls/answer.js';
import { createPoll, pollDraftSchema, SLOT_IDS, type Poll } from '../src/domain/polls/poll.js';
import { SEATS_SINCE } from '../src/app/polls/poll-notices.js';

export interface SectionsReport {
  doc: StoreDocument;
  counts: { needs: number; meetings: number; answers: number };
  sections: { needs: 'filled' | 'missing'; meetings: 'filled' | 'missing' };
}

export const TEN_X_NEEDS = 20_000;
export const TEN_X_MEETINGS = 400;
/** The upcoming meeting the RSVP turns answer (an årlig träff: every director and chair is invited). */
export const BENCH_MEETING_ID = 'bench-arlig-traff';
/** The open date poll the poll turns read and answer (issue #16's case: 50 invitees × 8 times). */
export const BENCH_POLL_ID = 'bench-poll';
export const BENCH_POLL_INVITEES = 50;

const DAY = 24 * 3600_000;

// Swedish compounds as needs are written: about 800 content words, drawn with a Zipf distribution (a few are common,
// most are rare), so the similarity index sees postings of realistic length rather than a handful of words everywhere.
const heads = ['kompetens', 'digitaliserings', 'äldre', 'skol', 'social', 'klimat', 'upphandlings', 'arbets', 'ledar', 'medborgar', 'besluts', 'informations', 'hem', 'ungdoms', 'integrations', 'landsbygds', 'trafik', 'bostads', 'styr', 'uppföljnings', 'kvalitets', 'rekryterings', 'sjuk', 'välfärds', 'kris', 'ekonomi', 'resurs', 'organisations', 'process', 'utvecklings', 'forsknings', 'kunskaps', 'data', 'energi', 'vatten', 'miljö', 'hälso', 'folkhälso', 'kultur', 'fritids'];
const tails = ['försörjning', 'omsorg', 'planering', 'analys', 'strategi', 'samverkan', 'styrning', 'uppföljning', 'utveckling', 'kompetens', 'system', 'modeller', 'frågor', 'arbetet', 'insatser', 'stödet', 'tjänster', 'ledningen', 'beredskap', 'underlag'];
const vocabulary = heads.flatMap((h) => tails.map((t) => `${h}${t}`));
const zipfWeights = vocabulary.map((_, rank) => 1 / (rank + 1));
const zipfTotal = zipfWeights.reduce((a, b) => a + b, 0);
const verbs = ['behöver', 'vill förstå', 'saknar kunskap om', 'vill utveckla', 'behöver stöd i', 'vill följa upp', 'vill pröva'];

function zipfWord(rnd: () => number): string {
  let x = rnd() * zipfTotal;
  for (let i = 0; i < vocabulary.length; i++) {
    x -= zipfWeights[i] ?? 0;
    if (x <= 0) return vocabulary[i] ?? 'behov';
  }
  return vocabulary.at(-1) ?? 'behov';
}

function sentence(rnd: () => number, n: number): string {
  const parts = Array.from({ length: n }, () => zipfWord(rnd));
  const verb = verbs[Math.floor(rnd() * verbs.length)] ?? 'behöver';
  return `Vi ${verb} ${parts.join(' och ')}.`;
}

/** Has the store document a place for this section yet? (An empty strict object until the feature fills it in.) */
export function sectionExists(name: 'needs' | 'meetings' | 'polls'): boolean {
  const schema = documentSchema.shape[name];
  const fallback = schema.safeParse(undefined);
  return fallback.success && typeof fallback.data === 'object' && fallback.data !== null && Object.keys(fallback.data).length > 0;
}

/**
 * Ten yearly needs rounds, for programme years (this year − 8) … (this year + 1): each round's needs come in during
 * the autumn before its year; every round but the last is closed and its needs decided, the last one is open.
 * Every need passes the domain's needSchema.
 */
export function generateNeeds(p: { people: readonly Person[]; count: number; now: Date; rnd: () => number }): { needs: Need[]; rounds: NeedsRound[] } {
  const submitters = p.people.filter((x) => x.roles.includes('director') || x.roles.includes('leadership'));
  const reviewer = p.people.find((x) => x.roles.includes('leadership')) ?? submitters[0];
  if (!reviewer || submitters.length === 0) throw new Error('the roster has no one who may submit or review needs');
  const orgIds = [...new Set(p.people.map((x) => x.organisationId))];
  const thisYear = Number(stockholmDate(p.now).slice(0, 4));
  const firstRound = thisYear - 8;
  const years = 10;
  const rounds: NeedsRound[] = Array.from({ length: years }, (_, k) => {
    const year = firstRound + k;
    const current = year === thisYear + 1;
    // The open round closes three weeks from now; closed rounds closed on 31 October the year before.
    const closingDate = current ? stockholmDate(new Date(p.now.getTime() + 21 * DAY)) : `${year - 1}-10-31`;
    return needsRoundSchema.parse({ year, closingDate, closesAt: roundClosesAt(closingDate), openedAt: new Date(Date.UTC(year - 1, 7, 15)), openedBy: reviewer.aadObjectId });
  });
  const needs: Need[] = [];
  for (let i = 0; i < p.count; i++) {
    const round = firstRound + Math.floor((i * years) / p.count);
    const submitter = submitters[i % submitters.length] as Person;
    const submittedAt = new Date(Math.min(p.now.getTime() - DAY, Date.UTC(round - 1, 8, 1) + Math.floor(p.rnd() * 55) * DAY));
    const current = round === thisYear + 1;
    const roll = p.rnd();
    const number = i + 1;
    const history: Need['history'] = [{ at: submittedAt, by: submitter.aadObjectId, event: 'submitted', from: null, to: 'inkommen', text: '' }];
    let state: Need['state'] = { status: 'inkommen' };
    const later = (days: number) => new Date(Math.min(p.now.getTime(), submittedAt.getTime() + days * DAY));
    if (!current || roll < 0.3) {
      history.push({ at: later(20), by: reviewer.aadObjectId, event: 'transition', from: 'inkommen', to: 'under-beredning', text: '' });
      state = { status: 'under-beredning' };
      if (!current) {
        if (roll < 0.45) state = { status: 'ingar-i-programplan', plan: { area: programmeAreas[i % 3] ?? 'framtida-valfarden', year: round } };
        else if (roll < 0.8 || number === 1) state = { status: 'avslagen', motivation: sentence(p.rnd, 4) };
        else state = { status: 'sammanslagen', mergedInto: Math.max(1, number - 1 - Math.floor(p.rnd() * 50)) };
        history.push({ at: later(60), by: reviewer.aadObjectId, event: 'transition', from: 'under-beredning', to: state.status, text: state.status === 'avslagen' ? state.motivation : '' });
      }
    }
    const supporters = orgIds.filter((o) => o !== submitter.organisationId && p.rnd() < 0.08).slice(0, 4);
    needs.push(
      needSchema.parse({
        number,
        title: `${sentence(p.rnd, 2).slice(3, 100)} (${number})`,
        description: Array.from({ length: 3 + Math.floor(p.rnd() * 5) }, () => sentence(p.rnd, 3)).join(' '),
        area: programmeAreas[Math.floor(p.rnd() * 3)] ?? 'framtida-valfarden',
        contact: { name: submitter.name, ...(submitter.email ? { email: submitter.email } : {}) },
        urgency: urgencies[Math.floor(p.rnd() * 3)] ?? 'medium',
        organisationId: submitter.organisationId,
        submittedBy: submitter.aadObjectId,
        submittedAt,
        round,
        state,
        history,
        supports: supporters.map((organisationId) => {
          const by = p.people.find((x) => x.organisationId === organisationId) ?? submitter;
          return { organisationId, by: by.aadObjectId, at: later(10) };
        }),
      }),
    );
  }
  return { needs, rounds };
}

/**
 * Ten years of meetings (all answered by their invitees) and, last, the upcoming årlig träff the RSVP turns answer.
 * Every meeting passes the domain's meetingSchema.
 */
export function generateMeetings(p: { people: readonly Person[]; count: number; now: Date; rnd: () => number }): Meeting[] {
  const organiser = p.people.find((x) => x.roles.includes('leadership'));
  if (!organiser) throw new Error('the roster has no leadership to organise meetings');
  const types = ['programrad', 'programgrupp', 'arlig-traff'] as const;
  const values: RsvpValue[] = ['ja', 'ja', 'ja', 'nej', 'kanske'];
  const meetings: Meeting[] = [];
  const span = 10 * 365 * DAY;
  for (let i = 0; i < p.count; i++) {
    const upcoming = i === p.count - 1;
    const type = upcoming ? 'arlig-traff' : (types[i % 3] ?? 'programrad');
    // Past meetings spread over ten years, at 09:00 UTC on a weekday-ish cadence; the last one is 30 days ahead.
    const start = upcoming ? new Date(p.now.getTime() + 30 * DAY) : new Date(p.now.getTime() - span + Math.floor((i * span) / p.count));
    start.setUTCHours(9, 0, 0, 0);
    const end = new Date(start.getTime() + 2 * 3600_000);
    const created = new Date(start.getTime() - 40 * DAY);
    const rsvpBy = stockholmDate(new Date(start.getTime() - 7 * DAY));
    const invitees = defaultInviteeIds({ type, people: p.people }).map((personId) => {
      const answered = !upcoming || p.rnd() < 0.5;
      const value = values[Math.floor(p.rnd() * values.length)] ?? 'ja';
      return {
        personId,
        via: 'roster' as const,
        invitedAt: created.toISOString(),
        ...(answered ? { answer: { value, answeredAt: new Date(created.getTime() + 3 * DAY).toISOString(), ...(p.rnd() < 0.1 ? { comment: 'Kommer med ersättare från förvaltningen.' } : {}) } } : {}),
      };
    });
    meetings.push(
      meetingSchema.parse({
        id: upcoming ? BENCH_MEETING_ID : `bench-${i}`,
        type,
        title: type === 'arlig-traff' ? 'Årlig träff STARK' : type === 'programrad' ? 'Programrådets dialogmöte' : 'Programgruppens möte',
        start: start.toISOString(),
        end: end.toISOString(),
        place: 'Mälardalens universitet, Västerås',
        agenda: sentence(p.rnd, 5),
        rsvpBy,
        organiserId: organiser.aadObjectId,
        status: 'scheduled',
        sequence: 0,
        createdAt: created.toISOString(),
        updatedAt: created.toISOString(),
        invitees,
        removed: [],
      }),
    );
  }
  return meetings;
}

/**
 * Fills the needs and meetings sections where the store schema has them. At 1× the demo data has no needs and one
 * upcoming meeting (there must be something to answer); at 10×: 20,000 needs and 400 meetings with answers.
 */
export function sectionsAtScale(p: { doc: StoreDocument; scale: '1x' | '10x'; now: Date; rnd: () => number }): SectionsReport {
  const doc = p.doc;
  const counts = { needs: 0, meetings: 0, answers: 0 };
  const sections: SectionsReport['sections'] = { needs: 'missing', meetings: 'missing' };
  if (sectionExists('needs') && p.scale === '10x') {
    const { needs, rounds } = generateNeeds({ people: doc.people, count: TEN_X_NEEDS, now: p.now, rnd: p.rnd });
    placeNeeds(doc, needs, rounds);
    counts.needs = needs.length;
  }
  if (sectionExists('needs')) sections.needs = 'filled';
  if (sectionExists('meetings')) {
    const meetings = generateMeetings({ people: doc.people, count: p.scale === '10x' ? TEN_X_MEETINGS : 1, now: p.now, rnd: p.rnd });
    placeMeetings(doc, meetings);
    counts.meetings = meetings.length;
    counts.answers = meetings.reduce((n, m) => n + m.invitees.filter((i) => i.answer).length, 0);
    sections.meetings = 'filled';
  }
  if (sectionExists('polls')) placeBenchPoll(doc, p.now, p.rnd);
  return { doc, counts, sections };
}

/**
 * An open poll for the yearly meeting (every director and chair is asked; seat coverage still runs over the
 * Programråd's and Programgrupp's seats): 8 times, exactly 50 invitees (the roster's directors and chairs, topped up
 * or cut to 50), an open poll so the cards carry names and comments, and 49 of the 50 answered already.
 */
function placeBenchPoll(doc: StoreDocument, now: Date, rnd: () => number): void {
  const seats = seatsFromRoster({ people: doc.people, organisations: doc.organisations, since: SEATS_SINCE }).seats;
  const first = new Date(now.getTime() + 40 * DAY);
  const draft = pollDraftSchema.parse({
    type: 'arlig-traff',
    title: 'Årlig träff – tidsförslag',
    place: 'MDU, Västerås',
    agenda: '',
    answerBy: stockholmDate(new Date(now.getTime() + 30 * DAY)),
    visibility: 'open',
    autoFinalise: 'off',
    slots: SLOT_IDS.map((_, i) => ({ date: stockholmDate(new Date(first.getTime() + i * DAY)), start: '09:00', end: '12:00' })),
  });
  const organiser = doc.people.find((x) => x.roles.includes('leadership')) ?? doc.people[0];
  const made = createPoll({ id: BENCH_POLL_ID, draft, organiserId: organiser?.aadObjectId ?? '', seats, people: doc.people, now });
  if (!made.ok) throw new Error(`bench poll: ${made.reason}`);
  const invited = new Set(made.poll.inviteeIds);
  const inviteeIds = [...made.poll.inviteeIds, ...doc.people.map((x) => x.aadObjectId.toLowerCase()).filter((id) => !invited.has(id))].slice(0, BENCH_POLL_INVITEES);
  let poll: Poll = { ...made.poll, inviteeIds };
  const choices: readonly Availability[] = ['yes', 'ifNeedBe', 'no'];
  inviteeIds.slice(0, -1).forEach((personId, i) => {
    const answers = Object.fromEntries(SLOT_IDS.map((slot) => [slot, choices[Math.floor(rnd() * 3)] ?? 'yes']));
    const r = answerPoll({ poll, personId, answers, comment: i % 3 === 0 ? `Kommentar ${i}: ${sentence(rnd, 4)}` : undefined, now: new Date(now.getTime() - (i + 1) * 60_000) });
    if (!r.ok) throw new Error(`bench poll answer: ${r.reason}`);
    poll = r.poll;
  });
  doc.polls.polls = [poll];
}

// Where the sections keep their values is the features' decision (src/store/sections/*.ts); these follow it.
// Needs: the needs, their rounds, and the remembered form submissions (bounded at SUBMISSION_LIMIT, so full).
function placeNeeds(doc: StoreDocument, needs: Need[], rounds: NeedsRound[]): void {
  const byYear = new Map(rounds.map((r) => [r.year, r]));
  doc.needs.needs = needs;
  doc.needs.rounds = rounds;
  doc.needs.submissions = needs.slice(-SUBMISSION_LIMIT).map((n) => ({
    id: `bench-submission-${n.number}`,
    number: n.number,
    round: { kind: 'open' as const, year: n.round, closingDate: byYear.get(n.round)?.closingDate ?? `${n.round - 1}-10-31` },
  }));
}

// src/store/sections/meetings.ts: the meetings, plus what a decade of them leaves behind — one invitation card per
// invitee, an "upcoming" reminder per yes and an RSVP reminder per invitee who had not answered in time.
function placeMeetings(doc: StoreDocument, meetings: Meeting[]): void {
  const section = doc.meetings;
  section.meetings = meetings;
  section.cards = meetings.flatMap((m) => m.invitees.map((i) => ({ key: `invite:${m.id}:${m.sequence}:${i.personId}`, meetingId: m.id, personId: i.personId, sequence: m.sequence, at: i.invitedAt })));
  section.sentReminderKeys = meetings
    .filter((m) => m.id !== BENCH_MEETING_ID)
    .flatMap((m) => m.invitees.map((i) => reminderKey({ meetingId: m.id, kind: i.answer?.value === 'ja' ? 'upcoming' : 'rsvp', personId: i.personId, sequence: m.sequence })));
}
