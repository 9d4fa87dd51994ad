import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { ServiceClientCredentialsFactory } from 'botframework-connector';

/**
 * A stand-in for the Bot Framework's token service, for tests that run the bot with credentials: it publishes its
 * own signing keys the way login.botframework.com does (OpenID metadata → JWKS, keys endorsed for msteams) and signs
 * channel tokens with them. The bot is pointed at it through startBot's `botFramework.openIdMetadataUrl`.
 */
export class BotFrameworkKeys {
  readonly kid = 'test-key-1';
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { n: string; e: string };
  /** A second pair the service does not publish: tokens signed with it are forgeries. */
  readonly forger: KeyObject;
  private server!: Server;
  url = '';

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.publicJwk = { n: String(jwk.n), e: String(jwk.e) };
    this.forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${this.url}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (req.url === '/v1/.well-known/keys') {
        res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: this.publicJwk.n, e: this.publicJwk.e, endorsements: ['msteams'] }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A channel token as the Bot Framework issues it to a bot, with claims and signing to be varied by the test. */
  token(claims: Record<string, unknown>, options: { key?: KeyObject; kid?: string; alg?: string } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: options.alg ?? 'RS256', typ: 'JWT', kid: options.kid ?? this.kid };
    const payload = { iss: 'https://api.botframework.com', nbf: now - 60, exp: now + 3600, ...claims };
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const body = `${b64(header)}.${b64(payload)}`;
    if (options.alg === 'none') return `${body}.`;
    return `${body}.${sign('RSA-SHA256', Buffer.from(body), options.key ?? this.privateKey).toString('base64url')}`;
  }
}

/**
 * The bot's own outbound credentials in tests: a fixed bearer token instead of a round trip to Entra ID (which this
 * machine cannot reach). The app id is checked as botbuilder's own factory checks it.
 */
export class FixedCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(private readonly appId: string) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(): Promise<Awaited<ReturnType<ServiceClientCredentialsFactory['createCredentials']>>> {
    return {
      signRequest: async (request) => {
        request.headers.set('Authorization', 'Bearer test-outbound-token');
        return request;
      },
    };
  }
}
