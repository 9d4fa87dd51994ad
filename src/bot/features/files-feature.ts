import { z } from 'zod';
import { actionRoute, invokeRoute, type BotFeature, type DownloadRoute, type Turn } from '../feature.js';
import { claimFile } from '../downloads.js';
import { uploadUrlAllowed } from '../edge.js';
import { FILE_SEND_VERB } from '../files.js';
import { LINK_TTL_MS } from '../../outbound/links.js';

/*
 * Files through Teams (learn.microsoft.com › Teams › Send and receive files using bots): in a personal chat the bot
 * sends a file consent card; when the person allows it, Teams creates the file in their OneDrive and hands the bot an
 * upload URL; the bot uploads and shows the file card. The card carries a signed token (the same as a download link's:
 * ten minutes, one use, bound to the person) so the answer is checked exactly like a link.
 *
 * In local mode there is no OneDrive (the Agents Playground): the same button answers with a single-use link.
 */

const fileKind = z.string().regex(/^[a-z0-9-]{1,64}$/);
/** The button's data: which file (`file`), and the download's own parameters. */
const sendSchema = z
  .object({ file: fileKind })
  .catchall(z.unknown())
  .transform(({ file, ...rest }) => ({
    file,
    params: Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => e[0] !== 'verb' && typeof e[1] === 'string' && e[1].length <= 200)),
  }));

/** Teams' answer to the consent card (invoke `fileConsent/invoke`). */
const consentSchema = z.object({
  type: z.literal('fileUpload').optional(),
  action: z.enum(['accept', 'decline']),
  context: z.object({ token: z.string().min(1).max(2_000) }).passthrough(),
  uploadInfo: z
    .object({
      uploadUrl: z.string().url().max(4_000),
      contentUrl: z.string().url().max(4_000),
      name: z.string().min(1).max(300),
      uniqueId: z.string().min(1).max(300),
      fileType: z.string().max(50).default(''),
    })
    .passthrough()
    .optional(),
});

export function filesFeature(allDownloads: () => DownloadRoute[]): BotFeature {
  const routes = () => new Map(allDownloads().map((d) => [d.kind, d]));

  /** file.send: the consent card (Teams) or a fresh link (local mode), once the person may have the file. */
  async function send(turn: Turn, data: z.infer<typeof sendSchema>) {
    const route = routes().get(data.file);
    const file = route ? await route.produce({ services: turn.services, person: turn.person, params: data.params, locale: turn.locale }) : null;
    if (!route || !file) return { message: turn.t.core.notAllowed };
    const { services } = turn;
    const token = services.links.sign({ k: data.file, p: data.params, u: turn.person.aadObjectId, e: turn.now.getTime() + LINK_TTL_MS });
    if (!services.config.credentials) return { message: turn.t.core.files.link({ name: file.filename, url: `${services.config.publicUrl}/downloads/${token}` }) };
    await turn.reply({
      fileConsent: {
        name: file.filename,
        description: turn.t.core.files.consentDescription({ name: file.filename }),
        sizeInBytes: Buffer.byteLength(file.body),
        acceptContext: { token },
        declineContext: { token },
      },
    });
    return { message: turn.t.core.files.consentSent };
  }

  /** The person allowed (or declined) the file: upload it to the URL Teams gave, then show the file card. */
  async function answered(turn: Turn, data: z.infer<typeof consentSchema>): Promise<void> {
    const { services, t } = turn;
    // Consent cards are only ever sent to personal chats; an answer from anywhere else is not one of ours.
    if (turn.audience !== 'personal') return turn.reply(t.core.scope.openPersonalChat);
    if (data.action === 'decline') return turn.reply(t.core.files.declined);
    const upload = data.uploadInfo;
    if (!upload || !uploadUrlAllowed(upload.uploadUrl, services.config.allowedServiceUrls)) return turn.reply(t.core.invalidInput);
    const claim = await claimFile(services, routes(), { token: data.context.token, locale: turn.locale, expectedPersonId: turn.person.aadObjectId });
    if (!claim.ok) return turn.reply(claim.status === 429 ? t.core.downloadTooMany : t.core.downloadExpired);
    const body = typeof claim.file.body === 'string' ? Buffer.from(claim.file.body, 'utf8') : claim.file.body;
    const res = await fetch(upload.uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Length': String(body.length), 'Content-Range': `bytes 0-${body.length - 1}/${body.length}` },
      body,
    }).catch(() => null);
    if (!res?.ok) {
      services.log.warn('files.uploadFailed', { aadObjectId: turn.person.aadObjectId, status: res?.status ?? null });
      return turn.reply(t.core.files.uploadFailed);
    }
    await turn.reply({ fileInfo: { name: upload.name, contentUrl: upload.contentUrl, uniqueId: upload.uniqueId, fileType: upload.fileType } });
  }

  return {
    name: 'files',
    actions: [actionRoute({ verb: FILE_SEND_VERB, visibility: 'personal', limit: () => 'downloads', schema: sendSchema, handle: send })],
    invokes: [invokeRoute({ name: 'fileConsent/invoke', schema: consentSchema, handle: answered })],
  };
}
