import { copyFile, constants } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DurableJsonFile } from './durable-file.js';
import { serializeDocument } from './serialize.js';
import { StoreLoadError } from './store-errors.js';
import type { StoreDocument } from './schema.js';
import type { CommitBatch, LoadedDocument, Persistence, PreparedCommit } from './persistence.js';

/** Reads a store JSON file as an object; StoreLoadError when it is not one. Null when there is no file. */
export async function readJsonObject(adapter: DurableJsonFile<unknown>): Promise<Record<string, unknown> | null> {
  let raw: unknown;
  try {
    raw = await adapter.read();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problem = err instanceof SyntaxError ? `it is not valid JSON (${err.message})` : `it cannot be read (${code ?? String(err)})`;
    throw new StoreLoadError(adapter.file, problem);
  }
  if (raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new StoreLoadError(adapter.file, 'it does not hold a JSON object');
  return raw as Record<string, unknown>;
}

/** Keeps the pre-migration file beside the new one: a migration must never be the only copy. */
export async function keepPreMigrationCopy(file: string, version: number): Promise<void> {
  await copyFile(file, join(dirname(file), `${basename(file)}.v${version}.bak`), constants.COPYFILE_EXCL).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST' && err.code !== 'ENOENT') throw err;
  });
}

/**
 * The whole document in one JSON file, rewritten (temp file, fsync, rename, fsync of the directory) on every group
 * commit. Simple and slow for a large document; kept as the reference implementation of `Persistence` and for tests.
 */
export class SnapshotFilePersistence implements Persistence {
  private readonly adapter: DurableJsonFile<unknown>;

  constructor(readonly location: string) {
    this.adapter = new DurableJsonFile<unknown>(location);
  }

  async load(): Promise<LoadedDocument> {
    await this.adapter.removeStaleTemp();
    return { raw: await readJsonObject(this.adapter), trusted: false };
  }

  async replaceAll(doc: StoreDocument, why: { migratedFrom?: number }): Promise<void> {
    if (why.migratedFrom !== undefined) await keepPreMigrationCopy(this.location, why.migratedFrom);
    await this.adapter.writeText(serializeDocument(doc));
  }

  prepare(batch: CommitBatch): PreparedCommit {
    const text = serializeDocument(batch.doc as StoreDocument);
    return { write: () => this.adapter.writeText(text) };
  }

  async close(): Promise<void> {}
}
