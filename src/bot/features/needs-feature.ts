import { can } from '../../domain/permissions.js';
import { needsVerbs } from '../../cards/needs-verbs.js';
import { catalogueFor } from '../../i18n/catalogue.js';
import { actionRoute, textRoute, type BotFeature } from '../feature.js';
import { parseNeedsCommand } from '../needs/chat-text.js';
import { NEEDS_EXPORT_DOWNLOAD, needsExportFile, needsExportParamsSchema } from '../needs/export.js';
import { chat, deliverSafely, list, openForm, openRoundAction, overview, review, save, showNeed, submit, support, withdraw } from '../needs/handlers.js';
import { deliverNeedMessages } from '../needs/notifications.js';
import {
  formPayloadSchema,
  listPayloadSchema,
  needNumberPayloadSchema,
  openRoundPayloadSchema,
  overviewPayloadSchema,
  reviewPayloadSchema,
  submitPayloadSchema,
  withdrawPayloadSchema,
} from '../needs/payloads.js';

/**
 * Needs (issue 5): directors and leadership submit needs in chat ("nytt behov", "Behov: …"), see similar needs
 * first and may stand behind one instead; leadership opens yearly rounds; Programgrupp and leadership review, and
 * the submitter and supporters are told; lists, an overview with counts, and the round's needs as .xlsx/.csv.
 */
export function needsFeature(): BotFeature {
  return {
    name: 'needs',
    help: [
      { action: 'needs.submit', entry: (t) => t.needs.commands.newNeed },
      { action: 'needs.viewOwn', entry: (t) => t.needs.commands.myNeeds },
      { action: 'needs.viewAll', entry: (t) => t.needs.commands.allNeeds },
      { action: 'needs.export', entry: (t) => t.needs.commands.overview },
      { action: 'needs.manageRounds', entry: (t) => t.needs.commands.openRound },
    ],
    // Every needs answer is personal: a need's text, who stands behind it and what became of it are for the people
    // concerned (and the programme group), not for whoever else is in a group chat.
    text: [textRoute({ name: 'needs', visibility: 'personal', match: (text) => parseNeedsCommand(text), handle: chat })],
    actions: [
      actionRoute({ verb: needsVerbs.form, visibility: 'personal', schema: formPayloadSchema, handle: async (turn, data) => openForm(turn, data) }),
      actionRoute({ verb: needsVerbs.submit, visibility: 'personal', limit: () => 'needs', schema: submitPayloadSchema, handle: submit }),
      actionRoute({ verb: needsVerbs.save, visibility: 'personal', limit: () => 'writes', schema: submitPayloadSchema, handle: save }),
      actionRoute({ verb: needsVerbs.support, visibility: 'personal', limit: () => 'writes', schema: needNumberPayloadSchema, handle: support }),
      actionRoute({ verb: needsVerbs.show, visibility: 'personal', schema: needNumberPayloadSchema, handle: async (turn, data) => showNeed(turn, data.number) }),
      actionRoute({ verb: needsVerbs.withdraw, visibility: 'personal', limit: () => 'writes', schema: withdrawPayloadSchema, handle: withdraw }),
      actionRoute({ verb: needsVerbs.review, visibility: 'personal', limit: () => 'writes', schema: reviewPayloadSchema, handle: async (turn, data) => review(turn, data) }),
      actionRoute({ verb: needsVerbs.list, visibility: 'personal', schema: listPayloadSchema, handle: async (turn, data) => list(turn, data) }),
      actionRoute({ verb: needsVerbs.overview, visibility: 'personal', schema: overviewPayloadSchema, handle: async (turn, data) => overview(turn, data) }),
      actionRoute({ verb: needsVerbs.openRound, visibility: 'personal', limit: () => 'writes', schema: openRoundPayloadSchema, handle: openRoundAction }),
    ],
    downloads: [
      {
        kind: NEEDS_EXPORT_DOWNLOAD,
        // The export holds every need with its contact person: each download is in the audit record.
        audited: true,
        // The server has checked the token (signature, expiry) and that the person is still in the roster.
        produce: async ({ services, person, params, locale }) => {
          if (!can(person, 'needs.export')) return null;
          const link = needsExportParamsSchema.safeParse(params);
          if (!link.success) return null;
          return needsExportFile({
            needs: services.store.doc.needs.needs,
            organisations: services.store.doc.organisations,
            t: catalogueFor(link.data.lang ?? locale),
            format: link.data.format,
            round: link.data.round === 'all' ? undefined : Number(link.data.round),
          });
        },
      },
    ],
    jobs: [
      // Notifications left behind by a crash between the change and the send (normally sent at once).
      { name: 'needs.notifications', everyMs: 60_000, run: async (services) => void (await deliverNeedMessages(services)) },
    ],
    // Someone the bot could not reach gets the news about their needs when they next talk to the bot.
    async onTurn(turn) {
      const me = turn.person.aadObjectId;
      if (turn.services.store.doc.needs.pending.some((p) => p.personId === me)) await deliverSafely(turn, me);
    },
  };
}
