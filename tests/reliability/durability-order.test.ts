import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { STORE_FILE_NAME } from '../../src/store/store.js';
import { journalFileOf } from '../../src/store/journal.js';
import { BotUnderTest } from './bot-under-test.js';
import { generatedPeople } from './generated-people.js';
import { answerCardOf } from '../helpers/load-client.js';

/**
 * What a SIGKILL cannot show (the kernel keeps unsynced data when a process dies): that an answered turn would
 * survive a power cut. Here the file system calls of the store are recorded in a model of what a disk keeps
 * after a power loss: file contents only once fsynced (fsync or fdatasync), a new name only once its directory is
 * fsynced. Every HTTP answer the bot sends is checked at the moment it is sent: the write it acknowledges must
 * already be in the snapshot or the journal as the disk would have them after a power loss.
 *
 * The same check run with the fdatasync of the journal's appends left out must find violations, so the check can
 * tell the difference.
 */

interface Inode {
  data: string | null;
  synced: string | null;
}

/** The power-loss model: a volatile namespace, and what survives (names after a directory fsync, data after a file fsync). */
const disk = vi.hoisted(() => {
  const volatile = new Map<string, Inode>();
  const durable = new Map<string, Inode>();
  return {
    volatile,
    durable,
    watched: '' as string,
    syscalls: [] as string[],
    /** The negative control: fdatasync does nothing. */
    skipDatasync: false,
    /** A file that existed before the model watched the directory: as it is, durable. */
    adopt(path: string, data: string) {
      const inode: Inode = { data, synced: data };
      volatile.set(path, inode);
      durable.set(path, inode);
    },
    created(path: string): Inode {
      const inode: Inode = { data: '', synced: null };
      volatile.set(path, inode);
      return inode;
    },
    renamed(from: string, to: string) {
      const inode = volatile.get(from);
      if (inode) volatile.set(to, inode);
      volatile.delete(from);
    },
    dirSynced(dir: string) {
      for (const [path, inode] of volatile) if (path.startsWith(`${dir}/`) && !path.slice(dir.length + 1).includes('/')) durable.set(path, inode);
      for (const path of [...durable.keys()]) if (path.startsWith(`${dir}/`) && !volatile.has(path)) durable.delete(path);
    },
    /** The store file's text after a power loss now ('' when its data never reached the disk). */
    afterPowerLoss(path: string): string | undefined {
      const inode = durable.get(path);
      return inode ? (inode.synced ?? '') : undefined;
    },
  };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const inWatched = (p: string) => disk.watched !== '' && (p === disk.watched || p.startsWith(`${disk.watched}/`));
  const open = async (path: string, flags?: string | number, mode?: number): Promise<FileHandle> => {
    const handle = await real.open(path, flags, mode);
    const p = String(path);
    if (!inWatched(p)) return handle;
    const isDir = p === disk.watched;
    const creates = typeof flags === 'string' && (flags.startsWith('w') || (flags.startsWith('a') && !disk.volatile.has(p)));
    const inode = !isDir && creates ? disk.created(p) : disk.volatile.get(p);
    disk.syscalls.push(`open ${basename(p)} ${String(flags)}`);
    return new Proxy(handle, {
      get(target, prop) {
        if (prop === 'writeFile') {
          return async (data: string, options?: unknown) => {
            await target.writeFile(data, options as never);
            if (inode) inode.data = String(data);
            disk.syscalls.push(`write ${basename(p)}`);
          };
        }
        if (prop === 'write') {
          return async (data: Uint8Array | string) => {
            const result = await target.write(data as Uint8Array);
            if (inode) inode.data = (inode.data ?? '') + (typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
            disk.syscalls.push(`write ${basename(p)}`);
            return result;
          };
        }
        if (prop === 'datasync') {
          return async () => {
            if (disk.skipDatasync) return;
            await target.datasync();
            if (inode) inode.synced = inode.data;
            disk.syscalls.push(`fdatasync ${basename(p)}`);
          };
        }
        if (prop === 'sync') {
          return async () => {
            await target.sync();
            if (isDir) disk.dirSynced(p);
            else if (inode) inode.synced = inode.data;
            disk.syscalls.push(`fsync ${isDir ? 'dir' : basename(p)}`);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  const rename = async (from: string, to: string) => {
    await real.rename(from, to);
    if (inWatched(String(to))) {
      disk.renamed(String(from), String(to));
      disk.syscalls.push(`rename ${basename(String(from))} ${basename(String(to))}`);
    }
  };
  return { ...real, open, rename, default: { ...real, open, rename } };
});

const PEOPLE = generatedPeople(300, 11, 'director');
let b: BotUnderTest;
let storeFile: string;
let journalFile: string;
/** Answers sent before the write they acknowledge would survive a power loss. */
const violations: string[] = [];
let answersChecked = 0;

beforeAll(async () => {
  b = await BotUnderTest.start({ prepare: (doc) => doc.people.push(...PEOPLE) });
  storeFile = join(b.dataDir, STORE_FILE_NAME);
  journalFile = journalFileOf(storeFile);
  for (const f of [storeFile, journalFile]) {
    const text = await readFile(f, 'utf8').catch(() => null);
    if (text !== null) disk.adopt(f, text);
  }
  disk.watched = b.dataDir;
  // Every answer is checked the moment the bot sends it (express has parsed the body by then).
  b.bot.server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    let checked = false;
    res.end = ((...args: unknown[]) => {
      const body = (req as IncomingMessage & { body?: { conversation?: { id?: string }; value?: { action?: { data?: { title?: string } } } } }).body;
      const conversation = body?.conversation?.id;
      if (!checked && res.statusCode === 200 && conversation?.startsWith('power:')) {
        checked = true;
        answersChecked++;
        const survives = `${disk.afterPowerLoss(storeFile) ?? ''}\n${disk.afterPowerLoss(journalFile) ?? ''}`;
        const title = body?.value?.action?.data?.title;
        if (!survives.includes(JSON.stringify(conversation))) violations.push(`answered ${conversation} before its conversation reference was durable`);
        if (title && !survives.includes(JSON.stringify(title))) violations.push(`answered ${conversation} before its need "${title}" was durable`);
      }
      return end(...args);
    }) as typeof res.end;
  });
});

afterAll(async () => {
  await b?.close();
});

/** 300 people at once, each a first contact: half choose a language, half submit a need. */
async function load(round: string): Promise<number> {
  let ok = 0;
  await Promise.all(
    PEOPLE.map(async (p, i) => {
      const conversationId = `power:${round}:${p.aadObjectId}`;
      const r =
        i % 2 === 0
          ? await b.client.invoke(p.aadObjectId, 'core.language', { language: 'en' }, { conversationId })
          : await b.client.invoke(
              p.aadObjectId,
              'needs.submit',
              { title: `Power ${round} ${i}`, description: 'Behov i strömavbrottstestet.', area: 'resilienta-organisationen', organisationId: 'sala', contactName: 'Test', urgency: 'low', force: 'true', submissionId: `power-${round}-${i}` },
              { conversationId },
            );
      if (r.status === 200 && answerCardOf(r.body)) ok++;
    }),
  );
  return ok;
}

describe('durability order (power-loss model)', () => {
  it('every answer is sent only after its write would survive a power loss: one journal line, fdatasynced', async () => {
    const ok = await load('a');
    expect(ok).toBe(PEOPLE.length);
    expect(answersChecked).toBeGreaterThanOrEqual(PEOPLE.length);
    expect(violations).toEqual([]);
    // One commit: one write of the journal, then one fdatasync of it (and nothing else in between).
    const journalName = basename(journalFile);
    const first = disk.syscalls.indexOf(`write ${journalName}`);
    expect(disk.syscalls.slice(first, first + 2)).toEqual([`write ${journalName}`, `fdatasync ${journalName}`]);
    const writes = disk.syscalls.filter((s) => s === `write ${journalName}`).length;
    expect(disk.syscalls.filter((s) => s === `fdatasync ${journalName}`).length).toBe(writes);
    // Group commit: far fewer commits than acknowledged turns (two writes each: reference, then language or need).
    expect(writes).toBeLessThan(PEOPLE.length);
  });

  it('the check finds the violations of appends that are not fdatasynced', async () => {
    disk.skipDatasync = true;
    try {
      violations.length = 0;
      await load('b');
      expect(violations.length).toBeGreaterThan(0);
    } finally {
      disk.skipDatasync = false;
    }
  });
});
