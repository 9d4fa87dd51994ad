import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_TENANT_ID, loadConfig } from './config.js';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('configuration from the environment', () => {
  it('no credentials → local mode with the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3978);
    expect(c.credentials).toBeNull();
    expect(c.tenantId).toBe(DEMO_TENANT_ID);
    expect(c.publicUrl).toBe('http://localhost:3978');
    expect(c.reminders).toEqual({ timeOfDay: '09:00', nonAnswerDaysBeforeDeadline: 3, attendeeDaysBeforeMeeting: 1 });
  });

  it('every bad value is named with what it should be and what was given', () => {
    const p = problems({ PORT: 'abc', BOT_ID: 'not-a-guid', STARK_REMINDER_TIME: '25:00', STARK_PUBLIC_URL: 'nope' });
    expect(p.find((x) => x.startsWith('PORT'))).toMatch(/number.*"abc"/);
    expect(p.find((x) => x.startsWith('BOT_ID'))).toMatch(/GUID/);
    expect(p.find((x) => x.startsWith('STARK_REMINDER_TIME'))).toMatch(/HH:mm.*"25:00"/);
    expect(p.find((x) => x.startsWith('STARK_PUBLIC_URL'))).toMatch(/URL/);
  });

  it('credentials must come complete: a SingleTenant bot needs its password and tenant', () => {
    const p = problems({ BOT_ID: '11111111-2222-3333-4444-555555555555' });
    expect(p.some((x) => x.startsWith('BOT_PASSWORD'))).toBe(true);
    expect(p.some((x) => x.startsWith('BOT_TENANT_ID'))).toBe(true);
    expect(problems({ BOT_PASSWORD: 'x' }).some((x) => x.startsWith('BOT_ID'))).toBe(true);
  });

  it('complete credentials give authenticated mode; the tenant of the roster follows BOT_TENANT_ID', () => {
    const c = loadConfig({ BOT_ID: '11111111-2222-3333-4444-555555555555', BOT_PASSWORD: 's', BOT_TENANT_ID: 'AAAAAAAA-2222-3333-4444-555555555555' });
    expect(c.credentials).toMatchObject({ appId: '11111111-2222-3333-4444-555555555555', appType: 'SingleTenant' });
    expect(c.tenantId).toBe('aaaaaaaa-2222-3333-4444-555555555555');
  });
});
