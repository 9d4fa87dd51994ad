import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { people, PR, seats } from '../../tests/helpers/demo-bodies.js';
import { answered, makePoll, SCENARIO } from '../../tests/helpers/demo-polls.js';
import { cancelPoll, finalisePoll } from '../domain/polls/finalise.js';
import { stockholmInstant } from '../domain/time.js';
import { catalogues } from '../i18n/catalogue.js';
import { meetingVerbs } from './meeting-verbs.js';
import { pollOutcomeCard } from './poll-outcome-card.js';

const t = catalogues.sv;
const now = stockholmInstant('2027-04-07', '09:00');
const poll = answered(makePoll(), SCENARIO);
const texts = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));

const s3 = finalisePoll({ poll, slotId: 's3', by: 'auto', seats, people, now });
if (!s3.ok) throw new Error(s3.reason);
const noticeFor = (id: string) => {
  const n = s3.notify.find((x) => x.personId === id);
  if (!n || n.kind !== 'pollFinalised') throw new Error(`no outcome for ${id}`);
  return n;
};
const base = { type: 'programrad' as const, title: 'Vårdialog', when: 'tisdag 20 april 2027 kl. 09.00–12.00', place: 'MDU, Västerås', meetingId: 'm1' };

describe('poll outcome card', () => {
  it('tells someone who said yes that they are registered, with the time and place and a way to the invitation', () => {
    const card = pollOutcomeCard({ ...base, notice: noticeFor(PR.anna) }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining([t.polls.outcome.finalisedHeading, 'Vårdialog', t.polls.outcome.coming]));
    expect(cardNodes(card).find((n) => n.type === 'FactSet')?.facts).toEqual([
      { title: 'När', value: base.when },
      { title: 'Plats', value: 'MDU, Västerås' },
    ]);
    expect(card.actions).toEqual([{ type: 'Action.Execute', title: t.polls.outcome.openInvitation, verb: meetingVerbs.open, data: { meetingId: 'm1', verb: meetingVerbs.open } }]);
  });

  it('tells someone who did not say yes that the invitation comes to answer', () => {
    expect(texts(pollOutcomeCard({ ...base, notice: noticeFor(PR.sara) }, t))).toContain(t.polls.outcome.invited); // "if need be"
    expect(texts(pollOutcomeCard({ ...base, notice: noticeFor(PR.olof) }, t))).toContain(t.polls.outcome.invited); // no
  });

  it('tells a substitute the time does not need that they are not called, without a way to an invitation they do not have', () => {
    const card = pollOutcomeCard({ ...base, notice: noticeFor(PR.lars) }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toContain(t.polls.outcome.notNeeded);
    expect(card.actions).toBeUndefined();
  });

  it('says when the time was chosen automatically', () => {
    expect(texts(pollOutcomeCard({ ...base, auto: true, notice: noticeFor(PR.anna) }, t))).toContain(t.polls.outcome.auto);
  });

  it('a called-off poll says so, naming the poll as typed, escaped', () => {
    const c = cancelPoll({ poll, by: PR.anna, now });
    if (!c.ok) throw new Error(c.reason);
    const notice = c.notify[0];
    if (!notice || notice.kind !== 'pollCancelled') throw new Error('expected a cancellation');
    const card = pollOutcomeCard({ ...base, title: '**Vår** [x](y)', notice }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toContain('Tidsförslaget ”\\*\\*Vår\\*\\* \\[x\\]\\(y\\)” är avbrutet. Inget möte bokas utifrån det.');
    expect(card.actions).toBeUndefined();
  });

  it('is in English for an English viewer', () => {
    expect(texts(pollOutcomeCard({ ...base, notice: noticeFor(PR.anna) }, catalogues.en))).toContain(catalogues.en.polls.outcome.coming);
  });
});
