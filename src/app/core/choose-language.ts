import { done, type Actor, type Outcome } from '../kernel.js';
import type { UnitOfWork } from '../unit-of-work.js';

/**
 * A person chooses the language the bot answers them in ("svenska" / "english"): stored, and from then on it wins
 * over their Teams locale, for answers and for the messages the bot sends them later. Everyone registered may.
 */
export async function chooseLanguage(deps: { uow: UnitOfWork }, actor: Actor, command: { language: 'sv' | 'en' }, _now: Date): Promise<Outcome<{ language: 'sv' | 'en' }, never>> {
  await deps.uow.write(undefined, (repos) => repos.preferences.setLanguage(actor.person.aadObjectId, command.language));
  return done({ language: command.language });
}
