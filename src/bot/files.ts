import type { FileLink } from '../cards/adaptive-card.js';
import { LINK_TTL_MS } from '../outbound/links.js';
import type { Services } from './feature.js';

/** The verb of the button that asks the bot to send a file through Teams' file consent card. */
export const FILE_SEND_VERB = 'file.send';

/**
 * A file offered to one person, as a card shows it. With credentials (real Teams): a button; the bot answers it with
 * the file consent card in the personal chat, and on "Allow" puts the file in the person's OneDrive — no link that
 * could be forwarded exists at all. In local mode (the Agents Playground, which has no OneDrive): a signed link
 * that works once, within ten minutes.
 */
export function fileLink(services: Pick<Services, 'config' | 'links'>, { kind, params, personId, now }: { kind: string; params: Record<string, string>; personId: string; now: Date }): FileLink {
  if (services.config.credentials) return { verb: FILE_SEND_VERB, data: { ...params, file: kind } };
  return `${services.config.publicUrl}/downloads/${services.links.sign({ k: kind, p: params, u: personId, e: now.getTime() + LINK_TTL_MS })}`;
}
