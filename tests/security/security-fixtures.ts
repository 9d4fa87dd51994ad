import { stockholmInstant } from '../../src/domain/time.js';
import { Harness, demo, type TurnResult } from '../helpers/harness.js';
import { FixedCredentialsFactory, type BotFrameworkKeys } from '../helpers/bot-framework-tokens.js';

/*
 * What the security tests need to exist before they attack it, made through the bot's own verbs (as people would):
 * needs, a booked meeting, answers with comments. Every test file uses one clock, set before the meeting's deadline.
 */

export const NOW = stockholmInstant('2027-03-01', '10:00');

export const needForm = (title: string, organisationId: string, extra: Record<string, unknown> = {}) => ({
  title,
  description: `Beskrivning av ${title}.`,
  area: 'framtida-valfarden',
  organisationId,
  contactName: 'Kontakt Person',
  urgency: 'medium',
  force: 'true',
  submissionId: `sec-${Math.random().toString(36).slice(2, 14)}`,
  ...extra,
});

/** Submits a need as `who` for their organisation; returns its number. */
export async function submitNeed(h: Harness, who: string, title: string, organisationId: string): Promise<number> {
  await h.invoke(who, 'needs.submit', needForm(title, organisationId));
  const need = h.services.store.doc.needs.needs.find((n) => n.title === title);
  if (!need) throw new Error(`the need ${title} was not stored`);
  return need.number;
}

export const meetingForm = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'programrad',
  title,
  date: '2027-03-30',
  start: '13:00',
  end: '15:00',
  place: 'MDU, Västerås',
  agenda: 'Läget i programmen',
  deadline: '2027-03-22',
  draftId: `sec-${Math.random().toString(36).slice(2, 14)}`,
  ...extra,
});

/** Leadership books a Programråd dialogue (its ordinary members are invited); returns the meeting id. */
export async function bookMeeting(h: Harness, title: string): Promise<string> {
  await h.invoke(demo.leader, 'meeting.schedule', meetingForm(title));
  await h.services.messenger.drain();
  const meeting = h.services.store.doc.meetings.meetings.find((m) => m.title === title);
  if (!meeting) throw new Error(`the meeting ${title} was not booked`);
  return meeting.id;
}

export const rsvp = (h: Harness, who: string, meetingId: string, answer: 'ja' | 'nej' | 'kanske', comment?: string): Promise<TurnResult> =>
  h.invoke(who, 'meeting.rsvp', { meetingId, answer, start: stockholmInstant('2027-03-30', '13:00').toISOString(), ...(comment ? { comment } : {}) });

/** The app id and tenant the credentialed tests run with. */
export const BOT_ID = '11111111-2222-3333-4444-555555555555';
export const credentialsEnv = (connectorUrl: string, extra: Record<string, string> = {}): Record<string, string> => ({
  BOT_ID,
  BOT_PASSWORD: 'not-a-real-secret',
  BOT_TENANT_ID: '00000000-0000-0000-0000-000000000001',
  // The fake connector stands in for Teams' Bot Framework host.
  STARK_ALLOWED_SERVICE_URLS: connectorUrl,
  ...extra,
});

/**
 * The bot with credentials, as in production, but with the tests' token service: every request the harness posts
 * carries a valid channel token for its serviceUrl (a test passes its own Authorization header to try others).
 */
export async function startWithCredentials(keys: BotFrameworkKeys, extra: Record<string, string> = {}): Promise<Harness> {
  return Harness.start({
    now: () => NOW,
    env: (connector) => credentialsEnv(connector.url, extra),
    botFramework: { openIdMetadataUrl: keys.metadataUrl, credentialsFactory: new FixedCredentialsFactory(BOT_ID) },
    authorization: (activity) => `Bearer ${keys.token({ aud: BOT_ID, serviceurl: activity.serviceUrl })}`,
  });
}
