import type { ApprovalState } from '../domain/records/minutes.js';
import { OTHER_ITEM_KEY, type MinutesDocument, type MinutesItem, type MinutesPerson } from '../domain/records/record.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, errorBlock, execute, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { constituencyName, cut, fitCard, refText, tag } from './records-card-parts.js';
import { minutesInputIds, recordsVerbs } from './records-verbs.js';

/** Teams gives user-specific views to at most 60 listed users per card. */
const MAX_REFRESH_USERS = 60;

export interface MinutesSignatoryView {
  personId: string;
  name: string;
  role: 'chair' | 'adjuster';
  state: ApprovalState;
  comment?: string | undefined;
}

export interface MinutesCardModel {
  meetingId: string;
  document: MinutesDocument;
  version: number;
  status: 'draft' | 'justerat';
  /** Pre-formatted time of the meeting, Stockholm. */
  when: string;
  /** Once justerade: the date and the names, pre-formatted. */
  justerat?: { date: string; names: string } | undefined;
  signatories: readonly MinutesSignatoryView[];
  viewer: {
    /** The viewer is the chair or an adjuster. */
    signatoryState?: ApprovalState | undefined;
    /** Programme leadership: edits notes, regenerates, names the signatories. */
    leadership: boolean;
  };
  /** Leadership writing the notes of one section (its key): the card shows that section with a text box. */
  editKey?: string | undefined;
  /** Leadership naming the chair and adjusters: the people present, as picker choices. */
  signatoryChoices?: ReadonlyArray<{ id: string; label: string }> | undefined;
  /** Who gets their own view through Universal Actions refresh (the signatories and leadership in the chat). */
  refreshUserIds?: readonly string[] | undefined;
  problems?: readonly string[] | undefined;
  notice?: string | undefined;
}

/**
 * Levels of detail, most first: notes and decision texts shortened, then left out (decisions cited by number only),
 * then titles shortened, and at last decisions only counted. The card is a view of the minutes; the document (PDF,
 * .docx, text) always has everything, and the card says when it shows less.
 */
const LEVELS = [
  { text: 4000, title: 200, decisions: 'full' },
  { text: 1500, title: 200, decisions: 'full' },
  { text: 700, title: 200, decisions: 'full' },
  { text: 350, title: 200, decisions: 'full' },
  { text: 180, title: 200, decisions: 'full' },
  { text: 90, title: 120, decisions: 'full' },
  { text: 0, title: 80, decisions: 'full' },
  { text: 0, title: 50, decisions: 'count' },
] as const;
type Level = (typeof LEVELS)[number];

function personLine(p: MinutesPerson, t: Catalogue): string {
  if (p.role !== 'substitute') return p.organisation ? `${p.name} (${p.organisation})` : p.name;
  const seat = p.constituency ? constituencyName(t, p.constituency) : '';
  const forWhom = [p.forName, seat].filter(Boolean).join(', ');
  return `${p.name} (${[p.organisation, `${t.records.roles.substitute}${forWhom ? `: ${forWhom}` : ''}`].filter(Boolean).join(', ')})`;
}

function attendanceSection(doc: MinutesDocument, t: Catalogue): CardElement[] {
  const m = t.records.minutes;
  const out: CardElement[] = [textBlock(m.attendance, { weight: 'Bolder', size: 'Medium', spacing: 'Large' })];
  const a = doc.attendance;
  if (!a.recorded) return [...out, textBlock(m.notRecorded, { isSubtle: true })];
  const group = (label: string, people: readonly MinutesPerson[]) => {
    if (people.length > 0) out.push(textBlock(`**${label}:** ${plain(people.map((p) => personLine(p, t)).join('; '))}`, { spacing: 'Small' }));
  };
  group(m.present, a.present);
  group(m.absent, a.absent);
  group(m.unknown, a.unknown);
  if (a.guests.length > 0) out.push(textBlock(`**${m.guests}:** ${plain(a.guests.map((g) => `${g.name} (${g.organisation})`).join('; '))}`, { spacing: 'Small' }));
  if (a.quorum && a.quorum.status !== 'notApplicable') {
    out.push(
      textBlock(`${t.records.quorum.status[a.quorum.status]}. ${t.records.quorum.line(a.quorum)}`, { spacing: 'Small', color: a.quorum.status === 'belowQuorum' ? 'Attention' : 'Default' }),
      textBlock(t.records.quorum.assumption, { isSubtle: true, size: 'Small', spacing: 'None' }),
    );
  }
  return out;
}

