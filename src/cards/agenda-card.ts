import type { MeetingType } from '../domain/meetings/meeting.js';
import { RECORD_LIMITS } from '../domain/records/common.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, errorBlock, execute, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { cut, fitCard } from './records-card-parts.js';
import { agendaInputIds, recordsVerbs } from './records-verbs.js';

export interface AgendaPaperRow {
  paperId: string;
  title: string;
  late: boolean;
}

export interface AgendaCardModel {
  meetingId: string;
  type: MeetingType;
  title: string;
  /** Pre-formatted, Stockholm time. */
  when: string;
  items: ReadonlyArray<{
    itemId: string;
    title: string;
    description?: string | undefined;
    presenterName?: string | undefined;
    papers: readonly AgendaPaperRow[];
    /** False when a decision or action points at it (it cannot be removed). */
    removable: boolean;
  }>;
  /** Papers for the meeting as a whole. */
  papers: readonly AgendaPaperRow[];
  /** When the notice was or will be sent, pre-formatted. */
  noticeState: { sent: boolean; date: string };
  /** Changes not yet announced to the invitees, and the revision they bring them to. */
  pendingChanges: number;
  revision: number;
  locked: boolean;
  /** What the person typed, kept when the card comes back with a problem. */
  values?: Partial<Record<keyof typeof agendaInputIds, string>> | undefined;
  problems?: readonly string[] | undefined;
  /** What just happened (item added, notice sent…), already escaped. */
  notice?: string | undefined;
}

/** Levels of detail, most first: an agenda near the limits is shown with shorter texts (the notice card has them whole). */
const LEVELS = [
  { description: 300, text: 200, presenter: true },
  { description: 120, text: 120, presenter: true },
  { description: 0, text: 80, presenter: true },
  { description: 0, text: 40, presenter: false },
] as const;
type Level = (typeof LEVELS)[number];

/**
 * Leadership's agenda editor: the items in order with their papers; one picker for the item to move or remove and one
 * for the paper to remove (a button per row would not fit a long agenda in a card); a form to add an item and one to
 * add a paper (a link, to an item or the whole meeting); the notice's state and — once the notice is out — the
 * changes waiting to be announced. Locked minutes: read only.
 */
export function agendaCard(model: AgendaCardModel, t: Catalogue): AdaptiveCard {
  return fitCard(LEVELS, (level) => build(model, t, level)).card;
}

