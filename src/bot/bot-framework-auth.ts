import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { z } from 'zod';

/*
 * Authentication of what arrives at /api/messages when the bot has credentials. botbuilder validates the Bot
 * Framework token (and stays the authority), but it answers an invalid token by throwing whatever its JWT library
 * threw — the HTTP layer turned that into a 500 with the library's message — and it writes expired and forged tokens
 * to stderr with stack traces and key material. So a token is first checked here, quietly: well-formed, signed with a
 * key the channel publishes (OpenID metadata → JWKS), by the Bot Framework issuer, for this bot (aud), not expired,
 * endorsed for the activity's channel, for the activity's serviceUrl. Only what passes goes on to botbuilder.
 * Anything refused is answered 401 with an empty body.
 */

/** Where the Bot Framework publishes the keys that sign its tokens to bots (botframework-connector's constants). */
export const BOT_FRAMEWORK_OPENID_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
/** botbuilder allows five minutes of clock difference; so do we. */
const CLOCK_TOLERANCE_S = 300;
const ALGORITHMS: Record<string, string> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' };
/** How often unknown key ids may trigger a refetch (the keys roll over rarely; a flood of bad kids must not). */
const REFETCH_AFTER_MS = 5 * 60 * 1000;
const KEYS_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const jwksSchema = z.object({
  keys: z.array(z.object({ kid: z.string(), kty: z.string(), n: z.string().optional(), e: z.string().optional(), endorsements: z.array(z.string()).optional() }).passthrough()),
});

/** The channel's signing keys, fetched from its OpenID metadata and cached (refreshed daily, or for a new key id). */
export class ChannelKeys {
  private keys = new Map<string, { key: KeyObject; endorsements: string[] }>();
  private fetchedAt = -Infinity;
  private lastAttempt = -Infinity;
  private fetching: Promise<void> | null = null;

  constructor(private readonly metadataUrl: string) {}

  async get(kid: string, now: number): Promise<{ key: KeyObject; endorsements: string[] } | null> {
    const wanted = now - this.fetchedAt > KEYS_MAX_AGE_MS || !this.keys.has(kid);
    // Without any key yet (the metadata was unreachable), try again soon; otherwise an unknown key id (a forgery,
    // or a key Microsoft just added) fetches at most every five minutes.
    const backoff = this.keys.size === 0 ? 10_000 : REFETCH_AFTER_MS;
    if (wanted && now - this.lastAttempt > backoff) await this.refresh(now);
    return this.keys.get(kid) ?? null;
  }

  private refresh(now: number): Promise<void> {
    this.lastAttempt = now;
    this.fetching ??= (async () => {
      try {
        const metadata = z.object({ jwks_uri: z.string().url() }).parse(await (await fetch(this.metadataUrl)).json());
        const jwks = jwksSchema.parse(await (await fetch(metadata.jwks_uri)).json());
        const keys = new Map<string, { key: KeyObject; endorsements: string[] }>();
        for (const k of jwks.keys) {
          if (k.kty !== 'RSA' || !k.n || !k.e) continue;
          keys.set(k.kid, { key: createPublicKey({ key: { kty: 'RSA', n: k.n, e: k.e }, format: 'jwk' }), endorsements: k.endorsements ?? [] });
        }
        this.keys = keys;
        this.fetchedAt = now;
      } catch {
        // Unreachable or malformed metadata: keep the keys we have; tokens signed with unknown keys are refused.
      } finally {
        this.fetching = null;
      }
    })();
    return this.fetching;
  }
}

const base64urlJson = (part: string): unknown => {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};

const headerSchema = z.object({ alg: z.string(), kid: z.string().min(1).max(200) });
const claimsSchema = z.object({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
  nbf: z.number().optional(),
  serviceurl: z.string().optional(),
});

export type TokenRefusal = 'missing' | 'malformed' | 'unknownKey' | 'signature' | 'issuer' | 'audience' | 'expired' | 'notYetValid' | 'endorsement' | 'serviceUrl';

/** Checks a Bot Framework channel token; returns why it is refused, or null when it may go on to botbuilder. */
export class TokenGate {
  constructor(private readonly options: { appId: string; keys: ChannelKeys; issuer?: string }) {}

  async check(authorization: string | undefined, activity: { channelId?: unknown; serviceUrl?: unknown }, now: number): Promise<TokenRefusal | null> {
    const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization?.trim() ?? '');
    if (!authorization) return 'missing';
    if (!match || authorization.length > 16_384) return 'malformed';
    const [, h, p, s] = match as unknown as [string, string, string, string];
    const header = headerSchema.safeParse(base64urlJson(h));
    const claims = claimsSchema.safeParse(base64urlJson(p));
    if (!header.success || !claims.success || !ALGORITHMS[header.data.alg]) return 'malformed';
    const key = await this.options.keys.get(header.data.kid, now);
    if (!key) return 'unknownKey';
    const signed = verifySignature(ALGORITHMS[header.data.alg]!, Buffer.from(`${h}.${p}`), key.key, Buffer.from(s, 'base64url'));
    if (!signed) return 'signature';
    const c = claims.data;
    if (c.iss !== (this.options.issuer ?? BOT_FRAMEWORK_ISSUER)) return 'issuer';
    const audiences = Array.isArray(c.aud) ? c.aud : [c.aud];
    if (!audiences.includes(this.options.appId)) return 'audience';
    const seconds = now / 1000;
    if (c.exp + CLOCK_TOLERANCE_S < seconds) return 'expired';
    if (c.nbf !== undefined && c.nbf - CLOCK_TOLERANCE_S > seconds) return 'notYetValid';
    if (key.endorsements.length > 0 && !key.endorsements.includes(String(activity.channelId ?? ''))) return 'endorsement';
    if (c.serviceurl !== undefined && c.serviceurl !== activity.serviceUrl) return 'serviceUrl';
    return null;
  }
}

/** The activity as botbuilder's own HTTP handler fixes it up (timestamps as Dates). */
export function fixActivity(body: Record<string, unknown>): Activity {
  const a = body as Record<string, unknown>;
  for (const [raw, field] of [['rawTimestamp', 'timestamp'], ['rawExpiration', 'expiration'], ['rawLocalTimestamp', 'localTimestamp']] as const) {
    if (typeof a[field] === 'string') {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
  return a as unknown as Activity;
}

/**
 * TeamsAdapter with the request handling split in two, so the HTTP layer decides what a refusal looks like:
 * `authenticate` (null when refused; in local mode everyone passes, as botbuilder's own "authentication disabled"),
 * then `run` for the turn, which returns the invoke response.
 */
export class StarkAdapter extends TeamsAdapter {
  async authenticate(activity: Activity, authorization: string): Promise<AuthenticateRequestResult | null> {
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    } catch {
      return null;
    }
  }

  run(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}
