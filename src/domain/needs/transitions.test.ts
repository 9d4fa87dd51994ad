import { describe, expect, it } from 'vitest';
import { editNeed, reviewTargets, submitNeed, supportNeed, transition } from './transitions.js';
import { roundClosesAt } from './rounds.js';
import { aNeed, people } from './test-fixtures.js';
import type { Need } from './need.js';

const now = new Date('2026-04-01T08:00:00Z');
const fields = { title: 'Tillitsbaserad styrning', description: 'Hur styr vi med tillit?', area: 'mojliggorande-byrakratin', contact: { name: 'Erik' }, urgency: 'medium' } as const;

describe('submitting a need', () => {
  it('a director submits for their own organisation; the need is inkommen, numbered, in the open round, with its history', () => {
    const rounds = [{ year: 2027, closingDate: '2026-09-30', closesAt: roundClosesAt('2026-09-30'), openedAt: new Date('2026-01-01T00:00:00Z'), openedBy: people.leadership.aadObjectId }];
    const r = submitNeed({ fields, organisationId: 'vasteras', actor: people.vasterasDirector, now, number: 12, rounds });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.need).toMatchObject({ number: 12, organisationId: 'vasteras', submittedBy: people.vasterasDirector.aadObjectId, round: 2027, state: { status: 'inkommen' }, supports: [] });
    expect(r.need.history).toEqual([{ at: now, by: people.vasterasDirector.aadObjectId, event: 'submitted', from: null, to: 'inkommen', text: '' }]);
    expect(r.round).toEqual({ kind: 'open', year: 2027, closingDate: '2026-09-30' });
  });

  it('staff may not submit, and nobody submits for another organisation', () => {
    expect(submitNeed({ fields, organisationId: 'sala', actor: people.salaStaff, now, number: 1, rounds: [] })).toEqual({ ok: false, reason: 'forbidden' });
    expect(submitNeed({ fields, organisationId: 'koping', actor: people.vasterasDirector, now, number: 1, rounds: [] })).toEqual({ ok: false, reason: 'otherOrganisation' });
  });
});

