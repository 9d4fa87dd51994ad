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

  it('the host tenant is always allowed; STARK_ALLOWED_TENANTS adds the organisations\' tenants (lower case, once each); a bad id is named', () => {
    expect(loadConfig({}).allowedTenants).toEqual([DEMO_TENANT_ID]);
    const host = '11111111-2222-3333-4444-555555555555';
    const config = loadConfig({ STARK_TENANT_ID: host, STARK_ALLOWED_TENANTS: ' AAAAAAAA-0000-4000-8000-00000000000A, 11111111-2222-3333-4444-555555555555 ,bbbbbbbb-0000-4000-8000-00000000000b' });
    expect(config.allowedTenants).toEqual([host, 'aaaaaaaa-0000-4000-8000-00000000000a', 'bbbbbbbb-0000-4000-8000-00000000000b']);
    expect(problems({ STARK_ALLOWED_TENANTS: 'eskilstuna.se' }).join('\n')).toContain('STARK_ALLOWED_TENANTS');
  });

  it('without credentials the bot listens on 127.0.0.1; another HOST needs the loud variable, loopback names do not', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(problems({ HOST: '0.0.0.0' }).find((x) => x.startsWith('HOST'))).toMatch(/STARK_UNSAFE_LISTEN_ON_NETWORK_WITHOUT_AUTH/);
    expect(problems({ HOST: '192.168.1.10' })).toHaveLength(1);
    for (const loopback of ['127.0.0.1', '::1', 'localhost']) expect(loadConfig({ HOST: loopback }).host).toBe(loopback);
    expect(loadConfig({ HOST: '0.0.0.0', STARK_UNSAFE_LISTEN_ON_NETWORK_WITHOUT_AUTH: 'yes' }).host).toBe('0.0.0.0');
    expect(problems({ HOST: '0.0.0.0', STARK_UNSAFE_LISTEN_ON_NETWORK_WITHOUT_AUTH: 'true' }).some((x) => x.startsWith('STARK_UNSAFE'))).toBe(true);
  });

  it('with credentials every interface by default, and only Microsoft\'s Bot Framework hosts unless a list is given', () => {
    const creds = { BOT_ID: '11111111-2222-3333-4444-555555555555', BOT_PASSWORD: 's', BOT_TENANT_ID: '00000000-0000-0000-0000-000000000001' };
    expect(loadConfig(creds).host).toBe('0.0.0.0');
    expect(loadConfig(creds).allowedServiceUrls).toContain('https://smba.trafficmanager.net/');
    expect(loadConfig({ ...creds, STARK_ALLOWED_SERVICE_URLS: 'http://127.0.0.1:4000/, https://x.example/a/' }).allowedServiceUrls).toEqual(['http://127.0.0.1:4000/', 'https://x.example/a/']);
    expect(problems({ ...creds, STARK_ALLOWED_SERVICE_URLS: 'not a url' }).some((x) => x.startsWith('STARK_ALLOWED_SERVICE_URLS'))).toBe(true);
  });

  it('secrets, the contact and the limits are read and checked', () => {
    expect(loadConfig({ STARK_DATA_DIR: '/srv/stark' }).keyFile).toBe('/srv/stark/keys/link-signing.key');
    expect(problems({ STARK_LINK_SIGNING_KEY: 'short' }).some((x) => x.startsWith('STARK_LINK_SIGNING_KEY'))).toBe(true);
    expect(problems({ STARK_ACCESS_CONTACT: 'x'.repeat(201) }).some((x) => x.startsWith('STARK_ACCESS_CONTACT'))).toBe(true);
    expect(loadConfig({ STARK_LIMIT_TURNS: '10', STARK_LIMIT_DOWNLOADS: '3' }).limits).toMatchObject({ turns: { max: 10 }, downloads: { max: 3 } });
    expect(problems({ STARK_LIMIT_WRITES: '0' }).find((x) => x.startsWith('STARK_LIMIT_WRITES'))).toMatch(/at least 1/);
  });

  it('date polls: reminders at the reminder time unless set apart, at most 3 unless told; 0–10', () => {
    expect(loadConfig({}).polls).toEqual({ timeOfDay: '09:00', maxReminders: 3 });
    expect(loadConfig({ STARK_REMINDER_TIME: '08:15' }).polls.timeOfDay).toBe('08:15');
    expect(loadConfig({ STARK_POLL_REMINDER_TIME: '10:30', STARK_POLL_REMINDERS_MAX: '1' }).polls).toEqual({ timeOfDay: '10:30', maxReminders: 1 });
    expect(problems({ STARK_POLL_REMINDERS_MAX: '11' }).find((x) => x.startsWith('STARK_POLL_REMINDERS_MAX'))).toMatch(/0–10/);
  });

  it('the Outlook calendar: .ics without GRAPH_*; Graph with all of them; a half set is named, the secret never echoed', () => {
    expect(loadConfig({}).calendar).toEqual({ backend: 'ics' });
    const graph = loadConfig({ GRAPH_TENANT_ID: '9A8B7C6D-0000-4000-8000-00000000AAAA', GRAPH_CLIENT_ID: '1b2c3d4e-0000-4000-8000-00000000bbbb', GRAPH_CLIENT_SECRET: 's3cret-value', STARK_ORGANISER_MAILBOX: 'Stark@MDU.example' });
    expect(graph.calendar).toMatchObject({ backend: 'graph', tenantId: '9a8b7c6d-0000-4000-8000-00000000aaaa', organiserMailbox: 'stark@mdu.example' });
    expect(JSON.stringify(graph)).not.toContain('s3cret-value');
    const half = problems({ GRAPH_CLIENT_SECRET: 's3cret-value', GRAPH_TENANT_ID: 'nope' });
    expect(half.find((x) => x.startsWith('STARK_ORGANISER_MAILBOX'))).toMatch(/required/);
    expect(half.find((x) => x.startsWith('GRAPH_TENANT_ID'))).toMatch(/GUID.*"nope"/);
    expect(half.join('\n')).not.toContain('s3cret-value');
  });

  it('the store: the embedded journal without STARK_DATABASE_URL; PostgreSQL with it; a bad URL is named, never echoed', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ STARK_DATABASE_URL: 'postgres://stark:pw@db:5432/stark' }).databaseUrl).toBe('postgres://stark:pw@db:5432/stark');
    const bad = problems({ STARK_DATABASE_URL: 'mysql://root:hunter2@db/stark' });
    expect(bad.find((x) => x.startsWith('STARK_DATABASE_URL'))).toMatch(/postgres:\/\//);
    expect(bad.join('\n')).not.toContain('hunter2');
  });
});
