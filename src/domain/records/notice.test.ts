import { describe, expect, it } from 'vitest';
import { addInvitees } from '../meetings/invitees.js';
import { cancelMeeting } from '../meetings/change.js';
import { addAgendaItem, addPaper, moveAgendaItem, removeAgendaItem, removePaper, updateAgendaItem } from './agenda.js';
import { announceNoticeChanges, diffAgenda, noticeDeliveries, noticeDue, noticeTime, pendingNoticeChanges, sendNotice } from './notice.js';
import { createRecord, meetingRecordSchema, type MeetingRecord } from './record.js';
import { aMeeting, aRecord, at, erik, id, iso, leadership, roster } from './test-fixtures.js';

const meeting = aMeeting();

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

describe('when the notice is due', () => {
  it('seven days before the meeting’s Stockholm date at 09:00 by default, whatever the machine’s zone', () => {
    expect(noticeTime({ meeting }).toISOString()).toBe(iso('2027-04-06', '09:00'));
    expect(noticeTime({ meeting, daysBefore: 10, timeOfDay: '14:30' }).toISOString()).toBe(iso('2027-04-03', '14:30'));
  });

  it('counts calendar days across the daylight-saving switch (meeting on 30 March, notice on 23 March, both 09:00 local)', () => {
    const m = aMeeting({ start: iso('2027-03-30', '09:00'), end: iso('2027-03-30', '11:00'), rsvpBy: '2027-03-23' });
    expect(noticeTime({ meeting: m }).toISOString()).toBe(iso('2027-03-23', '09:00'));
  });

  it('is not yet due before that moment, then due with a stable key', () => {
    const record = aRecord(meeting);
    expect(noticeDue({ meeting, record, now: at('2027-04-06', '08:59') })).toEqual({ due: false, reason: 'notYet', at: at('2027-04-06', '09:00') });
    expect(noticeDue({ meeting, record, now: at('2027-04-06', '09:00') })).toEqual({ due: true, key: 'm1:notice', at: at('2027-04-06', '09:00') });
    // Missed while the bot was down: still due later, with the same key.
    expect(noticeDue({ meeting, record, now: at('2027-04-10', '12:00') })).toMatchObject({ due: true, key: 'm1:notice' });
  });

  it('a meeting booked later than the notice time gets its notice at once', () => {
    const record = aRecord(meeting);
    expect(noticeDue({ meeting, record, now: at('2027-04-12', '16:00') }).due).toBe(true);
  });

  it('nothing to send without an agenda: leadership is told instead (keyed, so once)', () => {
    const now = at('2027-04-06', '09:00');
    expect(noticeDue({ meeting, record: undefined, now })).toEqual({ due: false, reason: 'agendaEmpty', key: 'm1:notice:agenda-empty', at: now });
    expect(noticeDue({ meeting, record: createRecord({ meeting, now }), now })).toMatchObject({ due: false, reason: 'agendaEmpty' });
  });

  it('is not due once sent, for a cancelled meeting, or once the meeting has started', () => {
    const now = at('2027-04-07', '09:00');
    const sent = ok(sendNotice({ meeting, record: aRecord(meeting), actor: null, now })).record;
    expect(noticeDue({ meeting, record: sent, now })).toEqual({ due: false, reason: 'alreadySent' });
    const cancelled = ok(cancelMeeting({ meeting, now: at('2027-04-01', '10:00') })).meeting;
    expect(noticeDue({ meeting: cancelled, record: aRecord(meeting), now })).toEqual({ due: false, reason: 'cancelled' });
    expect(noticeDue({ meeting, record: aRecord(meeting), now: at('2027-04-13', '09:00') })).toEqual({ due: false, reason: 'meetingStarted' });
  });
});