function itemSection(item: MinutesItem, number: number | null, t: Catalogue, level: Level): { elements: CardElement[]; shortened: boolean } {
  const m = t.records.minutes;
  let shortened = false;
  const shorten = (s: string) => {
    const c = level.text === 0 ? '' : cut(s, level.text);
    shortened ||= c !== s;
    return c;
  };
  const title = cut(item.title, level.title);
  shortened ||= title !== item.title;
  const items: CardElement[] = [
    item.key === OTHER_ITEM_KEY
      ? textBlock(m.otherItem, { weight: 'Bolder' })
      : {
          type: 'RichTextBlock',
          inlines: [
            { type: 'TextRun', text: `${number}. `, weight: 'Bolder' },
            { type: 'TextRun', text: title, weight: 'Bolder' },
          ],
        },
  ];
  const notes = item.notes === '' ? '' : shorten(item.notes);
  if (notes !== '') items.push({ ...userText(notes), spacing: 'Small' });
  if (level.decisions === 'count' && item.decisions.length > 0) {
    shortened = true;
    items.push(textBlock(m.decisionCount({ count: item.decisions.length }), { spacing: 'Small' }));
  }
  for (const d of level.decisions === 'full' ? item.decisions : []) {
    const struck = d.status !== 'valid';
    items.push({
      type: 'RichTextBlock',
      spacing: 'Small',
      inlines: [
        { type: 'TextRun', text: `${refText(t, d)}${struck ? ` (${t.records.decisionStatus[d.status]})` : ''}${level.text > 0 ? ': ' : ''}`, weight: 'Bolder' },
        ...(level.text > 0 ? [{ type: 'TextRun', text: shorten(d.text), ...(struck ? { strikethrough: true } : {}) }] : []),
      ],
    });
    if (level.text === 0) shortened = true;
    if (d.needNumbers.length > 0) items.push(textBlock(t.records.minutesText.decisionNeeds({ needNumbers: d.needNumbers }), { isSubtle: true, size: 'Small', spacing: 'None' }));
  }
  for (const a of item.actions) {
    items.push(textBlock(`• ${t.records.actionsList.line({ title: plain(cut(a.title, level.title)), owner: plain(a.ownerName), due: a.dueDate })}`, { size: 'Small', spacing: 'None' }));
  }
  return { elements: [{ type: 'Container', separator: true, spacing: 'Medium', items }], shortened };
}

/**
 * The minutes: meeting, attendance with quorum, each agenda item with notes, decisions (cited, struck when withdrawn)
 * and actions; then who approves and where each of them stands. A signatory approves the version shown or asks for a
 * change; leadership writes notes one section at a time, regenerates the draft and names the signatories. Justerade
 * minutes are locked: the card only shows them, with the date and names.
 */
