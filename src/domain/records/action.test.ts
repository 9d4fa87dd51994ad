import { describe, expect, it } from 'vitest';
import {
  actionItemSchema,
  completeAction,
  createAction,
  dueActionReminders,
  isOverdue,
  openActionsByMeeting,
  openActionsByPerson,
  reopenAction,
  updateAction,
  type ActionItem,
} from './action.js';
import type { Decision } from './decision.js';
import type { MeetingRecord } from './record.js';
import { aMeeting, aRecord, at, erik, id, iso, lars, leadership, maria, roster } from './test-fixtures.js';

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

const meeting = aMeeting();
const record = aRecord(meeting, ['Läget', 'Programplan 2028']);
const personIds = new Set(roster.map((p) => p.aadObjectId));
const created = at('2027-04-13', '11:00');
const decision: Decision = {
  id: 'd1',
  body: 'programrad',
  year: 2027,
  number: 4,
  text: 'Programplanen antas.',
  origin: { kind: 'meeting', meetingId: 'm1', agendaItemId: 'a2' },
  needNumbers: [12],
  decidedAt: meeting.start,
  recordedAt: created.toISOString(),
  recordedBy: id(21),
  finalAt: null,
  status: 'valid',
  withdrawal: null,
  supersedes: null,
  supersededBy: null,
  revisions: [],
};

const anAction = (over: Partial<Parameters<typeof createAction>[0]> = {}): ActionItem =>
  ok(
    createAction({
      id: 'x1',
      title: 'Skicka programplanen till SRB',
      source: { kind: 'decision', decision },
      ownerId: id(20),
      dueDate: '2027-05-14',
      personIds,
      actor: leadership,
      now: created,
      ...over,
    }),
  ).action;

describe('creating an action', () => {
  it('from a decision: keeps the decision, its meeting and agenda item, the owner and the due date', () => {
    const a = anAction();
    expect(a).toMatchObject({ id: 'x1', decisionId: 'd1', meetingId: 'm1', agendaItemId: 'a2', ownerId: id(20), dueDate: '2027-05-14', status: 'open', completion: null });
    expect(a.history).toEqual([{ at: created.toISOString(), by: id(21), event: 'created', ownerId: id(20), dueDate: '2027-05-14' }]);
    expect(actionItemSchema.parse(a)).toEqual(a);
  });

  it('from an agenda item of the meeting', () => {
    const a = anAction({ source: { kind: 'agendaItem', record, agendaItemId: 'a1' } });
    expect(a).toMatchObject({ meetingId: 'm1', agendaItemId: 'a1' });
    expect(a.decisionId).toBeUndefined();
    expect(createAction({ id: 'x', title: 'T', source: { kind: 'agendaItem', record, agendaItemId: 'a7' }, ownerId: id(20), dueDate: '2027-05-14', personIds, actor: leadership, now: created })).toEqual({ ok: false, reason: 'unknownAgendaItem' });
    const locked = { ...record, minutes: { status: 'justerat' } } as unknown as MeetingRecord;
    expect(createAction({ id: 'x', title: 'T', source: { kind: 'agendaItem', record: locked, agendaItemId: 'a1' }, ownerId: id(20), dueDate: '2027-05-14', personIds, actor: leadership, now: created })).toEqual({ ok: false, reason: 'locked' });
  });

  it('checks title, owner (a roster person) and due date (today or later, Stockholm), all at once', () => {
    const r = createAction({ id: 'x', title: '', source: { kind: 'decision', decision }, ownerId: id(999), dueDate: '2027-04-12', personIds, actor: leadership, now: created });
    expect(r).toEqual({
      ok: false,
      reason: 'invalid',
      problems: [
        { field: 'title', problem: 'required' },
        { field: 'ownerId', problem: 'invalid' },
        { field: 'dueDate', problem: 'inPast' },
      ],
    });
    expect(createAction({ id: 'x', title: 'T', source: { kind: 'decision', decision }, ownerId: id(20), dueDate: '2027-02-30', personIds, actor: leadership, now: created })).toMatchObject({ problems: [{ field: 'dueDate', problem: 'invalid' }] });
    // Today is fine, even late in the evening Stockholm time.
    expect(anAction({ dueDate: '2027-04-13', now: at('2027-04-13', '23:30') }).dueDate).toBe('2027-04-13');
  });

  it('only leadership creates actions; a withdrawn decision takes none', () => {
    expect(createAction({ id: 'x', title: 'T', source: { kind: 'decision', decision }, ownerId: id(20), dueDate: '2027-05-14', personIds, actor: erik, now: created })).toEqual({ ok: false, reason: 'forbidden' });
    const withdrawn = { ...decision, status: 'withdrawn' as const, withdrawal: { at: created.toISOString(), by: id(21), reason: 'Fel' } };
    expect(createAction({ id: 'x', title: 'T', source: { kind: 'decision', decision: withdrawn }, ownerId: id(20), dueDate: '2027-05-14', personIds, actor: leadership, now: created })).toEqual({ ok: false, reason: 'decisionNotValid' });
  });
});

