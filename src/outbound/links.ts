import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { KeySource } from '../store/key-file.js';

/**
 * Download links (cost tables, needs exports, calendar files) are signed, expiring tokens bound to a registered
 * person and to one use: unguessable without the link-signing key (outside the store, see src/store/key-file.ts),
 * useless after `e` (at most LINK_TTL_MS after they were made), refused once used (the server records the id `j`),
 * and refused once the person is no longer in the roster.
 */
const payloadSchema = z
  .object({
    k: z.string().min(1).max(64), // kind: which download
    p: z.record(z.string(), z.string().max(200)), // parameters of the download
    u: z.string().min(1).max(64), // the person the link was made for
    e: z.number().int().positive(), // expiry, ms since epoch
    j: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/), // the link's id, for single use
  })
  .strict();
export type LinkPayload = z.infer<typeof payloadSchema>;

/** Ten minutes: long enough to click, short enough that a link forwarded or left in a log is soon worthless. */
export const LINK_TTL_MS = 10 * 60 * 1000;

export class LinkSigner {
  private readonly source: KeySource;

  constructor(key: KeySource | string) {
    this.source = typeof key === 'string' ? { key: () => key } : key;
  }

  /** A token for the payload; `j` (the single-use id) is made here when not given. */
  sign(payload: Omit<LinkPayload, 'j'> & { j?: string }): string {
    const full: LinkPayload = { ...payload, j: payload.j ?? randomBytes(16).toString('base64url') };
    const body = Buffer.from(JSON.stringify(full)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The payload of a valid, unexpired token; null for anything else (single use is the server's to check). */
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
    return createHmac('sha256', this.source.key()).update(body).digest('base64url');
  }
}
