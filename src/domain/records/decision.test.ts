import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aNeed, people as needPeople } from '../needs/test-fixtures.js';
import {
  correctDecision,
  decisionLogSchema,
  decisionNotifications,
  decisionSchema,
  decisionsForNeed,
  finaliseMeetingDecisions,
  meetingDecisions,
  nextDecisionNumber,
  parseNeedNumbers,
  recordDecision,
  withdrawDecision,
  type Decision,
} from './decision.js';
import type { MeetingRecord } from './record.js';
import { aMeeting, aRecord, at, erik, id, leadership } from './test-fixtures.js';

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

const meeting = aMeeting();
const record = aRecord(meeting, ['Läget', 'Programplan 2028']);
const during = at('2027-04-13', '10:30');
const needs = [aNeed({ number: 12 }), aNeed({ number: 15, organisationId: 'koping', submittedBy: needPeople.kopingDirector.aadObjectId }), aNeed({ number: 20 })];
let seq = 0;
const fresh = () => `d${++seq}`;

function decide(decisions: Decision[], over: Partial<Parameters<typeof recordDecision>[0]> = {}): Decision {
  const r = ok(recordDecision({ decisions, id: fresh(), meeting, record, text: 'Programrådet beslutar att anta programplanen.', needNumbers: [], needs, actor: leadership, now: during, ...over }));
  decisions.push(r.decision);
  if (r.superseded) decisions.splice(decisions.findIndex((d) => d.id === r.superseded!.id), 1, r.superseded);
  return r.decision;
}

