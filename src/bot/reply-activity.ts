import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { AdaptiveCard } from '../cards/adaptive-card.js';
import type { ReplyMessage } from '../outbound/message.js';

/** Content types of Teams' file cards (learn.microsoft.com › Teams › Send and receive files using bots). */
export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';

export const cardMessage = (card: AdaptiveCard): Partial<Activity> => MessageFactory.attachment(CardFactory.adaptiveCard(card));

/** The activity that carries a reply: text, an Adaptive Card, or a file consent / file info card. */
export function replyActivity(message: ReplyMessage): Partial<Activity> {
  if (typeof message === 'string') return { type: 'message', text: message };
  if ('fileConsent' in message) {
    const { name, ...content } = message.fileConsent;
    return MessageFactory.attachment({ contentType: FILE_CONSENT_CONTENT_TYPE, name, content });
  }
  if ('fileInfo' in message) {
    const { name, contentUrl, uniqueId, fileType } = message.fileInfo;
    return MessageFactory.attachment({ contentType: FILE_INFO_CONTENT_TYPE, name, contentUrl, content: { uniqueId, fileType } });
  }
  return cardMessage(message);
}
