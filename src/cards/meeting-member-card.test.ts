import { describe, expect, it } from 'vitest';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { meetingMemberCard, type MemberCardItem } from './meeting-member-card.js';
import { meetingVerbs } from './meeting-verbs.js';
import { cardNodes, type CardNode } from '../../tests/helpers/card-nodes.js';

const t = catalogues.sv;
type Node = CardNode;
const all = cardNodes;
const texts = (card: unknown) => all(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));

const item: MemberCardItem = {
  meetingId: 'm1',
  type: 'programrad',
  title: 'Vårdialog',
  when: 'måndag 29 mars 2027 kl. 09.00–12.00',
  rsvpBy: 'måndag 22 mars 2027',
  status: 'scheduled',
  answerOpen: true,
  icsUrl: 'https://bot.example/dl/x',
};

describe('member’s own meetings card', () => {
  it('lists each meeting with the member’s own answer and a button to the invitation', () => {
    const card = meetingMemberCard({ meetings: [{ ...item, answer: { value: 'ja', comment: 'Gärna' } }, { ...item, meetingId: 'm2', title: 'Årlig träff', type: 'arlig-traff' }] }, t);
    expect(validateCard(card)).toEqual([]);
    const s = texts(card);
    expect(s).toContain('Ditt svar: Ja');
    expect(s).toContain('Gärna');
    expect(s).toContain(t.meetings.member.noAnswerYet);
    expect(s).toContain('Svara senast måndag 22 mars 2027');
    const opens = all(card).filter((n) => n.type === 'Action.Execute' && n.verb === meetingVerbs.open).map((n) => (n.data as Node).meetingId);
    expect(opens).toEqual(['m1', 'm2']);
    expect(all(card).filter((n) => n.type === 'Action.OpenUrl').map((n) => n.url)).toEqual(['https://bot.example/dl/x', 'https://bot.example/dl/x']);
  });

  it('says when the reply period is over and marks a substitute’s seat', () => {
    const card = meetingMemberCard({ meetings: [{ ...item, answerOpen: false, substituteForName: 'Erik Demoberg' }] }, t);
    expect(texts(card)).toEqual(expect.arrayContaining([t.meetings.member.closed, 'Du är ersättare för Erik Demoberg.']));
  });

  it('a cancelled meeting is marked and cannot be opened to answer', () => {
    const card = meetingMemberCard({ meetings: [{ ...item, status: 'cancelled' }] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toContain(t.meetings.member.cancelledTag);
    expect(all(card).some((n) => n.type === 'Action.Execute' && n.verb === meetingVerbs.open)).toBe(false);
  });

  it('no meetings is said', () => {
    const card = meetingMemberCard({ meetings: [] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toContain(t.meetings.member.none);
  });
});
