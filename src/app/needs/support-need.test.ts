import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, openAppFixture, type AppFixture } from '../../../tests/helpers/app-fixture.js';
import { needFields, needsDeps } from '../../../tests/helpers/needs-fixture.js';
import { submitNeed } from './submit-need.js';
import { supportNeed } from './support-need.js';

const now = new Date('2027-02-01T09:00:00Z');
let app: AppFixture;
beforeEach(async () => {
  app = await openAppFixture();
  await submitNeed(needsDeps(app), app.actor(DEMO.director), { activityId: 'submit', fields: needFields(), force: true }, now);
});
afterEach(() => app.close());

describe('supportNeed', () => {
  it('another organisation stands behind the need, once', async () => {
    const deps = needsDeps(app);
    const r = await supportNeed(deps, app.actor(DEMO.regionDirector), { activityId: 's1', number: 1 }, now);
    expect(r.ok && r.value.kind === 'supported' && r.value.need.supports.map((s) => s.organisationId)).toEqual(['region-vastmanland']);
    expect(await supportNeed(deps, app.actor(DEMO.regionDirector), { activityId: 's2', number: 1 }, now)).toEqual({ ok: false, reason: 'alreadySupported' });
    expect(app.uow.read((r) => r.needs.get(1)?.supports)).toHaveLength(1);
  });

  it('the same click delivered again is answered as "again", not refused as already supported', async () => {
    const deps = needsDeps(app);
    await supportNeed(deps, app.actor(DEMO.regionDirector), { activityId: 's1', number: 1 }, now);
    expect(await supportNeed(deps, app.actor(DEMO.regionDirector), { activityId: 's1', number: 1 }, now)).toEqual({ ok: true, value: { kind: 'again' }, notices: [] });
  });

  it('refuses the own organisation, people who may not support, and unknown needs — recording nothing', async () => {
    const deps = needsDeps(app);
    expect(await supportNeed(deps, app.actor(DEMO.director), { activityId: 'x1', number: 1 }, now)).toEqual({ ok: false, reason: 'ownOrganisation' });
    expect(await supportNeed(deps, app.actor(DEMO.staff), { activityId: 'x2', number: 1 }, now)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await supportNeed(deps, app.actor(DEMO.regionDirector), { activityId: 'x3', number: 9 }, now)).toEqual({ ok: false, reason: 'noSuchNeed' });
    expect(app.uow.seen('x1') || app.uow.seen('x2') || app.uow.seen('x3')).toBe(false);
  });
});
