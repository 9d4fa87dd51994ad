import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, openAppFixture, type AppFixture } from '../../../tests/helpers/app-fixture.js';
import { needFields, needsDeps } from '../../../tests/helpers/needs-fixture.js';
import { reviewNeed, withdrawNeed } from './review-need.js';
import { submitNeed } from './submit-need.js';
import { supportNeed } from './support-need.js';

const now = new Date('2027-02-01T09:00:00Z');
let app: AppFixture;
beforeEach(async () => {
  app = await openAppFixture();
  const deps = needsDeps(app);
  await submitNeed(deps, app.actor(DEMO.director), { activityId: 'submit', fields: needFields(), force: true }, now);
  await supportNeed(deps, app.actor(DEMO.regionDirector), { activityId: 'support', number: 1 }, now);
});
afterEach(() => app.close());

describe('reviewNeed', () => {
  it('moves the need, queues a message to the submitter and each supporter and an audit entry, all in one commit', async () => {
    const r = await reviewNeed(needsDeps(app), app.actor(DEMO.reviewer), { activityId: 'r1', number: 1, to: 'under-beredning', text: 'Vi tittar på det.' }, now);
    expect(r).toMatchObject({ ok: true, value: { kind: 'moved', told: 2, need: { state: { status: 'under-beredning' } }, audit: { action: 'need.reviewed', actorId: DEMO.reviewer } } });
    const pending = app.store.doc.needs.pending.map((p) => p.personId).sort();
    expect(pending).toEqual([DEMO.director, DEMO.regionDirector].sort());
    expect(app.uow.read((repos) => repos.audit.entries().map((e) => e.action))).toEqual(['need.reviewed']);
  });

  it('a rejection needs its motivation; a refused move records nothing, not even the activity id', async () => {
    const deps = needsDeps(app);
    await reviewNeed(deps, app.actor(DEMO.leader), { activityId: 'r1', number: 1, to: 'under-beredning', text: '' }, now);
    expect(await reviewNeed(deps, app.actor(DEMO.leader), { activityId: 'r2', number: 1, to: 'avslagen', text: '  ' }, now)).toEqual({ ok: false, reason: 'motivationRequired' });
    expect(app.uow.seen('r2')).toBe(false);
    expect(app.uow.read((r) => r.needs.get(1)?.state.status)).toBe('under-beredning');
  });

  it('refuses people who do not review, before anything else; the same click again is "again"', async () => {
    const deps = needsDeps(app);
    expect(await reviewNeed(deps, app.actor(DEMO.director), { activityId: 'r1', number: 1, to: 'under-beredning', text: '' }, now)).toEqual({ ok: false, reason: 'notReviewer' });
    await reviewNeed(deps, app.actor(DEMO.leader), { activityId: 'r2', number: 1, to: 'under-beredning', text: '' }, now);
    expect(await reviewNeed(deps, app.actor(DEMO.leader), { activityId: 'r2', number: 1, to: 'under-beredning', text: '' }, now)).toEqual({ ok: true, value: { kind: 'again' }, notices: [] });
  });

  it('a merge into an unknown need is refused as noSuchTarget', async () => {
    const deps = needsDeps(app);
    await reviewNeed(deps, app.actor(DEMO.leader), { activityId: 'r1', number: 1, to: 'under-beredning', text: '' }, now);
    expect(await reviewNeed(deps, app.actor(DEMO.leader), { activityId: 'r2', number: 1, to: 'sammanslagen', text: '', mergeInto: 7 }, now)).toEqual({ ok: false, reason: 'noSuchTarget' });
  });
});

describe('withdrawNeed', () => {
  it('the submitting organisation withdraws while inkommen, unaudited; others may not', async () => {
    const deps = needsDeps(app);
    expect(await withdrawNeed(deps, app.actor(DEMO.regionDirector), { activityId: 'w1', number: 1 }, now)).toEqual({ ok: false, reason: 'forbidden' });
    const r = await withdrawNeed(deps, app.actor(DEMO.director), { activityId: 'w2', number: 1 }, now);
    expect(r).toMatchObject({ ok: true, value: { kind: 'moved', told: 1, need: { state: { status: 'tillbakadragen' } } } });
    expect(r.ok && r.value.kind === 'moved' && r.value.audit).toBeUndefined();
    expect(app.uow.read((repos) => repos.audit.entries())).toHaveLength(0);
  });
});
