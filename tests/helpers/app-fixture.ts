import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../src/app/kernel.js';
import type { UnitOfWork } from '../../src/app/unit-of-work.js';
import { buildSeedDocument } from '../../src/store/seed.js';
import { Store } from '../../src/store/store.js';
import { fileUnitOfWork } from '../../src/store/unit-of-work.js';

/** The demo roster's people (data/demo-roster.json) by role, for use-case tests. */
export const DEMO = {
  /** Erik Demoberg, kommundirektör, Västerås: submits needs, answers invitations. */
  director: '00000000-0000-0000-0000-000000000020',
  /** Anna Provström, programme leader (leadership): everything. */
  leader: '00000000-0000-0000-0000-000000000021',
  /** Maria Exempelsson, regiondirektör, Region Västmanland. */
  regionDirector: '00000000-0000-0000-0000-000000000022',
  /** Lars Testlund, kommundirektör, Köping; Programråd substitute. */
  substitute: '00000000-0000-0000-0000-000000000023',
  /** Karin Fiktivén, economist, Sala: in no body. */
  staff: '00000000-0000-0000-0000-000000000024',
  /** Anders Låtsasgren, Eskilstuna: Programråd and Programgrupp. */
  reviewer: '00000000-0000-0000-0000-000000000025',
} as const;

export interface AppFixture {
  store: Store;
  uow: UnitOfWork;
  actor(aadObjectId: string): Actor;
  close(): Promise<void>;
}

/** A real store on a temporary folder with the demo roster, behind the file unit of work: no botbuilder, no HTTP. */
export async function openAppFixture(now = new Date('2027-01-01T08:00:00Z')): Promise<AppFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'stark-app-'));
  const store = await Store.open({ dataDir: dir, seed: () => buildSeedDocument({ now }), backupsToKeep: 0 });
  const uow = fileUnitOfWork(store);
  return {
    store,
    uow,
    actor(id) {
      const person = uow.read((r) => r.people.get(id));
      if (!person) throw new Error(`no person ${id} in the demo roster`);
      const organisation = uow.read((r) => r.organisations.get(person.organisationId));
      if (!organisation) throw new Error(`no organisation ${person.organisationId}`);
      return { person, organisation };
    },
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
