import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmInstant } from '../../src/domain/time.js';
import { DEMO_TENANT_ID } from '../../src/config.js';
import { meetingsFeature } from '../../src/bot/features/meetings-feature.js';
import { Harness, cardOf, conversationOf, demo, textOf } from '../helpers/harness.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { cardNodes } from '../helpers/card-nodes.js';

/*
 * Issue #15, identity across tenants, over the Bot Framework protocol. Four tenants: the host (MDU's; Maria
 * Exempelsson of Region Västmanland uses a guest account in it), two organisations' own tenants on
 * STARK_ALLOWED_TENANTS (Eskilstuna's, where Anders and a colleague who never wrote to the bot sign in; and
 * another, where a Programråd member sits), and one tenant not on the list. Each tenant's activities come through
 * its own Bot Framework service (a fake connector each), as Teams' regional services would.
 */

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const TENANT_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const TENANT_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const OUTSIDE = 'cccccccc-0000-4000-8000-00000000000c';
const LEADER = demo.leader;
const GUEST = demo.regionDirector; // a guest account in the host tenant
const ANDERS = demo.eskilstunaDirector; // tenant A, has written to the bot
const SILENT = id(28); // tenant A, never wrote: reached by a conversation created in tenant A
const MEMBER_B = id(27); // tenant B

let now = stockholmInstant('2027-03-01', '10:00');
let h: Harness;
const connectors: Record<string, FakeConnector> = {};
let meetingId = '';

type Activity = Record<string, unknown>;
const serviceOf = (tenant: string) => connectors[tenant] ?? h.connector;

/** An activity from a person in their own tenant, through their tenant's Bot Framework service. */
function from(person: string, tenant: string, extra: Activity): Activity {
  return { ...h.activity(person, extra, { tenantId: tenant }), serviceUrl: serviceOf(tenant).url };
}

async function say(person: string, tenant: string, text: string): Promise<Activity[]> {
  const connector = serviceOf(tenant);
  const before = connector.delivered.length;
  const res = await h.post(from(person, tenant, { type: 'message', text }));
  expect(res.status).toBe(200);
  return connector.delivered.slice(before).filter((c) => c.conversationId === conversationOf(person)).map((c) => c.body);
}

/** Everything delivered to a person, on any service: which service, and in which conversation. */
function deliveriesTo(person: string) {
  const out: Array<{ tenant: string; conversationId: string; body: Activity; path: string; at: number }> = [];
  for (const [tenant, connector] of [[DEMO_TENANT_ID, h.connector] as const, ...Object.entries(connectors)]) {
    for (const c of connector.delivered) {
      if (c.conversationId === conversationOf(person) || c.conversationId === `a:created-${person}` || (c.path === '/v3/conversations' && JSON.stringify(c.body).includes(person))) {
        out.push({ tenant, conversationId: c.conversationId, body: c.body, path: c.path, at: c.at });
      }
    }
  }
  return out;
}
const invitations = (person: string) => deliveriesTo(person).filter((d) => d.path !== '/v3/conversations' && textOf(cardOf(d.body)).includes('Vårdialog 2027'));

beforeAll(async () => {
  for (const tenant of [TENANT_A, TENANT_B, OUTSIDE]) connectors[tenant] = await new FakeConnector().start();
  h = await Harness.start({ now: () => now, env: { STARK_ALLOWED_TENANTS: `${TENANT_A.toUpperCase()}, ${TENANT_B}` } });
  await h.services.store.update((doc) => {
    for (const p of doc.people) {
      if (p.aadObjectId === ANDERS || p.aadObjectId === SILENT) p.tenantId = TENANT_A;
      if (p.aadObjectId === MEMBER_B) p.tenantId = TENANT_B;
    }
  });
});
afterAll(async () => {
  await h.close();
  for (const c of Object.values(connectors)) await c.close();
});

