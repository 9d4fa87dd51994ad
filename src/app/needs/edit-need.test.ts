import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, openAppFixture, type AppFixture } from '../../../tests/helpers/app-fixture.js';
import { needFields, needsDeps } from '../../../tests/helpers/needs-fixture.js';
import { editNeed } from './edit-need.js';
import { reviewNeed } from './review-need.js';
import { submitNeed } from './submit-need.js';

const now = new Date('2027-02-01T09:00:00Z');
let app: AppFixture;
beforeEach(async () => {
  app = await openAppFixture();
  await submitNeed(needsDeps(app), app.actor(DEMO.director), { activityId: 'submit', fields: needFields(), force: true }, now);
});
afterEach(() => app.close());

describe('editNeed', () => {
  it('the own organisation corrects its need while inkommen; an unchanged form changes nothing', async () => {
    const deps = needsDeps(app);
    const saved = await editNeed(deps, app.actor(DEMO.director), { activityId: 'e1', number: 1, fields: needFields({ title: 'Ny rubrik' }) }, now);
    expect(saved).toMatchObject({ ok: true, value: { kind: 'saved', changed: true, need: { title: 'Ny rubrik' } } });
    const same = await editNeed(deps, app.actor(DEMO.director), { activityId: 'e2', number: 1, fields: needFields({ title: 'Ny rubrik' }) }, now);
    expect(same).toMatchObject({ ok: true, value: { kind: 'saved', changed: false } });
    expect(deps.changed.map((n) => n.title)).toEqual(['Ny rubrik']);
  });

  it('refuses another organisation, and the own once the need has moved on', async () => {
    const deps = needsDeps(app);
    expect(await editNeed(deps, app.actor(DEMO.regionDirector), { activityId: 'e1', number: 1, fields: needFields() }, now)).toEqual({ ok: false, reason: 'editForbidden' });
    await reviewNeed(deps, app.actor(DEMO.leader), { activityId: 'r1', number: 1, to: 'under-beredning', text: '' }, now);
    expect(await editNeed(deps, app.actor(DEMO.director), { activityId: 'e2', number: 1, fields: needFields({ title: 'Sent' }) }, now)).toEqual({ ok: false, reason: 'notInkommen' });
    expect(app.uow.read((r) => r.needs.get(1)?.title)).toBe(needFields().title);
  });

  it('sends the form back with the problems named', async () => {
    const r = await editNeed(needsDeps(app), app.actor(DEMO.director), { activityId: 'e1', number: 1, fields: needFields({ description: '' }) }, now);
    expect(r.ok && r.value.kind === 'form' && r.value.errors.map((e) => e.field)).toContain('description');
  });
});
