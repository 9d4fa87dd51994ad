import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Download links (cost tables, needs exports, calendar files) are signed, expiring tokens bound to a registered
 * person: unguessable without the store's key, useless after `expiresAt`, and refused once the person is no
 * longer in the roster. Nothing about a link is stored.
 */
const payloadSchema = z
  .object({
    k: z.string().min(1).max(64), // kind: which download
    p: z.record(z.string(), z.string().max(200)), // parameters of the download
    u: z.string().min(1).max(64), // the person the link was made for
    e: z.number().int().positive(), // expiry, ms since epoch
  })
  .strict();
export type LinkPayload = z.infer<typeof payloadSchema>;

export class LinkSigner {
  constructor(private readonly key: string) {}

  sign(payload: LinkPayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The payload of a valid, unexpired token; null for anything else. */
  verify(token: string, now: Date): LinkPayload | null {
    if (token.length > 2_000) return null;
    const [body, mac, ...rest] = token.split('.');
    if (!body || !mac || rest.length > 0) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const parsed = payloadSchema.safeParse(json);
    if (!parsed.success || parsed.data.e <= now.getTime()) return null;
    return parsed.data;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
