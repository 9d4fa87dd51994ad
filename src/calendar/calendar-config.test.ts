import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CalendarConfigError, loadCalendarConfig } from './calendar-config.js';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadCalendarConfig(env);
    return [];
  } catch (err) {
    if (err instanceof CalendarConfigError) return err.problems;
    throw err;
  }
};
const full = {
  GRAPH_TENANT_ID: 'AAAAAAAA-0000-4000-8000-000000000001',
  GRAPH_CLIENT_ID: 'bbbbbbbb-0000-4000-8000-000000000002',
  GRAPH_CLIENT_SECRET: 'very-secret-value',
  STARK_ORGANISER_MAILBOX: 'STARK@mdu.se',
};

describe('the calendar configuration', () => {
  it('nothing set (or all blank) keeps the .ics files', () => {
    expect(loadCalendarConfig({})).toEqual({ backend: 'ics' });
    expect(loadCalendarConfig({ GRAPH_TENANT_ID: ' ', STARK_ORGANISER_MAILBOX: '' })).toEqual({ backend: 'ics' });
  });

  it('complete: Graph, ids and mailbox lower-cased', () => {
    const c = loadCalendarConfig(full);
    if (c.backend !== 'graph') throw new Error('expected graph');
    expect(c).toMatchObject({ tenantId: 'aaaaaaaa-0000-4000-8000-000000000001', clientId: full.GRAPH_CLIENT_ID, organiserMailbox: 'stark@mdu.se' });
    expect(c.credential.kind).toBe('secret');
    if (c.credential.kind === 'secret') expect(c.credential.secret.reveal()).toBe('very-secret-value');
  });

  it('a half configuration names every gap instead of silently falling back', () => {
    const p = problems({ GRAPH_CLIENT_ID: full.GRAPH_CLIENT_ID });
    expect(p.map((x) => x.split(':')[0]).sort()).toEqual(['GRAPH_CLIENT_SECRET', 'GRAPH_TENANT_ID', 'STARK_ORGANISER_MAILBOX']);
    expect(problems({ ...full, GRAPH_CLIENT_CERTIFICATE_PATH: '/etc/stark/cert.pem' }).some((x) => x.startsWith('GRAPH_CLIENT_CERTIFICATE_PATH'))).toBe(true);
    expect(problems({ ...full, GRAPH_TENANT_ID: 'nope', STARK_ORGANISER_MAILBOX: 'nope' }).join('\n')).toMatch(/GRAPH_TENANT_ID: must be a GUID.*"nope"[\s\S]*STARK_ORGANISER_MAILBOX: must be an e-mail/);
  });

  it('a certificate instead of a secret', () => {
    const { GRAPH_CLIENT_SECRET: _s, ...rest } = full;
    expect(loadCalendarConfig({ ...rest, GRAPH_CLIENT_CERTIFICATE_PATH: '/etc/stark/cert.pem' })).toMatchObject({ backend: 'graph', credential: { kind: 'certificate', certificatePath: '/etc/stark/cert.pem' } });
  });

  it('the secret never shows: not in JSON, strings, inspect (what loggers use) or error messages', () => {
    const c = loadCalendarConfig(full);
    for (const shown of [JSON.stringify(c), String(c.backend === 'graph' && c.credential.kind === 'secret' ? c.credential.secret : ''), inspect(c, { depth: 5 })]) {
      expect(shown).not.toContain('very-secret-value');
    }
    expect(problems({ ...full, GRAPH_TENANT_ID: 'bad' }).join('\n')).not.toContain('very-secret-value');
  });
});
