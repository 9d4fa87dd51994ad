import { describe, expect, it } from 'vitest';
import { LinkSigner } from './links.js';

const signer = new LinkSigner('k'.repeat(43));
const now = new Date('2027-01-10T10:00:00Z');
const payload = { k: 'cost-table', p: { format: 'xlsx' }, u: '00000000-0000-0000-0000-000000000024', e: now.getTime() + 60_000 };

describe('signed download links', () => {
  it('a token verifies to its payload before it expires', () => {
    expect(signer.verify(signer.sign(payload), now)).toEqual({ ...payload, j: expect.stringMatching(/^[\w-]{16,}$/) });
  });
  it('an expired token is refused', () => {
    expect(signer.verify(signer.sign(payload), new Date(now.getTime() + 60_001))).toBeNull();
  });
  it('a token with a changed payload or signature is refused', () => {
    const token = signer.sign(payload);
    const [body, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...payload, u: 'someone-else' })).toString('base64url');
    expect(signer.verify(`${forged}.${mac}`, now)).toBeNull();
    expect(signer.verify(`${body}.${mac.slice(0, -2)}xx`, now)).toBeNull();
    expect(signer.verify('garbage', now)).toBeNull();
  });
  it('a token signed with another key is refused', () => {
    expect(new LinkSigner('x'.repeat(43)).verify(signer.sign(payload), now)).toBeNull();
  });
});
