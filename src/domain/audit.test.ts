import { describe, expect, it } from 'vitest';
import { AUDIT_VALUE_MAX, change, latestEntries, meetingChanges, needStateValue, type AuditEntry } from './audit.js';
import type { Meeting } from './meetings/meeting.js';

const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  id: 'm1',
  type: 'programrad',
  title: 'Vårdialog',
  start: '2027-03-29T07:00:00.000Z',
  end: '2027-03-29T10:00:00.000Z',
  place: 'MDU',
  agenda: 'Läget',
  rsvpBy: '2027-03-22',
  organiserId: '00000000-0000-0000-0000-000000000021',
  status: 'scheduled',
  sequence: 0,
  createdAt: '2027-03-01T09:00:00.000Z',
  updatedAt: '2027-03-01T09:00:00.000Z',
  invitees: [],
  removed: [],
  ...over,
});

describe('what an audit entry records', () => {
  it('a meeting\'s changed fields with both values; a new meeting with its values; nothing for what stayed', () => {
    expect(meetingChanges(meeting(), meeting({ place: 'Eskilstuna', start: '2027-03-29T08:00:00.000Z' }))).toEqual([
      { field: 'start', from: '2027-03-29T07:00:00.000Z', to: '2027-03-29T08:00:00.000Z' },
      { field: 'place', from: 'MDU', to: 'Eskilstuna' },
    ]);
    expect(meetingChanges(null, meeting()).map((c) => c.field)).toEqual(['type', 'title', 'start', 'end', 'place', 'agenda', 'rsvpBy', 'status']);
    expect(meetingChanges(meeting(), meeting({ status: 'cancelled' }))).toEqual([{ field: 'status', from: 'scheduled', to: 'cancelled' }]);
  });

  it('values are cut to the limit (by characters) and absent ones left out', () => {
    const long = change('agenda', undefined, 'å'.repeat(AUDIT_VALUE_MAX + 50));
    expect(Array.from(long.to ?? '')).toHaveLength(AUDIT_VALUE_MAX);
    expect(long).not.toHaveProperty('from');
    expect(change('invitee', 'x', null)).toEqual({ field: 'invitee', from: 'x' });
  });

  it('a need\'s state in one value', () => {
    expect(needStateValue({ status: 'sammanslagen', mergedInto: 4 })).toBe('sammanslagen (#4)');
    expect(needStateValue({ status: 'ingar-i-programplan', plan: { area: 'framtida-valfarden', year: 2027 } })).toBe('ingar-i-programplan (framtida-valfarden 2027)');
  });

  it('the newest entries first, filtered by actor or kind', () => {
    const entry = (seq: number, actorId: string, kind: AuditEntry['subject']['kind']): AuditEntry => ({ seq, at: '2027-03-01T09:00:00.000Z', actorId, action: 'meeting.changed', subject: { kind, id: 'x' }, changes: [] });
    const all = [entry(1, 'a', 'meeting'), entry(2, 'b', 'need'), entry(3, 'a', 'need')];
    expect(latestEntries(all, { limit: 2 }).map((e) => e.seq)).toEqual([3, 2]);
    expect(latestEntries(all, { limit: 5, actorId: 'a' }).map((e) => e.seq)).toEqual([3, 1]);
    expect(latestEntries(all, { limit: 5, kind: 'need' }).map((e) => e.seq)).toEqual([3, 2]);
  });
});
