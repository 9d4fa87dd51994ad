import type { MeetingType, RsvpValue } from '../domain/meetings/meeting.js';
import { guestLines } from '../domain/records/attendance.js';
import type { AttendanceStatus, Guest, QuorumSnapshot } from '../domain/records/record.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, errorBlock, execute, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { constituencyName, cut } from './records-card-parts.js';
import { attendanceInputIds, recordsVerbs } from './records-verbs.js';

export interface AttendanceLineView {
  personId: string;
  name: string;
  organisation: string;
  role: 'seatHolder' | 'substitute' | 'other';
  /** A seat holder's constituency key ("vastmanland"). */
  constituency?: string | undefined;
  status: AttendanceStatus;
  /** What they answered to the invitation; 'none' when they did not answer, undefined when they were not invited. */
  rsvp?: RsvpValue | 'none' | undefined;
  /** For a substitute: the seats they may act for (labels pre-resolved, e.g. "Västmanland (Erik Demoberg)"). */
  seatChoices?: ReadonlyArray<{ seatId: string; label: string }> | undefined;
  actingForSeatId?: string | undefined;
}

export interface AttendanceCardModel {
  meetingId: string;
  type: MeetingType;
  title: string;
  /** Pre-formatted, Stockholm time. */
  when: string;
  /** Everyone on the list; the card shows one page of them. */
  lines: readonly AttendanceLineView[];
  /** 0-based page. */
  page: number;
  guests: readonly Guest[];
  /** The quorum as assessed for what the card shows; null for a meeting without seats. */
  quorum: (QuorumSnapshot & { composition: ReadonlyArray<{ constituency: string; filled: number; total: number }> }) | null;
  recorded?: { date: string; name: string } | undefined;
  /** The minutes are approved: the card only shows. */
  locked: boolean;
  /** What was wrong with the last save, already worded and escaped. */
  problems?: readonly string[] | undefined;
  notice?: string | undefined;
}

/**
 * People per page. A line is at most about 1.5 KB of card JSON (name and organisation shown up to 80 characters,
 * the status choice, a substitute's seat choice); 15 lines and the quorum stay under Teams' card size (tested with
 * worst-case names in attendance-card.test.ts). The yearly meeting has some 45 invitees: three pages.
 */
export const ATTENDANCE_PAGE_SIZE = 15;
/** Guests longer than this (as text) get a page of their own after the people; shorter, they share the last page. */
export const GUESTS_INLINE_MAX = 2000;
/** Names and organisations come from the roster; on this card they are shown up to this length (seat labels shorter). */
const SHOWN_MAX = 80;
const SEAT_LABEL_MAX = 60;

const STATUSES: readonly AttendanceStatus[] = ['present', 'absent', 'unknown'];

function quorumBlock(quorum: NonNullable<AttendanceCardModel['quorum']>, t: Catalogue): CardElement {
  const q = t.records.quorum;
  const color = quorum.status === 'quorate' ? 'Good' : quorum.status === 'belowQuorum' ? 'Attention' : 'Warning';
  const items: CardElement[] = [textBlock(q.status[quorum.status], { weight: 'Bolder', color })];
  if (quorum.status !== 'notApplicable') {
    items.push(textBlock(q.line(quorum), { spacing: 'None' }));
    const parts = quorum.composition.map((c) => q.part({ name: constituencyName(t, c.constituency), filled: c.filled, total: c.total })).join(' · ');
    if (parts) items.push(textBlock(plain(q.composition({ parts })), { spacing: 'None' }));
    items.push(textBlock(q.assumption, { isSubtle: true, size: 'Small', spacing: 'Small' }));
  }
  return { type: 'Container', style: quorum.status === 'belowQuorum' ? 'attention' : 'emphasis', spacing: 'Medium', items };
}

/**
 * Leadership records who attended: one line per person, prefilled (from the RSVPs, or as recorded), a substitute's
 * seat, guests one per line, and the quorum with the composition. Long lists come in pages; the buttons save the page
 * shown before moving on.
 */
