import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';
import type { CalendarConfig } from './calendar-config.js';
import { icsCalendarSync, type CalendarSync } from './calendar-sync.js';
import { APPLICATION_SCOPES, createGraphCalendarSync, type GraphCalendarOptions } from './graph-calendar-sync.js';

/**
 * Test-only endpoints: a fake token service and a fake Graph. `identity` is passed to @azure/identity as is (e.g. an
 * `httpClient` that trusts the fake's self-signed certificate, `disableInstanceDiscovery`); MSAL insists on https.
 */
export interface GraphEndpoints {
  authorityHost?: string;
  graphBaseUrl?: string;
  identity?: { httpClient?: NonNullable<ConstructorParameters<typeof ClientSecretCredential>[3]>['httpClient']; disableInstanceDiscovery?: boolean };
}

type GraphConfig = Extract<CalendarConfig, { backend: 'graph' }>;

/** The application's own credential (client credentials flow) for the application permission Calendars.ReadWrite. */
export function applicationCredential(config: GraphConfig, endpoints: GraphEndpoints = {}): TokenCredential {
  const common = {
    ...(endpoints.authorityHost !== undefined ? { authorityHost: endpoints.authorityHost } : {}),
    ...(endpoints.identity ?? {}),
  };
  return config.credential.kind === 'secret'
    ? new ClientSecretCredential(config.tenantId, config.clientId, config.credential.secret.reveal(), common)
    : new ClientCertificateCredential(config.tenantId, config.clientId, { certificatePath: config.credential.certificatePath }, common);
}

/**
 * The calendar backend the configuration calls for: Graph with the application credential, or the .ics files of today.
 * A delegated sign-in of the organiser plugs in through createGraphCalendarSync({ credential, scopes: DELEGATED_SCOPES })
 * with any @azure/identity credential that holds the organiser's refresh token (README › Outlook calendar).
 */
export function calendarSyncFromConfig(
  config: CalendarConfig,
  options: { endpoints?: GraphEndpoints } & Pick<GraphCalendarOptions, 'retry' | 'requestTimeoutMs' | 'clock'> = {},
): CalendarSync {
  if (config.backend === 'ics') return icsCalendarSync;
  const { endpoints, ...rest } = options;
  return createGraphCalendarSync({
    credential: applicationCredential(config, endpoints),
    scopes: APPLICATION_SCOPES,
    organiserMailbox: config.organiserMailbox,
    ...(endpoints?.graphBaseUrl !== undefined ? { graphBaseUrl: endpoints.graphBaseUrl } : {}),
    ...rest,
  });
}
