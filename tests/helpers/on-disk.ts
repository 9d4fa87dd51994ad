import { join } from 'node:path';
import { readDurableDocument } from '../../src/store/journal.js';
import { STORE_FILE_NAME } from '../../src/store/store.js';

/**
 * The store document as it is durable in `dataDir` (the snapshot with its journal applied), read from the files the
 * way a restart would see them: what "it reached the disk" means in a test.
 */
export async function storeOnDisk<T = Record<string, unknown>>(dataDir: string): Promise<T> {
  const doc = await readDurableDocument(join(dataDir, STORE_FILE_NAME));
  if (doc === null) throw new Error(`no store in ${dataDir}`);
  return doc as T;
}
