import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, openAppFixture, type AppFixture } from '../../../tests/helpers/app-fixture.js';
import { needFields, needsDeps } from '../../../tests/helpers/needs-fixture.js';
import { submitNeed } from './submit-need.js';

const now = new Date('2027-02-01T09:00:00Z');
let app: AppFixture;
beforeEach(async () => void (app = await openAppFixture()));
afterEach(() => app.close());

describe('submitNeed', () => {
  it('stores the need for the own organisation once per form submission, and tells the similarity search', async () => {
    const deps = needsDeps(app);
    const first = await submitNeed(deps, app.actor(DEMO.director), { activityId: 'a1', submissionId: 'form-0001', fields: needFields(), force: true }, now);
    expect(first.ok && first.value.kind === 'receipt' && first.value.need?.organisationId).toBe('vasteras');
    const again = await submitNeed(deps, app.actor(DEMO.director), { activityId: 'a2', submissionId: 'form-0001', fields: needFields(), force: true }, now);
    expect(again).toMatchObject({ ok: true, value: { kind: 'receipt', number: 1 } });
    expect(again.ok && again.value.kind === 'receipt' && again.value.need).toBeUndefined();
    expect(app.uow.read((r) => r.needs.all())).toHaveLength(1);
    expect(deps.changed.map((n) => n.number)).toEqual([1]);
  });

  it('shows similar needs before saving anything, unless forced', async () => {
    const deps = needsDeps(app);
    await submitNeed(deps, app.actor(DEMO.director), { activityId: 'a1', fields: needFields(), force: true }, now);
    const similar = await submitNeed(deps, app.actor(DEMO.regionDirector), { activityId: 'a2', fields: needFields({}, 'region-vastmanland') }, now);
    expect(similar.ok && similar.value.kind === 'similar' && similar.value.needs.map((n) => n.number)).toEqual([1]);
    expect(app.uow.read((r) => r.needs.all())).toHaveLength(1);
  });

  it('sends the form back with the problems named, and refuses people who may not submit', async () => {
    const deps = needsDeps(app);
    const form = await submitNeed(deps, app.actor(DEMO.director), { activityId: 'a1', fields: needFields({ title: '' }) }, now);
    expect(form.ok && form.value.kind === 'form' && form.value.errors.map((e) => e.field)).toContain('title');
    expect(await submitNeed(deps, app.actor(DEMO.staff), { activityId: 'a2', fields: needFields({}, 'sala') }, now)).toEqual({ ok: false, reason: 'forbidden' });
    expect(app.uow.read((r) => r.needs.all())).toHaveLength(0);
  });

  it('a redelivered activity without a submission id changes nothing the second time', async () => {
    const deps = needsDeps(app);
    await submitNeed(deps, app.actor(DEMO.director), { activityId: 'same', fields: needFields(), force: true }, now);
    const again = await submitNeed(deps, app.actor(DEMO.director), { activityId: 'same', fields: needFields(), force: true }, now);
    expect(again).toEqual({ ok: true, value: { kind: 'duplicate' }, notices: [] });
    expect(app.uow.read((r) => r.needs.all())).toHaveLength(1);
  });
});
