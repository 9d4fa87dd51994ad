import type { Need } from './need.js';
import type { Actor } from './transitions.js';

/** Shared test data for the needs tests (not used by production code). */
export const people = {
  vasterasDirector: { aadObjectId: '00000000-0000-0000-0000-000000000020', roles: ['director'], organisationId: 'vasteras' },
  leadership: { aadObjectId: '00000000-0000-0000-0000-000000000021', roles: ['leadership'], organisationId: 'mdu' },
  regionDirector: { aadObjectId: '00000000-0000-0000-0000-000000000022', roles: ['director'], organisationId: 'region-vastmanland' },
  kopingDirector: { aadObjectId: '00000000-0000-0000-0000-000000000023', roles: ['director'], organisationId: 'koping' },
  salaStaff: { aadObjectId: '00000000-0000-0000-0000-000000000024', roles: ['staff'], organisationId: 'sala' },
  eskilstunaGroup: { aadObjectId: '00000000-0000-0000-0000-000000000025', roles: ['director', 'programgrupp'], organisationId: 'eskilstuna' },
  vasterasColleague: { aadObjectId: '00000000-0000-0000-0000-000000000030', roles: ['director'], organisationId: 'vasteras' },
} satisfies Record<string, Actor>;

export const organisations = [
  { id: 'mdu', name: 'Mälardalens universitet', county: null },
  { id: 'vasteras', name: 'Västerås stad', county: 'vastmanland' },
  { id: 'koping', name: 'Köpings kommun', county: 'vastmanland' },
  { id: 'region-vastmanland', name: 'Region Västmanland', county: 'vastmanland' },
  { id: 'eskilstuna', name: 'Eskilstuna kommun', county: 'sormland' },
  { id: 'sala', name: 'Sala kommun', county: 'vastmanland' },
] as const;

export const at = (iso: string): Date => new Date(iso);

export function aNeed(overrides: Partial<Need> = {}): Need {
  const submittedAt = at('2026-03-02T09:00:00Z');
  return {
    number: 1,
    title: 'Kompetensförsörjning i äldreomsorgen',
    description: 'Vi behöver kunskap om hur andra kommuner rekryterar undersköterskor.',
    area: 'framtida-valfarden',
    contact: { name: 'Erik Demoberg', email: 'erik.demoberg@demo.stark.example' },
    urgency: 'high',
    organisationId: 'vasteras',
    submittedBy: people.vasterasDirector.aadObjectId,
    submittedAt,
    round: 2027,
    state: { status: 'inkommen' },
    history: [{ at: submittedAt, by: people.vasterasDirector.aadObjectId, event: 'submitted', from: null, to: 'inkommen', text: '' }],
    supports: [],
    ...overrides,
  };
}
