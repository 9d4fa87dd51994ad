// The turns under load and their echo-bot counterparts. Each turn is one Bot Framework activity as Teams sends it;
// its check makes sure the bot really did the work (a cost answer, a help card, a recorded answer) and did not
// just answer "I did not understand" — a fast refusal is not a benchmark.
import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID } from '../src/config.js';
import type { Person } from '../src/domain/people.js';
import type { StoreDocument } from '../src/store/schema.js';
import { catalogueFor } from '../src/i18n/catalogue.js';
import { conversationOf } from './data.js';
import { BENCH_MEETING_ID, BENCH_POLL_ID } from './data-sections.js';

const sv = catalogueFor('sv');
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

export interface TurnKind {
  name: string;
  label: string;
  /** Read turns change nothing; write turns end in a durable store write before the answer. */
  write: boolean;
  /** Message turns answer through the connector; invoke turns in the HTTP response. */
  type: 'message' | 'invoke';
  /** Who may send it, from the document the bot runs on (spread over the roster, not its first entries). */
  people(doc: StoreDocument): Person[];
  /** `text` for a message, `verb` + `data` for an Action.Execute invoke. */
  payload(person: Person, i: number): { text: string } | { verb: string; data: Record<string, unknown> };
  /** A problem with the answer (HTTP body for invokes, the connector's reply for messages), or null. */
  check(answer: string): string | null;
}

const everyone = (doc: StoreDocument) => doc.people;
const spread = (people: Person[], max = 64): Person[] => {
  if (people.length <= max) return people;
  const step = people.length / max;
  return Array.from({ length: max }, (_, i) => people[Math.floor(i * step)] as Person);
};

function messageCheck(expect: (reply: string) => string | null) {
  return (reply: string) => {
    if (!reply) return 'no reply reached the connector';
    if (reply.includes(JSON.stringify(sv.core.notUnderstood).slice(1, 40))) return 'the bot did not understand (feature not wired yet?)';
    return expect(reply);
  };
}

function invokeCheck(answer: string): string | null {
  let body: { type?: string; value?: unknown };
  try {
    body = JSON.parse(answer) as typeof body;
  } catch {
    return `invoke answer is not JSON: ${answer.slice(0, 120)}`;
  }
  if (body.type === ADAPTIVE) return null;
  const text = typeof body.value === 'string' ? body.value : JSON.stringify(body);
  if (text === sv.core.invalidInput) return 'the bot did not take the payload (verb or data not wired yet?)';
  if (text === sv.core.somethingWentWrong) return 'the bot failed the turn';
  return `the invoke was answered with a message, not a card: ${text.slice(0, 160)}`;
}

const needSubmitters = (doc: StoreDocument) => spread(doc.people.filter((p) => p.roles.includes('director') || p.roles.includes('leadership')));

/** The new-need form as the card sends it (inputs as strings). Its words are among the common ones of the generated needs. */
const needForm = (person: Person, i: number) => ({
  title: `Kompetensförsörjning och kompetensomsorg ${i % 1000}`,
  description: 'Vi behöver kompetensförsörjning och kompetensplanering. Vi vill förstå kompetensanalys och digitaliseringsförsörjning i kommunen.',
  area: 'framtida-valfarden',
  organisationId: person.organisationId,
  contactName: person.name,
  contactEmail: person.email ?? '',
  urgency: 'medium',
});

