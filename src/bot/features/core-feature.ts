import { chooseLanguage as chooseLanguageCase } from '../../app/core/choose-language.js';
import { fileUnitOfWork } from '../../store/unit-of-work.js';
import { z } from 'zod';
import { checkComposition, type CompositionDeviation } from '../../domain/composition.js';
import type { Role } from '../../domain/people.js';
import { gapsFromTermEnds, peopleInOffice } from '../../domain/roster/terms.js';
import { stockholmDate } from '../../domain/time.js';
import { plain } from '../../cards/adaptive-card.js';
import { catalogueFor, type Catalogue, type Locale } from '../../i18n/catalogue.js';
import { helpCard } from '../../cards/help-card.js';
import { compositionCard } from '../../cards/composition-card.js';
import { actionRoute, textRoute, type BotFeature, type HelpEntry, type Turn } from '../feature.js';

const HELP = /^(hj[aä]lp|help|\?|hej|hello|hi|start|meny|menu)[!.]?$/i;
const COMPOSITION = /^(sammans[aä]ttning|composition)$/i;
const SWEDISH = /^((p[aå] )?svenska|in swedish|swedish)[!.]?$/i;
const ENGLISH = /^((in |p[aå] )?english|(p[aå] )?engelska)[!.]?$/i;

export function describeDeviation(t: Catalogue, d: CompositionDeviation): string {
  const rule = t.core.composition.rules[d.rule];
  if (d.rule === 'notDirector') return `${rule} (${d.personId})`;
  const where = d.rule === 'perCounty' ? ` – ${t.core.counties[d.county]}` : '';
  return `${rule}${where}: ${t.core.composition.expectedActual({ expected: d.expected, actual: d.actual })}`;
}

function rolesText(turn: Turn): string {
  const names = turn.person.roles.map((r: Role) => turn.t.core.roleNames[r]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${turn.t.core.and} ${names.at(-1)}`;
}

/**
 * Help and the roster's composition check. `helpEntries` is every feature's help list: the help card shows
 * only what this person may do.
 */
export function coreFeature(allHelp: () => HelpEntry[]): BotFeature {
  const help: HelpEntry[] = [
    { action: 'roster.composition', entry: (t) => t.core.help.composition },
    { action: 'help.view', entry: (t) => t.core.help.help, shared: true },
    { action: 'help.view', entry: (t) => t.core.help.language, shared: true },
  ];
  const helpCardFor = (turn: Turn) => {
    const shared = turn.audience === 'shared';
    const entries = allHelp()
      .filter((h) => turn.can(h.action) && (!shared || h.shared))
      .map((h) => h.entry(turn.t));
    const otherLanguage = { title: turn.t.core.otherLanguageButton, language: turn.locale === 'sv' ? ('en' as const) : ('sv' as const) };
    // In a group chat or channel: no name, no roles, only what everyone there may see.
    if (shared) return helpCard({ title: turn.t.core.groupHelp.title, intro: turn.t.core.groupHelp.intro, entries, footer: turn.t.core.groupHelp.footer, otherLanguage });
    return helpCard({
        title: turn.t.core.helpTitle({ name: turn.person.name }),
        intro: turn.t.core.helpIntro,
        roles: turn.t.core.helpRoles({ roles: rolesText(turn), organisation: turn.organisation.name }),
        entries,
        footer: turn.t.core.helpFooter,
      otherLanguage: { title: turn.t.core.otherLanguageButton, language: turn.locale === 'sv' ? 'en' : 'sv' },
    });
  };
  const showHelp = (turn: Turn) => turn.reply(helpCardFor(turn));
  const showComposition = async (turn: Turn) => {
    if (!turn.can('roster.composition')) return turn.reply(turn.t.core.notAllowed);
    const { people, organisations } = turn.services.store.doc;
    const today = stockholmDate(turn.now);
    // Who is in office today counts; the gaps the terms ending within 180 days will open are listed beneath (issue #15).
    const deviations = checkComposition({ people: peopleInOffice({ people, date: today }), organisations });
    const nameOf = (id: string) => plain(people.find((p) => p.aadObjectId === id)?.name ?? id);
    const upcoming = gapsFromTermEnds({ people, organisations, today }).flatMap((g) => g.deviations.map((d) => turn.t.roster.composition.gap({ name: nameOf(g.personId), lastDay: g.lastDay, deviation: describeDeviation(turn.t, d) })));
    await turn.reply(
      compositionCard({
        title: turn.t.core.composition.title,
        deviations: deviations.map((d) => describeDeviation(turn.t, d)),
        allGood: turn.t.core.composition.allGood,
        deviationsIntro: turn.t.core.composition.deviationsIntro,
        upcoming: { intro: turn.t.roster.composition.upcomingIntro, lines: upcoming },
      }),
    );
  };
  /** The person's language choice is stored and wins over their Teams locale from then on. */
  const chooseLanguage = async (turn: Turn, language: Locale): Promise<Turn> => {
    await chooseLanguageCase({ uow: fileUnitOfWork(turn.services.store) }, { person: turn.person, organisation: turn.organisation }, { language }, turn.now);
    return { ...turn, locale: language, t: catalogueFor(language) };
  };
  return {
    name: 'core',
    help,
    text: [
      textRoute({ name: 'help', visibility: 'public', match: (text) => HELP.test(text), handle: showHelp }),
      textRoute({ name: 'composition', visibility: 'personal', match: (text) => COMPOSITION.test(text), handle: showComposition }),
      textRoute({
        name: 'language',
        // "I'll answer you in English from now on" tells the group nothing it did not just read.
        visibility: 'public',
        limit: 'writes',
        match: (text) => (SWEDISH.test(text) ? 'sv' : ENGLISH.test(text) ? 'en' : null),
        handle: async (turn, language: Locale) => {
          const next = await chooseLanguage(turn, language);
          await next.reply(next.t.core.languageSet);
        },
      }),
    ],
    actions: [
      actionRoute({
        verb: 'core.language',
        visibility: 'public',
        limit: () => 'writes',
        schema: z.object({ language: z.enum(['sv', 'en']) }).passthrough(),
        handle: async (turn, data) => {
          // The clicked help card is replaced by the same card in the chosen language.
          return { card: helpCardFor(await chooseLanguage(turn, data.language)) };
        },
      }),
      // A help-card row runs its command as if it had been typed, under the same scope rule as typed text.
      actionRoute({
        verb: 'help.run',
        visibility: 'public',
        schema: z.object({ command: z.string().trim().min(1).max(100) }).passthrough(),
        handle: async (turn, data) => ({ message: (await turn.command(data.command)) ? '✓' : turn.t.core.notUnderstood }),
      }),
    ],
  };
}