describe('recording a decision', () => {
  it('is numbered per body and year: Programrådet 2027 § 1, § 2 …, with text, meeting, agenda item and needs', () => {
    const log: Decision[] = [];
    const first = decide(log, { agendaItemId: 'a2', needNumbers: [15, 12] });
    const second = decide(log);
    expect([first.body, first.year, first.number]).toEqual(['programrad', 2027, 1]);
    expect(second.number).toBe(2);
    expect(first.origin).toEqual({ kind: 'meeting', meetingId: 'm1', agendaItemId: 'a2' });
    expect(first.needNumbers).toEqual([12, 15]);
    expect(first.decidedAt).toBe(meeting.start);
    expect(first.finalAt).toBeNull();
    expect(decisionSchema.parse(first)).toEqual(first);
  });

  it('the Programgrupp and another year each count from 1', () => {
    const log: Decision[] = [];
    decide(log);
    const group = aMeeting({ type: 'programgrupp' }, 'g1');
    const g = ok(recordDecision({ decisions: log, id: fresh(), meeting: group, record: aRecord(group), text: 'Beslut', needNumbers: [], needs, actor: leadership, now: during }));
    expect([g.decision.body, g.decision.number]).toEqual(['programgrupp', 1]);
    const january = aMeeting({ start: '2028-01-11T08:00:00.000Z', end: '2028-01-11T10:00:00.000Z', rsvpBy: '2028-01-04' }, 'm3');
    const y = ok(recordDecision({ decisions: log, id: fresh(), meeting: january, record: aRecord(january), text: 'Beslut', needNumbers: [], needs, actor: leadership, now: at('2028-01-11', '10:00') }));
    expect([y.decision.year, y.decision.number]).toEqual([2028, 1]);
  });

  it('the year is the meeting’s Stockholm year, even when typed in next year or the meeting starts at 00:30 on 1 January', () => {
    const newYear = aMeeting({ start: '2027-12-31T23:30:00.000Z', end: '2028-01-01T01:00:00.000Z', rsvpBy: '2027-12-20' }, 'ny');
    const r = ok(recordDecision({ decisions: [], id: fresh(), meeting: newYear, record: aRecord(newYear), text: 'Gott nytt år', needNumbers: [], needs, actor: leadership, now: at('2028-01-02', '10:00') }));
    expect(r.decision.year).toBe(2028);
    const late = ok(recordDecision({ decisions: [], id: fresh(), meeting, record, text: 'Sent inskrivet', needNumbers: [], needs, actor: leadership, now: at('2028-02-01', '10:00') }));
    expect(late.decision.year).toBe(2027);
  });

  it('is refused for the yearly meeting (it takes no decisions), before the meeting starts, and to anyone but leadership', () => {
    const yearly = aMeeting({ type: 'arlig-traff' }, 'y1');
    expect(recordDecision({ decisions: [], id: fresh(), meeting: yearly, record: aRecord(yearly), text: 'X', needNumbers: [], needs, actor: leadership, now: during })).toEqual({ ok: false, reason: 'bodyTakesNoDecisions' });
    expect(recordDecision({ decisions: [], id: fresh(), meeting, record, text: 'X', needNumbers: [], needs, actor: leadership, now: at('2027-04-13', '08:00') })).toEqual({ ok: false, reason: 'meetingNotStarted' });
    expect(recordDecision({ decisions: [], id: fresh(), meeting, record, text: 'X', needNumbers: [], needs, actor: erik, now: during })).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('checks the text, the agenda item and the needs', () => {
    const base = { decisions: [], id: fresh(), meeting, record, needNumbers: [], needs, actor: leadership, now: during };
    expect(recordDecision({ ...base, text: '  ' })).toEqual({ ok: false, reason: 'invalid', problem: { field: 'text', problem: 'required', max: 4000 } });
    expect(recordDecision({ ...base, text: 'x'.repeat(4001) })).toMatchObject({ ok: false, problem: { problem: 'tooLong' } });
    expect(recordDecision({ ...base, text: 'X', agendaItemId: 'a9' })).toEqual({ ok: false, reason: 'unknownAgendaItem' });
    expect(recordDecision({ ...base, text: 'X', needNumbers: [12, 404, 405] })).toEqual({ ok: false, reason: 'unknownNeeds', needNumbers: [404, 405] });
  });

  it('a decision id used twice is a bug and throws', () => {
    const log: Decision[] = [];
    const d = decide(log);
    expect(() => recordDecision({ decisions: log, id: d.id, meeting, record, text: 'X', needNumbers: [], needs, actor: leadership, now: during })).toThrow();
  });
});

describe('correcting and withdrawing, and the numbers', () => {
  it('a correction keeps the number and the earlier wording', () => {
    const log: Decision[] = [];
    const d = decide(log, { needNumbers: [12] });
    const later = at('2027-04-14', '09:00');
    const r = ok(correctDecision({ decision: d, record, text: 'Programrådet beslutar att anta programplanen för 2028.', needNumbers: [12, 20], agendaItemId: 'a2', needs, actor: leadership, now: later }));
    expect(r.outcome).toBe('corrected');
    expect(r.decision.number).toBe(d.number);
    expect(r.decision.needNumbers).toEqual([12, 20]);
    expect(r.decision.origin).toEqual({ kind: 'meeting', meetingId: 'm1', agendaItemId: 'a2' });
    expect(r.decision.revisions).toEqual([{ at: later.toISOString(), by: id(21), text: d.text, needNumbers: [12] }]);
    expect(correctDecision({ decision: r.decision, record, text: r.decision.text, needNumbers: [20, 12], agendaItemId: 'a2', needs, actor: leadership, now: later })).toMatchObject({ ok: true, outcome: 'unchanged' });
  });

  it('a withdrawn decision keeps its number and reason; the next decision takes the next number, not the withdrawn one', () => {
    const log: Decision[] = [];
    decide(log);
    const second = decide(log);
    const w = ok(withdrawDecision({ decision: second, decisions: log, record, reason: 'Registrerat av misstag', actor: leadership, now: during }));
    log.splice(1, 1, w.decision);
    expect(w.decision).toMatchObject({ number: 2, status: 'withdrawn', withdrawal: { reason: 'Registrerat av misstag', by: id(21) } });
    expect(decide(log).number).toBe(3);
    expect(withdrawDecision({ decision: log[0]!, decisions: log, record, reason: '', actor: leadership, now: during })).toEqual({ ok: false, reason: 'reasonRequired' });
  });

  it('a final decision is neither corrected nor withdrawn: a new decision supersedes it, and withdrawing that one restores it', () => {
    const log: Decision[] = [];
    decide(log);
    const [final] = finaliseMeetingDecisions({ decisions: log, meetingId: 'm1', now: at('2027-04-20', '10:00') });
    log.splice(0, 1, final!);
    expect(correctDecision({ decision: final!, record, text: 'Nytt', needNumbers: [], needs, actor: leadership, now: during })).toEqual({ ok: false, reason: 'final' });
    expect(withdrawDecision({ decision: final!, decisions: log, record, reason: 'x', actor: leadership, now: during })).toEqual({ ok: false, reason: 'final' });

    const autumn = aMeeting({ start: '2027-10-12T07:00:00.000Z', end: '2027-10-12T10:00:00.000Z', rsvpBy: '2027-10-05' }, 'm2');
    const r = ok(recordDecision({ decisions: log, id: fresh(), meeting: autumn, record: aRecord(autumn), text: 'Beslutet § 1 upphävs.', needNumbers: [], needs, supersedes: final!.id, actor: leadership, now: at('2027-10-12', '10:00') }));
    expect(r.decision).toMatchObject({ number: 2, supersedes: final!.id });
    expect(r.superseded).toMatchObject({ id: final!.id, status: 'superseded', supersededBy: r.decision.id, number: 1 });
    const w = ok(withdrawDecision({ decision: r.decision, decisions: [r.superseded!, r.decision], record: aRecord(autumn), reason: 'Fel möte', actor: leadership, now: at('2027-10-12', '11:00') }));
    expect(w.restored).toMatchObject({ id: final!.id, status: 'valid', supersededBy: null });
  });

  it('a decision of a meeting whose minutes are approved counts as final even before it is marked so', () => {
    const log: Decision[] = [];
    const d = decide(log);
    const locked = { ...record, minutes: { status: 'justerat' } } as unknown as MeetingRecord;
    expect(correctDecision({ decision: d, record: locked, text: 'Nytt', needNumbers: [], needs, actor: leadership, now: during })).toEqual({ ok: false, reason: 'final' });
    expect(recordDecision({ decisions: log, id: fresh(), meeting, record: locked, text: 'Nytt', needNumbers: [], needs, actor: leadership, now: during })).toEqual({ ok: false, reason: 'locked' });
  });

  it('whatever is recorded, withdrawn, corrected or superseded, each body’s numbers per year run 1…n with no gap and no repeat', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('record' as const), body: fc.constantFrom('programrad', 'programgrupp'), year: fc.constantFrom(2027, 2028) }),
      fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('correct' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('supersede' as const), pick: fc.nat() }),
    );
    const meetings = {
      'programrad-2027': meeting,
      'programrad-2028': aMeeting({ start: '2028-04-11T07:00:00.000Z', end: '2028-04-11T10:00:00.000Z', rsvpBy: '2028-04-04' }, 'r28'),
      'programgrupp-2027': aMeeting({ type: 'programgrupp' }, 'g27'),
      'programgrupp-2028': aMeeting({ type: 'programgrupp', start: '2028-04-11T07:00:00.000Z', end: '2028-04-11T10:00:00.000Z', rsvpBy: '2028-04-04' }, 'g28'),
    };
    const now = at('2028-06-01', '10:00');
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const log: Decision[] = [];
        let n = 0;
        const replace = (d: Decision) => log.splice(log.findIndex((x) => x.id === d.id), 1, d);
        for (const o of ops) {
          if (o.kind === 'record') {
            const m = meetings[`${o.body}-${o.year}` as keyof typeof meetings];
            const r = recordDecision({ decisions: log, id: `x${++n}`, meeting: m, record: aRecord(m), text: 'Beslut', needNumbers: [], needs, actor: leadership, now });
            if (r.ok) log.push(r.decision);
            continue;
          }
          if (log.length === 0) continue;
          const d = log[o.pick % log.length]!;
          if (o.kind === 'withdraw') {
            const r = withdrawDecision({ decision: d, decisions: log, record: undefined, reason: 'Fel', actor: leadership, now });
            if (r.ok) {
              replace(r.decision);
              if (r.restored) replace(r.restored);
            }
          } else if (o.kind === 'correct') {
            const r = correctDecision({ decision: d, record: undefined, text: `Rättat ${n}`, needNumbers: [], needs, actor: leadership, now });
            if (r.ok) replace(r.decision);
          } else if (d.origin.kind === 'meeting') {
            const m = Object.values(meetings).find((x) => x.id === (d.origin as { meetingId: string }).meetingId)!;
            const r = recordDecision({ decisions: log, id: `x${++n}`, meeting: m, record: aRecord(m), text: 'Upphäver', needNumbers: [], needs, supersedes: d.id, actor: leadership, now });
            if (r.ok) {
              log.push(r.decision);
              if (r.superseded) replace(r.superseded);
            }
          }
        }
        for (const body of ['programrad', 'programgrupp'] as const) {
          for (const year of [2027, 2028]) {
            const numbers = log.filter((d) => d.body === body && d.year === year).map((d) => d.number).sort((a, b) => a - b);
            expect(numbers).toEqual(numbers.map((_, i) => i + 1));
            expect(nextDecisionNumber({ decisions: log, body, year })).toBe(numbers.length + 1);
          }
        }
        expect(decisionLogSchema.parse(log)).toEqual(log);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a need’s decisions and who is told', () => {
  it('gives a need’s decisions oldest first, withdrawn ones included and marked, with whether they are final', () => {
    const log: Decision[] = [];
    const a = decide(log, { needNumbers: [12, 15] });
    decide(log, { needNumbers: [15] });
    const c = decide(log, { needNumbers: [12] });
    const w = ok(withdrawDecision({ decision: c, decisions: log, record, reason: 'Fel', actor: leadership, now: during }));
    log.splice(2, 1, w.decision);
    const finals = finaliseMeetingDecisions({ decisions: log, meetingId: 'm1', now: at('2027-04-20', '10:00') });
    expect(finals.map((d) => d.number)).toEqual([1, 2, 3]);
    const got = decisionsForNeed({ decisions: finals, needNumber: 12 });
    expect(got.map((g) => [g.decision.number, g.decision.status, g.final])).toEqual([
      [a.number, 'valid', true],
      [3, 'withdrawn', true],
    ]);
    expect(decisionsForNeed({ decisions: log, needNumber: 12 })[0]?.final).toBe(false);
    expect(meetingDecisions({ decisions: log, meetingId: 'm1' }).map((d) => d.number)).toEqual([1, 2, 3]);
  });

  it('tells each need’s submitter and supporters once per decision, with the needs that concern them, not the person acting', () => {
    const supported = aNeed({ number: 12, supports: [{ organisationId: 'koping', by: needPeople.kopingDirector.aadObjectId, at: new Date('2026-03-05T10:00:00Z') }] });
    const other = aNeed({ number: 15, organisationId: 'koping', submittedBy: needPeople.kopingDirector.aadObjectId });
    const log: Decision[] = [];
    const d = decide(log, { needNumbers: [12, 15] });
    const withdrawn = { ...decide(log, { needNumbers: [12] }), status: 'withdrawn' as const };
    const told = decisionNotifications({ decisions: [d, withdrawn], needs: [supported, other], actorId: id(21) });
    expect(told).toEqual([
      { decisionId: d.id, needNumbers: [12], personId: needPeople.vasterasDirector.aadObjectId },
      { decisionId: d.id, needNumbers: [12, 15], personId: needPeople.kopingDirector.aadObjectId },
    ]);
    expect(decisionNotifications({ decisions: [d], needs: [supported], actorId: needPeople.vasterasDirector.aadObjectId }).map((n) => n.personId)).toEqual([needPeople.kopingDirector.aadObjectId]);
  });
});

describe('need numbers typed into a form', () => {
  it('takes the numbers wherever they stand, once each, in order', () => {
    expect(parseNeedNumbers('#15, 12 och 15;#3')).toEqual({ numbers: [3, 12, 15], invalid: [] });
    expect(parseNeedNumbers('')).toEqual({ numbers: [], invalid: [] });
  });
  it('names what looks like a number but is not a need number', () => {
    expect(parseNeedNumbers('12.5 0 #x 7')).toEqual({ numbers: [7], invalid: ['12.5', '0'] });
  });
});

describe('the stored log', () => {
  it('is refused with a repeated or skipped number, or an id used twice', () => {
    const log: Decision[] = [];
    decide(log);
    decide(log);
    expect(decisionLogSchema.safeParse(log).success).toBe(true);
    expect(decisionLogSchema.safeParse([log[0], { ...log[1]!, number: 1 }]).success).toBe(false);
    expect(decisionLogSchema.safeParse([log[0], { ...log[1]!, number: 3 }]).success).toBe(false);
    expect(decisionLogSchema.safeParse([log[0], { ...log[1]!, id: log[0]!.id }]).success).toBe(false);
  });
});
