import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { MAX_LISTED_POLLS, pollListCard, type PollListItem } from './poll-list-card.js';
import { pollVerbs } from './poll-verbs.js';

const t = catalogues.sv;
const item = (n: number, over: Partial<PollListItem> = {}): PollListItem => ({ pollId: `p${n}`, type: 'programrad', title: `Vårdialog ${n}`, answerBy: 'tisdag 6 april 2027', status: 'open', ...over });
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' ? [String(n.text)] : []));
const verbs = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'Action.Execute' ? [`${String(n.verb)} ${JSON.stringify(n.data)}`] : []));

describe('poll list card', () => {
  it('an invitee sees their open polls, whether they have answered, and a button to their answer card', () => {
    const card = pollListCard({ manage: false, polls: [item(1, { answeredAll: false }), item(2, { answeredAll: true })] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining(['Tidsförslag att svara på', 'Programrådsdialog: Vårdialog 1 – svara senast tisdag 6 april 2027', t.polls.list.notAnswered, t.polls.list.answered]));
    expect(verbs(card)).toEqual([`${pollVerbs.open} {"pollId":"p1","verb":"poll.open"}`, `${pollVerbs.open} {"pollId":"p2","verb":"poll.open"}`]);
  });

  it('leadership sees progress, an overview per poll and a button for a new poll', () => {
    const card = pollListCard({ manage: true, polls: [item(1, { progress: { answered: 3, invited: 8 } }), item(2, { status: 'finalised' })] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining(['Pågår · 3 av 8 har svarat', 'Tid vald']));
    expect(verbs(card)).toContain(`${pollVerbs.form} {"verb":"poll.form"}`);
    expect(verbs(card).filter((v) => v.startsWith(pollVerbs.overview))).toHaveLength(2);
  });

  it('says so when there is nothing, escapes titles, and lists at most 20', () => {
    expect(texts(pollListCard({ manage: false, polls: [] }, t))).toContain(t.polls.list.empty);
    const card = pollListCard({ manage: true, polls: Array.from({ length: 30 }, (_, i) => item(i, { title: i === 0 ? '**fet** [länk](https://x)' : `M ${i}` })) }, t);
    expect(validateCard(card)).toEqual([]);
    expect(verbs(card).filter((v) => v.startsWith(pollVerbs.overview))).toHaveLength(MAX_LISTED_POLLS);
    expect(JSON.stringify(card)).not.toContain('**fet**');
  });
});
