import { describe, expect, it } from 'vitest';
import { aNeed } from '../needs/test-fixtures.js';
import { decisionSchema, type Decision } from './decision.js';
import {
  DEFAULT_PER_CAPSULAM_RULE,
  answerPerCapsulam,
  closePerCapsulam,
  duePerCapsulamReminders,
  duePerCapsulamResults,
  openPerCapsulam,
  perCapsulamRecipients,
  perCapsulamSchema,
  perCapsulamTally,
  type PerCapsulam,
} from './per-capsulam.js';
import { actor, at, erik, id, lars, leadership, maria, programradSeats, staff } from './test-fixtures.js';

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

const opened = at('2027-05-03', '10:00');
const deadline = at('2027-05-10', '16:00');
const needs = [aNeed({ number: 12 })];

const open = (over: Partial<Parameters<typeof openPerCapsulam>[0]> = {}): PerCapsulam =>
  ok(
    openPerCapsulam({
      id: 'pc1',
      body: 'programrad',
      proposal: 'Programrådet godkänner reviderad tidplan för programplanen.',
      needNumbers: [12],
      needs,
      deadline,
      seats: programradSeats,
      rule: DEFAULT_PER_CAPSULAM_RULE,
      actor: leadership,
      now: opened,
      ...over,
    }),
  ).procedure;

function answer(p: PerCapsulam, n: number, seatId: string, value: 'yes' | 'no', now = at('2027-05-04', '09:00')): PerCapsulam {
  return ok(answerPerCapsulam({ procedure: p, seatId, value, actor: actor(n), now })).procedure;
}