describe('the review path', () => {
  const review = (need: Need, to: Parameters<typeof transition>[0]['to'], extra: Partial<Parameters<typeof transition>[0]> = {}) =>
    transition({ need, to, actor: people.eskilstunaGroup, now, ...extra });

  it('inkommen → under beredning → ingår i programplan, each step recorded with who, when, from, to and text', () => {
    const a = review(aNeed(), 'under-beredning', { text: 'Vi tittar på det.' });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    const b = review(a.need, 'ingar-i-programplan', { plan: { area: 'resilienta-organisationen', year: 2027 }, text: 'Ingår 2027.' });
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(b.need.state).toEqual({ status: 'ingar-i-programplan', plan: { area: 'resilienta-organisationen', year: 2027 } });
    expect(b.need.history.slice(1)).toEqual([
      { at: now, by: people.eskilstunaGroup.aadObjectId, event: 'transition', from: 'inkommen', to: 'under-beredning', text: 'Vi tittar på det.' },
      { at: now, by: people.eskilstunaGroup.aadObjectId, event: 'transition', from: 'under-beredning', to: 'ingar-i-programplan', text: 'Ingår 2027.' },
    ]);
  });

  it('a change notifies the submitter, the supporting organisations and the people who supported — not the one who made it', () => {
    const need = aNeed({
      state: { status: 'under-beredning' },
      supports: [
        { organisationId: 'koping', by: people.kopingDirector.aadObjectId, at: now },
        { organisationId: 'eskilstuna', by: people.eskilstunaGroup.aadObjectId, at: now },
      ],
    });
    const r = review(need, 'ingar-i-programplan', { plan: { area: 'framtida-valfarden', year: 2027 }, text: 'Med i planen.' });
    expect(r.ok && r.notify).toEqual({
      needNumber: 1,
      from: 'under-beredning',
      to: { status: 'ingar-i-programplan', plan: { area: 'framtida-valfarden', year: 2027 } },
      text: 'Med i planen.',
      people: [people.vasterasDirector.aadObjectId, people.kopingDirector.aadObjectId],
      organisationIds: ['koping', 'eskilstuna'],
    });
  });

  it('a plan needs its area and year; a rejection its motivation', () => {
    const prepared = aNeed({ state: { status: 'under-beredning' } });
    expect(review(prepared, 'ingar-i-programplan')).toEqual({ ok: false, reason: 'planRequired' });
    expect(review(prepared, 'ingar-i-programplan', { plan: { area: 'framtida-valfarden', year: 1999 } })).toEqual({ ok: false, reason: 'planInvalid' });
    expect(review(prepared, 'avslagen', { text: '  ' })).toEqual({ ok: false, reason: 'motivationRequired' });
    const r = review(prepared, 'avslagen', { text: 'Ligger utanför programmets uppdrag.' });
    expect(r.ok && r.need.state).toEqual({ status: 'avslagen', motivation: 'Ligger utanför programmets uppdrag.' });
  });

  it('illegal moves are refused: skipping preparation, leaving a final status, going back to inkommen', () => {
    expect(review(aNeed(), 'ingar-i-programplan', { plan: { area: 'framtida-valfarden', year: 2027 } })).toEqual({ ok: false, reason: 'illegalTransition' });
    expect(review(aNeed(), 'avslagen', { text: 'Nej' })).toEqual({ ok: false, reason: 'illegalTransition' });
    expect(review(aNeed({ state: { status: 'avslagen', motivation: 'x' } }), 'under-beredning')).toEqual({ ok: false, reason: 'illegalTransition' });
    expect(review(aNeed({ state: { status: 'under-beredning' } }), 'inkommen')).toEqual({ ok: false, reason: 'illegalTransition' });
    expect(reviewTargets('tillbakadragen')).toEqual([]);
  });

  it('only Programgrupp and leadership review', () => {
    expect(transition({ need: aNeed(), to: 'under-beredning', actor: people.vasterasDirector, now })).toEqual({ ok: false, reason: 'forbidden' });
    expect(transition({ need: aNeed(), to: 'under-beredning', actor: people.leadership, now }).ok).toBe(true);
  });

  it('merging moves the need’s organisation and supporters onto the target, each organisation once', () => {
    const source = aNeed({ number: 2, organisationId: 'koping', submittedBy: people.kopingDirector.aadObjectId, supports: [{ organisationId: 'eskilstuna', by: people.eskilstunaGroup.aadObjectId, at: now }, { organisationId: 'vasteras', by: people.vasterasColleague.aadObjectId, at: now }] });
    const target = aNeed({ number: 1, state: { status: 'under-beredning' }, supports: [{ organisationId: 'eskilstuna', by: people.eskilstunaGroup.aadObjectId, at: now }] });
    const r = review(source, 'sammanslagen', { mergeInto: target, text: 'Samma behov som #1.' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.need.state).toEqual({ status: 'sammanslagen', mergedInto: 1 });
    expect(r.need.history.at(-1)).toMatchObject({ to: 'sammanslagen', relatedNeed: 1 });
    expect(r.mergedInto?.supports.map((s) => s.organisationId)).toEqual(['eskilstuna', 'koping']);
    expect(r.mergedInto?.history.at(-1)).toMatchObject({ event: 'mergedFrom', relatedNeed: 2, from: 'under-beredning', to: 'under-beredning' });
  });

  it('a merge needs a live target other than the need itself', () => {
    expect(review(aNeed(), 'sammanslagen')).toEqual({ ok: false, reason: 'mergeTargetRequired' });
    expect(review(aNeed(), 'sammanslagen', { mergeInto: aNeed() })).toEqual({ ok: false, reason: 'mergeIntoSelf' });
    expect(review(aNeed(), 'sammanslagen', { mergeInto: aNeed({ number: 5, state: { status: 'tillbakadragen' } }) })).toEqual({ ok: false, reason: 'mergeTargetClosed' });
  });
});

describe('withdrawing and editing', () => {
  it('the submitting organisation withdraws while inkommen; supporters are told', () => {
    const need = aNeed({ supports: [{ organisationId: 'koping', by: people.kopingDirector.aadObjectId, at: now }] });
    const r = transition({ need, to: 'tillbakadragen', actor: people.vasterasColleague, now });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.need.state).toEqual({ status: 'tillbakadragen' });
    expect(r.notify.people).toEqual([people.vasterasDirector.aadObjectId, people.kopingDirector.aadObjectId]);
  });

  it('another organisation may not withdraw, and nobody withdraws once preparation has begun', () => {
    expect(transition({ need: aNeed(), to: 'tillbakadragen', actor: people.kopingDirector, now })).toEqual({ ok: false, reason: 'forbidden' });
    expect(transition({ need: aNeed({ state: { status: 'under-beredning' } }), to: 'tillbakadragen', actor: people.vasterasDirector, now })).toEqual({ ok: false, reason: 'illegalTransition' });
  });

  it('the submitting organisation edits while inkommen, recorded in the history; an unchanged edit records nothing', () => {
    const r = editNeed({ need: aNeed(), fields: { ...fields }, actor: people.vasterasDirector, now });
    expect(r).toMatchObject({ ok: true, changed: true, need: { title: 'Tillitsbaserad styrning', area: 'mojliggorande-byrakratin' } });
    if (!r.ok) return;
    expect(r.need.history.at(-1)).toEqual({ at: now, by: people.vasterasDirector.aadObjectId, event: 'edited', from: 'inkommen', to: 'inkommen', text: '' });
    const again = editNeed({ need: r.need, fields: { ...fields }, actor: people.vasterasDirector, now });
    expect(again).toMatchObject({ ok: true, changed: false });
    if (again.ok) expect(again.need.history).toHaveLength(2);
  });

  it('no edits by another organisation or after inkommen', () => {
    expect(editNeed({ need: aNeed(), fields, actor: people.kopingDirector, now })).toEqual({ ok: false, reason: 'forbidden' });
    expect(editNeed({ need: aNeed({ state: { status: 'under-beredning' } }), fields, actor: people.vasterasDirector, now })).toEqual({ ok: false, reason: 'notInkommen' });
  });
});

