import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, openAppFixture, type AppFixture } from '../../../tests/helpers/app-fixture.js';
import { chooseLanguage } from './choose-language.js';

const now = new Date('2027-02-01T09:00:00Z');
let app: AppFixture;
beforeEach(async () => void (app = await openAppFixture()));
afterEach(() => app.close());

describe('chooseLanguage', () => {
  it('stores the person’s choice, for them only, and a later choice replaces it', async () => {
    await chooseLanguage({ uow: app.uow }, app.actor(DEMO.director), { language: 'en' }, now);
    expect(app.uow.read((r) => r.preferences.language(DEMO.director))).toBe('en');
    expect(app.uow.read((r) => r.preferences.language(DEMO.leader))).toBeUndefined();
    await chooseLanguage({ uow: app.uow }, app.actor(DEMO.director), { language: 'sv' }, now);
    expect(app.uow.read((r) => r.preferences.language(DEMO.director))).toBe('sv');
  });
});
