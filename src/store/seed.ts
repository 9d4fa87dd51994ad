import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { organisationsFileSchema } from '../domain/organisations.js';
import { rosterFileSchema } from '../domain/people.js';
import { documentSchema, SCHEMA_VERSION, type StoreDocument } from './schema.js';

/** The project's data/ folder (organisations, agreement terms, demo roster). */
export const defaultDataFolder = fileURLToPath(new URL('../../data/', import.meta.url));

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Reads and validates a data file; a bad file stops start-up with a message naming it. */
export async function loadDataFile<T>(folder: string, name: string, parse: (raw: unknown) => T): Promise<T> {
  const file = new URL(name, `file://${folder.endsWith('/') ? folder : `${folder}/`}`);
  try {
    return parse(await readJson(fileURLToPath(file)));
  } catch (err) {
    throw new Error(`data file ${fileURLToPath(file)} is not valid: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The first document of a new store: organisations and the roster from data/, empty feature sections. */
export async function buildSeedDocument({ dataFolder = defaultDataFolder, now }: { dataFolder?: string; now: Date }): Promise<StoreDocument> {
  const orgs = await loadDataFile(dataFolder, 'organisations.json', (raw) => organisationsFileSchema.parse(raw));
  const roster = await loadDataFile(dataFolder, 'demo-roster.json', (raw) => rosterFileSchema.parse(raw));
  const orgIds = new Set(orgs.organisations.map((o) => o.id));
  const unknownOrg = roster.people.find((p) => !orgIds.has(p.organisationId));
  if (unknownOrg) throw new Error(`data file demo-roster.json: ${unknownOrg.name} belongs to unknown organisation ${unknownOrg.organisationId}`);
  return documentSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    createdAt: now.toISOString(),
    organisations: orgs.organisations,
    people: roster.people,
    conversationRefs: {},
    processedActivities: [],
    preferences: {},
    links: { used: [] },
    audit: { entries: [] },
    backups: { lastSnapshotDate: null },
    needs: {},
    meetings: {},
    outbox: { entries: [] },
  });
}