describe('supporting a need', () => {
  it('another organisation stands behind it once; who and when are kept', () => {
    const r = supportNeed({ need: aNeed(), actor: people.eskilstunaGroup, now });
    expect(r.ok && r.need.supports).toEqual([{ organisationId: 'eskilstuna', by: people.eskilstunaGroup.aadObjectId, at: now }]);
    if (!r.ok) return;
    expect(supportNeed({ need: r.need, actor: { ...people.eskilstunaGroup, aadObjectId: '00000000-0000-0000-0000-000000000099' }, now })).toEqual({ ok: false, reason: 'alreadySupported' });
  });

  it('not the own organisation’s need, not as staff, not a rejected or withdrawn one; a merged one points to its target', () => {
    expect(supportNeed({ need: aNeed(), actor: people.vasterasColleague, now })).toEqual({ ok: false, reason: 'ownOrganisation' });
    expect(supportNeed({ need: aNeed(), actor: people.salaStaff, now })).toEqual({ ok: false, reason: 'forbidden' });
    expect(supportNeed({ need: aNeed({ state: { status: 'avslagen', motivation: 'x' } }), actor: people.kopingDirector, now })).toEqual({ ok: false, reason: 'closed' });
    expect(supportNeed({ need: aNeed({ state: { status: 'sammanslagen', mergedInto: 7 } }), actor: people.kopingDirector, now })).toEqual({ ok: false, reason: 'merged', mergedInto: 7 });
    expect(supportNeed({ need: aNeed({ state: { status: 'ingar-i-programplan', plan: { area: 'framtida-valfarden', year: 2027 } } }), actor: people.kopingDirector, now }).ok).toBe(true);
  });
});
