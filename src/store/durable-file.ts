import { open, rename, readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * A lowdb adapter that is atomic and durable. lowdb's own file adapter renames a temp file but never fsyncs,
 * so a power loss can leave an empty or old file behind a write that was reported done. Here a write is:
 * serialise once → write a temp file → fsync it → rename over the target → fsync the directory.
 * Only after all four steps does `write` resolve.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string;
  private readonly tmp: string;

  constructor(file: string, private readonly serialize: (data: T) => string = (data) => JSON.stringify(data)) {
    this.file = file;
    this.tmp = join(dirname(file), `.${basename(file)}.tmp`);
  }

  /** Returns the parsed JSON (unvalidated: the store validates it), or null when the file does not exist. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    await this.writeText(this.serialize(data));
  }

  async writeText(text: string): Promise<void> {
    const handle = await open(this.tmp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.tmp, this.file);
    await fsyncDirectory(dirname(this.file));
  }

  /** Removes a temp file a crash may have left; the target itself is never touched. */
  async removeStaleTemp(): Promise<void> {
    await unlink(this.tmp).catch(() => undefined);
  }
}

export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
