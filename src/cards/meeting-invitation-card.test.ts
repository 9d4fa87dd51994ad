import { describe, expect, it } from 'vitest';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { MAX_REFRESH_USERS, meetingInvitationCard, type InvitationCardModel } from './meeting-invitation-card.js';
import { meetingVerbs } from './meeting-verbs.js';
import { cardNodes, type CardNode } from '../../tests/helpers/card-nodes.js';

const t = catalogues.sv;
type Node = CardNode;
const all = cardNodes;
const texts = (card: unknown) => all(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
const rsvpButtons = (card: { actions?: unknown[] }) => (card.actions ?? []).map((a) => a as Node).filter((a) => a.verb === meetingVerbs.rsvp);

const ERIK = '00000000-0000-0000-0000-000000000020';
const base: InvitationCardModel = {
  meetingId: 'm1',
  type: 'programrad',
  title: 'Vårdialog',
  start: '2027-03-29T07:00:00.000Z',
  when: 'måndag 29 mars 2027 kl. 09.00–12.00',
  place: 'MDU, Västerås',
  agenda: '1. Läget\n2. Planer',
  rsvpBy: 'måndag 22 mars 2027',
  organiserName: 'Anna Provström',
  status: 'scheduled',
  answerOpen: true,
  viewer: {},
  icsUrl: 'https://bot.example/dl/abc',
  refreshUserIds: [ERIK],
};

describe('invitation card', () => {
  it('shows the details and Ja / Nej / Kanske as Action.Execute with the meeting and the start shown', () => {
    const card = meetingInvitationCard(base, t);
    expect(validateCard(card)).toEqual([]);
    const buttons = rsvpButtons(card);
    expect(buttons.map((b) => b.title)).toEqual(['Ja', 'Nej', 'Kanske']);
    expect(buttons.map((b) => b.data)).toEqual([
      { meetingId: 'm1', answer: 'ja', start: base.start, verb: meetingVerbs.rsvp },
      { meetingId: 'm1', answer: 'nej', start: base.start, verb: meetingVerbs.rsvp },
      { meetingId: 'm1', answer: 'kanske', start: base.start, verb: meetingVerbs.rsvp },
    ]);
    const facts = all(card).find((n) => n.type === 'FactSet')?.facts;
    expect(facts).toEqual(expect.arrayContaining([{ title: 'När', value: base.when }, { title: 'Svara senast', value: base.rsvpBy }]));
    expect(all(card).find((n) => n.id === 'comment')).toMatchObject({ type: 'Input.Text', maxLength: 500 });
    expect(texts(card)).toContain(t.meetings.invitation.noAnswerYet);
  });

  it('shows the viewer’s own answer, marks its button and keeps their comment in the input', () => {
    const card = meetingInvitationCard({ ...base, viewer: { answer: { value: 'kanske', comment: 'Kommer digitalt' } } }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toContain('Ditt svar: Kanske');
    expect(rsvpButtons(card).map((b) => b.title)).toEqual(['Ja', 'Nej', '✓ Kanske']);
    expect(all(card).find((n) => n.id === 'comment')?.value).toBe('Kommer digitalt');
  });

  it('refreshes per user (user-specific views) for the listed users, at most 60', () => {
    const card = meetingInvitationCard(base, t);
    expect(card.refresh?.action).toMatchObject({ type: 'Action.Execute', verb: meetingVerbs.refresh, data: { meetingId: 'm1' } });
    expect(card.refresh?.userIds).toEqual([ERIK]);
    const many = Array.from({ length: 75 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
    expect(meetingInvitationCard({ ...base, refreshUserIds: many }, t).refresh?.userIds).toHaveLength(MAX_REFRESH_USERS);
  });

  it('links the calendar file and the online meeting', () => {
    const card = meetingInvitationCard({ ...base, onlineUrl: 'https://teams.microsoft.com/l/meetup-join/x' }, t);
    expect(validateCard(card)).toEqual([]);
    const urls = (card.actions ?? []).map((a) => a as Node).filter((a) => a.type === 'Action.OpenUrl');
    expect(urls).toEqual([
      { type: 'Action.OpenUrl', title: t.meetings.invitation.joinOnline, url: 'https://teams.microsoft.com/l/meetup-join/x' },
      { type: 'Action.OpenUrl', title: t.meetings.invitation.addToCalendar, url: 'https://bot.example/dl/abc' },
    ]);
  });

  it('tells a substitute whom they replace', () => {
    const card = meetingInvitationCard({ ...base, viewer: { replacesName: 'Erik Demoberg' } }, t);
    expect(texts(card)).toContain('Du är inbjuden som ersättare för Erik Demoberg.');
  });

  it('after the deadline: no answer buttons, the reason instead, and the answer still shown', () => {
    const card = meetingInvitationCard({ ...base, answerOpen: false, viewer: { answer: { value: 'ja' } } }, t);
    expect(validateCard(card)).toEqual([]);
    expect(rsvpButtons(card)).toEqual([]);
    expect(all(card).find((n) => n.id === 'comment')).toBeUndefined();
    expect(texts(card)).toContain(t.meetings.invitation.deadlinePassed({ date: base.rsvpBy }));
    expect(texts(card)).toContain('Ditt svar: Ja');
  });

  it('cancelled: says so, offers no answers and the calendar link removes the entry', () => {
    const card = meetingInvitationCard({ ...base, status: 'cancelled' }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toContain(t.meetings.invitation.cancelled);
    expect(rsvpButtons(card)).toEqual([]);
    expect((card.actions ?? []).map((a) => (a as Node).title)).toEqual([t.meetings.invitation.removeFromCalendar]);
  });

  it('what people typed is never read as markdown', () => {
    const card = meetingInvitationCard(
      { ...base, title: '**Viktigt** [klicka](https://evil.example)', place: '_Sal_ <b>', organiserName: 'A*B', agenda: '# Rubrik', viewer: { answer: { value: 'nej', comment: '[x](y)' } } },
      t,
    );
    expect(validateCard(card)).toEqual([]);
    const runs = all(card).filter((n) => n.type === 'TextRun').map((n) => n.text);
    expect(runs).toEqual(expect.arrayContaining(['**Viktigt** [klicka](https://evil.example)', '# Rubrik', '[x](y)']));
    const facts = all(card).find((n) => n.type === 'FactSet')?.facts as { value: string }[];
    expect(facts.map((f) => f.value)).toEqual(expect.arrayContaining(['\\_Sal\\_ \\<b\\>', 'A\\*B']));
  });

  it('is in English for an English viewer', () => {
    const card = meetingInvitationCard(base, catalogues.en);
    expect(rsvpButtons(card).map((b) => b.title)).toEqual(['Yes', 'No', 'Maybe']);
  });

  it('a notice says first why the card comes now; without one the card starts with the invitation', () => {
    const card = meetingInvitationCard({ ...base, notice: '”Vårdialog” har flyttats. Svara igen, tack.' }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)[0]).toBe('”Vårdialog” har flyttats. Svara igen, tack.');
    expect(texts(meetingInvitationCard(base, t))[0]).toContain(t.meetings.invitation.invited);
  });
});