describe('marking done', () => {
  it('the owner marks it done with a comment; the history keeps it', () => {
    const now = at('2027-05-02', '14:00');
    const r = ok(completeAction({ action: anAction(), comment: ' Skickat till SRB:s sekreterare. ', actor: erik, now }));
    expect(r.action.status).toBe('done');
    expect(r.action.completion).toEqual({ at: now.toISOString(), by: id(20), comment: 'Skickat till SRB:s sekreterare.' });
    expect(r.action.history.at(-1)).toEqual({ at: now.toISOString(), by: id(20), event: 'completed', comment: 'Skickat till SRB:s sekreterare.' });
    expect(actionItemSchema.parse(r.action)).toEqual(r.action);
    expect(completeAction({ action: r.action, actor: erik, now })).toEqual({ ok: false, reason: 'alreadyDone' });
  });

  it('someone else may not; leadership may', () => {
    expect(completeAction({ action: anAction(), actor: maria, now: created })).toEqual({ ok: false, reason: 'forbidden' });
    expect(completeAction({ action: anAction(), actor: leadership, now: created }).ok).toBe(true);
  });

  it('a comment over 1000 characters is refused; a done action can be reopened by its owner', () => {
    expect(completeAction({ action: anAction(), comment: 'x'.repeat(1001), actor: erik, now: created })).toEqual({ ok: false, reason: 'commentTooLong' });
    const done = ok(completeAction({ action: anAction(), actor: erik, now: created })).action;
    expect(done.completion).toEqual({ at: created.toISOString(), by: id(20) });
    const reopened = ok(reopenAction({ action: done, comment: 'Inte klart ändå', actor: erik, now: created })).action;
    expect(reopened).toMatchObject({ status: 'open', completion: null });
    expect(reopened.history.map((h) => h.event)).toEqual(['created', 'completed', 'reopened']);
    expect(reopenAction({ action: reopened, actor: erik, now: created })).toEqual({ ok: false, reason: 'notDone' });
  });
});

describe('handing over and moving the due date', () => {
  it('leadership changes owner and date; each change is in the history; nothing changed is unchanged', () => {
    const later = at('2027-04-20', '10:00');
    const r = ok(updateAction({ action: anAction(), ownerId: id(23), dueDate: '2027-05-20', personIds, actor: leadership, now: later }));
    expect(r.action).toMatchObject({ ownerId: id(23), dueDate: '2027-05-20' });
    expect(r.action.history.slice(1)).toEqual([
      { at: later.toISOString(), by: id(21), event: 'reassigned', ownerId: id(23) },
      { at: later.toISOString(), by: id(21), event: 'rescheduled', dueDate: '2027-05-20' },
    ]);
    expect(updateAction({ action: r.action, ownerId: id(23), personIds, actor: leadership, now: later })).toMatchObject({ ok: true, outcome: 'unchanged' });
    expect(updateAction({ action: r.action, ownerId: id(20), personIds, actor: lars, now: later })).toEqual({ ok: false, reason: 'forbidden' });
  });
});