export function minutesCard(model: MinutesCardModel, t: Catalogue): AdaptiveCard {
  const m = t.records.minutes;
  const draft = model.status === 'draft';
  const editing = draft && model.viewer.leadership && model.editKey !== undefined ? model.document.items.find((i) => i.key === model.editKey) : undefined;

  const build = (level: Level) => {
    let shortened = false;
    const body: CardElement[] = [];
    if (model.notice) body.push({ type: 'Container', style: 'emphasis', items: [textBlock(model.notice, { weight: 'Bolder' })] });
    body.push(textBlock(plain(`${m.label} · ${m.version({ version: model.version })} · ${t.meetings.types[model.document.meeting.type]}`), { isSubtle: true, size: 'Small' }));
    body.push(userText(model.document.meeting.title, { size: 'Medium', weight: 'Bolder' }), textBlock(plain(model.when), { isSubtle: true, spacing: 'None' }));
    body.push(draft ? tag(m.draft, 'Warning') : tag(m.justerat({ date: plain(model.justerat?.date ?? ''), names: plain(model.justerat?.names ?? '') }), 'Good'));
    if (!draft) body.push(textBlock(m.locked, { isSubtle: true, size: 'Small', spacing: 'None' }));
    for (const p of model.problems ?? []) body.push(errorBlock(p));

    const actions: CardElement[] = [];
    if (editing) {
      const number = model.document.items.filter((i) => i.key !== OTHER_ITEM_KEY).findIndex((i) => i.key === editing.key) + 1;
      const title = editing.key === OTHER_ITEM_KEY ? m.otherItem : `${number}. ${editing.title}`;
      body.push(textBlock(plain(m.editHeading({ item: title })), { weight: 'Bolder', size: 'Medium', spacing: 'Large' }));
      body.push({ type: 'Input.Text', id: minutesInputIds.notes, label: m.notes, isMultiline: true, maxLength: 4000, value: editing.notes });
      const section = itemSection({ ...editing, notes: '' }, number, t, level);
      body.push(...section.elements);
      actions.push(execute(m.save, recordsVerbs.saveMinutesNotes, { meetingId: model.meetingId, itemKey: editing.key, version: model.version }, { style: 'positive' }));
      return { card: adaptiveCard(body, actions), shortened: section.shortened };
    }

    body.push(...attendanceSection(model.document, t));
    let number = 0;
    for (const item of model.document.items) {
      const n = item.key === OTHER_ITEM_KEY ? null : ++number;
      const section = itemSection(item, n, t, level);
      body.push(...section.elements);
      shortened ||= section.shortened;
    }
    if (shortened) body.push(textBlock(m.shortened, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
    if (draft && model.viewer.leadership) {
      // One picker and one button rather than a button per section: a long agenda would not fit otherwise.
      let k = 0;
      const sections = model.document.items.map((i) => ({ title: i.key === OTHER_ITEM_KEY ? m.otherItem : `${++k}. ${cut(i.title, 60)}`, value: i.key }));
      body.push(
        { type: 'Input.ChoiceSet', id: minutesInputIds.editKey, label: m.editWhich, style: sections.length > 15 ? 'filtered' : 'compact', value: sections[0]?.value ?? '', choices: sections, spacing: 'Medium' },
        { type: 'ActionSet', actions: [execute(m.edit, recordsVerbs.minutes, { meetingId: model.meetingId, edit: true })] },
      );
    }

    body.push(textBlock(m.signatories, { weight: 'Bolder', size: 'Medium', spacing: 'Large' }));
    if (model.signatories.length === 0) body.push(textBlock(m.noSignatories, { isSubtle: true }));
    for (const s of model.signatories) {
      const state = draft ? ` – ${m.state[s.state]}` : '';
      body.push(textBlock(`${s.role === 'chair' ? m.chair : m.adjuster}: ${plain(s.name)}${state}`, { spacing: 'Small', ...(draft && s.state === 'changeRequested' ? { color: 'Attention' } : {}) }));
      if (draft && s.comment && s.state === 'changeRequested') body.push({ ...userText(cut(s.comment, 1000), { isSubtle: true, italic: true }), spacing: 'None' });
    }

    if (draft && model.viewer.leadership && model.signatoryChoices) {
      const choices = model.signatoryChoices.map((c) => ({ title: cut(c.label, 120), value: c.id }));
      const current = (role: 'chair' | 'adjuster') => model.signatories.filter((s) => s.role === role).map((s) => s.personId).join(',');
      body.push(
        textBlock(m.nameSignatories, { weight: 'Bolder', spacing: 'Medium' }),
        { type: 'Input.ChoiceSet', id: minutesInputIds.chair, label: m.chairLabel, style: 'filtered', placeholder: m.pickPerson, choices, value: current('chair') },
        { type: 'Input.ChoiceSet', id: minutesInputIds.adjusters, label: m.adjustersLabel, style: 'filtered', isMultiSelect: true, placeholder: m.pickPerson, choices, value: current('adjuster') },
        { type: 'ActionSet', actions: [execute(m.saveSignatories, recordsVerbs.nameSignatories, { meetingId: model.meetingId })] },
      );
    }

    const mine = model.viewer.signatoryState;
    if (draft && mine !== undefined) {
      if (mine === 'approved') body.push(textBlock(m.youApproved, { weight: 'Bolder', color: 'Good', spacing: 'Medium' }));
      if (mine === 'changeRequested') body.push(textBlock(m.youRequested, { weight: 'Bolder', spacing: 'Medium' }));
      body.push({ type: 'Input.Text', id: minutesInputIds.changeComment, label: m.changeComment, placeholder: m.changeCommentPlaceholder, isMultiline: true, maxLength: 1000, spacing: 'Medium' });
      const data = { meetingId: model.meetingId, version: model.version };
      if (mine !== 'approved') actions.push(execute(m.approve, recordsVerbs.approveMinutes, data, { style: 'positive' }));
      actions.push(execute(m.requestChange, recordsVerbs.requestMinutesChange, data));
    }
    if (draft && model.viewer.leadership) {
      actions.push(execute(m.regenerate, recordsVerbs.draftMinutes, { meetingId: model.meetingId }));
      if (!model.signatoryChoices) actions.push(execute(m.nameSignatories, recordsVerbs.minutes, { meetingId: model.meetingId, signatories: true }));
    }
    const userIds = (model.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS);
    const refresh = userIds.length > 0 ? { refresh: { action: execute(t.meetings.invitation.refresh, recordsVerbs.refresh, { kind: 'minutes', id: model.meetingId }), userIds } } : {};
    return { card: adaptiveCard(body, actions, refresh), shortened };
  };
  return fitCard(LEVELS, build).card;
}
