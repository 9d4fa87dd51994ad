import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, openAppFixture, type AppFixture } from '../../../tests/helpers/app-fixture.js';
import { dialogueForm } from '../../../tests/helpers/meetings-fixture.js';
import { cancelMeeting, changeMeeting } from './change-meeting.js';
import { scheduleMeeting } from './schedule-meeting.js';

const now = new Date('2027-02-01T09:00:00Z');
let app: AppFixture;
beforeEach(async () => {
  app = await openAppFixture();
  await scheduleMeeting({ uow: app.uow }, app.actor(DEMO.leader), { activityId: 'b1', id: 'meeting-1', input: dialogueForm() }, now);
  app.store.doc.meetings.pending.length = 0;
});
afterEach(() => app.close());

describe('changeMeeting', () => {
  it('a move raises the sequence and tells every invitee, audited; the same form again is unchanged', async () => {
    const uow = app.uow;
    const r = await changeMeeting({ uow }, app.actor(DEMO.leader), { activityId: 'c1', meetingId: 'meeting-1', eventId: 'c1', input: dialogueForm({ start: '14:00', end: '16:00' }) }, now);
    expect(r).toMatchObject({ ok: true, value: { kind: 'changed', outcome: 'rescheduled', meeting: { sequence: 1 }, audit: { action: 'meeting.changed' } } });
    expect(app.store.doc.meetings.pending.filter((p) => p.key.startsWith('invite:meeting-1:1:')).length).toBeGreaterThan(0);
    const same = await changeMeeting({ uow }, app.actor(DEMO.leader), { activityId: 'c2', meetingId: 'meeting-1', eventId: 'c2', input: dialogueForm({ start: '14:00', end: '16:00' }) }, now);
    expect(same).toEqual({ ok: true, value: { kind: 'unchanged' }, notices: [] });
  });

  it('refuses anyone but leadership, and an unknown meeting', async () => {
    expect(await changeMeeting({ uow: app.uow }, app.actor(DEMO.director), { activityId: 'c1', meetingId: 'meeting-1', eventId: 'c1', input: dialogueForm() }, now)).toEqual({ ok: false, reason: 'notAllowed' });
    expect(await changeMeeting({ uow: app.uow }, app.actor(DEMO.leader), { activityId: 'c2', meetingId: 'nope', eventId: 'c2', input: dialogueForm() }, now)).toEqual({ ok: false, reason: 'notFound' });
  });
});

describe('cancelMeeting', () => {
  it('cancels once, tells the invitees in the same commit, and refuses a second cancellation', async () => {
    const uow = app.uow;
    const r = await cancelMeeting({ uow }, app.actor(DEMO.leader), { activityId: 'x1', meetingId: 'meeting-1', eventId: 'x1' }, now);
    expect(r).toMatchObject({ ok: true, value: { kind: 'cancelled', meeting: { status: 'cancelled' }, audit: { action: 'meeting.cancelled' } } });
    expect(app.store.doc.meetings.pending.some((p) => p.what.kind === 'notice' && p.what.notice.kind === 'cancelled')).toBe(true);
    expect(await cancelMeeting({ uow }, app.actor(DEMO.leader), { activityId: 'x1', meetingId: 'meeting-1', eventId: 'x1' }, now)).toEqual({ ok: true, value: { kind: 'again' }, notices: [] });
    expect(await cancelMeeting({ uow }, app.actor(DEMO.leader), { activityId: 'x2', meetingId: 'meeting-1', eventId: 'x2' }, now)).toEqual({ ok: false, reason: 'alreadyCancelled' });
  });
});
