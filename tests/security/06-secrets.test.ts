import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, cardOf, demo } from '../helpers/harness.js';
import { cardNodes } from '../helpers/card-nodes.js';
import { LinkSigner } from '../../src/outbound/links.js';
import { STORE_FILE_NAME } from '../../src/store/store.js';
import { NOW, submitNeed } from './security-fixtures.js';

/*
 * Issue 11, point 6: the link-signing key is not in the store document or its backups. It comes from the
 * environment or a key file (mode 0600) made on first start, it can be rotated with a documented command that
 * invalidates every earlier link, and it never appears in logs.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const admin = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const dirs: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'stark-secrets-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const exportLink = async (h: Harness): Promise<string> => {
  const card = cardOf((await h.say(demo.leader, 'behovsöversikt')).replies[0]);
  const url = cardNodes(card).find((n) => n.type === 'Action.OpenUrl')?.url;
  if (typeof url !== 'string') throw new Error('no export link');
  return new URL(url).pathname;
};

/** Every file under a directory, as text. */
async function allText(dir: string): Promise<string> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(await readFile(join(entry.parentPath, entry.name), 'utf8'));
  }
  return out.join('\n');
}

describe('6. the link-signing key', () => {
  let h: Harness;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await tempDir();
    h = await Harness.start({ now: () => NOW, dataDir, env: { STARK_BACKUPS_KEEP: '3' } });
    await submitNeed(h, demo.vasterasDirector, 'Behov för nyckeltestet', 'vasteras');
  });
  afterAll(async () => {
    await h.close();
  });

  it('lives in a key file, mode 0600 in a 0700 directory, made on first start — not in the store, its backups or the log', async () => {
    const keyFile = join(dataDir, 'keys', 'link-signing.key');
    const key = (await readFile(keyFile, 'utf8')).trim();
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'keys'))).mode & 0o777).toBe(0o700);
    // A link still works: the key is used from the file.
    expect((await fetch(`${h.bot.url}${await exportLink(h)}`)).status).toBe(200);
    await h.services.store.flush();
    await new Promise((r) => setTimeout(r, 200)); // the daily snapshot is taken after a flush
    const store = await readFile(join(dataDir, STORE_FILE_NAME), 'utf8');
    expect(store).not.toContain(key);
    expect(JSON.parse(store)).not.toHaveProperty('secrets');
    const backups = await readdir(join(dataDir, 'backups'));
    expect(backups.length).toBeGreaterThan(0);
    expect(await allText(join(dataDir, 'backups'))).not.toContain(key);
    expect(JSON.stringify(h.log.entries)).not.toContain(key);
  });

  it('`npm run admin -- secrets rotate` writes a new key: every earlier link stops working at once, new links work, the key is printed nowhere', async () => {
    const keyFile = join(dataDir, 'keys', 'link-signing.key');
    const before = (await readFile(keyFile, 'utf8')).trim();
    const earlier = await exportLink(h);
    const r = await admin({ STARK_DATA_DIR: dataDir }, 'secrets', 'rotate');
    expect(r.code).toBe(0);
    const after = (await readFile(keyFile, 'utf8')).trim();
    expect(after).not.toBe(before);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(`${r.stdout}${r.stderr}`).not.toContain(after);
    expect(`${r.stdout}${r.stderr}`).not.toContain(before);
    expect((await fetch(`${h.bot.url}${earlier}`)).status).toBe(404);
    expect((await fetch(`${h.bot.url}${await exportLink(h)}`)).status).toBe(200);
  });

  it('a store from schema version 1, which held the key, is migrated without it; links signed with that old key do not work', async () => {
    const dir = await tempDir();
    const fixture = fileURLToPath(new URL('../fixtures/store-v1.json', import.meta.url));
    const oldKey = (JSON.parse(await readFile(fixture, 'utf8')) as { secrets: { linkKey: string } }).secrets.linkKey;
    await copyFile(fixture, join(dir, STORE_FILE_NAME));
    const old = await Harness.start({ now: () => NOW, dataDir: dir });
    try {
      expect(old.services.store.doc).not.toHaveProperty('secrets');
      expect(await readFile(join(dir, STORE_FILE_NAME), 'utf8')).not.toContain(oldKey);
      const forged = new LinkSigner(oldKey).sign({ k: 'needs-export', p: { format: 'csv', round: 'all' }, u: demo.leader, e: NOW.getTime() + 60_000 });
      expect((await fetch(`${old.bot.url}/downloads/${forged}`)).status).toBe(404);
      expect(existsSync(join(dir, 'keys', 'link-signing.key'))).toBe(true);
    } finally {
      await old.close();
    }
  });

  it('from STARK_LINK_SIGNING_KEY instead: no key file is made, and rotating says to change the variable', async () => {
    const dir = await tempDir();
    const key = 'k'.repeat(43);
    const fromEnv = await Harness.start({ now: () => NOW, dataDir: dir, env: { STARK_LINK_SIGNING_KEY: key } });
    try {
      expect(existsSync(join(dir, 'keys'))).toBe(false);
      const token = new LinkSigner(key).sign({ k: 'cost-table', p: { format: 'csv' }, u: demo.leader, e: NOW.getTime() + 60_000 });
      expect((await fetch(`${fromEnv.bot.url}/downloads/${token}`)).status).toBe(200);
      const r = await admin({ STARK_DATA_DIR: dir, STARK_LINK_SIGNING_KEY: key }, 'secrets', 'rotate');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('STARK_LINK_SIGNING_KEY');
      expect(r.stdout).not.toContain(key);
    } finally {
      await fromEnv.close();
    }
  });
});
