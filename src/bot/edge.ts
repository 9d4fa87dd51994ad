import type { Activity } from 'botbuilder';
import type { BotConfig } from '../config.js';

/*
 * The rules an activity must pass before any turn logic sees it, after its token (with credentials) checked out:
 * from Teams, for a tenant, and (with credentials) with a serviceUrl the bot may answer at. Pure functions of the
 * activity and the configuration; src/server.ts applies them and answers 403 with an empty body.
 */

/** Teams' channel id. The Agents Playground uses it too when started with `-c msteams` (npm start does). */
export const TEAMS_CHANNEL = 'msteams';
/** What the Agents Playground sends when started without `-c msteams`; accepted in local mode only. */
const PLAYGROUND_CHANNELS = new Set(['emulator']);

/**
 * With credentials (`allowed` is a list), a serviceUrl must start with one of the allowed prefixes, scheme, host and
 * port included, so https://smba.trafficmanager.net.evil.example/ is not https://smba.trafficmanager.net/. In local
 * mode (`allowed` is null) any http(s) URL: the Agents Playground and the tests' connector are on localhost.
 */
const parseUrl = (text: string): URL | null => {
  try {
    return new URL(text);
  } catch {
    return null;
  }
};

export function serviceUrlAllowed(serviceUrl: string, allowed: readonly string[] | null): boolean {
  const url = parseUrl(serviceUrl);
  if (!url) return false;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (allowed === null) return true;
  if (url.username || url.password) return false;
  return allowed.some((prefix) => {
    const p = new URL(prefix);
    const path = p.pathname.endsWith('/') ? p.pathname : `${p.pathname}/`;
    return url.origin === p.origin && `${url.pathname}/`.startsWith(path);
  });
}

/** OneDrive for Business, where Teams puts a file the person accepted (public cloud and US government clouds). */
const ONEDRIVE_HOSTS = ['.sharepoint.com', '.sharepoint.us', '.sharepoint-mil.us'];

/**
 * Where the bot may upload a file a person accepted: https to their OneDrive (SharePoint) only — the upload URL comes
 * in an invoke, and the bot must not be made to PUT data anywhere else. With an explicit allow-list of service URLs
 * (tests), those hosts are accepted too.
 */
export function uploadUrlAllowed(uploadUrl: string, allowedServiceUrls: readonly string[] | null): boolean {
  const url = parseUrl(uploadUrl);
  if (!url) return false;
  if (url.protocol === 'https:' && ONEDRIVE_HOSTS.some((h) => url.hostname.endsWith(h))) return true;
  return allowedServiceUrls !== null && serviceUrlAllowed(uploadUrl, allowedServiceUrls);
}

/** The tenant an activity is for: `conversation.tenantId`, else `channelData.tenant.id`; lower case. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const conversationTenant = activity.conversation?.tenantId;
  const id = typeof conversationTenant === 'string' && conversationTenant !== '' ? conversationTenant : typeof channelTenant === 'string' ? channelTenant : undefined;
  return id?.toLowerCase();
}

export type EdgeRefusal = 'channel' | 'tenant' | 'serviceUrl';

/** Why an (authenticated) activity is refused before any turn logic, or null when it may go on. */
export function edgeRefusal(activity: Partial<Activity>, config: Pick<BotConfig, 'credentials' | 'allowedServiceUrls'>): EdgeRefusal | null {
  const channel = activity.channelId;
  if (channel !== TEAMS_CHANNEL && !(config.credentials === null && channel !== undefined && PLAYGROUND_CHANNELS.has(channel))) return 'channel';
  // Teams puts the tenant on every activity; one without is not from Teams, and must not pass as the home tenant.
  if (!tenantOf(activity)) return 'tenant';
  if (!serviceUrlAllowed(String(activity.serviceUrl ?? ''), config.allowedServiceUrls)) return 'serviceUrl';
  return null;
}

/** Who reads the answers of a turn: only a conversation Teams marks personal is the asker's alone. */
/** Who reads this turn's answers: the asker alone (a 1:1 chat) or a group chat or channel (re-exported by feature.ts). */
export type Audience = 'personal' | 'shared';

export const audienceOf = (activity: Partial<Activity>): Audience => (activity.conversation?.conversationType === 'personal' ? 'personal' : 'shared');
