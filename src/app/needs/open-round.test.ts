import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, openAppFixture, type AppFixture } from '../../../tests/helpers/app-fixture.js';
import { needsDeps } from '../../../tests/helpers/needs-fixture.js';
import { openNeedsRound } from './open-round.js';

const now = new Date('2027-02-01T09:00:00Z');
let app: AppFixture;
beforeEach(async () => void (app = await openAppFixture()));
afterEach(() => app.close());

describe('openNeedsRound', () => {
  it('leadership opens a year’s round with its last day, audited in the same commit', async () => {
    const r = await openNeedsRound(needsDeps(app), app.actor(DEMO.leader), { activityId: 'o1', data: { year: '2028', closingDate: '2027-09-30' } }, now);
    expect(r).toMatchObject({ ok: true, value: { kind: 'opened', year: 2028, closingDate: '2027-09-30', audit: { action: 'needs.roundOpened' } } });
    expect(app.uow.read((repos) => repos.needs.rounds().map((x) => x.year))).toEqual([2028]);
  });

  it('a round that exists, or a closing day in the past, sends the form back; others are refused', async () => {
    const deps = needsDeps(app);
    await openNeedsRound(deps, app.actor(DEMO.leader), { activityId: 'o1', data: { year: '2028', closingDate: '2027-09-30' } }, now);
    const again = await openNeedsRound(deps, app.actor(DEMO.leader), { activityId: 'o2', data: { year: '2028', closingDate: '2027-10-30' } }, now);
    expect(again.ok && again.value.kind === 'form' && again.value.errors).toEqual([{ field: 'year', problem: 'roundExists' }]);
    const past = await openNeedsRound(deps, app.actor(DEMO.leader), { activityId: 'o3', data: { year: '2029', closingDate: '2027-01-01' } }, now);
    expect(past.ok && past.value.kind === 'form' && past.value.errors).toEqual([{ field: 'closingDate', problem: 'inThePast' }]);
    expect(await openNeedsRound(deps, app.actor(DEMO.reviewer), { activityId: 'o4', data: { year: '2029', closingDate: '2027-09-30' } }, now)).toEqual({ ok: false, reason: 'forbidden' });
  });
});