describe('putting a question per capsulam', () => {
  it('goes to each seat’s holder; a vacant seat’s substitutes answer for it', () => {
    const p = open();
    expect(perCapsulamSchema.parse(p)).toEqual(p);
    expect(perCapsulamRecipients(p)).toHaveLength(7);
    const vacant = open({ seats: programradSeats.map((s) => (s.seatId === 'pr-vastmanland-1' ? { ...s, holderId: null } : s)) });
    expect(perCapsulamRecipients(vacant).filter((r) => r.seatId === 'pr-vastmanland-1')).toEqual([{ seatId: 'pr-vastmanland-1', personId: id(23) }]);
  });

  it('needs leadership, a deadline after now, seats of the body, and known needs', () => {
    const base = { id: 'pc', body: 'programrad' as const, proposal: 'X', needNumbers: [], needs, deadline, seats: programradSeats, rule: DEFAULT_PER_CAPSULAM_RULE, actor: leadership, now: opened };
    expect(openPerCapsulam({ ...base, actor: erik })).toEqual({ ok: false, reason: 'forbidden' });
    expect(openPerCapsulam({ ...base, deadline: opened })).toEqual({ ok: false, reason: 'deadlineNotAfterNow' });
    expect(openPerCapsulam({ ...base, seats: [] })).toEqual({ ok: false, reason: 'noSeats' });
    expect(openPerCapsulam({ ...base, body: 'programgrupp' })).toEqual({ ok: false, reason: 'seatOfOtherBody' });
    expect(openPerCapsulam({ ...base, needNumbers: [99] })).toEqual({ ok: false, reason: 'unknownNeeds', needNumbers: [99] });
    expect(openPerCapsulam({ ...base, proposal: ' ' })).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('answering', () => {
  it('the holder answers for their seat; the last answer before the deadline counts', () => {
    let p = open();
    p = answer(p, 20, 'pr-vastmanland-1', 'no');
    p = answer(p, 20, 'pr-vastmanland-1', 'yes');
    expect(perCapsulamTally(p).yes).toEqual(['pr-vastmanland-1']);
    expect(p.answers).toHaveLength(2);
    expect(answerPerCapsulam({ procedure: p, seatId: 'pr-vastmanland-1', value: 'yes', actor: erik, now: at('2027-05-04', '10:00') })).toMatchObject({ ok: true, outcome: 'unchanged' });
  });

  it('nobody answers for someone else’s seat; a substitute does not answer while the seat has a holder', () => {
    const p = open();
    expect(answerPerCapsulam({ procedure: p, seatId: 'pr-vastmanland-1', value: 'yes', actor: maria, now: opened })).toEqual({ ok: false, reason: 'forbidden' });
    expect(answerPerCapsulam({ procedure: p, seatId: 'pr-vastmanland-1', value: 'yes', actor: lars, now: opened })).toEqual({ ok: false, reason: 'forbidden' });
    expect(answerPerCapsulam({ procedure: p, seatId: 'pr-vastmanland-1', value: 'yes', actor: staff, now: opened })).toEqual({ ok: false, reason: 'forbidden' });
    expect(answerPerCapsulam({ procedure: p, seatId: 'nope', value: 'yes', actor: erik, now: opened })).toEqual({ ok: false, reason: 'unknownSeat' });
  });

  it('no answers at or after the deadline', () => {
    expect(answerPerCapsulam({ procedure: open(), seatId: 'pr-vastmanland-1', value: 'yes', actor: erik, now: deadline })).toEqual({ ok: false, reason: 'deadlinePassed' });
  });
});

describe('the result', () => {
  const allBut = (p: PerCapsulam, skip: string[], value: 'yes' | 'no' = 'yes') => {
    const holders: Record<string, number> = { 'pr-mdu-1': 21, 'pr-mdu-2': 27, 'pr-mdu-3': 28, 'pr-vastmanland-1': 20, 'pr-vastmanland-2': 22, 'pr-sormland-1': 25, 'pr-sormland-2': 104 };
    let q = p;
    for (const [seatId, n] of Object.entries(holders)) if (!skip.includes(seatId)) q = answer(q, n, seatId, value);
    return q;
  };

  it('is not established before the deadline while a seat has not answered', () => {
    const p = allBut(open(), ['pr-sormland-2']);
    expect(closePerCapsulam({ procedure: p, decisions: [], decisionId: 'd9', now: at('2027-05-05', '10:00') })).toEqual({ ok: false, reason: 'beforeDeadline' });
    expect(duePerCapsulamResults({ procedures: [p], now: at('2027-05-05', '10:00') })).toEqual([]);
    expect(duePerCapsulamResults({ procedures: [p], now: deadline })).toEqual([p]);
  });

  it('at the deadline: a seat that did not answer is recorded as such; adopted by a majority of all seats, numbered and final', () => {
    const log: Decision[] = [{ ...decisionBase, id: 'd1', number: 1 }];
    const p = allBut(open(), ['pr-sormland-2']);
    const now = at('2027-05-10', '16:05');
    const r = ok(closePerCapsulam({ procedure: p, decisions: log, decisionId: 'd2', now }));
    expect(r.procedure.result).toEqual({ at: deadline.toISOString(), outcome: 'adopted', yes: expect.any(Array), no: [], notAnswered: ['pr-sormland-2'], decisionId: 'd2' });
    expect(r.procedure.result?.yes).toHaveLength(6);
    expect(r.decision).toMatchObject({ id: 'd2', body: 'programrad', year: 2027, number: 2, origin: { kind: 'perCapsulam', procedureId: 'pc1' }, needNumbers: [12], decidedAt: deadline.toISOString(), finalAt: now.toISOString() });
    expect(decisionSchema.parse(r.decision)).toEqual(r.decision);
    expect(perCapsulamSchema.parse(r.procedure)).toEqual(r.procedure);
    expect(closePerCapsulam({ procedure: r.procedure, decisions: log, decisionId: 'd3', now })).toEqual({ ok: false, reason: 'alreadyClosed' });
    expect(answerPerCapsulam({ procedure: r.procedure, seatId: 'pr-sormland-2', value: 'yes', actor: actor(104), now: opened })).toEqual({ ok: false, reason: 'closed' });
  });

  it('as soon as every seat has answered the result can be established, dated then', () => {
    const p = allBut(open(), []);
    const now = at('2027-05-05', '11:00');
    expect(duePerCapsulamResults({ procedures: [p], now })).toEqual([p]);
    const r = ok(closePerCapsulam({ procedure: p, decisions: [], decisionId: 'd1', now }));
    expect(r.procedure.result?.at).toBe(now.toISOString());
    expect(r.decision?.number).toBe(1);
  });

  it('three yes out of seven is no majority: rejected, no number taken', () => {
    let p = open();
    p = answer(p, 21, 'pr-mdu-1', 'yes');
    p = answer(p, 27, 'pr-mdu-2', 'yes');
    p = answer(p, 20, 'pr-vastmanland-1', 'yes');
    p = answer(p, 25, 'pr-sormland-1', 'no');
    const r = ok(closePerCapsulam({ procedure: p, decisions: [], decisionId: 'd1', now: deadline }));
    expect(r.procedure.result).toMatchObject({ outcome: 'rejected', no: ['pr-sormland-1'], decisionId: null });
    expect(r.procedure.result?.notAnswered).toHaveLength(3);
    expect(r.decision).toBeNull();
  });

  it('under the unanimous rule one missing answer rejects', () => {
    const p = allBut(open({ rule: { adoptWhen: 'unanimous', assumption: true } }), ['pr-mdu-3']);
    expect(ok(closePerCapsulam({ procedure: p, decisions: [], decisionId: 'd1', now: deadline })).procedure.result?.outcome).toBe('rejected');
  });
});

describe('reminders', () => {
  it('go to the seats that have not answered, from 24 hours before the deadline, once each', () => {
    const p = answer(open(), 20, 'pr-vastmanland-1', 'yes');
    expect(duePerCapsulamReminders({ procedures: [p], now: at('2027-05-09', '15:59'), sentKeys: new Set() })).toEqual([]);
    const due = duePerCapsulamReminders({ procedures: [p], now: at('2027-05-09', '16:00'), sentKeys: new Set() });
    expect(due).toHaveLength(6);
    expect(due.some((r) => r.seatId === 'pr-vastmanland-1')).toBe(false);
    expect(due.find((r) => r.personId === id(25))?.key).toBe(`pc1:per-capsulam-reminder:pr-sormland-1:${id(25)}`);
    expect(duePerCapsulamReminders({ procedures: [p], now: at('2027-05-10', '10:00'), sentKeys: new Set(due.map((r) => r.key)) })).toEqual([]);
    expect(duePerCapsulamReminders({ procedures: [p], now: deadline, sentKeys: new Set() })).toEqual([]);
  });

  it('none for a question put less than 24 hours before its deadline', () => {
    const p = open({ now: at('2027-05-10', '08:00') });
    expect(duePerCapsulamReminders({ procedures: [p], now: at('2027-05-10', '12:00'), sentKeys: new Set() })).toEqual([]);
  });
});

const decisionBase: Decision = {
  id: 'd0',
  body: 'programrad',
  year: 2027,
  number: 1,
  text: 'Tidigare beslut',
  origin: { kind: 'meeting', meetingId: 'm1' },
  needNumbers: [],
  decidedAt: '2027-04-13T07:00:00.000Z',
  recordedAt: '2027-04-13T08:00:00.000Z',
  recordedBy: id(21),
  finalAt: null,
  status: 'valid',
  withdrawal: null,
  supersedes: null,
  supersededBy: null,
  revisions: [],
};
