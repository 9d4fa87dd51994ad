import type { Person } from '../../src/domain/people.js';

/**
 * Extra roster people for load tests: the demo roster has 54 people, but distinguishable writes and "500
 * concurrent first contacts" need many more distinct ids. They work at Sala kommun; as staff they may do what every
 * registered person may do, as directors also submit and support needs. The roster's composition (Programråd,
 * Programgrupp) is unaffected: they hold no seats.
 */
export function generatedPeople(count: number, block: number, role: 'staff' | 'director' = 'staff'): Person[] {
  const prefix = (0x10000000 + block).toString(16);
  return Array.from({ length: count }, (_, i) => ({
    aadObjectId: `${prefix}-0000-0000-0000-${(i + 1).toString(16).padStart(12, '0')}`,
    name: `Last Person ${block}-${i + 1}`,
    organisationId: 'sala',
    ...(role === 'director' ? { title: 'Kommundirektör', roles: ['director' as const], directorTitle: 'kommundirektor' as const } : { title: 'Medarbetare', roles: ['staff' as const] }),
  }));
}
