import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, openAppFixture, type AppFixture } from '../../../tests/helpers/app-fixture.js';
import { dialogueForm } from '../../../tests/helpers/meetings-fixture.js';
import { answerMeeting } from './answer-meeting.js';
import { scheduleMeeting } from './schedule-meeting.js';

const now = new Date('2027-02-01T09:00:00Z');
let app: AppFixture;
beforeEach(async () => {
  app = await openAppFixture();
  await scheduleMeeting({ uow: app.uow }, app.actor(DEMO.leader), { activityId: 'b1', id: 'meeting-1', input: dialogueForm() }, now);
  app.store.doc.meetings.pending.length = 0;
});
afterEach(() => app.close());

const answer = (app: AppFixture, who: string, value: 'ja' | 'nej' | 'kanske', activityId: string) =>
  answerMeeting({ uow: app.uow }, app.actor(who), { activityId, meetingId: 'meeting-1', eventId: activityId, answer: value }, now);

describe('answerMeeting', () => {
  it('records the answer; the same answer again stores nothing', async () => {
    const r = await answer(app, DEMO.director, 'ja', 'a1');
    expect(r.ok && r.value.kind === 'answered' && r.value.result.outcome).toBe('recorded');
    const again = await answer(app, DEMO.director, 'ja', 'a2');
    expect(again.ok && again.value.kind === 'answered' && again.value.result.outcome).toBe('unchanged');
    expect(app.uow.seen('a2')).toBe(true);
  });

  it('a Programråd member declining calls in a substitute: the answer and the substitute’s invitation commit together', async () => {
    const r = await answer(app, DEMO.director, 'nej', 'a1');
    expect(r.ok && r.value.kind === 'answered' && r.value.result.notify.map((n) => n.kind)).toContain('substituteInvited');
    const meeting = app.uow.read((repos) => repos.meetings.get('meeting-1'))!;
    expect(meeting.invitees.find((i) => i.personId === DEMO.director)?.answer?.value).toBe('nej');
    expect(app.store.doc.meetings.pending.some((p) => p.personId === DEMO.substitute && p.key === `meeting:meeting-1:a1:substituteInvited:${DEMO.substitute}`)).toBe(true);
  });

  it('refuses someone not invited and an unknown meeting; the same click again is "again"', async () => {
    expect(await answer(app, DEMO.staff, 'ja', 'a1')).toEqual({ ok: false, reason: 'notInvited' });
    expect(await answerMeeting({ uow: app.uow }, app.actor(DEMO.director), { activityId: 'a2', meetingId: 'nope', eventId: 'a2', answer: 'ja' }, now)).toEqual({ ok: false, reason: 'notFound' });
    await answer(app, DEMO.director, 'kanske', 'a3');
    const again = await answer(app, DEMO.director, 'kanske', 'a3');
    expect(again.ok && again.value.kind).toBe('again');
  });
});