export const turnKinds: TurnKind[] = [
  {
    name: 'cost',
    label: 'cost question "Vad kostar STARK för oss?"',
    write: false,
    type: 'message',
    people: (doc) => spread(everyone(doc)),
    payload: () => ({ text: 'Vad kostar STARK för oss?' }),
    check: messageCheck((reply) => (/\bkr\b|kronor|\d{1,3}(?:[\s\u00a0]\d{3})+/.test(reply) ? null : `no amount in the answer: ${reply.slice(0, 160)}`)),
  },
  {
    name: 'help',
    label: '"hjälp" (help card)',
    write: false,
    type: 'message',
    people: (doc) => spread(everyone(doc)),
    payload: () => ({ text: 'hjälp' }),
    check: messageCheck((reply) => (reply.includes(ADAPTIVE) ? null : 'no card in the answer')),
  },
  {
    name: 'rsvp',
    label: 'RSVP invoke (meeting.rsvp, Ja/Nej/Kanske)',
    write: true,
    type: 'invoke',
    people: (doc) => {
      const invited = new Set(doc.meetings.meetings.find((m) => m.id === BENCH_MEETING_ID)?.invitees.map((i) => i.personId) ?? []);
      return spread(doc.people.filter((p) => invited.has(p.aadObjectId)));
    },
    // The answer changes with every request, so every turn is a real change that must be written.
    payload: (_person, i) => ({ verb: 'meeting.rsvp', data: { meetingId: BENCH_MEETING_ID, answer: (['ja', 'nej', 'kanske'] as const)[i % 3] } }),
    check: invokeCheck,
  },
  {
    name: 'need',
    label: 'need submission (needs.submit, stored: "skicka ändå")',
    write: true,
    type: 'invoke',
    people: needSubmitters,
    // force: the submitter already saw the similar needs and sends it anyway, so every turn stores a need (the
    // similarity lookup is measured by need-similar). A fresh submission id per click, as a new form has.
    payload: (person, i) => ({ verb: 'needs.submit', data: { ...needForm(person, i), force: 'true', submissionId: `bench-${process.pid}-${i}-${randomUUID().slice(0, 8)}` } }),
    check: invokeCheck,
  },
  {
    name: 'need-similar',
    label: 'need form sent, similar needs shown (needs.submit, no write)',
    write: false,
    type: 'invoke',
    people: needSubmitters,
    payload: (person, i) => ({ verb: 'needs.submit', data: needForm(person, i) }),
    check: invokeCheck,
  },
  {
    name: 'poll-read',
    label: 'date poll card (poll.refresh: own answers and seats covered, 50 invitees × 8 times)',
    write: false,
    type: 'invoke',
    people: pollInvitees,
    payload: () => ({ verb: 'poll.refresh', data: { pollId: BENCH_POLL_ID } }),
    check: pollCardCheck,
  },
  {
    name: 'poll-answer',
    label: 'date poll answer (poll.answer, 8 times, 50 invitees)',
    write: true,
    type: 'invoke',
    people: pollInvitees,
    // The first time's answer turns with every request, so every turn records a change.
    payload: (_person, i) => ({
      verb: 'poll.answer',
      data: { pollId: BENCH_POLL_ID, ...Object.fromEntries(Array.from({ length: 8 }, (_, s) => [`answer-s${s + 1}`, s === 0 ? (['yes', 'ifNeedBe', 'no'] as const)[i % 3] : 'yes'])) },
    }),
    check: pollCardCheck,
  },
];

function pollInvitees(doc: StoreDocument): Person[] {
  const invited = new Set(doc.polls.polls.find((p) => p.id === BENCH_POLL_ID)?.inviteeIds ?? []);
  return spread(doc.people.filter((p) => invited.has(p.aadObjectId.toLowerCase())));
}

/** A poll turn must answer with the person's own poll card (its eight choices), not a refusal. */
function pollCardCheck(answer: string): string | null {
  const problem = invokeCheck(answer);
  if (problem) return problem;
  return answer.includes('answer-s8') ? null : `not the poll card: ${answer.slice(0, 160)}`;
}

/** A Bot Framework activity from a person's 1:1 chat with the bot, as Teams posts it. */
export function activityOf(p: { person: Person; serviceUrl: string; payload: ReturnType<TurnKind['payload']> }): Record<string, unknown> {
  const aad = p.person.aadObjectId;
  const base = {
    id: `f:${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: p.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'sv-SE',
    from: { id: `29:${aad}`, aadObjectId: aad, name: p.person.name },
    recipient: { id: '28:stark-bot', name: 'STARK' },
    conversation: { id: conversationOf(aad), conversationType: 'personal', tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
  };
  if ('text' in p.payload) return { ...base, type: 'message', text: p.payload.text };
  return {
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'act-card',
    value: { action: { type: 'Action.Execute', verb: p.payload.verb, data: { ...p.payload.data, verb: p.payload.verb } }, trigger: 'manual' },
  };
}
