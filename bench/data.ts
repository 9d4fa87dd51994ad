// Store documents for the benchmarks: 1× is the demo data exactly as a new bot seeds it; 10× is a decade of
// real use (2,000 people, 400 meetings with answers, 20,000 needs). Every document is checked with the store's own
// schema before it is written, so the bot under test starts on data it would accept in production.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { documentSchema, SCHEMA_VERSION, type StoreDocument } from '../src/store/schema.js';
import { STORE_FILE_NAME } from '../src/store/store.js';
import { buildSeedDocument } from '../src/store/seed.js';
import { DEMO_TENANT_ID } from '../src/config.js';
import type { Person } from '../src/domain/people.js';
import { sectionsAtScale, type SectionsReport } from './data-sections.js';
import { mulberry32 } from '../tests/helpers/prng.js';

export type Scale = '1x' | '10x';

export const TEN_X = { people: 2_000, meetings: 400, needs: 20_000 } as const;

/** Deterministic: the same document on every run. */
export const random = mulberry32;

const givenNames = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Eva', 'Anders', 'Sara', 'Per', 'Lena', 'Mikael', 'Emma', 'Nils', 'Ingrid', 'Oskar', 'Linnea', 'Gustav', 'Elin', 'Åsa'];
const surnames = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Lindberg', 'Öberg', 'Ström'];
const titles = ['Utvecklingsstrateg', 'Verksamhetsutvecklare', 'Utredare', 'Enhetschef', 'Controller', 'Kvalitetsstrateg', 'Digitaliseringsstrateg', 'HR-strateg'];

export const generatedId = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

/** The 1:1 conversation a person has with the bot (the load generator's activities use the same ids). */
export const conversationOf = (aadObjectId: string) => `a:personal-${aadObjectId}`;

function conversationRef(person: Person, serviceUrl: string, at: string): StoreDocument['conversationRefs'][string] {
  return {
    serviceUrl,
    channelId: 'msteams',
    conversation: { id: conversationOf(person.aadObjectId), conversationType: 'personal', tenantId: DEMO_TENANT_ID },
    bot: { id: '28:stark-bot', name: 'STARK' },
    user: { id: `29:${person.aadObjectId}`, aadObjectId: person.aadObjectId, name: person.name },
    locale: 'sv-SE',
    tenantId: DEMO_TENANT_ID,
    updatedAt: at,
  };
}

export interface BuiltDocument {
  doc: StoreDocument;
  counts: { people: number; conversationRefs: number; processedActivities: number; outboxEntries: number } & SectionsReport['counts'];
  /** Sections that exist in the store schema and were filled, and those that do not exist yet. */
  sections: SectionsReport['sections'];
  bytes: number;
}

/**
 * 1×: the seed document of a new bot (demo roster, empty feature sections). 10×: the demo roster plus generated
 * staff up to 2,000 people, a conversation reference for everyone (everyone has talked to the bot in ten years),
 * a full processed-activity list, 90 days of delivered messages in the outbox, and the needs and meetings sections
 * at ten-year size where those sections exist.
 */
export async function buildDocument(p: { scale: Scale; now: Date; serviceUrl: string }): Promise<BuiltDocument> {
  const seed = await buildSeedDocument({ now: p.now });
  const rnd = random(p.scale === '1x' ? 1 : 10);
  const doc: StoreDocument = structuredClone(seed);
  if (p.scale === '10x') {
    const orgs = doc.organisations.map((o) => o.id);
    for (let i = doc.people.length; i < TEN_X.people; i++) {
      const given = givenNames[Math.floor(rnd() * givenNames.length)] ?? 'Anna';
      const surname = surnames[Math.floor(rnd() * surnames.length)] ?? 'Andersson';
      doc.people.push({
        aadObjectId: generatedId('b0000000', i),
        name: `${given} ${surname}`,
        email: `person${i}@bench.stark.example`,
        organisationId: orgs[i % orgs.length] ?? 'mdu',
        title: titles[i % titles.length] ?? 'Utredare',
        // Staff only: the roster's composition rules (directors, chairs, Programråd seats and Programgrupp members
        // per party) stay as in the demo roster, so start-up logs no deviations.
        roles: ['staff'],
      });
    }
    const at = new Date(p.now.getTime() - 30 * 24 * 3600_000).toISOString();
    for (const person of doc.people) doc.conversationRefs[person.aadObjectId] = conversationRef(person, p.serviceUrl, at);
    doc.processedActivities = Array.from({ length: 5_000 }, (_, i) => `f:${generatedId('c0000000', i)}`);
    const sentAt = p.now.getTime() - 45 * 24 * 3600_000;
    doc.outbox.entries = Array.from({ length: 1_000 }, (_, i) => {
      const person = doc.people[i % doc.people.length] as Person;
      return {
        key: `bench:old:${i}:${person.aadObjectId}`,
        conversationKey: conversationOf(person.aadObjectId),
        tenantId: DEMO_TENANT_ID,
        state: 'sent' as const,
        enqueuedAt: sentAt + i * 1_000,
        attempts: 1,
        doneAt: sentAt + i * 1_000 + 40,
        activityId: `act-old-${i}`,
      };
    });
  }
  const sections = sectionsAtScale({ doc, scale: p.scale, now: p.now, rnd });
  const parsed = documentSchema.parse(sections.doc);
  if (parsed.schemaVersion !== SCHEMA_VERSION) throw new Error('schema version mismatch');
  const text = JSON.stringify(parsed);
  return {
    doc: parsed,
    counts: {
      people: parsed.people.length,
      conversationRefs: Object.keys(parsed.conversationRefs).length,
      processedActivities: parsed.processedActivities.length,
      outboxEntries: parsed.outbox.entries.length,
      ...sections.counts,
    },
    sections: sections.sections,
    bytes: Buffer.byteLength(text),
  };
}

/** Writes the document as the store's file in `dataDir` (the bot opens it as it is). */
export async function writeDocument(dataDir: string, doc: StoreDocument): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, STORE_FILE_NAME);
  await writeFile(file, JSON.stringify(doc), { mode: 0o600 });
  return file;
}
