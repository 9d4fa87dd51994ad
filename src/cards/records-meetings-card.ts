import type { MeetingType } from '../domain/meetings/meeting.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, fileAction, plain, textBlock, userText, type AdaptiveCard, type CardElement, type FileLink } from './adaptive-card.js';
import { recordsVerbs } from './records-verbs.js';

/** The meetings a records command can be about, at most this many (the nearest first). */
export const RECORDS_MEETINGS_MAX = 8;

export interface RecordsMeetingsCardModel {
  purpose: 'notice' | 'attendance' | 'minutes';
  meetings: ReadonlyArray<{ meetingId: string; type: MeetingType; title: string; when: string; cancelled: boolean }>;
  /** Leadership: the agenda, attendance, decisions and minutes buttons, per capsulam and the registrar's export. */
  leadership: boolean;
  exportLink?: FileLink | undefined;
}

/**
 * Which meeting a records command is about: the nearest meetings with a button per thing the viewer may open.
 * Leadership gets the agenda, notice, attendance, decision form and minutes; an invitee the notice and the minutes.
 */
export function recordsMeetingsCard(model: RecordsMeetingsCardModel, t: Catalogue): AdaptiveCard {
  const p = t.records.meetingsPicker;
  const body: CardElement[] = [textBlock(p.heading[model.purpose], { size: 'Medium', weight: 'Bolder' })];
  if (model.meetings.length === 0) body.push(textBlock(p.none, { isSubtle: true }));
  else body.push(textBlock(p.intro, { isSubtle: true, spacing: 'None' }));
  for (const m of model.meetings.slice(0, RECORDS_MEETINGS_MAX)) {
    const data = { meetingId: m.meetingId };
    const buttons = model.leadership
      ? [
          execute(p.agenda, recordsVerbs.agenda, data),
          execute(p.attendance, recordsVerbs.attendance, data),
          execute(p.decisions, recordsVerbs.decisionForm, data),
          execute(p.minutes, recordsVerbs.minutes, data),
        ]
      : [execute(p.notice, recordsVerbs.notice, data), execute(p.minutes, recordsVerbs.minutes, data)];
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: [
        userText(m.title, { weight: 'Bolder' }),
        textBlock(plain(`${t.meetings.types[m.type]} · ${m.when}${m.cancelled ? ` · ${p.cancelled}` : ''}`), { isSubtle: true, size: 'Small', spacing: 'None' }),
        { type: 'ActionSet', actions: buttons },
      ],
    });
  }
  const actions: CardElement[] = [];
  if (model.leadership) {
    actions.push(execute(p.perCapsulam, recordsVerbs.perCapsulamForm, {}));
    if (model.exportLink) actions.push(fileAction(p.export, model.exportLink));
  }
  return adaptiveCard(body, actions);
}
