import type { Person } from '../../src/domain/people.js';

/**
 * Extra roster people for load tests: the demo roster has 54 people, but "each write is distinguishable" and
 * "500 concurrent first contacts" need many more distinct ids. Staff at Sala kommun: they may do what every
 * registered person may do, nothing more, and the roster's composition is unaffected.
 */
export function generatedPeople(count: number, block = 1): Person[] {
  const prefix = (0x10000000 + block).toString(16);
  return Array.from({ length: count }, (_, i) => ({
    aadObjectId: `${prefix}-0000-0000-0000-${(i + 1).toString(16).padStart(12, '0')}`,
    name: `Last Person ${block}-${i + 1}`,
    organisationId: 'sala',
    title: 'Medarbetare',
    roles: ['staff'],
  }));
}