describe('identity across tenants (issue #15)', () => {
  it('each person is identified in their own tenant and answered through their own tenant\'s service', async () => {
    for (const [person, tenant] of [[GUEST, DEMO_TENANT_ID], [ANDERS, TENANT_A], [MEMBER_B, TENANT_B], [LEADER, DEMO_TENANT_ID]] as const) {
      const replies = await say(person, tenant, 'hjälp');
      expect(replies, person).toHaveLength(1);
      expect(textOf(cardOf(replies[0])), person).toContain('mina behov');
      const ref = h.services.store.doc.conversationRefs[person];
      expect(ref?.tenantId, person).toBe(tenant);
      expect(ref?.serviceUrl, person).toBe(serviceOf(tenant).url);
    }
  });

  it('the same object id from another allowed tenant is not the person (nothing is stored for it)', async () => {
    const before = JSON.stringify(h.services.store.doc.conversationRefs);
    const replies = await say(ANDERS, TENANT_B, 'hjälp');
    expect(replies).toHaveLength(1);
    expect(String(replies[0]?.text)).toContain('inte registrerad');
    expect(JSON.stringify(h.services.store.doc.conversationRefs)).toBe(before);
  });

  it('someone from a tenant not on the list gets one sentence, learns nothing and nothing is stored', async () => {
    const before = JSON.stringify(h.services.store.doc);
    for (const person of [ANDERS, demo.stranger]) {
      const replies = await say(person, OUTSIDE, 'ledamöter');
      expect(replies).toHaveLength(1);
      const text = String(replies[0]?.text);
      expect(text).toContain('din organisation är inte ansluten');
      expect(cardOf(replies[0])).toBeUndefined();
      // Not whom to contact, not that anyone by that id exists.
      expect(text).not.toContain(h.services.config.accessContact);
      expect(text).not.toContain('Anders');
    }
    // A card press, an install and an uninstall from there: the same sentence or nothing, and no change.
    const invoke = await h.post(from(ANDERS, OUTSIDE, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'help', data: {} } } }));
    expect(JSON.stringify(invoke.body)).toContain('din organisation är inte ansluten');
    await h.post(from(ANDERS, OUTSIDE, { type: 'conversationUpdate', membersAdded: [{ id: '28:stark-bot' }] }));
    await h.post(from(ANDERS, OUTSIDE, { type: 'installationUpdate', action: 'remove' }));
    expect(JSON.stringify(h.services.store.doc)).toBe(before);
    expect(h.services.store.doc.conversationRefs[ANDERS]?.tenantId).toBe(TENANT_A);
  });

  it('invitations go to each person through their own tenant; someone who never wrote gets a chat created in their tenant', async () => {
    const form = cardOf((await say(LEADER, DEMO_TENANT_ID, 'boka möte'))[0]);
    const draftId = String((cardNodes(form).find((n) => n.type === 'Action.Execute' && n.verb === 'meeting.schedule')?.data as { draftId?: string } | undefined)?.draftId);
    const inputs = { draftId, type: 'programrad', title: 'Vårdialog 2027', date: '2027-03-29', start: '09:00', end: '12:00', place: 'MDU', deadline: '2027-03-22', override: true };
    const res = await h.post({ ...from(LEADER, DEMO_TENANT_ID, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'meeting.schedule', data: { ...inputs, verb: 'meeting.schedule' } }, trigger: 'manual' } }) });
    expect(res.status).toBe(200);
    meetingId = h.services.store.doc.meetings.meetings[0]?.id ?? '';
    expect(meetingId).toBe(draftId);
    await h.services.messenger.drain();
    for (const [person, tenant] of [[GUEST, DEMO_TENANT_ID], [ANDERS, TENANT_A], [MEMBER_B, TENANT_B], [SILENT, TENANT_A]] as const) {
      const got = invitations(person);
      expect(got, person).toHaveLength(1);
      expect(got[0]?.tenant, person).toBe(tenant);
    }
    const created = connectors[TENANT_A]?.delivered.find((c) => c.path === '/v3/conversations' && JSON.stringify(c.body).includes(SILENT));
    expect(created?.body).toMatchObject({ tenantId: TENANT_A, channelData: { tenant: { id: TENANT_A } } });
    expect(h.services.store.doc.conversationRefs[SILENT]?.tenantId).toBe(TENANT_A);
    // Nothing reached the outsider's service.
    expect(connectors[OUTSIDE]?.delivered.filter((c) => c.path.includes('/activities') || c.path === '/v3/conversations').every((c) => c.conversationId.includes(ANDERS) || c.conversationId.includes(demo.stranger))).toBe(true);
    expect(invitations(demo.stranger)).toHaveLength(0);
  });

  it('reminders go to each person who has not answered through their own tenant; an answer from their tenant counts', async () => {
    const rsvp = await h.post(from(MEMBER_B, TENANT_B, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'meeting.rsvp', data: { verb: 'meeting.rsvp', meetingId, answer: 'ja', start: h.services.store.doc.meetings.meetings[0]?.start } }, trigger: 'manual' } }));
    expect(rsvp.status).toBe(200);
    expect(h.services.store.doc.meetings.meetings[0]?.invitees.find((i) => i.personId === MEMBER_B)?.answer?.value).toBe('ja');
    const since = Date.now();
    now = stockholmInstant('2027-03-19', '09:30');
    const job = meetingsFeature().jobs?.[0];
    if (!job) throw new Error('no meetings job');
    await job.run(h.services);
    await h.services.messenger.drain();
    for (const [person, tenant] of [[GUEST, DEMO_TENANT_ID], [ANDERS, TENANT_A], [SILENT, TENANT_A]] as const) {
      const fresh = deliveriesTo(person).filter((d) => d.at >= since);
      expect(fresh.length, person).toBeGreaterThan(0);
      expect(fresh.every((d) => d.tenant === tenant), person).toBe(true);
    }
    // Member B answered: reminded of nothing before the reply-by day.
    expect(deliveriesTo(MEMBER_B).filter((d) => d.at >= since)).toHaveLength(0);
  });
});
