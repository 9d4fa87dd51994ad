import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, demo, invokeCard, invokeText, textOf } from '../helpers/harness.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { NOW, bookMeeting, rsvp } from './security-fixtures.js';

/*
 * Issue 11, point 4: meeting.refresh and meeting.open return the invitation (title, place, agenda, who answered)
 * only to those who may answer it — the same check as RSVP. Anyone else who sends the meeting's id gets a polite
 * refusal that says nothing about the meeting.
 */

let h: Harness;
let meetingId: string;
const TITLE = 'Konfidentiell dialog om budget';
const PLACE = 'Rum 7, kommunhuset';
const AGENDA = 'Personalärenden och budget';

beforeAll(async () => {
  h = await Harness.start({ now: () => NOW });
  await h.invoke(demo.leader, 'meeting.schedule', {
    type: 'programrad',
    title: TITLE,
    date: '2027-03-30',
    start: '13:00',
    end: '15:00',
    place: PLACE,
    agenda: AGENDA,
    deadline: '2027-03-22',
    draftId: 'sec-invitation-access',
  });
  meetingId = h.services.store.doc.meetings.meetings.find((m) => m.title === TITLE)!.id;
  await rsvp(h, demo.regionDirector, meetingId, 'nej', 'Föräldraledig');
  await bookMeeting(h, 'En annan dialog');
});
afterAll(async () => {
  await h.close();
});

describe('4. only invitees see an invitation', () => {
  // Karin is staff in no body, and a chair of a municipal board is in none either: neither is invited.
  const outsiders = () => {
    const invited = new Set(h.services.store.doc.meetings.meetings.find((m) => m.id === meetingId)!.invitees.map((i) => i.personId));
    const chair = h.services.store.doc.people.find((p) => p.roles.includes('chair') && !invited.has(p.aadObjectId))!.aadObjectId;
    expect(invited.has(demo.salaEconomist)).toBe(false);
    return [demo.salaEconomist, chair];
  };
  for (const verb of ['meeting.refresh', 'meeting.open'] as const) {
    for (const which of [0, 1]) {
      it(`${verb} by someone not invited (${which === 0 ? 'staff' : 'a chair'}): a polite refusal in their language, no title, place, agenda or answers`, async () => {
        const who = outsiders()[which]!;
        const repliesBefore = h.connector.delivered.length;
        for (const [locale, t] of [['sv-SE', catalogues.sv], ['en-US', catalogues.en]] as const) {
          const r = await h.invoke(who, verb, { meetingId }, { locale });
          expect(r.status).toBe(200);
          expect(invokeCard(r)).toBeUndefined();
          expect(invokeText(r)).toBe(t.meetings.refusals.notInvitedView);
          const everything = JSON.stringify(r.body) + JSON.stringify(h.connector.delivered.slice(repliesBefore).map((c) => c.body));
          for (const secret of [TITLE, PLACE, AGENDA, 'Föräldraledig', 'Maria Exempelsson']) expect(everything, secret).not.toContain(secret);
        }
      });
    }
  }

  it('an invitee still gets their own card from both', async () => {
    const refreshed = invokeCard(await h.invoke(demo.vasterasDirector, 'meeting.refresh', { meetingId }));
    expect(textOf(refreshed)).toContain(TITLE);
    const opened = await h.invoke(demo.vasterasDirector, 'meeting.open', { meetingId });
    expect(opened.replies.some((reply) => JSON.stringify(reply).includes(TITLE))).toBe(true);
  });

  it('someone removed from the list loses access, like anyone else not invited', async () => {
    await h.invoke(demo.leader, 'meeting.invitees', { meetingId, op: 'remove', removePersonId: demo.vasterasDirector });
    const r = await h.invoke(demo.vasterasDirector, 'meeting.refresh', { meetingId });
    expect(invokeText(r)).toBe(catalogues.sv.meetings.refusals.notInvitedView);
    expect(JSON.stringify(r.body)).not.toContain(TITLE);
  });
});
