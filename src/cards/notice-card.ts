import type { MeetingType } from '../domain/meetings/meeting.js';
import type { NoticeChange } from '../domain/records/record.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, factSet, openUrl, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { cut, fitCard, markdownLink } from './records-card-parts.js';
import { recordsVerbs } from './records-verbs.js';

export interface NoticePaperView {
  paperId: string;
  title: string;
  /**
   * Where the paper opens: its SharePoint/Teams link, or the bot's signed link to an uploaded file. Every row carries
   * its link, so very long links are best given as the bot's own short redirect.
   */
  url?: string | undefined;
  /** For an uploaded file. */
  fileName?: string | undefined;
  /** Added after the notice was sent (sen handling). */
  late: boolean;
}

export interface NoticeItemView {
  itemId: string;
  title: string;
  description?: string | undefined;
  presenterName?: string | undefined;
  papers: readonly NoticePaperView[];
}

export interface NoticeCardModel {
  meetingId: string;
  type: MeetingType;
  title: string;
  /** Pre-formatted, Stockholm time, in the viewer's language. */
  when: string;
  place?: string | undefined;
  onlineUrl?: string | undefined;
  organiserName: string;
  status: 'scheduled' | 'cancelled';
  items: readonly NoticeItemView[];
  /** Papers for the meeting as a whole. */
  papers: readonly NoticePaperView[];
  /** When the card announces changes: what changed since the invitees were last told. */
  changes?: readonly NoticeChange[] | undefined;
  /** For leadership: when the notice was or will be sent (pre-formatted), and what they can do now. */
  leadership?:
    | { sent: boolean; date: string; canSend: boolean; pendingChanges: number; revision: number }
    | undefined;
  /** Why the card comes now, already escaped. */
  notice?: string | undefined;
}

/**
 * Levels of detail, most first: descriptions shortened step by step and then left out, then titles and names
 * shortened, presenters left out. An ordinary agenda shows everything; only one near the limits (20 items, 30 papers, long texts) is cut.
 */
const LEVELS = [
  { description: 2000, text: 200, presenter: true },
  { description: 800, text: 200, presenter: true },
  { description: 300, text: 200, presenter: true },
  { description: 120, text: 200, presenter: true },
  { description: 0, text: 200, presenter: true },
  { description: 0, text: 100, presenter: true },
  { description: 0, text: 60, presenter: true },
  { description: 0, text: 40, presenter: false },
] as const;

/** One line per paper: a link (never markdown from the title: it is escaped), with "Sen handling" after a late one. */
function paperRows(papers: readonly NoticePaperView[], t: Catalogue, textMax: number): CardElement[] {
  const n = t.records.notice;
  return papers.map((p) => {
    const title = cut(p.title, textMax);
    const link = p.url ? markdownLink(title, p.url) : plain(title);
    const file = p.fileName ? ` (${plain(cut(p.fileName, textMax))})` : '';
    return textBlock(`${link}${file}${p.late ? ` · **${n.late}**` : ''}`, { spacing: 'Small', ...(p.late ? { color: 'Attention' } : {}) });
  });
}

export function changeLine(change: NoticeChange, t: Catalogue): string {
  const c = t.records.changes;
  return change.kind === 'agendaReordered' ? c.agendaReordered : c[change.kind]({ title: change.title });
}

/**
 * The notice (kallelse): the meeting, its agenda with each item's papers, the papers for the whole meeting, late
 * papers marked. Sent to every invitee; the same card announces changes (with `changes`). Leadership sees when it goes
 * out and can send it now or announce the changes.
 */
export function noticeCard(model: NoticeCardModel, t: Catalogue): AdaptiveCard {
  const n = t.records.notice;
  const build = (level: (typeof LEVELS)[number]) => {
    let shortened = level.text < 200 || !level.presenter;
    const text = (s: string) => cut(s, level.text);
    const body: CardElement[] = [];
    if (model.notice) body.push({ type: 'Container', style: 'emphasis', items: [textBlock(model.notice, { weight: 'Bolder' })] });
    body.push(textBlock(plain(`${n.label} · ${t.meetings.types[model.type]}`), { isSubtle: true, size: 'Small' }), userText(model.title, { size: 'Medium', weight: 'Bolder' }));
    if (model.status === 'cancelled') body.push(textBlock(n.cancelled, { color: 'Attention', weight: 'Bolder' }));
    if (model.changes && model.changes.length > 0) {
      body.push({
        type: 'Container',
        style: 'attention',
        items: [textBlock(n.changesHeading, { weight: 'Bolder' }), ...model.changes.map((c) => textBlock(plain(`• ${changeLine(c, t)}`), { spacing: 'None' }))],
      });
    }
    const facts: [string, string][] = [[n.when, model.when]];
    if (model.place) facts.push([n.place, plain(model.place)]);
    if (model.onlineUrl) facts.push([n.online, plain(model.onlineUrl)]);
    facts.push([n.organiser, plain(model.organiserName)]);
    body.push(factSet(facts));

    body.push(textBlock(n.agenda, { weight: 'Bolder', size: 'Medium', spacing: 'Medium' }));
    if (model.items.length === 0) body.push(textBlock(n.noAgenda, { isSubtle: true }));
    model.items.forEach((item, i) => {
      const items: CardElement[] = [
        {
          type: 'RichTextBlock',
          inlines: [
            { type: 'TextRun', text: `${i + 1}. `, weight: 'Bolder' },
            { type: 'TextRun', text: text(item.title), weight: 'Bolder' },
          ],
        },
      ];
      if (item.description && level.description > 0) {
        const description = cut(item.description, level.description);
        shortened ||= description !== item.description;
        items.push({ ...userText(description, { isSubtle: true }), spacing: 'None' });
      } else if (item.description) shortened = true;
      if (item.presenterName && level.presenter) items.push(textBlock(plain(n.presenter({ name: text(item.presenterName) })), { isSubtle: true, size: 'Small', spacing: 'None' }));
      items.push(...paperRows(item.papers, t, level.text));
      body.push({ type: 'Container', spacing: 'Medium', items });
    });
    if (model.papers.length > 0) body.push(textBlock(n.generalPapers, { weight: 'Bolder', spacing: 'Medium' }), ...paperRows(model.papers, t, level.text));

    if (shortened) body.push(textBlock(n.shortened, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
    const actions: CardElement[] = [];
    const lead = model.leadership;
    if (lead) {
      body.push(textBlock(lead.sent ? n.sent({ date: lead.date }) : n.notSent({ date: lead.date }), { isSubtle: true, size: 'Small', spacing: 'Medium' }));
      if (lead.canSend && model.status === 'scheduled') actions.push(execute(n.sendNow, recordsVerbs.sendNotice, { meetingId: model.meetingId }, { style: 'positive' }));
      if (lead.pendingChanges > 0 && model.status === 'scheduled') {
        actions.push(execute(n.announce({ count: lead.pendingChanges }), recordsVerbs.announceChanges, { meetingId: model.meetingId, revision: lead.revision }));
      }
    }
    if (model.onlineUrl && model.status === 'scheduled') actions.push(openUrl(n.joinOnline, model.onlineUrl));
    return { card: adaptiveCard(body, actions), shortened };
  };
  return fitCard(LEVELS, build).card;
}