function build(model: AgendaCardModel, t: Catalogue, level: Level): { card: AdaptiveCard; shortened: boolean } {
  const f = t.records.agendaForm;
  const n = t.records.notice;
  let shortened = false;
  const text = (s: string, max: number = level.text) => {
    const c = cut(s, max);
    shortened ||= c !== s;
    return c;
  };
  const body: CardElement[] = [];
  if (model.notice) body.push({ type: 'Container', style: 'emphasis', items: [textBlock(model.notice, { weight: 'Bolder' })] });
  body.push(textBlock(plain(`${n.agenda} · ${t.meetings.types[model.type]}`), { isSubtle: true, size: 'Small' }), userText(model.title, { size: 'Medium', weight: 'Bolder' }));
  body.push(textBlock(plain(model.when), { isSubtle: true, spacing: 'None' }));
  body.push(textBlock(model.noticeState.sent ? n.sent({ date: plain(model.noticeState.date) }) : n.notSent({ date: plain(model.noticeState.date) }), { size: 'Small', spacing: 'Small' }));
  if (model.noticeState.sent && !model.locked) body.push(textBlock(f.afterNotice, { isSubtle: true, size: 'Small', spacing: 'None' }));
  for (const p of model.problems ?? []) body.push(errorBlock(p));

  const paperLines = (papers: readonly AgendaPaperRow[]): CardElement[] =>
    papers.map((p) => textBlock(`• ${plain(text(p.title))}${p.late ? ` · **${n.late}**` : ''}`, { spacing: 'None', ...(p.late ? { color: 'Attention' } : {}) }));

  if (model.items.length === 0) body.push(textBlock(n.noAgenda, { isSubtle: true, spacing: 'Medium' }));
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
    if (item.description && level.description > 0) items.push({ ...userText(text(item.description, level.description), { isSubtle: true }), spacing: 'None' });
    else if (item.description) shortened = true;
    if (item.presenterName && level.presenter) items.push(textBlock(n.presenter({ name: plain(text(item.presenterName)) }), { isSubtle: true, size: 'Small', spacing: 'None' }));
    else if (item.presenterName) shortened = true;
    items.push(...paperLines(item.papers));
    body.push({ type: 'Container', separator: true, spacing: 'Small', items });
  });
  if (model.papers.length > 0) body.push(textBlock(n.generalPapers, { weight: 'Bolder', spacing: 'Medium' }), ...paperLines(model.papers));

  const actions: CardElement[] = [];
  if (!model.locked) {
    const v = model.values ?? {};
    const value = (k: keyof typeof agendaInputIds) => (v[k] ? { value: v[k] } : {});
    const choiceStyle = (count: number) => (count > 15 ? 'filtered' : 'compact');
    const choiceMax = Math.min(60, level.text);
    const itemChoices = model.items.map((item, i) => ({ title: `${i + 1}. ${cut(item.title, choiceMax)}`, value: item.itemId }));
    if (model.items.length > 0) {
      body.push(
        { type: 'Input.ChoiceSet', id: agendaInputIds.item, label: f.itemToChange, style: choiceStyle(itemChoices.length), value: itemChoices[0]?.value ?? '', choices: itemChoices, spacing: 'Large', separator: true },
        {
          type: 'ActionSet',
          actions: [
            execute(f.moveUp, recordsVerbs.moveAgendaItem, { meetingId: model.meetingId, direction: 'up' }),
            execute(f.moveDown, recordsVerbs.moveAgendaItem, { meetingId: model.meetingId, direction: 'down' }),
            execute(f.remove, recordsVerbs.removeAgendaItem, { meetingId: model.meetingId }),
          ],
        },
      );
    }
    const allPapers = [...model.items.flatMap((item) => item.papers), ...model.papers];
    if (allPapers.length > 0) {
      const paperChoices = allPapers.map((p) => ({ title: cut(p.title, choiceMax), value: p.paperId }));
      body.push(
        { type: 'Input.ChoiceSet', id: agendaInputIds.paper, label: f.paperToRemove, style: choiceStyle(paperChoices.length), value: paperChoices[0]?.value ?? '', choices: paperChoices, spacing: 'Medium' },
        { type: 'ActionSet', actions: [execute(f.remove, recordsVerbs.removePaper, { meetingId: model.meetingId })] },
      );
    }
    body.push(
      textBlock(f.addItem, { weight: 'Bolder', size: 'Medium', spacing: 'Large', separator: true }),
      { type: 'Input.Text', id: agendaInputIds.title, label: f.itemTitle, maxLength: RECORD_LIMITS.agendaTitle, ...value('title') },
      { type: 'Input.Text', id: agendaInputIds.description, label: f.itemDescription, isMultiline: true, maxLength: RECORD_LIMITS.agendaDescription, ...value('description') },
      { type: 'Input.Text', id: agendaInputIds.presenterName, label: f.presenterName, maxLength: RECORD_LIMITS.guestName, ...value('presenterName') },
      { type: 'ActionSet', actions: [execute(f.addItem, recordsVerbs.addAgendaItem, { meetingId: model.meetingId })] },
      textBlock(f.addPaper, { weight: 'Bolder', size: 'Medium', spacing: 'Large', separator: true }),
      { type: 'Input.Text', id: agendaInputIds.paperTitle, label: f.paperTitle, maxLength: RECORD_LIMITS.paperTitle, ...value('paperTitle') },
      { type: 'Input.Text', id: agendaInputIds.paperUrl, label: f.paperUrl, style: 'Url', maxLength: RECORD_LIMITS.link, ...value('paperUrl') },
      {
        type: 'Input.ChoiceSet',
        id: agendaInputIds.paperItem,
        label: f.paperItem,
        style: choiceStyle(itemChoices.length + 1),
        value: v.paperItem ?? '',
        choices: [{ title: f.paperItemNone, value: '' }, ...itemChoices],
      },
      { type: 'ActionSet', actions: [execute(f.addPaper, recordsVerbs.addPaper, { meetingId: model.meetingId })] },
    );
    if (!model.noticeState.sent && model.items.length > 0) actions.push(execute(n.sendNow, recordsVerbs.sendNotice, { meetingId: model.meetingId }, { style: 'positive' }));
    if (model.noticeState.sent && model.pendingChanges > 0) {
      actions.push(execute(n.announce({ count: model.pendingChanges }), recordsVerbs.announceChanges, { meetingId: model.meetingId, revision: model.revision }, { style: 'positive' }));
    }
  }
  if (shortened) body.push(textBlock(n.shortened, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  actions.push(execute(n.show, recordsVerbs.notice, { meetingId: model.meetingId }));
  return { card: adaptiveCard(body, actions), shortened };
}
