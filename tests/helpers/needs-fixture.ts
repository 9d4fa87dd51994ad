import type { NeedsDeps, SimilarNeeds } from '../../src/app/needs/ports.js';
import type { Need } from '../../src/domain/needs/need.js';
import { findSimilarNeeds } from '../../src/domain/needs/similarity.js';
import type { AppFixture } from './app-fixture.js';

/** A need form as the card sends it. */
export const needFields = (over: Record<string, string> = {}, organisationId = 'vasteras'): Record<string, string> => ({
  title: 'Kompetensförsörjning inom äldreomsorgen',
  description: 'Hur rekryterar och behåller vi undersköterskor när befolkningen åldras?',
  area: 'framtida-valfarden',
  organisationId,
  contactName: 'Erik Demoberg',
  contactEmail: 'erik@example.org',
  urgency: 'medium',
  ...over,
});

/** The similarity search straight over the repository (no index), recording what it was told changed. */
export function needsDeps(app: AppFixture): NeedsDeps & { changed: Need[] } {
  const changed: Need[] = [];
  const similar: SimilarNeeds = {
    find: (query) => findSimilarNeeds({ needs: app.uow.read((r) => r.needs.all()), query }),
    changed: (needs) => void changed.push(...needs.flatMap((n) => n ?? [])),
  };
  return { uow: app.uow, similar, changed };
}