describe('sending the notice', () => {
  it('keeps the agenda and papers as sent; sending again is refused', () => {
    const now = at('2027-04-06', '09:00');
    const sent = ok(sendNotice({ meeting, record: aRecord(meeting), actor: leadership, now })).record;
    expect(sent.notice).toMatchObject({ sentAt: now.toISOString(), sentBy: id(21), baseline: { revision: sent.revision, agenda: sent.agenda, papers: [] }, announcements: [] });
    expect(meetingRecordSchema.parse(sent)).toEqual(sent);
    expect(sendNotice({ meeting, record: sent, actor: leadership, now })).toEqual({ ok: false, reason: 'alreadySent' });
  });

  it('only leadership sends it by hand, and never with an empty agenda', () => {
    const now = at('2027-04-01', '09:00');
    expect(sendNotice({ meeting, record: aRecord(meeting), actor: erik, now })).toEqual({ ok: false, reason: 'forbidden' });
    expect(sendNotice({ meeting, record: createRecord({ meeting, now }), actor: leadership, now })).toEqual({ ok: false, reason: 'agendaEmpty' });
  });
});

describe('changes after the notice', () => {
  const sentAt = at('2027-04-06', '09:00');
  const later = at('2027-04-08', '10:00');
  const beforeMeeting = { meeting, now: later };
  const sentRecord = (): MeetingRecord => {
    let record = aRecord(meeting, ['Läget', 'Budget', 'Övrigt']);
    record = ok(addPaper({ record, paper: { title: 'Lägesrapport', url: 'https://mdu.sharepoint.com/a.pdf', agendaItemId: 'a1' }, actor: leadership, now: sentAt })).record;
    return ok(sendNotice({ meeting, record, actor: null, now: sentAt })).record;
  };

  it('none are pending right after the notice', () => {
    expect(pendingNoticeChanges({ record: sentRecord(), ...beforeMeeting })).toBeNull();
  });

  it('lists what was added, changed, removed and reordered, keyed by the revision', () => {
    let record = sentRecord();
    record = ok(updateAgendaItem({ record, itemId: 'a2', item: { title: 'Budget 2028', description: 'Förslag' }, actor: leadership, now: later })).record;
    record = ok(addAgendaItem({ record, item: { title: 'Nytt forskningsprojekt' }, position: 1, actor: leadership, now: later })).record;
    record = ok(removeAgendaItem({ record, itemId: 'a3', referencedItemIds: new Set(), actor: leadership, now: later })).record;
    record = ok(addPaper({ record, paper: { title: 'Budgetförslag', url: 'https://mdu.sharepoint.com/b.xlsx', agendaItemId: 'a2' }, actor: leadership, now: later })).record;
    record = ok(removePaper({ record, paperId: 'p4', actor: leadership, now: later })).record;
    const pending = pendingNoticeChanges({ record, ...beforeMeeting });
    expect(pending?.key).toBe(`m1:notice-changes:${record.revision}`);
    expect(pending?.changes).toEqual([
      { kind: 'itemAdded', itemId: 'a5', title: 'Nytt forskningsprojekt' },
      { kind: 'itemChanged', itemId: 'a2', title: 'Budget 2028', fields: ['title', 'description'] },
      { kind: 'itemRemoved', itemId: 'a3', title: 'Övrigt' },
      { kind: 'paperAdded', paperId: 'p6', title: 'Budgetförslag' },
      { kind: 'paperRemoved', paperId: 'p4', title: 'Lägesrapport' },
    ]);
  });

  it('moving items is announced as a new order', () => {
    const record = ok(moveAgendaItem({ record: sentRecord(), itemId: 'a3', to: 0, actor: leadership, now: later })).record;
    expect(pendingNoticeChanges({ record, ...beforeMeeting })?.changes).toEqual([{ kind: 'agendaReordered' }]);
  });

  it('a change undone before anyone was told is no change', () => {
    let record = sentRecord();
    record = ok(updateAgendaItem({ record, itemId: 'a1', item: { title: 'Läget nu' }, actor: leadership, now: later })).record;
    record = ok(updateAgendaItem({ record, itemId: 'a1', item: { title: 'Läget' }, actor: leadership, now: later })).record;
    expect(pendingNoticeChanges({ record, ...beforeMeeting })).toBeNull();
  });

  it('is announced once: after the announcement nothing is pending, and a later change is a new announcement', () => {
    let record = ok(addAgendaItem({ record: sentRecord(), item: { title: 'Extra punkt' }, actor: leadership, now: later })).record;
    const first = ok(announceNoticeChanges({ record, ...beforeMeeting }));
    record = first.record;
    expect(first.announcement.changes).toEqual([{ kind: 'itemAdded', itemId: 'a5', title: 'Extra punkt' }]);
    expect(pendingNoticeChanges({ record, ...beforeMeeting })).toBeNull();
    expect(announceNoticeChanges({ record, ...beforeMeeting })).toEqual({ ok: false, reason: 'nothingToAnnounce' });

    record = ok(addPaper({ record, paper: { title: 'Sen handling', url: 'https://mdu.se/c' }, actor: leadership, now: later })).record;
    const second = ok(announceNoticeChanges({ record, ...beforeMeeting }));
    expect(second.announcement.changes).toEqual([{ kind: 'paperAdded', paperId: 'p6', title: 'Sen handling' }]);
    expect(second.announcement.key).not.toBe(first.announcement.key);
    expect(second.record.notice?.announcements.map((a) => a.revision)).toEqual([first.announcement.revision, second.announcement.revision]);
    expect(meetingRecordSchema.parse(second.record)).toEqual(second.record);
  });

  it('nothing is pending once the meeting has started', () => {
    const record = ok(addAgendaItem({ record: sentRecord(), item: { title: 'Extra' }, actor: leadership, now: later })).record;
    expect(pendingNoticeChanges({ record, meeting, now: at('2027-04-13', '09:00') })).toBeNull();
  });

  it('a paper moved to another item counts as changed', () => {
    const before = { agenda: [], papers: [{ id: 'p1', title: 'A', source: { kind: 'link' as const, url: 'https://x.se' }, addedAt: sentAt.toISOString(), addedBy: id(21) }] };
    const after = { agenda: [], papers: [{ ...before.papers[0]!, agendaItemId: 'a1' }] };
    expect(diffAgenda({ before, after })).toEqual([{ kind: 'paperChanged', paperId: 'p1', title: 'A' }]);
  });
});