describe('reminders before the due date', () => {
  it('three days before at 09:00 Stockholm, until the due date ends, once (keyed)', () => {
    const a = anAction();
    expect(dueActionReminders({ actions: [a], now: at('2027-05-11', '08:59'), sentKeys: new Set() })).toEqual([]);
    const due = dueActionReminders({ actions: [a], now: at('2027-05-11', '09:00'), sentKeys: new Set() });
    expect(due).toEqual([{ key: `x1:action-due:2027-05-14:${id(20)}`, actionId: 'x1', ownerId: id(20), dueDate: '2027-05-14', at: iso('2027-05-11', '09:00') }]);
    expect(dueActionReminders({ actions: [a], now: at('2027-05-14', '23:59'), sentKeys: new Set() })).toHaveLength(1);
    expect(dueActionReminders({ actions: [a], now: at('2027-05-12', '10:00'), sentKeys: new Set([due[0]!.key]) })).toEqual([]);
    expect(dueActionReminders({ actions: [a], now: at('2027-05-15', '00:00'), sentKeys: new Set() })).toEqual([]);
  });

  it('none for done actions, nor for an action created after the reminder’s moment; a new owner or date gets a fresh one', () => {
    const a = anAction();
    const done = ok(completeAction({ action: a, actor: erik, now: at('2027-05-10', '09:00') })).action;
    expect(dueActionReminders({ actions: [done], now: at('2027-05-12', '10:00'), sentKeys: new Set() })).toEqual([]);
    const lateOne = anAction({ now: at('2027-05-12', '10:00') });
    expect(dueActionReminders({ actions: [lateOne], now: at('2027-05-12', '11:00'), sentKeys: new Set() })).toEqual([]);
    const sent = new Set(dueActionReminders({ actions: [a], now: at('2027-05-11', '09:00'), sentKeys: new Set() }).map((r) => r.key));
    const moved = ok(updateAction({ action: a, dueDate: '2027-05-28', personIds, actor: leadership, now: at('2027-05-11', '10:00') })).action;
    expect(dueActionReminders({ actions: [moved], now: at('2027-05-25', '09:00'), sentKeys: sent })).toHaveLength(1);
  });

  it('overdue is by the Stockholm date', () => {
    const a = anAction();
    expect(isOverdue({ action: a, now: at('2027-05-14', '23:59') })).toBe(false);
    expect(isOverdue({ action: a, now: at('2027-05-15', '00:00') })).toBe(true);
  });
});

describe('open actions per meeting and per person', () => {
  it('groups the open ones, earliest due first', () => {
    const a1 = anAction({ id: 'x1', dueDate: '2027-06-01' });
    const a2 = anAction({ id: 'x2', dueDate: '2027-05-01', ownerId: id(22) });
    const a3 = ok(completeAction({ action: anAction({ id: 'x3' }), actor: erik, now: created })).action;
    const other = { ...anAction({ id: 'x4', dueDate: '2027-05-20' }), meetingId: 'm2' };
    const byMeeting = openActionsByMeeting({ actions: [a1, a2, a3, other] });
    expect([...byMeeting.entries()].map(([m, as]) => [m, as.map((a) => a.id)])).toEqual([
      ['m1', ['x2', 'x1']],
      ['m2', ['x4']],
    ]);
    const byPerson = openActionsByPerson({ actions: [a1, a2, a3, other] });
    expect(byPerson.get(id(20))?.map((a) => a.id)).toEqual(['x4', 'x1']);
    expect(byPerson.get(id(22))?.map((a) => a.id)).toEqual(['x2']);
  });
});
