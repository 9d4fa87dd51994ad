import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The key that signs download links lives outside the store document (and so outside its daily backups): in the
 * environment (STARK_LINK_SIGNING_KEY) or in a key file, mode 0600 in a 0700 directory, made on first start. Rotating
 * it (`npm run admin -- secrets rotate`) writes a new key file; the running bot notices the change on its next use
 * of the key, and every link signed with the old key stops working.
 */

/** The key file's place when STARK_KEY_FILE does not say: beside the store, not in backups/. */
export const defaultKeyFile = (dataDir: string): string => join(dataDir, 'keys', 'link-signing.key');

/** 32 random bytes, base64url: 256 bits for HMAC-SHA256. */
export const newKey = (): string => randomBytes(32).toString('base64url');

const MIN_KEY_LENGTH = 32;

export class KeyFileError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`The link-signing key file ${file} ${problem}.`);
    this.name = 'KeyFileError';
  }
}

function writeKeyFile(file: string, key: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${key}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // The mode of a new file is masked by the umask; make sure it is 0600 whatever the umask.
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

function readKey(file: string): string {
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < MIN_KEY_LENGTH) throw new KeyFileError(file, `holds no key of at least ${MIN_KEY_LENGTH} characters`);
  return key;
}

/** Makes the key file when there is none; tightens its mode to 0600 when someone loosened it. */
export function ensureKeyFile(file: string): { created: boolean; tightened: boolean } {
  let stat;
  try {
    stat = statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new KeyFileError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    writeKeyFile(file, newKey());
    return { created: true, tightened: false };
  }
  readKey(file);
  if ((stat.mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
    return { created: false, tightened: true };
  }
  return { created: false, tightened: false };
}

/** Writes a fresh key over the old one (atomically); links signed with the old key stop working. */
export function rotateKeyFile(file: string): void {
  writeKeyFile(file, newKey());
}

/** Where the signer gets its key: read when first used and again whenever the file changed (a rotation). */
export interface KeySource {
  key(): string;
}

export const fixedKey = (key: string): KeySource => {
  if (key.length < MIN_KEY_LENGTH) throw new Error(`STARK_LINK_SIGNING_KEY must be at least ${MIN_KEY_LENGTH} characters`);
  return { key: () => key };
};

export function fileKey(file: string): KeySource {
  let cached: { key: string; stamp: string } | null = null;
  return {
    key() {
      // A stat per use: links are signed a few times per turn at most, and a rotation takes effect at once.
      const s = statSync(file);
      const stamp = `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
      if (!cached || cached.stamp !== stamp) cached = { key: readKey(file), stamp };
      return cached.key;
    },
  };
}