describe('delivering the notice and the announcements', () => {
  const sentAt = at('2027-04-06', '09:00');
  it('every invitee gets the notice once; announcements go to those invited before them', () => {
    let record = ok(sendNotice({ meeting, record: aRecord(meeting), actor: null, now: sentAt })).record;
    const first = noticeDeliveries({ meeting, record, sentKeys: new Set(), now: sentAt });
    expect(first.map((d) => d.personId).sort()).toEqual(meeting.invitees.map((i) => i.personId).sort());
    expect(first.every((d) => d.kind === 'notice' && d.key === `m1:notice:${d.personId}`)).toBe(true);
    const sent = new Set(first.map((d) => d.key));
    expect(noticeDeliveries({ meeting, record, sentKeys: sent, now: sentAt })).toEqual([]);

    // A change, announced; then someone is invited after the announcement.
    record = ok(addAgendaItem({ record, item: { title: 'Extra' }, actor: leadership, now: at('2027-04-07', '10:00') })).record;
    record = ok(announceNoticeChanges({ record, meeting, now: at('2027-04-07', '10:00') })).record;
    const withKarin = ok(addInvitees({ meeting, personIds: [id(24)], by: id(21), people: roster, now: at('2027-04-07', '11:00') })).meeting;
    const next = noticeDeliveries({ meeting: withKarin, record, sentKeys: sent, now: at('2027-04-07', '11:00') });
    const changes = next.filter((d) => d.kind === 'changes');
    expect(changes).toHaveLength(meeting.invitees.length);
    expect(changes.some((d) => d.personId === id(24))).toBe(false);
    expect(next.filter((d) => d.kind === 'notice')).toEqual([{ kind: 'notice', key: `m1:notice:${id(24)}`, personId: id(24) }]);
    const all = new Set([...sent, ...next.map((d) => d.key)]);
    expect(noticeDeliveries({ meeting: withKarin, record, sentKeys: all, now: at('2027-04-07', '11:00') })).toEqual([]);
  });

  it('sends nothing for a cancelled meeting', () => {
    const record = ok(sendNotice({ meeting, record: aRecord(meeting), actor: null, now: sentAt })).record;
    const cancelled = ok(cancelMeeting({ meeting, now: at('2027-04-07', '10:00') })).meeting;
    expect(noticeDeliveries({ meeting: cancelled, record, sentKeys: new Set(), now: at('2027-04-07', '10:00') })).toEqual([]);
  });
});