export function attendanceCard(model: AttendanceCardModel, t: Catalogue): AdaptiveCard {
  const a = t.records.attendance;
  const guestsText = guestLines(model.guests);
  const peoplePages = Math.max(1, Math.ceil(model.lines.length / ATTENDANCE_PAGE_SIZE));
  const guestsPage = Array.from(guestsText).length > GUESTS_INLINE_MAX;
  const pages = peoplePages + (guestsPage ? 1 : 0);
  const page = Math.min(Math.max(0, Math.trunc(model.page)), pages - 1);
  const shown = model.lines.slice(page * ATTENDANCE_PAGE_SIZE, (page + 1) * ATTENDANCE_PAGE_SIZE);
  // The guests box: on the last page of people, or on a page of its own when the text is long.
  const showGuests = guestsPage ? page === pages - 1 : page === peoplePages - 1;

  const body: CardElement[] = [];
  if (model.notice) body.push({ type: 'Container', style: 'emphasis', items: [textBlock(model.notice, { weight: 'Bolder' })] });
  body.push(textBlock(plain(`${a.label} · ${t.meetings.types[model.type]}`), { isSubtle: true, size: 'Small' }));
  body.push(userText(model.title, { size: 'Medium', weight: 'Bolder' }), textBlock(plain(model.when), { isSubtle: true, spacing: 'None' }));
  for (const p of model.problems ?? []) body.push(errorBlock(p));
  if (model.locked) body.push(textBlock(a.locked, { weight: 'Bolder' }));
  else if (!model.recorded) body.push(textBlock(a.intro, { isSubtle: true, size: 'Small' }));
  if (model.recorded) body.push(textBlock(plain(a.recorded(model.recorded)), { isSubtle: true, size: 'Small', spacing: 'None' }));
  if (model.quorum) body.push(quorumBlock(model.quorum, t));
  if (pages > 1 && shown.length > 0) {
    body.push(textBlock(a.page({ from: page * ATTENDANCE_PAGE_SIZE + 1, to: page * ATTENDANCE_PAGE_SIZE + shown.length, total: model.lines.length }), { isSubtle: true, spacing: 'Medium' }));
  }

  for (const line of shown) {
    const role =
      line.role === 'seatHolder' && line.constituency ? a.seatOf({ seat: constituencyName(t, line.constituency) }) : line.role === 'substitute' ? t.records.roles.substitute : '';
    const rsvp = line.rsvp === undefined ? '' : line.rsvp === 'none' ? a.noRsvp : a.rsvp({ answer: t.meetings.answers[line.rsvp] });
    const who: CardElement[] = [
      textBlock(plain(cut(line.name, SHOWN_MAX)), { weight: 'Bolder' }),
      textBlock(plain([cut(line.organisation, SHOWN_MAX), role, rsvp].filter(Boolean).join(' · ')), { isSubtle: true, size: 'Small', spacing: 'None' }),
    ];
    const status: CardElement = model.locked
      ? textBlock(a.status[line.status], { weight: 'Bolder', color: line.status === 'present' ? 'Good' : line.status === 'absent' ? 'Attention' : 'Default' })
      : {
          type: 'Input.ChoiceSet',
          id: attendanceInputIds.status(line.personId),
          style: 'compact',
          value: line.status,
          choices: STATUSES.map((s) => ({ title: a.status[s], value: s })),
        };
    const items: CardElement[] = [
      { type: 'ColumnSet', columns: [{ type: 'Column', width: 'stretch', items: who }, { type: 'Column', width: 'auto', verticalContentAlignment: 'Center', items: [status] }] },
    ];
    if (line.role === 'substitute' && line.seatChoices && line.seatChoices.length > 0 && !model.locked) {
      items.push({
        type: 'Input.ChoiceSet',
        id: attendanceInputIds.seat(line.personId),
        label: a.actingFor,
        style: 'compact',
        value: line.actingForSeatId ?? '',
        choices: [{ title: a.notActing, value: '' }, ...line.seatChoices.map((s) => ({ title: cut(s.label, SEAT_LABEL_MAX), value: s.seatId }))],
      });
    } else if (line.role === 'substitute' && line.actingForSeatId) {
      const label = line.seatChoices?.find((s) => s.seatId === line.actingForSeatId)?.label ?? line.actingForSeatId;
      items.push(textBlock(plain(`${a.actingFor}: ${cut(label, SEAT_LABEL_MAX)}`), { size: 'Small', spacing: 'None' }));
    }
    body.push({ type: 'Container', separator: true, spacing: 'Small', items });
  }

  const actions: CardElement[] = [];
  if (model.locked) {
    if (showGuests && model.guests.length > 0) body.push(textBlock(a.guests, { weight: 'Bolder', spacing: 'Medium' }), userText(guestsText));
  } else {
    if (showGuests) body.push({ type: 'Input.Text', id: attendanceInputIds.guests, label: a.guests, placeholder: a.guestsHint, isMultiline: true, value: guestsText, spacing: 'Medium' });
    const data = { meetingId: model.meetingId, page, personIds: shown.map((l) => l.personId).join(',') };
    actions.push(execute(a.save, recordsVerbs.saveAttendance, data, { style: 'positive' }));
    if (page > 0) actions.push(execute(a.previous, recordsVerbs.saveAttendance, { ...data, goTo: page - 1 }));
    if (page < pages - 1) actions.push(execute(a.next, recordsVerbs.saveAttendance, { ...data, goTo: page + 1 }));
  }
  return adaptiveCard(body, actions);
}
