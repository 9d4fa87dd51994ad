import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { PgPersistence } from '../../src/store/postgres/pg-persistence.js';
import { canonicalJson, copyStore, StoreCopyError, summarise } from '../../src/store/store-copy.js';
import { admin } from '../../scripts/admin.js';
import { contractMutation, contractSeed } from '../helpers/store-contract.js';
import { freshSchema } from '../helpers/postgres.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});
const tempDir = async (name: string) => {
  const dir = await mkdtemp(join(tmpdir(), `stark-copy-${name}-`));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
};
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

/** A file store with every kind of write in it, left as a crash would leave it (journal not folded in). */
async function filledFileStore(): Promise<{ dir: string; doc: unknown }> {
  const dir = await tempDir('source');
  const store = await Store.open({ dataDir: dir, seed: contractSeed, backupsToKeep: 0 });
  for (let i = 0; i < 120; i++) await store.update(contractMutation(i % 12, i));
  await store.update((doc) => {
    for (let i = 0; i < 50; i++) doc.conversationRefs[`person-${i}`] = { serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams', conversation: { id: `a:${i}` }, bot: { id: 'bot' }, updatedAt: '2027-01-01T00:00:00.000Z' };
  });
  const doc = json(store.doc);
  await store.flush();
  return { dir, doc };
}

describe('store copy: file store ⇄ PostgreSQL, verified by counts and checksum', () => {
  it('copies a data directory into an empty database and back; both copies are the same document as the source', async () => {
    const { dir, doc } = await filledFileStore();
    const schema = await freshSchema('copy');
    cleanups.push(() => schema.drop());

    const there = await copyStore(dir, schema.url);
    expect(there.target).toEqual(there.source);
    expect(there.source.counts['needs.needs']).toBeGreaterThan(0);
    expect(there.source.counts.conversationRefs).toBe(50);
    expect(there.source.checksum).toMatch(/^[0-9a-f]{64}$/);
    // The bot opens the copy as its store, and holds exactly the source's document.
    const onPg = await Store.open({ dataDir: await tempDir('pg'), seed: () => Promise.reject(new Error('must not seed')), backupsToKeep: 0, persistence: new PgPersistence({ url: schema.url }) });
    expect(json(onPg.doc)).toEqual(doc);
    await onPg.close();

    const back = await tempDir('back');
    const home = await copyStore(schema.url, back);
    expect(home.target.checksum).toBe(there.source.checksum);
    expect(home.target.counts).toEqual(there.source.counts);
    const onFile = await Store.open({ dataDir: back, seed: () => Promise.reject(new Error('must not seed')), backupsToKeep: 0 });
    expect(json(onFile.doc)).toEqual(doc);
    await onFile.close();
  });

  it('refuses a target that already holds a store and changes nothing there; the checksum sees any change of content', async () => {
    const { dir } = await filledFileStore();
    const target = await tempDir('target');
    await copyStore(dir, target);
    const before = (await readdir(target)).sort();
    await expect(copyStore(dir, target)).rejects.toBeInstanceOf(StoreCopyError);
    expect((await readdir(target)).sort()).toEqual(before);

    const a = { b: 1, a: [{ y: new Date('2027-01-01T00:00:00Z'), x: undefined }] };
    expect(canonicalJson(a)).toBe('{"a":[{"y":"2027-01-01T00:00:00.000Z"}],"b":1}');
    const store = await Store.open({ dataDir: target, seed: contractSeed, backupsToKeep: 0 });
    const summary = summarise(store.doc);
    await store.update((doc) => {
      const p = doc.people[0];
      if (p) p.title = `${p.title ?? ''}!`;
    });
    expect(summarise(store.doc).counts).toEqual(summary.counts);
    expect(summarise(store.doc).checksum).not.toBe(summary.checksum);
    await store.close();
  });

  it('npm run admin -- store copy --from <dir> --to <url>: prints the counts and the checksum; refuses while a bot holds the target', async () => {
    const { dir } = await filledFileStore();
    const schema = await freshSchema('copycli');
    cleanups.push(() => schema.drop());
    const out: string[] = [];
    const err: string[] = [];
    // With a password in the URL (the test server ignores it): it is never printed.
    const withPassword = new URL(schema.url);
    withPassword.password = 's3cret-pw';
    expect(await admin(['store', 'copy', '--from', dir, '--to', withPassword.toString()], {}, (l) => out.push(l), (l) => err.push(l))).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('\n')).toMatch(/needs\.needs: \d+/);
    expect(out.join('\n')).toMatch(/checksum \(SHA-256 of the canonical JSON\): [0-9a-f]{64} on both sides/);
    expect(out.join('\n')).not.toContain('s3cret-pw');

    // A bot running on the database holds its instance lock: a copy into it is refused.
    const { acquireDatabaseLock } = await import('../../src/store/store-lock.js');
    const bot = await acquireDatabaseLock(schema.url, 'the STARK bot', 'shared');
    const back = await tempDir('cli-back');
    const refused: string[] = [];
    expect(await admin(['store', 'copy', '--from', schema.url, '--to', back], {}, () => undefined, (l) => refused.push(l))).toBe(3);
    expect(refused.join('\n')).toMatch(/in use by the STARK bot/);
    bot.release();
  });
});
