import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, openAppFixture, type AppFixture } from '../../../tests/helpers/app-fixture.js';
import { dialogueForm } from '../../../tests/helpers/meetings-fixture.js';
import { changeInvitees } from './change-invitees.js';
import { scheduleMeeting } from './schedule-meeting.js';

const now = new Date('2027-02-01T09:00:00Z');
let app: AppFixture;
beforeEach(async () => {
  app = await openAppFixture();
  await scheduleMeeting({ uow: app.uow }, app.actor(DEMO.leader), { activityId: 'b1', id: 'meeting-1', input: dialogueForm() }, now);
  app.store.doc.meetings.pending.length = 0;
});
afterEach(() => app.close());

const invitees = (op: 'add' | 'remove', personId: string, activityId: string, who: string = DEMO.leader) =>
  changeInvitees({ uow: app.uow }, app.actor(who), { activityId, meetingId: 'meeting-1', eventId: activityId, op, personId }, now);

describe('changeInvitees', () => {
  it('adds someone (invited, audited) and says so when they were on the list already', async () => {
    const r = await invitees('add', DEMO.staff, 'i1');
    expect(r).toMatchObject({ ok: true, value: { kind: 'changed', alreadyInvited: false, audit: { action: 'meeting.inviteeAdded' } } });
    expect(app.store.doc.meetings.pending.some((p) => p.personId === DEMO.staff && p.key.startsWith('meeting:meeting-1:i1:'))).toBe(true);
    const again = await invitees('add', DEMO.staff, 'i2');
    expect(again.ok && again.value.kind === 'changed' && again.value.alreadyInvited).toBe(true);
  });

  it('removes someone, tells them, and refuses someone not on the list and anyone but leadership', async () => {
    await invitees('add', DEMO.staff, 'i1');
    const r = await invitees('remove', DEMO.staff, 'i2');
    expect(r).toMatchObject({ ok: true, value: { kind: 'changed', audit: { action: 'meeting.inviteeRemoved' } } });
    expect(await invitees('remove', DEMO.staff, 'i3')).toEqual({ ok: false, reason: 'notInvited' });
    expect(await invitees('add', DEMO.staff, 'i4', DEMO.director)).toEqual({ ok: false, reason: 'notAllowed' });
  });
});
