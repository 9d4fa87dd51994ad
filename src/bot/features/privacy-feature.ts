import { z } from 'zod';
import { PRIVACY_CANCEL_VERB, PRIVACY_REMOVE_VERB } from '../../cards/erase-confirm-card.js';
import { actionRoute, textRoute, type BotFeature } from '../feature.js';
import { PRIVACY_PICK_VERB } from '../../cards/remove-person-picker-card.js';
import { askToRemove, confirmRemove, myDataDownload, pickSchema, pickToRemove, removeSchema, runRetention, showMyData, showPrivacyNotice } from '../privacy/handlers.js';

const MY_DATA = /^(mina (uppgifter|data|personuppgifter)|min data|my (data|personal data))[!.?]?$/i;
const NOTICE = /^(integritet|integritetspolicy|integritetsinformation|dataskydd|gdpr|privacy( notice| policy)?)[!.?]?$/i;
/** "ta bort" alone, or with a name or e-mail (or the help entry's "<namn>" as it stands: then a picker). */
const REMOVE = /^(ta bort|radera|remove|erase)(?:\s+(.{1,200}))?$/i;

/**
 * Personal data (#14): "mina uppgifter" (the person's own data as files, personal chat), "integritet" (the privacy
 * notice, public), "ta bort <namn>" (leadership: remove from the roster, optionally erasing the personal data, after a
 * confirmation card), and the daily retention job.
 */
export function privacyFeature(): BotFeature {
  return {
    name: 'privacy',
    help: [
      { action: 'privacy.exportOwn', entry: (t) => t.privacy.help.myData },
      { action: 'privacy.notice', shared: true, entry: (t) => t.privacy.help.notice },
      { action: 'roster.remove', entry: (t) => t.privacy.help.remove },
    ],
    text: [
      textRoute({ name: 'privacy.myData', visibility: 'personal', limit: 'downloads', match: (text) => MY_DATA.test(text), handle: showMyData }),
      textRoute({ name: 'privacy.notice', visibility: 'public', match: (text) => NOTICE.test(text), handle: showPrivacyNotice }),
      textRoute({ name: 'privacy.remove', visibility: 'personal', match: (text) => { const m = REMOVE.exec(text.trim()); return m ? { query: m[2]?.trim() ?? '' } : null; }, handle: askToRemove }),
    ],
    actions: [
      actionRoute({ verb: PRIVACY_REMOVE_VERB, visibility: 'personal', limit: () => 'writes', schema: removeSchema, handle: confirmRemove }),
      actionRoute({ verb: PRIVACY_PICK_VERB, visibility: 'personal', schema: pickSchema, handle: pickToRemove }),
      actionRoute({ verb: PRIVACY_CANCEL_VERB, visibility: 'personal', schema: z.object({}).passthrough(), handle: async (turn) => ({ message: turn.t.privacy.remove.cancelled }) }),
    ],
    downloads: [myDataDownload],
    jobs: [{ name: 'privacy-retention', everyMs: 60 * 60 * 1000, run: runRetention }],
  };
}
