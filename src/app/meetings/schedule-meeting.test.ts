import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, openAppFixture, type AppFixture } from '../../../tests/helpers/app-fixture.js';
import { dialogueForm } from '../../../tests/helpers/meetings-fixture.js';
import { scheduleMeeting } from './schedule-meeting.js';

const now = new Date('2027-02-01T09:00:00Z');
let app: AppFixture;
beforeEach(async () => void (app = await openAppFixture()));
afterEach(() => app.close());

describe('scheduleMeeting', () => {
  it('books the meeting with an invitation queued to every invitee and an audit entry, in one commit; the same form again books nothing', async () => {
    const uow = app.uow;
    const r = await scheduleMeeting({ uow }, app.actor(DEMO.leader), { activityId: 'b1', id: 'meeting-1', input: dialogueForm() }, now);
    expect(r.ok && r.value.kind).toBe('scheduled');
    const meeting = uow.read((repos) => repos.meetings.get('meeting-1'))!;
    expect(meeting.invitees.length).toBeGreaterThan(0);
    const pending = app.store.doc.meetings.pending.filter((p) => p.meetingId === 'meeting-1');
    expect(pending.map((p) => p.personId).sort()).toEqual(meeting.invitees.map((i) => i.personId).sort());
    expect(pending.every((p) => p.key.startsWith('invite:meeting-1:'))).toBe(true);
    expect(uow.read((repos) => repos.audit.entries().map((e) => e.action))).toEqual(['meeting.scheduled']);
    const again = await scheduleMeeting({ uow }, app.actor(DEMO.leader), { activityId: 'b2', id: 'meeting-1', input: dialogueForm() }, now);
    expect(again.ok && again.value.kind).toBe('exists');
    expect(uow.read((repos) => repos.meetings.all())).toHaveLength(1);
  });

  it('sends a form with problems back, and refuses anyone but leadership', async () => {
    const form = await scheduleMeeting({ uow: app.uow }, app.actor(DEMO.leader), { activityId: 'b1', id: 'm', input: dialogueForm({ title: '' }) }, now);
    expect(form.ok && form.value.kind).toBe('form');
    expect(await scheduleMeeting({ uow: app.uow }, app.actor(DEMO.director), { activityId: 'b2', id: 'm', input: dialogueForm() }, now)).toEqual({ ok: false, reason: 'notAllowed' });
    expect(app.uow.read((repos) => repos.meetings.all())).toHaveLength(0);
  });
});
